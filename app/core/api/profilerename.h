// SPDX-License-Identifier: MIT
// Everything a profile keeps under its name, moved to a new name before the
// profile file says the new one: the keychain's tokens, client secret and
// keys (ProfileSecretsMove), the values of its secret variables, its saved
// requests and variables (requests/NAME.json) and its history
// (history/NAME/).
//
//   start()     copies the keychain's entries to the new name, then
//               copied(). When a copy fails (ok() false) the copies are
//               taken back, nothing has changed, and the job is done.
//   ...         the caller rewrites the profile file, then:
//   commit()    removes the old entries and moves the secret variables and
//               the files; a step that fails there leaves that one thing
//               under the old name and says so in notes();
//   rollback()  takes the copies back (the profile file could not be
//               rewritten), so the old name keeps everything.
//
// Contract: copied() once, never before start() returns; after an ok()
// copied(), finished() once after commit() or rollback(). The job deletes
// itself after its last signal.
#pragma once

#include <QObject>
#include <QStringList>

class TokenStore;

class ProfileRenameJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(ProfileRenameJob)

public:
    // service: the keychain service of secret variables (TokenStore::scope());
    // directory: where profiles.json lives (ProfileFile::defaultDirectory()).
    static ProfileRenameJob *start(TokenStore *store, const QString &service, const QString &directory, const QString &from,
                                   const QString &to, QObject *parent = nullptr);

    // False when the keychain's entries could not be moved: do not rename.
    bool ok() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    // What moved ("tokens", "client key", "2 secret variables", "saved requests", "history").
    QStringList moved() const { return m_moved; }
    // A sentence for each thing left under the old name.
    QStringList notes() const { return m_notes; }

    void commit();
    void rollback();

Q_SIGNALS:
    void copied(ProfileRenameJob *job);
    void finished(ProfileRenameJob *job);

private:
    ProfileRenameJob(TokenStore *store, QString service, QString directory, QString from, QString to, QObject *parent);
    void copyKeychain();
    void moveVariables();
    void moveNextVariable();
    void moveFiles();
    void finish();

    class ProfileSecretsMove *m_move = nullptr;
    TokenStore *m_store;
    QString m_service;
    QString m_directory;
    QString m_from;
    QString m_to;
    QStringList m_secretNames; // still to move
    int m_variablesMoved = 0;
    QStringList m_moved;
    QStringList m_notes;
    QString m_error;
};
