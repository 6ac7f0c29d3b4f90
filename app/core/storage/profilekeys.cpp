// SPDX-License-Identifier: MIT
#include "storage/profilekeys.h"
#include "storage/profilelock.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QTimer>

using namespace Qt::StringLiterals;

ProfileKeyJob::ProfileKeyJob(TokenStore *store, QString profile, SecretKind kind, QObject *parent)
    : QObject(parent), m_store(store), m_profile(std::move(profile)), m_kind(kind)
{
}

QString ProfileKeyJob::describe(SecretKind kind)
{
    switch (kind) {
    case SecretKind::DpopKey: return QCoreApplication::translate("Profilekeys", "DPoP key");
    case SecretKind::ClientKey: return QCoreApplication::translate("Profilekeys", "client key");
    case SecretKind::ClientSecret: return QCoreApplication::translate("Profilekeys", "client secret");
    case SecretKind::RegistrationAccessToken: return QCoreApplication::translate("Profilekeys", "registration access token");
    }
    return {};
}

ProfileKeyJob *ProfileKeyJob::obtain(TokenStore *store, const QString &profile, SecretKind kind, PrivateKey::Type type,
                                     Missing missing, QObject *parent)
{
    auto *job = new ProfileKeyJob(store, profile, kind, parent ? parent : store);
    job->m_type = type;
    job->m_missing = missing;
    QTimer::singleShot(0, job, [job] { job->read(false); });
    return job;
}

ProfileKeyJob *ProfileKeyJob::import(TokenStore *store, const QString &profile, SecretKind kind, const QByteArray &pem,
                                     QObject *parent)
{
    auto *job = new ProfileKeyJob(store, profile, kind, parent ? parent : store);
    std::shared_ptr<const PrivateKey> key(PrivateKey::fromPkcs8Pem(pem));
    QTimer::singleShot(0, job, [job, key] {
        if (!key)
            return job->finish(QCoreApplication::translate("Profilekeys", "The file is not a usable private key: TokenLab takes an RSA key of at least 2048 bits or an EC key on "
                               "P-256, P-384 or P-521, as PKCS#8 PEM (\"-----BEGIN PRIVATE KEY-----\"; convert others with "
                               "openssl pkcs8 -topk8 -nocrypt)."));
        job->save(key, false);
    });
    return job;
}

void ProfileKeyJob::read(bool underLock)
{
    connect(m_store->loadSecret(m_profile, m_kind), &TokenStoreJob::finished, this, [this, underLock](TokenStoreJob *loaded) {
        if (loaded->error() == TokenStoreError::None) {
            m_key = std::shared_ptr<const PrivateKey>(PrivateKey::fromPkcs8Pem(loaded->secret().toLatin1()));
            if (!m_key)
                return finish(QCoreApplication::translate("Profilekeys", "The profile's %1 in the keychain is not a usable private key; remove the entry \"%2:%3\" and try again.").arg(
                        describe(m_kind), TokenStore::secretPrefix(m_kind), m_profile));
            return finish();
        }
        if (loaded->error() != TokenStoreError::NotFound)
            return finish(loaded->errorString());
        if (m_missing == Missing::Fail)
            return finish(QCoreApplication::translate("Profilekeys", "The profile's %1 is not in the keychain.").arg(describe(m_kind)));
        if (underLock)
            return create();
        // Another process may be making it right now: take the lock and look again.
        auto *lock = new ProfileLockJob(m_store->scope(), m_profile, ProfileLock::Kind::Keys, LockTimeout, this);
        connect(lock, &ProfileLockJob::finished, this, [this, lock](bool locked) {
            lock->deleteLater();
            if (!locked)
                return finish(lock->errorString());
            m_lock = std::shared_ptr<ProfileLock>(lock->takeLock());
            read(true);
        });
        lock->start();
    });
}

void ProfileKeyJob::create()
{
    auto *watcher = new QFutureWatcher<std::shared_ptr<const PrivateKey>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        save(watcher->result(), true);
    });
    watcher->setFuture(PrivateKey::generateInBackground(m_type));
}

void ProfileKeyJob::save(std::shared_ptr<const PrivateKey> key, bool created)
{
    connect(m_store->saveSecret(m_profile, QString::fromLatin1(key->toPkcs8Pem()), m_kind), &TokenStoreJob::finished, this,
            [this, key, created](TokenStoreJob *saved) {
                if (saved->error() != TokenStoreError::None)
                    return finish(QCoreApplication::translate("Profilekeys", "The new %1 could not be kept in the keychain: %2").arg(describe(m_kind), saved->errorString()));
                m_key = key;
                m_created = created;
                finish();
            });
}

void ProfileKeyJob::finish(const QString &error)
{
    m_lock.reset();
    m_error = error;
    if (!error.isEmpty())
        m_key.reset();
    Q_EMIT finished(this);
    deleteLater();
}
