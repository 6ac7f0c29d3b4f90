// SPDX-License-Identifier: MIT
#include "storage/keychainsecret.h"

#include <QCoreApplication>
#include <qt6keychain/keychain.h>

#include <QLoggingCategory>
#include <QTimer>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcKeychainSecret, "tokenlab.keychain", QtInfoMsg)

namespace {

// QKeychain's errors, translated once, with what the user can do about them.
TokenStoreError translate(QKeychain::Error error, const QString &detail, QString *sentence)
{
    switch (error) {
    case QKeychain::NoError:
        return TokenStoreError::None;
    case QKeychain::EntryNotFound:
        *sentence = QObject::tr("The keychain holds no such entry.");
        return TokenStoreError::NotFound;
    case QKeychain::NoBackendAvailable:
        *sentence = QObject::tr("No keychain is available (on Linux, no Secret Service such as GNOME Keyring or KWallet "
                                "answers on the session bus). Start your desktop's keyring and try again.");
        return TokenStoreError::Unavailable;
    case QKeychain::AccessDeniedByUser:
        *sentence = QObject::tr("You declined TokenLab's access to the keychain.");
        return TokenStoreError::AccessDenied;
    case QKeychain::AccessDenied:
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        break;
    }
    const QString lower = detail.toLower();
    if (lower.contains(u"locked"_s)) {
        *sentence = QObject::tr("The keyring is locked. Unlock your login keyring (for example in Passwords and Keys) "
                                "and try again.");
        return TokenStoreError::Locked;
    }
    if (lower.contains(u"could not connect"_s) || lower.contains(u"org.freedesktop.secrets"_s) || lower.contains(u"dbus"_s)
        || lower.contains(u"d-bus"_s) || lower.contains(u".service files"_s) || lower.contains(u"autolaunch"_s)) {
        *sentence = QObject::tr("No keychain could be reached (%1). Make sure a Secret Service such as GNOME Keyring "
                                "runs in your desktop session.").arg(detail);
        return TokenStoreError::Unavailable;
    }
    if (error == QKeychain::AccessDenied) {
        *sentence = QObject::tr("The keychain refused access (%1); unlock it or allow TokenLab, then try again.").arg(detail);
        return TokenStoreError::AccessDenied;
    }
    *sentence = QObject::tr("The keychain reported an error: %1").arg(detail.isEmpty() ? QObject::tr("unknown error") : detail);
    return TokenStoreError::Other;
}

} // namespace

KeychainSecret::KeychainSecret(Operation operation, QString service, QString key, QByteArray secret,
                               std::chrono::milliseconds timeout, QObject *parent)
    : QObject(parent),
      m_operation(operation),
      m_service(std::move(service)),
      m_key(std::move(key)),
      m_secret(std::move(secret)),
      m_timeout(timeout)
{
}

KeychainSecret::~KeychainSecret()
{
    m_secret.fill('\0');
}

KeychainSecret *KeychainSecret::read(const QString &service, const QString &key, std::chrono::milliseconds timeout,
                                     QObject *parent)
{
    return new KeychainSecret(Operation::Read, service, key, {}, timeout, parent);
}

KeychainSecret *KeychainSecret::write(const QString &service, const QString &key, const QByteArray &secret,
                                      std::chrono::milliseconds timeout, QObject *parent)
{
    return new KeychainSecret(Operation::Write, service, key, secret, timeout, parent);
}

KeychainSecret *KeychainSecret::remove(const QString &service, const QString &key, std::chrono::milliseconds timeout,
                                       QObject *parent)
{
    return new KeychainSecret(Operation::Delete, service, key, {}, timeout, parent);
}

void KeychainSecret::start()
{
    if (m_started)
        return;
    m_started = true;
    QKeychain::Job *job = nullptr;
    switch (m_operation) {
    case Operation::Read:
        job = new QKeychain::ReadPasswordJob(m_service);
        break;
    case Operation::Write: {
        auto *write = new QKeychain::WritePasswordJob(m_service);
        write->setTextData(QString::fromUtf8(m_secret)); // text (PEM, JSON): stored as is
        m_secret.fill('\0');
        m_secret.clear();
        job = write;
        break;
    }
    case Operation::Delete:
        job = new QKeychain::DeletePasswordJob(m_service);
        break;
    }
    job->setKey(m_key);
    job->setInsecureFallback(false); // never a plaintext file
    job->setAutoDelete(true);
    // QtKeychain's job may never finish (a prompt nobody answers): the timer
    // ends our wait, and the job's late answer is ignored. The connection
    // has this object as context, so a job that outlives us calls nobody.
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &KeychainSecret::onTimeout);
    connect(job, &QKeychain::Job::finished, this, &KeychainSecret::onJobFinished);
    m_timer->start(m_timeout);
    m_inStart = true;
    job->start();
    m_inStart = false;
}

void KeychainSecret::onJobFinished(QKeychain::Job *job)
{
    if (m_finished)
        return; // the answer came after the timeout: ignored
    m_timer->stop();
    QString sentence;
    TokenStoreError error = translate(job->error(), job->errorString(), &sentence);
    if (error == TokenStoreError::NotFound && m_operation == Operation::Delete) {
        error = TokenStoreError::None; // gone, as asked
        sentence.clear();
    }
    if (error == TokenStoreError::None && m_operation == Operation::Read)
        m_secret = static_cast<QKeychain::ReadPasswordJob *>(job)->textData().toUtf8();
    finish(error, sentence);
}

void KeychainSecret::onTimeout()
{
    if (m_finished)
        return;
    qCWarning(lcKeychainSecret) << "keychain job timed out:" << m_key;
    finish(TokenStoreError::Timeout,
           tr("The keychain did not answer within %1 s; it may be waiting for you to unlock it.").arg(m_timeout.count() / 1000.0));
}

void KeychainSecret::finish(TokenStoreError error, const QString &sentence)
{
    m_finished = true;
    m_error = error;
    m_errorString = sentence;
    if (m_inStart) {
        // A backend that answers inside start(): the caller hears it after start() returns.
        QTimer::singleShot(0, this, [this] { Q_EMIT finished(this); });
        return;
    }
    Q_EMIT finished(this);
}
