// SPDX-License-Identifier: MIT
#include "api/secretvariables.h"

#include <QTimer>

using namespace Qt::StringLiterals;

SecretVariablesJob::SecretVariablesJob(const QString &service, const QString &profile, const QStringList &names, QObject *parent)
    : QObject(parent), m_service(service), m_profile(profile), m_names(names)
{
}

QString SecretVariablesJob::entryName(const QString &profile, const QString &name)
{
    return u"variable:"_s + profile + u':' + name;
}

KeychainSecret *SecretVariablesJob::write(const QString &service, const QString &profile, const QString &name, const QString &value,
                                          QObject *parent)
{
    return KeychainSecret::write(service, entryName(profile, name), value.toUtf8(), KeychainSecret::DefaultTimeout, parent);
}

KeychainSecret *SecretVariablesJob::remove(const QString &service, const QString &profile, const QString &name, QObject *parent)
{
    return KeychainSecret::remove(service, entryName(profile, name), KeychainSecret::DefaultTimeout, parent);
}

void SecretVariablesJob::start()
{
    // Never finish inside start(): the caller connects after it returns.
    QTimer::singleShot(0, this, &SecretVariablesJob::next);
}

void SecretVariablesJob::next()
{
    if (m_at >= m_names.size())
        return Q_EMIT finished(this);
    const QString name = m_names.at(m_at++);
    KeychainSecret *job = KeychainSecret::read(m_service, entryName(m_profile, name), KeychainSecret::DefaultTimeout, this);
    connect(job, &KeychainSecret::finished, this, [this, name](KeychainSecret *done) {
        done->deleteLater();
        if (done->error() == TokenStoreError::NotFound) {
            m_error = tr("The secret variable {{%1}} has no value in the keychain; set it again in the API tab's variables.").arg(name);
            return Q_EMIT finished(this);
        }
        if (done->error() != TokenStoreError::None) {
            m_error = tr("The secret variable {{%1}} could not be read: %2").arg(name, done->errorString());
            return Q_EMIT finished(this);
        }
        m_values.insert(name, QString::fromUtf8(done->secret()));
        next();
    });
    job->start();
}
