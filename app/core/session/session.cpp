// SPDX-License-Identifier: MIT
#include "session/session.h"
#include "oauth/dpopsigner.h"
#include "session/requestcredentials.h"
#include "oauth/discoveryclient.h"
#include "oauth/tokenendpointclient.h"
#include "storage/profilelock.h"
#include "storage/tokenstore.h"

#include <QCoreApplication>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

Q_LOGGING_CATEGORY(lcSession, "tokenlab.session", QtInfoMsg)

namespace {

bool sameTokens(const std::optional<TokenSet> &a, const std::optional<TokenSet> &b)
{
    if (a.has_value() != b.has_value())
        return false;
    return !a || (a->accessToken == b->accessToken && a->refreshToken == b->refreshToken && a->idToken == b->idToken);
}

// A function, not a static: a static would be translated before main() installs the translator.
QString nothingStored()
{
    return QCoreApplication::translate("Session", "No tokens are stored for this profile (it was logged out, or its tokens forgotten, perhaps by another TokenLab window or command); log in first.");
}

} // namespace

struct Session::Renewal
{
    Need need = Need::Always;
    QString narrowScope;
    QList<QPointer<SessionJob>> waiters;
    std::unique_ptr<ProfileLock> lock;
    TokenSet basis;        // what the renewal started from: the stored tokens
    bool adopted = false;  // the stored tokens were not the ones this process held
};

Session::Session(const Profile &profile, const SessionServices &services, QObject *parent)
    : QObject(parent),
      m_profile(profile),
      m_services(services),
      m_tokenClient(new TokenEndpointClient(services.network, services.clock, this))
{
    m_tokenClient->setTimeout(services.tokenTimeout);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_auto)
            renew(Need::IfDue, {});
    });
    m_expiry.setSingleShot(true);
    connect(&m_expiry, &QTimer::timeout, this, [this] {
        if (m_tokens && !m_tokens->isExpired(m_services.clock()))
            return watchExpiry(); // woken early (a long wait is capped)
        Q_EMIT changed();
    });
}

void Session::watchExpiry()
{
    m_expiry.stop();
    if (!m_tokens || !m_tokens->expiresAt.isValid())
        return;
    const qint64 left = m_services.clock().msecsTo(m_tokens->expiresAt);
    if (left < 0)
        return;
    m_expiry.start(std::chrono::milliseconds(qMin<qint64>(left + 1, 24LL * 3600 * 1000)));
}

Session::~Session()
{
    // Whoever waits hears that the session went (its profile was removed).
    const auto gone = SessionResult::failure(SessionError::NoTokens, QCoreApplication::translate("Session", "The profile was removed."));
    for (auto *r : {m_renewal.get(), m_queued.get()}) {
        if (!r)
            continue;
        for (const QPointer<SessionJob> &job : std::as_const(r->waiters)) {
            if (job)
                job->complete(gone);
        }
    }
}

void Session::setProfile(const Profile &profile)
{
    if (profile.toJson() == m_profile.toJson() && profile.issuer == m_profile.issuer && profile.apiBase == m_profile.apiBase)
        return;
    m_profile = profile;
    recheck(); // the continuity check and the schedule depend on the profile
    Q_EMIT changed();
}

Session::State Session::state() const
{
    if (!m_tokens)
        return m_loaded ? State::SignedOut : State::Unknown;
    if (m_ended)
        return State::Ended;
    if (m_continuity && !m_continuity(*m_tokens).isEmpty())
        return State::Stale;
    return m_tokens->isExpired(m_services.clock()) ? State::Expired : State::SignedIn;
}

bool Session::canRefresh() const
{
    const State s = state();
    return m_tokens && (s == State::SignedIn || s == State::Expired) && refreshable(*m_tokens);
}

QStringList Session::withheldScopes() const
{
    if (!m_tokens)
        return {};
    QStringList withheld;
    const QStringList granted = m_tokens->grantedScopes();
    for (const QString &s : m_tokens->requestedScope.split(u' ', Qt::SkipEmptyParts)) {
        if (!granted.contains(s))
            withheld << s;
    }
    return withheld;
}

