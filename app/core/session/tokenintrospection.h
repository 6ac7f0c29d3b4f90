// SPDX-License-Identifier: MIT
// Asking a profile's issuer what it says of a token (RFC 7662), as one job
// for every front end: the issuer's metadata gives the introspection
// endpoint, the client authenticates as at the token endpoint (a secret,
// private_key_jwt, or none), and the token goes with its type as the hint.
//
//   TokenIntrospectionJob      DiscoveryClient      keychain       issuer
//     | discover(issuer) ------>|                     |              |
//     |<-- introspection_endpoint                     |              |
//     | RequestCredentialsJob (secret or client key) ->|              |
//     | POST token, token_type_hint, client auth ----------------------->|
//     |<-- active, scope, client_id, sub, exp ... ------------------------|
//
// Contract: start() returns at once; exactly one finished(), never before
// start() returns, and the job deletes itself afterwards. The token is sent only to the endpoint the issuer's own
// metadata names.
#pragma once

#include "oauth/introspection.h"
#include "storage/profile.h"

#include <QObject>
#include <QUrl>

class DiscoveryClient;
class QNetworkAccessManager;
class TokenStore;

struct TokenIntrospection
{
    enum class Outcome {
        Answered,           // introspection holds the issuer's answer (active or not)
        MetadataUnreadable, // the issuer's metadata could not be read
        NoEndpoint,         // the issuer names no introspection_endpoint
        NoCredentials,      // the client's secret or key could not be loaded
        NotAnswered,        // the endpoint gave no RFC 7662 answer (a refusal, a transport error)
    };
    Outcome outcome = Outcome::NotAnswered;
    QUrl endpoint;
    QString clientAuthentication; // "client_secret_basic", "none", ...
    Introspection introspection;
    QString error;                // one sentence unless Answered

    bool answered() const { return outcome == Outcome::Answered; }
};

class TokenIntrospectionJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(TokenIntrospectionJob)

public:
    // hint: "access_token" or "refresh_token" (RFC 7662 2.1 token_type_hint).
    static TokenIntrospectionJob *start(const Profile &profile, const QString &token, const QString &hint, QNetworkAccessManager *network,
                                        DiscoveryClient *discovery, TokenStore *store, QObject *parent);

Q_SIGNALS:
    // The endpoint is known and the credentials are loaded: the token is on its way.
    void asking(const QUrl &endpoint, const QString &clientAuthentication);
    void finished(const TokenIntrospection &result);

private:
    using QObject::QObject;
    void run();
    void finish(TokenIntrospection::Outcome outcome, const QString &error);

    Profile m_profile;
    QString m_token;
    QString m_hint;
    QNetworkAccessManager *m_network = nullptr;
    DiscoveryClient *m_discovery = nullptr;
    TokenStore *m_store = nullptr;
    TokenIntrospection m_result;
    bool m_done = false;
};
