// SPDX-License-Identifier: MIT
#include "storage/keychaintokenstore.h"
#include "storage/tokennotice.h"

#include <QCoreApplication>
#include <qt6keychain/keychain.h>

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPointer>
#include <QTimer>
#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

Q_LOGGING_CATEGORY(lcKeychain, "tokenlab.keychain", QtInfoMsg)

namespace {

constexpr int MaxChunks = 64; // 128 KB of tokens is far past anything sane

// QKeychain's errors, translated once, with what the user can do about them.
TokenStoreError translate(QKeychain::Error error, const QString &detail, QString *sentence)
{
    const QString lower = detail.toLower();
    switch (error) {
    case QKeychain::NoError:
        return TokenStoreError::None;
    case QKeychain::EntryNotFound:
        *sentence = QCoreApplication::translate("KeychainTokenStore", "Nothing is stored in the keychain for this profile.");
        return TokenStoreError::NotFound;
    case QKeychain::NoBackendAvailable:
        *sentence = QCoreApplication::translate("KeychainTokenStore", "No keychain is available (on Linux, no Secret Service such as GNOME Keyring or KWallet answers on the session bus). "
                    "Start your desktop's keyring and try again; until then the tokens are kept in memory for this run only.");
        return TokenStoreError::Unavailable;
    case QKeychain::AccessDeniedByUser:
        *sentence = QCoreApplication::translate("KeychainTokenStore", "You declined TokenLab's access to the keychain; the tokens are kept in memory for this run only.");
        return TokenStoreError::AccessDenied;
    case QKeychain::AccessDenied:
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        break;
    }
    if (lower.contains(u"locked"_s)) {
        *sentence = QCoreApplication::translate("KeychainTokenStore", "The keyring is locked. Unlock your login keyring (for example in Passwords and Keys / Seahorse) and try again; "
                    "until then the tokens are kept in memory for this run only.");
        return TokenStoreError::Locked;
    }
    if (lower.contains(u"could not connect"_s) || lower.contains(u"org.freedesktop.secrets"_s) || lower.contains(u"dbus"_s)
        || lower.contains(u"d-bus"_s) || lower.contains(u".service files"_s) || lower.contains(u"autolaunch"_s)) {
        *sentence = QCoreApplication::translate("KeychainTokenStore", "No keychain could be reached (%1). Make sure a Secret Service such as GNOME Keyring runs in your desktop "
                    "session; until then the tokens are kept in memory for this run only.").arg(detail);
        return TokenStoreError::Unavailable;
    }
    if (error == QKeychain::AccessDenied) {
        *sentence = QCoreApplication::translate("KeychainTokenStore", "The keychain refused access (%1); unlock it or allow TokenLab, then try again.").arg(detail);
        return TokenStoreError::AccessDenied;
    }
    *sentence = QCoreApplication::translate("KeychainTokenStore", "The keychain reported an error: %1").arg(detail.isEmpty() ? QCoreApplication::translate("KeychainTokenStore", "unknown error") : detail);
    return TokenStoreError::Other;
}

QByteArray digest(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

} // namespace

KeychainTokenStore::KeychainTokenStore(QObject *parent)
    : KeychainTokenStore(QString::fromLatin1(ServiceName), 15s, parent)
{
}

KeychainTokenStore::KeychainTokenStore(QString service, std::chrono::milliseconds jobTimeout, QObject *parent)
    : TokenStore(parent), m_service(std::move(service)), m_timeout(jobTimeout)
{
}

QString KeychainTokenStore::backendName() const
{
#if defined(Q_OS_LINUX)
    return QCoreApplication::translate("KeychainTokenStore", "the Secret Service keyring (service \"%1\")").arg(m_service);
#elif defined(Q_OS_MACOS)
    return QCoreApplication::translate("KeychainTokenStore", "the macOS Keychain (service \"%1\")").arg(m_service);
#elif defined(Q_OS_WIN)
    return QCoreApplication::translate("KeychainTokenStore", "Windows Credential Manager (service \"%1\")").arg(m_service);
#else
    return QCoreApplication::translate("KeychainTokenStore", "the OS keychain (service \"%1\")").arg(m_service);
#endif
}

QString KeychainTokenStore::manifestKey(const QString &profile) const
{
    return u"profile:"_s + profile;
}

QString KeychainTokenStore::chunkKey(const QString &profile, const QString &generation, int index) const
{
    return u"profile:%1:%2:%3"_s.arg(profile, generation).arg(index);
}

// ---- one QtKeychain job, with a timeout, ending in exactly one callback ----

namespace {

template<typename JobT>
void runJob(QObject *context, JobT *job, std::chrono::milliseconds timeout, const QString &what,
            std::function<void(QKeychain::Job *, bool timedOut)> finish)
{
    // QtKeychain's job may never finish (a prompt nobody answers): the timer
    // ends our wait, and the job's late answer is ignored.
    auto state = std::make_shared<bool>(false); // true once the wait has ended, either way
    QPointer<QTimer> timer = new QTimer(context);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, context, [state, finish, timer, what] {
        if (*state)
            return;
        *state = true;
        timer->deleteLater();
        qCWarning(lcKeychain) << "keychain job timed out:" << what;
        finish(nullptr, true);
    });
    QObject::connect(job, &QKeychain::Job::finished, context, [state, finish, timer](QKeychain::Job *j) {
        if (*state)
            return; // the answer came after the timeout: ignored
        *state = true;
        if (timer) {
            timer->stop();
            timer->deleteLater();
        }
        finish(j, false);
    });
    timer->start(timeout);
    job->setInsecureFallback(false); // never a plaintext file
    job->setAutoDelete(true);
    job->start();
}

} // namespace

