// SPDX-License-Identifier: MIT
#include "api/importapply.h"
#include "api/secretvariables.h"
#include "storage/profilestore.h"

#include <QFileInfo>
#include <QTimer>

using namespace Qt::StringLiterals;

ImportApplyJob *ImportApplyJob::start(TokenStore *store, const QString &profilesPath, const ImportedCollection &import,
                                      const QString &name, QObject *parent)
{
    auto *job = new ImportApplyJob(store, profilesPath, import, name, parent);
    QTimer::singleShot(0, job, [job] {
        if (!job->check() || !job->claimName())
            return job->finish();
        job->nextSecret();
    });
    return job;
}

ImportApplyJob::ImportApplyJob(TokenStore *store, QString profilesPath, ImportedCollection import, QString name, QObject *parent)
    : QObject(parent), m_store(store), m_profilesPath(std::move(profilesPath)), m_import(std::move(import)), m_name(std::move(name))
{
    m_import.profile.name = m_name;
    // Joining an existing profile keeps its API base; the file's stays a variable by its own name.
    if (!m_import.hasOAuth && !m_import.baseVariable.isEmpty())
        m_import.variables.prepend({m_import.baseVariable, m_import.profile.apiBase.toString(), false});
}

bool ImportApplyJob::check()
{
    ProfileStore profiles(m_profilesPath);
    QString why;
    if (!profiles.load(&why)) {
        m_error = why;
        return false;
    }
    const bool exists = profiles.profile(m_name).has_value();
    if (m_import.hasOAuth) {
        if (exists) {
            m_error = tr("A profile named %1 already exists; pick another name, nothing was imported.").arg(m_name);
            return false;
        }
        const QStringList problems = m_import.profile.validate();
        if (!problems.isEmpty()) {
            m_error = tr("The imported profile cannot be saved: %1").arg(problems.join(u' '));
            return false;
        }
    } else if (!exists) {
        m_error = tr("The file has no OAuth 2.0 settings, so its requests and variables join an existing profile, and there is "
                     "no profile named %1.").arg(m_name);
        return false;
    }
    const auto saved = SavedRequests(QFileInfo(m_profilesPath).absolutePath(), m_name).load(&why);
    if (!saved) {
        m_error = why;
        return false;
    }
    for (const SavedRequest &r : m_import.requests) {
        if (saved->indexOf(r.path()) >= 0) {
            m_error = tr("The profile %1 already has a saved request \"%2\"; nothing was imported.").arg(m_name, r.path());
            return false;
        }
    }
    for (const SavedVariable &v : m_import.variables) {
        for (const SavedVariable &known : saved->variables) {
            if (known.name == v.name) {
                m_error = tr("The profile %1 already has a variable %2; nothing was imported.").arg(m_name, v.name);
                return false;
            }
        }
    }
    if (!SavedCollection::parse(SavedCollection{m_import.requests, m_import.variables}.toJson(), &why)) {
        m_error = tr("The imported requests cannot be saved: %1").arg(why);
        return false;
    }
    return true;
}

bool ImportApplyJob::claimName()
{
    if (!m_import.hasOAuth)
        return true; // the requests join a profile that exists
    // The profile first: a process that took the name meanwhile is refused here,
    // before a secret of this import could overwrite one of its own.
    ProfileStore profiles(m_profilesPath);
    QString why;
    if (!profiles.load(&why) || !profiles.insert(m_import.profile, &why) || !profiles.save(&why)) {
        m_error = tr("The profile could not be saved: %1").arg(why);
        return false;
    }
    m_undo << [path = m_profilesPath, name = m_name](const std::function<void()> &done) {
        ProfileStore profiles(path);
        QString ignored;
        if (profiles.load(&ignored) && profiles.remove(name, &ignored))
            profiles.save(&ignored);
        done();
    };
    return true;
}

void ImportApplyJob::nextSecret()
{
    while (m_at < m_import.secrets.size() && m_import.secrets.at(m_at).value.isEmpty())
        ++m_at;
    if (m_at == m_import.secrets.size())
        return saveFiles();
    const ImportedSecret secret = m_import.secrets.at(m_at++);
    if (secret.kind == ImportedSecret::Kind::ClientSecret) {
        TokenStoreJob *job = m_store->saveSecret(m_name, secret.value);
        connect(job, &TokenStoreJob::finished, this, [this](TokenStoreJob *done) {
            if (done->error() != TokenStoreError::None) {
                m_error = tr("The client secret could not be kept in the keychain: %1").arg(done->errorString());
                return rollBack();
            }
            m_kept << tr("client secret: keychain entry %1:%2").arg(TokenStore::secretPrefix(SecretKind::ClientSecret), m_name);
            m_undo << [this](const std::function<void()> &done) {
                connect(m_store->removeSecret(m_name, SecretKind::ClientSecret), &TokenStoreJob::finished, this, [done] { done(); });
            };
            nextSecret();
        });
        return;
    }
    const QString service = m_store->scope();
    KeychainSecret *job = SecretVariablesJob::write(service, m_name, secret.name, secret.value, this);
    connect(job, &KeychainSecret::finished, this, [this, service, secret](KeychainSecret *done) {
        done->deleteLater();
        if (done->error() != TokenStoreError::None) {
            m_error = tr("The secret variable %1 could not be kept in the keychain: %2").arg(secret.name, done->errorString());
            return rollBack();
        }
        m_kept << tr("variable %1: keychain entry %2").arg(secret.name, SecretVariablesJob::entryName(m_name, secret.name));
        m_undo << [this, service, name = secret.name](const std::function<void()> &done) {
            KeychainSecret *removal = SecretVariablesJob::remove(service, m_name, name, this);
            connect(removal, &KeychainSecret::finished, this, [done](KeychainSecret *removed) {
                removed->deleteLater();
                done();
            });
            removal->start();
        };
        nextSecret();
    });
    job->start();
}

void ImportApplyJob::saveFiles()
{
    SavedRequests requests(QFileInfo(m_profilesPath).absolutePath(), m_name);
    const SavedCollection added{m_import.requests, m_import.variables};
    QString why;
    if ((!added.requests.isEmpty() || !added.variables.isEmpty()) && !requests.merge(added, &why)) {
        m_error = why;
        return rollBack();
    }
    finish();
}

void ImportApplyJob::rollBack()
{
    // In reverse, one after the other, each awaited (each keychain call has
    // its own timeout): the profile, which claimed the name, goes last, so
    // no other import can take the name while a secret of this one is left.
    m_kept.clear();
    if (m_undo.isEmpty())
        return finish();
    const auto undo = m_undo.takeLast();
    undo([this] { rollBack(); });
}

void ImportApplyJob::finish()
{
    Q_EMIT finished(this);
    deleteLater();
}
