// SPDX-License-Identifier: MIT
// What a profile's token requests need from the keychain, gathered in one
// place for the login, the renewal and the logout: how the client
// authenticates (none, its secret, or private_key_jwt with its client key)
// and, when the profile uses DPoP, the signer with its proof key.
//
// Keys: a missing DPoP key is made (and kept) when the caller allows it (a
// login); a renewal must not, since its tokens are bound to the old key. A
// missing client key is never made here: its public half must first be
// registered at the issuer (tokenlab-cli profile key NAME).
//
// Contract: load() returns a job that ends in exactly one finished(), on
// every path, never before load() returns, and deletes itself afterwards.
#pragma once

#include "oauth/providermetadata.h"
#include "oauth/tokenendpointclient.h"
#include "storage/profile.h"
#include "util/clock.h"

#include <QObject>
#include <memory>

class DpopSigner;
class TokenStore;

struct RequestCredentials
{
    ClientCredentials client;
    std::shared_ptr<DpopSigner> dpop; // null unless the profile uses DPoP
    QStringList notes;                // what was done on the way ("made a DPoP key")
};

class RequestCredentialsJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(RequestCredentialsJob)

public:
    enum class DpopKey { CreateMissing, MustExist };

    static RequestCredentialsJob *load(const Profile &profile, const ProviderMetadata &metadata, TokenStore *store,
                                       Clock clock, DpopKey dpopKey, QObject *parent);

Q_SIGNALS:
    // error empty: credentials are ready.
    void finished(const RequestCredentials &credentials, const QString &error);

private:
    RequestCredentialsJob(const Profile &profile, const ProviderMetadata &metadata, TokenStore *store, Clock clock,
                          DpopKey dpopKey, QObject *parent);
    void loadClient();
    void loadDpop();
    void finish(const QString &error = {});

    Profile m_profile;
    ProviderMetadata m_metadata;
    TokenStore *m_store;
    Clock m_clock;
    DpopKey m_dpopKey;
    RequestCredentials m_result;
};