KeychainTokenStore::Result KeychainTokenStore::jobResult(QKeychain::Job *job, bool timedOut, const QString &timeoutSentence) const
{
    Result r;
    if (timedOut) {
        r.error = TokenStoreError::Timeout;
        r.message = QCoreApplication::translate("KeychainTokenStore", "The keychain did not answer within %1 s%2").arg(m_timeout.count() / 1000.0).arg(timeoutSentence);
    } else {
        r.error = translate(job->error(), job->errorString(), &r.message);
    }
    return r;
}

// A function, not a static: a static would be translated before main() installs the translator.
static QString unlockOrMemory()
{
    return QCoreApplication::translate("KeychainTokenStore", "; it may be waiting for you to unlock it. The tokens are kept in memory for this run only.");
}

void KeychainTokenStore::readEntry(const QString &key, Step then)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(key);
    runJob(this, job, m_timeout, key, [this, then, job](QKeychain::Job *j, bool timedOut) {
        Result r = jobResult(j, timedOut, unlockOrMemory());
        if (r.error == TokenStoreError::None)
            r.data = job->textData().toUtf8();
        then(r);
    });
}

void KeychainTokenStore::writeEntry(const QString &key, const QByteArray &data, Step then)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(key);
    job->setTextData(QString::fromUtf8(data)); // JSON text: stored as is, not base64
    runJob(this, job, m_timeout, key,
           [this, then](QKeychain::Job *j, bool timedOut) { then(jobResult(j, timedOut, unlockOrMemory())); });
}

void KeychainTokenStore::deleteEntry(const QString &key, Step then)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(key);
    runJob(this, job, m_timeout, key, [this, then](QKeychain::Job *j, bool timedOut) {
        then(jobResult(j, timedOut, QCoreApplication::translate("KeychainTokenStore", " while deleting; try again once it is unlocked.")));
    });
}

void KeychainTokenStore::deleteChunks(const QString &profile, const QString &generation, int count,
                                      std::function<void()> then)
{
    if (count <= 0)
        return then();
    deleteEntry(chunkKey(profile, generation, count - 1), [this, profile, generation, count, then](const Result &) {
        deleteChunks(profile, generation, count - 1, then);
    });
}

// ---- per-profile queue ------------------------------------------------------

void KeychainTokenStore::enqueue(const QString &profile, QueuedCall op)
{
    QQueue<QueuedCall> &queue = m_queues[profile];
    queue.enqueue(std::move(op));
    if (queue.size() == 1)
        QTimer::singleShot(0, this, [this, profile] {
            if (!m_queues.value(profile).isEmpty())
                m_queues[profile].head()();
        });
}

void KeychainTokenStore::locked(const QString &profile, QueuedCall op, std::function<void(const QString &)> failed)
{
    auto *job = new ProfileLockJob(m_service, profile, ProfileLock::Kind::Store, m_timeout, this);
    connect(job, &ProfileLockJob::finished, this, [this, job, profile, op, failed](bool ok) {
        job->deleteLater();
        if (!ok)
            return failed(job->errorString());
        m_held.insert(profile, std::shared_ptr<ProfileLock>(job->takeLock()));
        op();
    });
    job->start();
}

void KeychainTokenStore::done(const QString &profile)
{
    m_held.remove(profile);
    QQueue<QueuedCall> &queue = m_queues[profile];
    if (!queue.isEmpty())
        queue.dequeue();
    if (queue.isEmpty()) {
        m_queues.remove(profile);
        return;
    }
    QTimer::singleShot(0, this, [this, profile] {
        if (!m_queues.value(profile).isEmpty())
            m_queues[profile].head()();
    });
}