void Session::setAutoRefresh(bool enabled)
{
    m_auto = enabled;
    schedule();
}

void Session::setContinuityCheck(std::function<QString(const TokenSet &)> check)
{
    m_continuity = std::move(check);
    recheck();
    Q_EMIT changed();
}

void Session::recheck()
{
    if (m_tokens && m_continuity) {
        const QString stale = m_continuity(*m_tokens);
        if (!stale.isEmpty())
            m_problem = stale;
    }
    schedule();
}

bool Session::refreshable(const TokenSet &tokens) const
{
    return m_profile.isMachineToMachine() || !tokens.refreshToken.isEmpty();
}

QDateTime Session::dueAt(const TokenSet &tokens) const
{
    // The profile's lead before expiry, at most half the lifetime.
    const qint64 lifetime = tokens.obtainedAt.isValid() ? tokens.obtainedAt.secsTo(tokens.expiresAt) : 0;
    const qint64 lead = qMin<qint64>(m_profile.refreshBeforeSeconds, qMax<qint64>(1, lifetime / 2));
    return tokens.expiresAt.addSecs(-lead);
}

bool Session::isDue(const TokenSet &tokens) const
{
    return tokens.expiresAt.isValid() && m_services.clock() >= dueAt(tokens);
}

void Session::schedule()
{
    watchExpiry();
    m_timer.stop();
    if (!m_auto || m_renewal || !m_tokens || state() != State::SignedIn || !refreshable(*m_tokens)
        || !m_tokens->expiresAt.isValid())
        return;
    const qint64 due = m_services.clock().msecsTo(dueAt(*m_tokens));
    m_timer.start(std::chrono::milliseconds(qBound<qint64>(0, due, 24LL * 3600 * 1000)));
}

void Session::adopt(const std::optional<TokenSet> &tokens)
{
    m_loaded = true;
    if (!sameTokens(tokens, m_tokens)) {
        // Tokens that are not the ones the issuer refused: a new login, here or elsewhere.
        m_ended = false;
        m_problem.clear();
        m_storageWarning.clear();
        m_dpop.reset(); // a new login may have made a new proof key: read it again when it is needed
    }
    m_tokens = tokens;
    recheck();
}

SessionJob *Session::reload()
{
    auto *job = new SessionJob(this);
    TokenStoreJob *load = m_services.store->load(name());
    connect(load, &TokenStoreJob::finished, job, [this, job](TokenStoreJob *read) {
        if (m_tokens && !m_storageWarning.isEmpty()) {
            // The keychain could not keep this process's tokens: they are newer
            // than whatever it holds (perhaps a rotated-away refresh token).
            SessionResult kept;
            kept.tokens = *m_tokens;
            kept.storageWarning = m_storageWarning;
            return job->complete(kept);
        }
        if (read->error() == TokenStoreError::NotFound) {
            adopt(std::nullopt);
            Q_EMIT changed();
            return job->complete(SessionResult::failure(SessionError::NoTokens, nothingStored()));
        }
        if (read->error() != TokenStoreError::None) {
            // The keychain did not answer: keep what this process holds, and say why.
            m_loaded = true;
            m_problem = read->errorString();
            Q_EMIT changed();
            return job->complete(SessionResult::failure(SessionError::Refused, read->errorString()));
        }
        const bool changedElsewhere = !sameTokens(read->tokens(), m_tokens);
        adopt(read->tokens());
        Q_EMIT changed();
        SessionResult r;
        r.tokens = *read->tokens();
        r.adopted = changedElsewhere;
        job->complete(r);
    });
    return job;
}

SessionJob *Session::refresh(const QString &narrowScope)
{
    return renew(Need::Always, narrowScope);
}

