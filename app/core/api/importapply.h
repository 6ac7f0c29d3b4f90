// SPDX-License-Identifier: MIT
// Saves an import under the name the user confirmed: the profile first
// (ProfileStore::insert, which claims the name in the file, so a process
// that took it meanwhile is refused before anything is kept under it),
// then the secrets to the keychain (the client secret through
// TokenStore::saveSecret, secret variables through SecretVariablesJob),
// then the saved requests and variables (SavedRequests::merge, one write).
// With no OAuth settings in the import, the requests and variables join
// the existing profile of that name instead.
//
// Nothing is half-saved: name collisions are checked before anything is
// written, and when a later step fails the earlier ones are taken back.
//
//   caller           ImportApplyJob         keychain        files
//     | start(...)      |                      |              |
//     |---------------->| check names          |              |
//     |                 |-- profile (claims the name) ------->|
//     |                 |-- secrets ---------->|              |
//     |                 |-- requests, variables ------------->|
//     |                 |   (a failure: take back, in reverse)|
//     |<- finished(job) |                      |              |
//
// Contract: one finished(), on every path, never before start() returns;
// the job deletes itself afterwards.
#pragma once

#include "api/importedcollection.h"

#include <QObject>
#include <functional>

class TokenStore;

class ImportApplyJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(ImportApplyJob)

public:
    // profilesPath: profiles.json (ProfileStore::path()); requests are kept beside it.
    static ImportApplyJob *start(TokenStore *store, const QString &profilesPath, const ImportedCollection &import,
                                 const QString &name, QObject *parent = nullptr);

    bool ok() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    // One line per secret: what it is and which keychain entry holds it.
    QStringList keptSecrets() const { return m_kept; }

Q_SIGNALS:
    void finished(ImportApplyJob *job);

private:
    ImportApplyJob(TokenStore *store, QString profilesPath, ImportedCollection import, QString name, QObject *parent);
    bool check();
    bool claimName();
    void nextSecret();
    void saveFiles();
    void rollBack();
    void finish();

    TokenStore *m_store;
    QString m_profilesPath;
    ImportedCollection m_import;
    QString m_name;
    int m_at = 0;                          // the next secret to write
    // What was written (the profile, keychain entries), to take back on failure; each calls done() when it has.
    QList<std::function<void(const std::function<void()> &done)>> m_undo;
    QStringList m_kept;
    QString m_error;
};