void KeychainTokenStore::doSave(TokenStoreJob *job, const TokenSet &tokens)
{
    const QString profile = job->profile();
    enqueue(profile, [this, job, profile, tokens] {
        locked(profile, [this, job, tokens] { runSave(job, tokens); }, [this, job, profile](const QString &why) {
            done(profile);
            complete(job, TokenStoreError::Timeout, why);
        });
    });
}

void KeychainTokenStore::doLoad(TokenStoreJob *job)
{
    enqueue(job->profile(), [this, job] { runLoad(job); });
}

void KeychainTokenStore::doRemove(TokenStoreJob *job)
{
    const QString profile = job->profile();
    enqueue(profile, [this, job, profile] {
        locked(profile, [this, job] { runRemove(job); }, [this, job, profile](const QString &why) {
            done(profile);
            complete(job, TokenStoreError::Timeout, why);
        });
    });
}

// ---- operations -------------------------------------------------------------

void KeychainTokenStore::runSave(TokenStoreJob *job, const TokenSet &tokens)
{
    const QString profile = job->profile();
    auto finish = [this, job, profile](TokenStoreError e, const QString &m) {
        if (e == TokenStoreError::None)
            TokenNotice::post(m_service, profile);
        done(profile); // releases the store lock before anyone hears of it
        complete(job, e, m);
    };
    // Which generation holds the tokens now? Write the other one.
    readEntry(manifestKey(profile), [this, profile, tokens, finish](const Result &current) {
        if (current.error != TokenStoreError::None && current.error != TokenStoreError::NotFound)
            return finish(current.error, current.message);
        const QJsonObject old = QJsonDocument::fromJson(current.data).object();
        const QString oldGeneration = old.value(u"generation").toString();
        const int oldChunks = old.value(u"chunks").toInt();
        const QString generation = oldGeneration == u"a" ? u"b"_s : u"a"_s;

        const QByteArray blob = QJsonDocument(tokens.toJson()).toJson(QJsonDocument::Compact);
        QList<QByteArray> chunks;
        for (qsizetype at = 0; at < blob.size(); at += ChunkBytes)
            chunks << blob.mid(at, ChunkBytes);
        if (chunks.size() > MaxChunks)
            return finish(TokenStoreError::Other, QCoreApplication::translate("KeychainTokenStore", "The tokens are too large to keep in the keychain (%1 bytes).").arg(blob.size()));
        const QByteArray manifest = QJsonDocument(QJsonObject{{u"version"_s, 1},
                                                              {u"generation"_s, generation},
                                                              {u"chunks"_s, int(chunks.size())},
                                                              {u"sha256"_s, QString::fromLatin1(digest(blob))}})
                                            .toJson(QJsonDocument::Compact);

        // Each step holds itself weakly; the strong reference travels with
        // the keychain job in flight, so the chain is freed when it ends.
        auto writeChunk = std::make_shared<std::function<void(int)>>();
        *writeChunk = [=, self = std::weak_ptr<std::function<void(int)>>(writeChunk)](int index) {
            if (index == chunks.size()) {
                // All chunks are in: switching the manifest makes them the tokens.
                writeEntry(manifestKey(profile), manifest, [=](const Result &r) {
                    if (r.error != TokenStoreError::None)
                        return finish(r.error, r.message);
                    const bool sameGeneration = oldGeneration == generation;
                    if (oldGeneration.isEmpty() || sameGeneration)
                        return finish(TokenStoreError::None, {});
                    deleteChunks(profile, oldGeneration, oldChunks, [=] { finish(TokenStoreError::None, {}); });
                });
                return;
            }
            writeEntry(chunkKey(profile, generation, index), chunks.at(index), [=, next = self.lock()](const Result &r) {
                if (r.error != TokenStoreError::None)
                    return finish(r.error, r.message); // the manifest still names the old tokens
                (*next)(index + 1);
            });
        };
        (*writeChunk)(0);
    });
}