SessionJob *Session::renew(Need need, const QString &narrowScope)
{
    auto *job = new SessionJob(this);
    if (need == Need::IfExpired && !m_renewal && m_tokens && state() == State::SignedIn) {
        // Current tokens need no lock and no keychain read: another process's
        // renewal would have reached this one as a notice already.
        QTimer::singleShot(0, job, [job, tokens = *m_tokens] {
            SessionResult r;
            r.tokens = tokens;
            job->complete(r);
        });
        return job;
    }
    if (m_renewal) {
        // One renewal at a time in this process. Who asks for no more than the
        // running one does shares its outcome; a forced or narrowed refresh
        // runs after it, from the tokens it leaves.
        if (need == Need::Always && (m_renewal->need != Need::Always || m_renewal->narrowScope != narrowScope)) {
            if (!m_queued)
                m_queued = std::make_unique<Renewal>();
            m_queued->need = need;
            m_queued->narrowScope = narrowScope;
            m_queued->waiters << job;
        } else {
            m_renewal->waiters << job;
        }
        return job;
    }
    m_timer.stop();
    m_renewal = std::make_unique<Renewal>();
    m_renewal->need = need;
    m_renewal->narrowScope = narrowScope;
    m_renewal->waiters << job;
    Q_EMIT changed();
    auto *lock = new ProfileLockJob(m_services.store->scope(), name(), ProfileLock::Kind::Session, m_services.lockTimeout, this);
    connect(lock, &ProfileLockJob::finished, this, [this, lock](bool ok) {
        lock->deleteLater();
        if (!ok)
            return endRenewal(SessionResult::failure(SessionError::Busy, lock->errorString()));
        lockTaken(lock->takeLock());
    });
    lock->start();
    return job;
}

void Session::lockTaken(std::unique_ptr<ProfileLock> lock)
{
    m_renewal->lock = std::move(lock);
    // Another process may have renewed (and rotated) the tokens while this one waited: read them again.
    TokenStoreJob *load = m_services.store->load(name());
    connect(load, &TokenStoreJob::finished, this, [this](TokenStoreJob *read) {
        const bool failed = read->error() != TokenStoreError::None && read->error() != TokenStoreError::NotFound;
        storedTokensRead(read->tokens(), failed, read->errorString());
    });
}

void Session::storedTokensRead(const std::optional<TokenSet> &stored, bool readFailed, const QString &readError)
{
    TokenSet basis;
    if (m_tokens && !m_storageWarning.isEmpty()) {
        // The keychain could not keep this process's tokens: they are the newest copy.
        basis = *m_tokens;
    } else if (readFailed) {
        // Without the keychain's copy this process cannot know whether another
        // one rotated the refresh token; sending an old one could end the login.
        return endRenewal(SessionResult::failure(SessionError::Refused, readError));
    } else if (!stored) {
        adopt(std::nullopt);
        return endRenewal(SessionResult::failure(SessionError::NoTokens, nothingStored()));
    } else {
        m_renewal->adopted = !sameTokens(stored, m_tokens);
        adopt(stored);
        basis = *stored;
    }
    if (m_continuity) {
        const QString stale = m_continuity(basis);
        if (!stale.isEmpty())
            return endRenewal(SessionResult::failure(SessionError::Stale, stale));
    }
    if (m_ended)
        return endRenewal(SessionResult::failure(SessionError::Ended, m_problem));

    const Need need = m_renewal->need;
    const bool current = need == Need::IfExpired ? !basis.isExpired(m_services.clock())
                         : need == Need::IfDue   ? !isDue(basis)
                                                 : false;
    if (current) {
        SessionResult r;
        r.tokens = basis;
        r.adopted = m_renewal->adopted;
        return endRenewal(r);
    }
    if (!refreshable(basis)) {
        return endRenewal(SessionResult::failure(
                SessionError::NoTokens,
                QCoreApplication::translate("Session", "The access token has expired and there is no refresh token; log in again (ask for offline_access to get one).")));
    }
    m_renewal->basis = basis;
    qCDebug(lcSession) << "renewing the tokens of" << name();
    DiscoveryJob *discovery = m_services.discovery->discover(m_profile.issuer);
    connect(discovery, &DiscoveryJob::finished, this, [this](const DiscoveryResult &result) {
        if (!m_renewal)
            return;
        if (!result.metadata)
            return endRenewal(SessionResult::failure(SessionError::Refused, result.error));
        // A refresh of DPoP-bound tokens needs the key they are bound to; a new client-credentials token may have a new one.
        // (Bearer tokens of a profile that has just turned DPoP on may get a new key.)
        const auto keys = m_profile.isMachineToMachine() || !m_renewal->basis.isDpopBound() ? RequestCredentialsJob::DpopKey::CreateMissing
                                                                                             : RequestCredentialsJob::DpopKey::MustExist;
        const QUrl tokenEndpoint = result.metadata->tokenEndpoint;
        Profile profile = m_profile;
        profile.dpop = profile.dpop || m_renewal->basis.isDpopBound(); // bound tokens need their key, whatever the profile says now
        auto *credentials = RequestCredentialsJob::load(profile, *result.metadata, m_services.store, m_services.clock, keys, this);
        connect(credentials, &RequestCredentialsJob::finished, this, [this, tokenEndpoint](const RequestCredentials &c, const QString &error) {
            if (!m_renewal)
                return;
            if (!error.isEmpty())
                return endRenewal(SessionResult::failure(SessionError::Refused, error));
            requestTokens(c, tokenEndpoint);
        });
    });
}

