// SPDX-License-Identifier: MIT
#include "api/profilerename.h"
#include "api/requesthistory.h"
#include "api/savedrequests.h"
#include "api/secretvariables.h"
#include "storage/keychainsecret.h"
#include "storage/profilesecretsmove.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTimer>

using namespace Qt::StringLiterals;

ProfileRenameJob::ProfileRenameJob(TokenStore *store, QString service, QString directory, QString from, QString to, QObject *parent)
    : QObject(parent),
      m_store(store),
      m_service(std::move(service)),
      m_directory(std::move(directory)),
      m_from(std::move(from)),
      m_to(std::move(to))
{
}

ProfileRenameJob *ProfileRenameJob::start(TokenStore *store, const QString &service, const QString &directory, const QString &from,
                                          const QString &to, QObject *parent)
{
    auto *job = new ProfileRenameJob(store, service, directory, from, to, parent);
    QTimer::singleShot(0, job, &ProfileRenameJob::copyKeychain);
    return job;
}

void ProfileRenameJob::copyKeychain()
{
    m_move = ProfileSecretsMove::start(m_store, m_from, m_to, this);
    connect(m_move, &ProfileSecretsMove::copied, this, [this](ProfileSecretsMove *done) {
        if (done->ok())
            return Q_EMIT copied(this);
        m_move = nullptr;
        m_error = done->errorString();
        Q_EMIT copied(this);
        deleteLater();
    });
}

void ProfileRenameJob::commit()
{
    connect(m_move, &ProfileSecretsMove::finished, this, [this](ProfileSecretsMove *done) {
        m_moved += done->moved();
        if (!done->ok())
            m_notes << done->errorString();
        moveVariables();
    });
    m_move->commit();
}

void ProfileRenameJob::rollback()
{
    connect(m_move, &ProfileSecretsMove::finished, this, &ProfileRenameJob::finish);
    m_move->rollback();
}

void ProfileRenameJob::moveVariables()
{
    QString error;
    const std::optional<SavedCollection> collection = SavedRequests(m_directory, m_from).load(&error);
    if (collection && !m_service.isEmpty()) {
        for (const SavedVariable &v : collection->variables) {
            if (v.secret)
                m_secretNames << v.name;
        }
    }
    moveNextVariable();
}

void ProfileRenameJob::moveNextVariable()
{
    if (m_secretNames.isEmpty()) {
        if (m_variablesMoved > 0)
            m_moved << (m_variablesMoved == 1 ? tr("1 secret variable") : tr("%n secret variables", nullptr, m_variablesMoved));
        return moveFiles();
    }
    const QString name = m_secretNames.takeFirst();
    KeychainSecret *read = KeychainSecret::read(m_service, SecretVariablesJob::entryName(m_from, name),
                                                KeychainSecret::DefaultTimeout, this);
    connect(read, &KeychainSecret::finished, this, [this, name](KeychainSecret *r) {
        r->deleteLater();
        if (r->error() == TokenStoreError::NotFound)
            return moveNextVariable(); // never given a value
        if (r->error() != TokenStoreError::None) {
            m_notes << tr("The secret variable %1 stays under \"%2\": %3").arg(name, m_from, r->errorString());
            return moveNextVariable();
        }
        KeychainSecret *write = KeychainSecret::write(m_service, SecretVariablesJob::entryName(m_to, name), r->secret(),
                                                      KeychainSecret::DefaultTimeout, this);
        connect(write, &KeychainSecret::finished, this, [this, name](KeychainSecret *w) {
            w->deleteLater();
            if (w->error() != TokenStoreError::None) {
                m_notes << tr("The secret variable %1 stays under \"%2\": %3").arg(name, m_from, w->errorString());
                return moveNextVariable();
            }
            ++m_variablesMoved;
            KeychainSecret *old = KeychainSecret::remove(m_service, SecretVariablesJob::entryName(m_from, name),
                                                         KeychainSecret::DefaultTimeout, this);
            connect(old, &KeychainSecret::finished, this, [this](KeychainSecret *d) {
                d->deleteLater();
                moveNextVariable();
            });
            old->start();
        });
        write->start();
    });
    read->start();
}

void ProfileRenameJob::moveFiles()
{
    // What sits under the new name belongs to no profile (the caller checked
    // that none has it): a removed profile's leftovers, replaced.
    const QString fromFile = SavedRequests(m_directory, m_from).path();
    const QString toFile = SavedRequests(m_directory, m_to).path();
    if (QFileInfo::exists(fromFile)) {
        QFile::remove(toFile);
        if (QFile::rename(fromFile, toFile))
            m_moved << tr("saved requests");
        else
            m_notes << tr("The saved requests stay in %1: they could not be renamed to %2.")
                               .arg(QDir::toNativeSeparators(fromFile), QDir::toNativeSeparators(toFile));
    }
    const QString fromFolder = RequestHistory(m_directory, m_from).folder();
    const QString toFolder = RequestHistory(m_directory, m_to).folder();
    if (QFileInfo(fromFolder).isDir()) {
        QDir(toFolder).removeRecursively();
        if (QDir().rename(fromFolder, toFolder))
            m_moved << tr("history");
        else
            m_notes << tr("The history stays in %1: it could not be renamed to %2.")
                               .arg(QDir::toNativeSeparators(fromFolder), QDir::toNativeSeparators(toFolder));
    }
    finish();
}

void ProfileRenameJob::finish()
{
    Q_EMIT finished(this);
    deleteLater();
}
