// Tokens in the OS keychain through QtKeychain (the Secret Service on Linux,
// Keychain on macOS, Credential Manager on Windows). This is the only file
// in TokenLab that includes QtKeychain besides KeychainSecret (one secret).
//
// Layout, under the service "TokenLab": per profile, "client-secret:NAME"
// for a machine-to-machine profile's secret, and a manifest entry
// "profile:NAME" ({"generation":"a"|"b","chunks":N,"sha256":...}) and the
// token set's JSON split into chunks of at most 2000 bytes,
// "profile:NAME:GEN:I", so that no entry exceeds Windows Credential
// Manager's 2560-byte limit. A save writes the other generation's chunks
// first and only then the manifest, so a failed save leaves the tokens
// that still work untouched; the old generation is deleted afterwards.
//
// Contract (TokenStore): one signal per call, on every path. Operations on
// one profile run one after another. Every QtKeychain job has a timeout (a
// locked keyring may prompt and never answer); errors and timeouts become
// a sentence that says what to do. insecureFallback is never enabled:
// nothing is ever written anywhere but the keychain.
#pragma once

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
    void save(const QString &profile, const TokenSet &tokens) override;
    void load(const QString &profile) override;
    void remove(const QString &profile) override;
    void saveSecret(const QString &profile, const QString &secret) override;
    void loadSecret(const QString &profile) override;

private:
    struct Result
    {
        TokenStoreError error = TokenStoreError::None;
        QString message;
        QByteArray data;
    };
    using Step = std::function<void(const Result &)>;
    using Operation = std::function<void()>;

    void enqueue(const QString &profile, Operation op);
    void done(const QString &profile);
    void readEntry(const QString &key, Step then);
    void writeEntry(const QString &key, const QByteArray &data, Step then);
    void deleteEntry(const QString &key, Step then);
    // The outcome of a finished or timed-out job; timeoutSentence says what a timeout means for it.
    Result jobResult(QKeychain::Job *job, bool timedOut, const QString &timeoutSentence) const;
    void deleteChunks(const QString &profile, const QString &generation, int count, std::function<void()> then);

    void runSave(const QString &profile, const TokenSet &tokens);
    void runLoad(const QString &profile);
    void runRemove(const QString &profile);

    QString manifestKey(const QString &profile) const;
    QString chunkKey(const QString &profile, const QString &generation, int index) const;

    QString m_service;
    std::chrono::milliseconds m_timeout;
    QHash<QString, QQueue<Operation>> m_queues; // per profile; the head is running
};
