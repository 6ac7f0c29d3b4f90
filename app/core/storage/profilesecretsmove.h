// SPDX-License-Identifier: MIT
// Moves what the keychain holds for a profile to its new name when the
// profile is renamed: its tokens, client secret, DPoP key, client key and
// the registration access token of a dynamically registered client.
// Without it a rename would leave them behind under the old name, and the
// renamed profile would lose its secret and keys (keys the issuer may have
// registered) and its bound tokens.
//
// It copies first (each entry read under the old name, written under the
// new one) and removes the old entries only once every copy is in place, so
// a keychain that fails halfway loses nothing: the copies made so far are
// taken back and the old name keeps everything.
//
// Contract: one finished(), on every path, never before start() returns;
// the job deletes itself afterwards. Nothing it moves is logged.
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

Q_SIGNALS:
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
    void takeBack();
    void finish();

    TokenStore *m_store;
    QString m_from;
    QString m_to;
    QList<Entry> m_pending;
    QList<Entry> m_copied;
    QStringList m_moved;
    QString m_error;
};
