// SPDX-License-Identifier: MIT
#include "session/requestcredentials.h"
#include "oauth/clientassertion.h"
#include "oauth/dpopsigner.h"
#include "storage/profilekeys.h"
#include "storage/tokenstore.h"

#include <QCoreApplication>
#include <QTimer>

using namespace Qt::StringLiterals;

RequestCredentialsJob::RequestCredentialsJob(const Profile &profile, const ProviderMetadata &metadata, TokenStore *store,
                                             Clock clock, DpopKey dpopKey, QObject *parent)
    : QObject(parent), m_profile(profile), m_metadata(metadata), m_store(store), m_clock(std::move(clock)), m_dpopKey(dpopKey)
{
}

RequestCredentialsJob *RequestCredentialsJob::load(const Profile &profile, const ProviderMetadata &metadata, TokenStore *store,
                                                   Clock clock, DpopKey dpopKey, QObject *parent)
{
    auto *job = new RequestCredentialsJob(profile, metadata, store, std::move(clock), dpopKey, parent);
    QTimer::singleShot(0, job, &RequestCredentialsJob::loadClient);
    return job;
}

void RequestCredentialsJob::loadClient()
{
    ClientCredentials &client = m_result.client;
    client.clientId = m_profile.clientId;
    if (m_profile.usesClientKey()) {
        client.method = ClientCredentials::Method::PrivateKeyJwt;
        client.assertionAudience = m_profile.assertionAudience == Profile::AssertionAudience::TokenEndpoint
                ? m_metadata.tokenEndpoint.toString()
                : m_metadata.issuer.toString();
        auto *key = ProfileKeyJob::obtain(m_store, m_profile.name, SecretKind::ClientKey, PrivateKey::Type::Rsa2048,
                                          ProfileKeyJob::Missing::Fail, this);
        connect(key, &ProfileKeyJob::finished, this, [this](ProfileKeyJob *done) {
            if (!done->key())
                return finish(done->errorString() + QCoreApplication::translate("RequestCredentials", " Make one with tokenlab-cli profile key %1 (or the profile editor) and register its public key at the issuer.").arg(m_profile.name));
            ClientCredentials &client = m_result.client;
            client.key = done->key();
            client.assertionAlgorithm = ClientAssertion::chooseAlgorithm(*client.key, m_metadata.tokenEndpointAuthSigningAlgs);
            if (client.assertionAlgorithm.isEmpty())
                return finish(QCoreApplication::translate("RequestCredentials", "The issuer accepts client assertions signed with %1 only, and the profile's client key is an %2 key.").arg(
                        m_metadata.tokenEndpointAuthSigningAlgs.join(u", "), client.key->isRsa() ? u"RSA"_s : u"EC"_s));
            loadDpop();
        });
        return;
    }
    if (!m_profile.isMachineToMachine()) {
        client.method = ClientCredentials::Method::None; // a native app is a public client (RFC 8252 8.4)
        return loadDpop();
    }
    client.method = m_profile.clientAuth == Profile::ClientAuth::Basic ? ClientCredentials::Method::Basic : ClientCredentials::Method::Post;
    // The client secret lives in the keychain only; read it for this request.
    connect(m_store->loadSecret(m_profile.name), &TokenStoreJob::finished, this, [this](TokenStoreJob *read) {
        if (read->error() != TokenStoreError::None && read->error() != TokenStoreError::NotFound)
            return finish(read->errorString());
        if (read->error() == TokenStoreError::NotFound || read->secret().isEmpty())
            return finish(QCoreApplication::translate("RequestCredentials", "The profile's client secret is not in the keychain; enter it again (tokenlab-cli profile add ... --client-secret-stdin, or the profile editor)."));
        m_result.client.secret = read->secret();
        loadDpop();
    });
}

void RequestCredentialsJob::loadDpop()
{
    if (!m_profile.dpop)
        return finish();
    const QString alg = DpopSigner::chooseAlgorithm(m_metadata.dpopSigningAlgs);
    if (alg.isEmpty())
        return finish(QCoreApplication::translate("RequestCredentials", "The issuer signs DPoP proofs with %1 only; TokenLab makes ES256, ES384, ES512, PS256 and RS256 proofs.").arg(
                m_metadata.dpopSigningAlgs.join(u", ")));
    const PrivateKey::Type type = PrivateKey::typeFor(alg);
    auto *key = ProfileKeyJob::obtain(m_store, m_profile.name, SecretKind::DpopKey, type,
                                      m_dpopKey == DpopKey::CreateMissing ? ProfileKeyJob::Missing::Create : ProfileKeyJob::Missing::Fail, this);
    connect(key, &ProfileKeyJob::finished, this, [this, alg](ProfileKeyJob *done) {
        if (!done->key())
            return finish(m_dpopKey == DpopKey::MustExist
                                  ? done->errorString() + QCoreApplication::translate("RequestCredentials", " The tokens are bound to it (DPoP) and cannot be renewed without it; log in again.")
                                  : done->errorString());
        // A key kept from before may be of another kind than the issuer now prefers: sign with what it can.
        QString use = alg;
        if (PrivateKey::typeFor(alg) != PrivateKey::typeFor(done->key()->defaultAlgorithm()))
            use = done->key()->defaultAlgorithm();
        if (!m_metadata.dpopSigningAlgs.isEmpty() && !m_metadata.dpopSigningAlgs.contains(use))
            return finish(QCoreApplication::translate("RequestCredentials", "The profile's DPoP key signs %1, which the issuer no longer accepts (%2); remove the keychain entry \"dpop-key:%3\" and log in again.").arg(
                    use, m_metadata.dpopSigningAlgs.join(u", "), m_profile.name));
        if (done->created())
            m_result.notes << QCoreApplication::translate("RequestCredentials", "Made a DPoP proof key (%1) for this profile and kept it in %2.").arg(use, m_store->backendName());
        m_result.dpop = std::make_shared<DpopSigner>(done->key(), use, m_clock);
        finish();
    });
}

void RequestCredentialsJob::finish(const QString &error)
{
    if (!error.isEmpty())
        m_result = RequestCredentials();
    Q_EMIT finished(m_result, error);
    deleteLater();
}
