// SPDX-License-Identifier: MIT
// Session, continued: the proof key of DPoP-bound tokens (RFC 9449). The
// session reads the profile's key from the keychain once, hands its signer
// to API calls (freshTokens, proofKey) and reads it again when a new login
// or another process changed it.
#include "jose/jwt.h"
#include "oauth/dpopsigner.h"
#include "session/session.h"
#include "storage/profilekeys.h"

#include <QCoreApplication>
#include <QTimer>

using namespace Qt::StringLiterals;

SessionJob *Session::freshTokens()
{
    SessionJob *renewal = renew(Need::IfExpired, {});
    if (!m_profile.dpop && !(m_tokens && m_tokens->isDpopBound()))
        return renewal;
    auto *job = new SessionJob(this);
    connect(renewal, &SessionJob::finished, job, [this, job](const SessionResult &r) { withSigner(r, job); });
    return job;
}

SessionJob *Session::proofKey()
{
    auto *job = new SessionJob(this);
    SessionResult r = m_tokens ? SessionResult() : SessionResult::failure(SessionError::NoTokens, QCoreApplication::translate("Sessionproofkey", "There are no tokens for this profile."));
    if (m_tokens)
        r.tokens = *m_tokens;
    QTimer::singleShot(0, job, [this, job, r] { withSigner(r, job); });
    return job;
}

std::shared_ptr<DpopSigner> Session::dpopSigner() const
{
    return m_dpop;
}

QString Session::dpopThumbprint() const
{
    return m_dpop ? m_dpop->thumbprint() : QString();
}

void Session::withSigner(SessionResult result, SessionJob *job)
{
    // A key that is not the one the token names (another process made a new one) is read again.
    const QString jkt = Jwt::boundKey(Jwt::decode(result.tokens.accessToken.toLatin1()).payload);
    if (m_dpop && !jkt.isEmpty() && jkt != m_dpop->thumbprint())
        m_dpop.reset();
    if (!result.ok() || !result.tokens.isDpopBound() || m_dpop) {
        if (result.ok() && result.tokens.isDpopBound())
            result.dpop = m_dpop;
        return job->complete(result);
    }
    auto *key = ProfileKeyJob::obtain(m_services.store, name(), SecretKind::DpopKey, PrivateKey::Type::EcP256,
                                      ProfileKeyJob::Missing::Fail, job);
    connect(key, &ProfileKeyJob::finished, job, [this, job, result](ProfileKeyJob *done) mutable {
        if (!done->key())
            return job->complete(SessionResult::failure(
                    SessionError::Refused, done->errorString() + QCoreApplication::translate("Sessionproofkey", " The access token is bound to it (DPoP) and cannot be used without it; log in again.")));
        if (!m_dpop)
            m_dpop = std::make_shared<DpopSigner>(done->key(), QString(), m_services.clock);
        result.dpop = m_dpop;
        job->complete(result);
    });
}