void KeychainTokenStore::runLoad(TokenStoreJob *job, bool again)
{
    const QString profile = job->profile();
    auto finish = [this, job, profile, again](const std::optional<TokenSet> &t, TokenStoreError e, const QString &m) {
        if (e == TokenStoreError::Corrupt && !again) {
            // Loads take no lock: another process's save may have switched
            // generations and deleted the chunks this read was following.
            // Read once more, from the manifest, before calling it damaged.
            return runLoad(job, true);
        }
        done(profile);
        complete(job, e, m, t);
    };
    readEntry(manifestKey(profile), [this, profile, finish](const Result &manifestResult) {
        if (manifestResult.error != TokenStoreError::None)
            return finish(std::nullopt, manifestResult.error, manifestResult.message);
        const QJsonObject manifest = QJsonDocument::fromJson(manifestResult.data).object();
        const QString generation = manifest.value(u"generation").toString();
        const int count = manifest.value(u"chunks").toInt();
        if ((generation != u"a" && generation != u"b") || count < 1 || count > MaxChunks)
            return finish(std::nullopt, TokenStoreError::Corrupt,
                          QCoreApplication::translate("KeychainTokenStore", "The keychain entry for this profile is not TokenLab's; use Forget tokens and log in again."));
        auto blob = std::make_shared<QByteArray>();
        auto readChunk = std::make_shared<std::function<void(int)>>();
        *readChunk = [=, self = std::weak_ptr<std::function<void(int)>>(readChunk)](int index) {
            if (index == count) {
                const QString expected = manifest.value(u"sha256").toString();
                const auto tokens = TokenSet::fromJson(QJsonDocument::fromJson(*blob).object());
                if (QString::fromLatin1(digest(*blob)) != expected || !tokens)
                    return finish(std::nullopt, TokenStoreError::Corrupt,
                                  QCoreApplication::translate("KeychainTokenStore", "The tokens in the keychain are damaged; use Forget tokens and log in again."));
                return finish(tokens, TokenStoreError::None, {});
            }
            readEntry(chunkKey(profile, generation, index), [=, next = self.lock()](const Result &r) {
                if (r.error == TokenStoreError::NotFound)
                    return finish(std::nullopt, TokenStoreError::Corrupt,
                                  QCoreApplication::translate("KeychainTokenStore", "Part of this profile's tokens is missing from the keychain; use Forget tokens and log in again."));
                if (r.error != TokenStoreError::None)
                    return finish(std::nullopt, r.error, r.message);
                blob->append(r.data);
                (*next)(index + 1);
            });
        };
        (*readChunk)(0);
    });
}

void KeychainTokenStore::runRemove(TokenStoreJob *job)
{
    const QString profile = job->profile();
    auto finish = [this, job, profile](TokenStoreError e, const QString &m) {
        if (e == TokenStoreError::None)
            TokenNotice::post(m_service, profile);
        done(profile);
        complete(job, e, m);
    };
    readEntry(manifestKey(profile), [this, profile, finish](const Result &manifestResult) {
        if (manifestResult.error == TokenStoreError::NotFound) {
            deleteEntry(secretPrefix(SecretKind::ClientSecret) + u':' + profile, [finish](const Result &) { finish(TokenStoreError::None, {}); });
            return;
        }
        if (manifestResult.error != TokenStoreError::None)
            return finish(manifestResult.error, manifestResult.message);
        const QJsonObject manifest = QJsonDocument::fromJson(manifestResult.data).object();
        const int count = qBound(0, manifest.value(u"chunks").toInt(), MaxChunks);
        deleteEntry(secretPrefix(SecretKind::ClientSecret) + u':' + profile, [](const Result &) { });
        // The manifest goes first: from then on nothing points at the chunks.
        deleteEntry(manifestKey(profile), [=](const Result &r) {
            if (r.error != TokenStoreError::None && r.error != TokenStoreError::NotFound)
                return finish(r.error, r.message);
            // Both generations: an interrupted save may have left the other one.
            deleteChunks(profile, u"a"_s, count + 1, [=] {
                deleteChunks(profile, u"b"_s, count + 1, [=] { finish(TokenStoreError::None, {}); });
            });
        });
    });
}

void KeychainTokenStore::doSaveSecret(TokenStoreJob *job, const QString &secret, SecretKind kind)
{
    const QString profile = job->profile();
    enqueue(profile, [this, job, profile, secret, kind] {
        writeEntry(secretPrefix(kind) + u':' + profile, secret.toUtf8(), [this, job, profile](const Result &r) {
            done(profile);
            complete(job, r.error, r.message);
        });
    });
}

void KeychainTokenStore::doLoadSecret(TokenStoreJob *job, SecretKind kind)
{
    const QString profile = job->profile();
    enqueue(profile, [this, job, profile, kind] {
        readEntry(secretPrefix(kind) + u':' + profile, [this, job, profile](const Result &r) {
            done(profile);
            complete(job, r.error, r.message, std::nullopt, QString::fromUtf8(r.data));
        });
    });
}

void KeychainTokenStore::doRemoveSecret(TokenStoreJob *job, SecretKind kind)
{
    const QString profile = job->profile();
    enqueue(profile, [this, job, profile, kind] {
        deleteEntry(secretPrefix(kind) + u':' + profile, [this, job, profile](const Result &r) {
            done(profile);
            const bool gone = r.error == TokenStoreError::None || r.error == TokenStoreError::NotFound;
            complete(job, gone ? TokenStoreError::None : r.error, gone ? QString() : r.message);
        });
    });
}
