// SPDX-License-Identifier: MIT
// Tokens in the OS keychain through QtKeychain (the Secret Service on Linux,
// Keychain on macOS, Credential Manager on Windows). This is the only file
// in TokenLab that includes QtKeychain besides KeychainSecret (one secret).
//
// Layout, under the service "TokenLab": per profile, "client-secret:NAME"
// for a machine-to-machine profile's secret, "dpop-key:NAME" and
// "client-key:NAME" for its proof and client-assertion keys, and a manifest entry
// "profile:NAME" ({"generation":"a"|"b","chunks":N,"sha256":...}) and the
// token set's JSON split into chunks of at most 2000 bytes,
// "profile:NAME:GEN:I", so that no entry exceeds Windows Credential
// Manager's 2560-byte limit. A save writes the other generation's chunks
// first and only then the manifest, so a failed save leaves the tokens
// that still work untouched; the old generation is deleted afterwards.
//
// Contract (TokenStore): one signal per call, on every path. Operations on
// one profile run one after another, and a save or delete also holds the
// profile's store lock (ProfileLock), so two TokenLab processes never
// interleave their chunks; after it, other processes get a TokenNotice. Every QtKeychain job has a timeout (a
// locked keyring may prompt and never answer); errors and timeouts become
// a sentence that says what to do. insecureFallback is never enabled:
// nothing is ever written anywhere but the keychain.
#pragma once

#include "storage/profilelock.h"
#include "storage/tokenstore.h"

#include <QHash>
#include <QQueue>
#include <chrono>
#include <functional>

namespace QKeychain {
class Job;
}

class KeychainTokenStore : public TokenStore
{
    Q_OBJECT
    Q_DISABLE_COPY(KeychainTokenStore)

public:
    static constexpr auto ServiceName = "TokenLab";
    static constexpr int ChunkBytes = 2000;

    explicit KeychainTokenStore(QObject *parent = nullptr);
    KeychainTokenStore(QString service, std::chrono::milliseconds jobTimeout, QObject *parent = nullptr);

    QString backendName() const override;
    QString scope() const override { return m_service; }

protected:
    void doSave(TokenStoreJob *job, const TokenSet &tokens) override;
    void doLoad(TokenStoreJob *job) override;
    void doRemove(TokenStoreJob *job) override;
    void doSaveSecret(TokenStoreJob *job, const QString &secret, SecretKind kind) override;
    void doLoadSecret(TokenStoreJob *job, SecretKind kind) override;
    void doRemoveSecret(TokenStoreJob *job, SecretKind kind) override;

private:
    struct Result
    {
        TokenStoreError error = TokenStoreError::None;
        QString message;
        QByteArray data;
    };
    using Step = std::function<void(const Result &)>;
    using QueuedCall = std::function<void()>;

    void enqueue(const QString &profile, QueuedCall op);
    // Takes the profile's store lock (held until done()), then runs op; a
    // lock that cannot be had ends the operation through failed.
    void locked(const QString &profile, QueuedCall op, std::function<void(const QString &)> failed);
    void done(const QString &profile);
    void readEntry(const QString &key, Step then);
    void writeEntry(const QString &key, const QByteArray &data, Step then);
    void deleteEntry(const QString &key, Step then);
    // The outcome of a finished or timed-out job; timeoutSentence says what a timeout means for it.
    Result jobResult(QKeychain::Job *job, bool timedOut, const QString &timeoutSentence) const;
    void deleteChunks(const QString &profile, const QString &generation, int count, std::function<void()> then);

    void runSave(TokenStoreJob *job, const TokenSet &tokens);
    void runLoad(TokenStoreJob *job, bool again = false);
    void runRemove(TokenStoreJob *job);

    QString manifestKey(const QString &profile) const;
    QString chunkKey(const QString &profile, const QString &generation, int index) const;

    QString m_service;
    std::chrono::milliseconds m_timeout;
    QHash<QString, QQueue<QueuedCall>> m_queues; // per profile; the head is running
    QHash<QString, std::shared_ptr<ProfileLock>> m_held; // the running head's store lock
};
