// SPDX-License-Identifier: MIT
// Moves what the keychain holds for a profile to its new name when the
// profile is renamed: its tokens, client secret, DPoP key, client key and
// the registration access token of a dynamically registered client.
// Without it a rename would leave them behind under the old name, and the
// renamed profile would lose its secret and keys (keys the issuer may have
// registered) and its bound tokens.
//
// Two phases, so that the profile file can be rewritten in between:
//   start()     copies each entry (read under the old name, written under
//               the new one), then copied(). A copy that fails takes back
//               the ones made so far: copied() with !ok(), the old name
//               keeps everything, and the job is done.
//   commit()    (after copied() with ok()) removes the old entries;
//   rollback()  removes the copies instead (the profile file could not be
//               rewritten). Either ends in finished().
//
// Contract: copied() once, never before start() returns; after an ok()
// copied(), finished() once after commit() or rollback(). The job deletes
// itself after its last signal. Nothing it moves is logged.
#pragma once

#include "storage/tokenstore.h"

#include <QObject>
#include <QStringList>

class ProfileSecretsMove : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(ProfileSecretsMove)

public:
    static ProfileSecretsMove *start(TokenStore *store, const QString &from, const QString &to, QObject *parent = nullptr);

    bool ok() const { return m_error.isEmpty(); }
    // One sentence naming the entry that could not be moved, and why.
    QString errorString() const { return m_error; }
    // What was moved, for the activity log: "tokens", "client secret", "DPoP key", "client key".
    QStringList moved() const { return m_moved; }

    void commit();
    void rollback();

Q_SIGNALS:
    void copied(ProfileSecretsMove *job);
    void finished(ProfileSecretsMove *job);

private:
    // The tokens are entry -1; the secrets their SecretKind.
    struct Entry
    {
        int kind;
        QString name;
    };

    ProfileSecretsMove(TokenStore *store, QString from, QString to, QObject *parent);
    void copyNext();
    void removeOld();
    // Removes the copies, then calls then.
    void takeBack(void (ProfileSecretsMove::*then)());
    void copyFailed();
    void finish();

    TokenStore *m_store;
    QString m_from;
    QString m_to;
    QList<Entry> m_pending;
    QList<Entry> m_copied;
    QStringList m_moved;
    QString m_error;
};