void Session::requestTokens(const RequestCredentials &credentials, const QUrl &tokenEndpoint)
{
    const TokenSet &basis = m_renewal->basis;
    const QString narrow = m_renewal->narrowScope;
    if (credentials.dpop)
        m_dpop = credentials.dpop;
    TokenJob *job = nullptr;
    if (m_profile.isMachineToMachine()) {
        // RFC 6749 4.4: a machine-to-machine client asks again with its credentials.
        job = m_tokenClient->clientCredentials(tokenEndpoint, credentials.client, m_profile.audience, m_profile.resource,
                                               narrow.isEmpty() ? basis.requestedScope : narrow, credentials.dpop);
    } else {
        // RFC 6749 6: the refresh token just read from the keychain, never an older copy.
        job = m_tokenClient->refresh(tokenEndpoint, credentials.client, basis.refreshToken, narrow, basis.requestedScope,
                                     credentials.dpop);
    }
    connect(job, &TokenJob::finished, this, [this, job](const std::optional<TokenSet> &answer, const QString &error) {
        if (!m_renewal)
            return;
        if (!answer) {
            if (job->errorCode() == u"invalid_grant")
                return endRenewal(SessionResult::failure(
                        SessionError::Ended, QCoreApplication::translate("Session", "Session ended: the issuer no longer accepts this login's refresh token. Log in again.")));
            return endRenewal(SessionResult::failure(SessionError::Refused, error));
        }
        const TokenSet &basis = m_renewal->basis;
        TokenSet fresh = m_profile.isMachineToMachine() ? *answer : basis.refreshedWith(*answer);
        if (m_profile.isMachineToMachine())
            fresh.requestedScope = basis.requestedScope;
        // Saved while the session lock is held, so the next process reads these.
        TokenStoreJob *save = m_services.store->save(name(), fresh);
        connect(save, &TokenStoreJob::finished, this, [this, fresh](TokenStoreJob *saved) {
            SessionResult r;
            r.tokens = fresh;
            r.renewed = true;
            if (saved->error() != TokenStoreError::None)
                r.storageWarning = saved->errorString();
            endRenewal(r);
        });
    });
}

