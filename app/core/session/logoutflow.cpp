// SPDX-License-Identifier: MIT
#include "session/logoutflow.h"
#include "session/requestcredentials.h"
#include "storage/profilelock.h"
#include "oauth/discoveryclient.h"
#include "http/formencoding.h"
#include "oauth/loopbackreceiver.h"
#include "util/securerandom.h"
#include "oauth/tokenendpointclient.h"
#include "storage/tokenstore.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>

using namespace Qt::StringLiterals;

bool LogoutResult::ok() const
{
    for (const ClaimCheck &s : steps) {
        if (s.result == ClaimCheck::Result::Failed)
            return false;
    }
    return true;
}

LogoutFlow::LogoutFlow(QNetworkAccessManager *network, DiscoveryClient *discovery, TokenStore *store, QObject *parent)
    : QObject(parent), m_network(network), m_discovery(discovery), m_store(store)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        step(u"end session"_s, ClaimCheck::Result::Failed,
             QCoreApplication::translate("LogoutFlow", "The browser did not come back from the issuer within %1 s; the session there may still be open.").arg(m_browserTimeout.count()));
        done();
    });
}

void LogoutFlow::start(const Profile &profile, const std::optional<TokenSet> &tokens, bool endBrowserSession,
                       std::chrono::seconds browserTimeout)
{
    m_profile = profile;
    m_tokens = tokens;
    m_endSession = endBrowserSession;
    m_browserTimeout = browserTimeout;
    m_metadata.reset();
    m_result = LogoutResult();
    m_running = true;
    Q_EMIT progress(QCoreApplication::translate("LogoutFlow", "Logging out of %1").arg(profile.name));
    // Revoke and delete under the profile's session lock, from the tokens
    // stored now: another process may have rotated the refresh token, and
    // its renewal must not write tokens back after they are deleted.
    auto *lock = new ProfileLockJob(m_store->scope(), profile.name, ProfileLock::Kind::Session, std::chrono::seconds(90), this);
    connect(lock, &ProfileLockJob::finished, this, [this, lock](bool ok) {
        lock->deleteLater();
        if (!ok) {
            step(u"forget"_s, ClaimCheck::Result::Failed, lock->errorString());
            return done();
        }
        m_lock = lock->takeLock();
        connect(m_store->load(m_profile.name), &TokenStoreJob::finished, this, [this](TokenStoreJob *read) {
            if (read->tokens())
                m_tokens = read->tokens();
            connect(m_discovery->discover(m_profile.issuer), &DiscoveryJob::finished, this, &LogoutFlow::onDiscovered);
        });
    });
    lock->start();
}

void LogoutFlow::step(const QString &name, ClaimCheck::Result result, const QString &detail)
{
    m_result.steps.append({name, result, detail});
    Q_EMIT progress(detail);
}

void LogoutFlow::onDiscovered(const DiscoveryResult &result)
{
    if (!m_running || m_metadata)
        return;
    if (!result.metadata) {
        step(u"revoke"_s, ClaimCheck::Result::Failed, QCoreApplication::translate("LogoutFlow", "Could not reach the issuer to revoke the refresh token: ") + result.error);
        return removeTokens();
    }
    m_metadata = result.metadata;
    revoke();
}

void LogoutFlow::revoke()
{
    if (!m_tokens || m_tokens->refreshToken.isEmpty()) {
        step(u"revoke"_s, ClaimCheck::Result::NotChecked, QCoreApplication::translate("LogoutFlow", "No refresh token to revoke."));
        return removeTokens();
    }
    if (m_metadata->revocationEndpoint.isEmpty()) {
        step(u"revoke"_s, ClaimCheck::Result::NotChecked,
             QCoreApplication::translate("LogoutFlow", "The issuer offers no revocation endpoint; its refresh token stays valid until it expires."));
        return removeTokens();
    }
    // RFC 7009 2.1: the client authenticates as at the token endpoint (a
    // public client names itself; a confidential one signs an assertion).
    Profile profile = m_profile;
    profile.dpop = false; // revocation takes no proof
    auto *credentials = RequestCredentialsJob::load(profile, *m_metadata, m_store, systemClock(),
                                                    RequestCredentialsJob::DpopKey::MustExist, this);
    connect(credentials, &RequestCredentialsJob::finished, this, [this](const RequestCredentials &c, const QString &error) {
        if (!error.isEmpty()) {
            step(u"revoke"_s, ClaimCheck::Result::Failed, QCoreApplication::translate("LogoutFlow", "Could not authenticate the client for revocation: ") + error);
            return removeTokens();
        }
        revokeAs(c.client);
    });
}

