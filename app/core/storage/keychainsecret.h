// SPDX-License-Identifier: MIT
// One named secret under a keychain service, read, written or deleted
// through QtKeychain (the Secret Service on Linux, Keychain on macOS,
// Credential Manager on Windows): for secrets that are one value, such as
// the sandbox's signing key. Tokens, which are chunked and rotated, have
// KeychainTokenStore.
//
// Contract: each call is one job object. start() runs it; it then emits
// finished(this) exactly once, on every path (success, an error, a
// timeout), never before start() returns. Every job has a timeout, because
// a locked keyring may prompt and never answer; a late answer is ignored.
// Errors are a TokenStoreError with a sentence that says what to do.
// insecureFallback is never enabled: a secret goes to the keychain or
// nowhere, and the secret is never logged.
//
//   caller                KeychainSecret            QtKeychain
//     | read(...)->start()    |                          |
//     |---------------------->| ReadPasswordJob, timer   |
//     |                       |------------------------->|
//     |                       |<------ finished ---------|  (or the timer fires)
//     |<-- finished(job) -----|                          |
//     | job->secret() / error()                          |
#pragma once

#include "storage/tokenstore.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <chrono>

class QTimer;
namespace QKeychain {
class Job;
}

class KeychainSecret : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(KeychainSecret)

public:
    enum class Operation { Read, Write, Delete };
    static constexpr std::chrono::milliseconds DefaultTimeout{15000};

    // Jobs, not yet started. The secret is kept only until the job finishes.
    static KeychainSecret *read(const QString &service, const QString &key,
                                std::chrono::milliseconds timeout = DefaultTimeout, QObject *parent = nullptr);
    static KeychainSecret *write(const QString &service, const QString &key, const QByteArray &secret,
                                 std::chrono::milliseconds timeout = DefaultTimeout, QObject *parent = nullptr);
    static KeychainSecret *remove(const QString &service, const QString &key,
                                  std::chrono::milliseconds timeout = DefaultTimeout, QObject *parent = nullptr);
    ~KeychainSecret() override;

    void start();

    Operation operation() const { return m_operation; }
    QString service() const { return m_service; }
    QString key() const { return m_key; }
    bool isFinished() const { return m_finished; }
    // None on success. Reading a missing entry is NotFound; deleting one
    // succeeds (backends disagree on it, so it is made the same here).
    TokenStoreError error() const { return m_error; }
    QString errorString() const { return m_errorString; }
    // What a successful read found.
    QByteArray secret() const { return m_secret; }

Q_SIGNALS:
    void finished(KeychainSecret *job);

private:
    KeychainSecret(Operation operation, QString service, QString key, QByteArray secret,
                   std::chrono::milliseconds timeout, QObject *parent);
    void onJobFinished(QKeychain::Job *job);
    void onTimeout();
    void finish(TokenStoreError error, const QString &sentence);

    Operation m_operation;
    QString m_service;
    QString m_key;
    QByteArray m_secret;
    std::chrono::milliseconds m_timeout;
    QTimer *m_timer = nullptr;
    bool m_started = false;
    bool m_inStart = false;
    bool m_finished = false;
    TokenStoreError m_error = TokenStoreError::None;
    QString m_errorString;
};