void Session::endRenewal(SessionResult result)
{
    // The lock goes first: another process may go on before anyone here hears of it.
    std::unique_ptr<Renewal> renewal = std::move(m_renewal);
    renewal->lock.reset();
    result.adopted = result.adopted || renewal->adopted;
    switch (result.error) {
    case SessionError::None:
        m_ended = false;
        m_tokens = result.tokens;
        if (result.renewed || result.adopted)
            m_storageWarning = result.storageWarning; // otherwise the tokens are where they were
        m_problem.clear();
        m_loaded = true;
        schedule();
        break;
    case SessionError::Ended:
        m_ended = true; // no looping: nothing is scheduled until a new login
        m_problem = result.sentence;
        m_timer.stop();
        break;
    case SessionError::Stale:
        m_problem = result.sentence;
        m_timer.stop();
        break;
    case SessionError::NoTokens:
        m_timer.stop();
        break;
    case SessionError::Refused:
    case SessionError::Busy:
        // A passing failure (network, a keychain that did not answer, a slow
        // process): try again in a while, not in a loop.
        if (m_auto && m_tokens && refreshable(*m_tokens))
            m_timer.start(30s);
        break;
    }
    qCDebug(lcSession) << "renewal of" << name() << (result.ok() ? (result.renewed ? "renewed" : "not needed") : "failed");
    Q_EMIT changed();
    if (result.renewed || result.adopted || !result.ok())
        Q_EMIT refreshed(result);
    for (const QPointer<SessionJob> &job : std::as_const(renewal->waiters)) {
        if (job)
            job->complete(result);
    }
    if (m_queued && !m_renewal) {
        std::unique_ptr<Renewal> next = std::move(m_queued);
        SessionJob *run = renew(next->need, next->narrowScope);
        for (const QPointer<SessionJob> &waiter : std::as_const(next->waiters)) {
            if (waiter)
                connect(run, &SessionJob::finished, waiter, [waiter = waiter.data()](const SessionResult &r) { waiter->complete(r); });
        }
    }
    if (!isBusy())
        Q_EMIT idle();
}

SessionJob *Session::forget(Forget what)
{
    auto *job = new SessionJob(this);
    m_timer.stop();
    ++m_forgets;
    connect(job, &SessionJob::finished, this, [this] {
        if (--m_forgets == 0 && !isBusy())
            Q_EMIT idle();
    });
    // Under the session lock, so a renewal in another process cannot write them back.
    auto *lock = new ProfileLockJob(m_services.store->scope(), name(), ProfileLock::Kind::Session, m_services.lockTimeout, this);
    connect(lock, &ProfileLockJob::finished, job, [this, job, lock, what](bool ok) {
        lock->deleteLater();
        if (!ok)
            return job->complete(SessionResult::failure(SessionError::Busy, lock->errorString()));
        std::shared_ptr<ProfileLock> held(lock->takeLock());
        if (what == Forget::TokensAndKeys) {
            // The issuer may know the keys' public halves, but nothing will use them any more.
            m_dpop.reset();
            for (SecretKind kind : {SecretKind::DpopKey, SecretKind::ClientKey, SecretKind::RegistrationAccessToken})
                m_services.store->removeSecret(name(), kind); // ends on its own; queued before the tokens' removal
        }
        TokenStoreJob *remove = m_services.store->remove(name());
        connect(remove, &TokenStoreJob::finished, job, [this, job, held](TokenStoreJob *removed) mutable {
            held.reset();
            if (removed->error() != TokenStoreError::None) {
                Q_EMIT changed();
                return job->complete(SessionResult::failure(SessionError::Refused, removed->errorString()));
            }
            signedOut();
            job->complete({});
        });
    });
    lock->start();
    return job;
}

void Session::signedIn(const TokenSet &tokens, const QString &storageWarning)
{
    m_loaded = true;
    m_ended = false;
    m_problem.clear();
    m_tokens = tokens;
    m_dpop.reset(); // the login may have made the proof key: read it again when it is needed
    adopt(m_tokens);
    m_storageWarning = storageWarning;
    Q_EMIT changed();
}

void Session::signedOut()
{
    m_loaded = true;
    m_tokens.reset();
    m_dpop.reset();
    m_ended = false;
    m_problem.clear();
    m_storageWarning.clear();
    m_timer.stop();
    m_expiry.stop();
    Q_EMIT changed();
}