void LogoutFlow::revokeAs(const ClientCredentials &client)
{
    // A client of its own: one per revocation, gone with its answer.
    auto *endpoint = new TokenEndpointClient(m_network, systemClock(), this);
    connect(endpoint->revoke(m_metadata->revocationEndpoint, client, m_tokens->refreshToken), &RevocationJob::finished, this,
            [this, endpoint](const RevocationResult &r) {
                endpoint->deleteLater();
                if (r.revoked)
                    step(u"revoke"_s, ClaimCheck::Result::Passed, QCoreApplication::translate("LogoutFlow", "Revoked the refresh token at %1.").arg(m_metadata->revocationEndpoint.toString()));
                else
                    step(u"revoke"_s, ClaimCheck::Result::Failed, r.error);
                removeTokens();
            });
}

void LogoutFlow::removeTokens()
{
    connect(m_store->remove(m_profile.name), &TokenStoreJob::finished, this, [this](TokenStoreJob *removed) {
        m_lock.reset(); // revoked and deleted: the browser step needs no lock
        const TokenStoreError e = removed->error();
        const QString m = removed->errorString();
        if (e == TokenStoreError::None)
            step(u"forget"_s, ClaimCheck::Result::Passed, QCoreApplication::translate("LogoutFlow", "Deleted the tokens from %1.").arg(m_store->backendName()));
        else
            step(u"forget"_s, ClaimCheck::Result::Failed, QCoreApplication::translate("LogoutFlow", "Could not delete the tokens: ") + m);
        if (m_endSession)
            endSession();
        else
            done();
    });
}

void LogoutFlow::endSession()
{
    QUrl endpoint;
    if (m_metadata && !m_metadata->endSessionEndpoint.isEmpty())
        endpoint = m_metadata->endSessionEndpoint;
    else if (m_profile.isAuth0())
        endpoint = QUrl(m_profile.issuer.toString() + u"v2/logout"_s);
    if (endpoint.isEmpty()) {
        step(u"end session"_s, ClaimCheck::Result::NotChecked, QCoreApplication::translate("LogoutFlow", "The issuer offers no way to end the browser session."));
        return done();
    }
    m_receiver = new LoopbackReceiver(this);
    if (!m_receiver->listen(m_profile.redirectHost, m_profile.redirectPort)) {
        step(u"end session"_s, ClaimCheck::Result::Failed, m_receiver->errorString());
        return done();
    }
    QUrl back = m_profile.redirectUri(m_receiver->port());
    back.setPath(u"/logged-out"_s);
    const QString state = QString::fromLatin1(SecureRandom::token(24));
    CallbackExpectation expected;
    expected.path = "/logged-out";
    expected.state = state;
    expected.issuer = m_profile.issuer;
    expected.expectCode = false;
    m_receiver->expect(expected);
    FormData params;
    if (m_profile.isAuth0() && endpoint.path() == u"/v2/logout") {
        // Auth0's own logout takes returnTo and client_id, and echoes no state.
        params.add(u"client_id"_s, m_profile.clientId);
        params.add(u"returnTo"_s, back.toString() + u"?state="_s + state);
    } else {
        params.add(u"client_id"_s, m_profile.clientId);
        if (m_tokens && !m_tokens->idToken.isEmpty())
            params.add(u"id_token_hint"_s, m_tokens->idToken);
        params.add(u"post_logout_redirect_uri"_s, back.toString());
        params.add(u"state"_s, state);
    }
    QByteArray query = endpoint.query(QUrl::FullyEncoded).toLatin1();
    if (!query.isEmpty())
        query += '&';
    endpoint.setQuery(QString::fromLatin1(query + params.encode()), QUrl::StrictMode);
    connect(m_receiver, &LoopbackReceiver::finished, this, [this](const AuthorizationCallback &cb) {
        m_timer.stop();
        if (cb.outcome == AuthorizationCallback::Outcome::Code)
            step(u"end session"_s, ClaimCheck::Result::Passed, QCoreApplication::translate("LogoutFlow", "The issuer ended the browser session and sent the browser back."));
        else
            step(u"end session"_s, ClaimCheck::Result::Failed, cb.reason);
        done();
    });
    m_timer.start(m_browserTimeout);
    Q_EMIT progress(QCoreApplication::translate("LogoutFlow", "Ending the browser session at %1").arg(endpoint.toString(QUrl::RemoveQuery)));
    Q_EMIT openBrowserRequested(endpoint);
}

void LogoutFlow::done()
{
    if (!m_running)
        return;
    m_running = false;
    m_lock.reset();
    m_timer.stop();
    if (m_receiver) {
        m_receiver->stop();
        QTimer::singleShot(std::chrono::seconds(3), m_receiver, &QObject::deleteLater);
        m_receiver = nullptr;
    }
    Q_EMIT finished(m_result);
}
