// SPDX-License-Identifier: MIT
// Tells other TokenLab processes that a profile's stored tokens changed, so
// a window that shows them re-reads the keychain instead of trusting its
// copy. A notice is a small file in the lock directory (see ProfileLock)
// that names the profile, the writing process and a serial: never a token.
// The keychain stays the only truth; a notice only says "look again".
//
// Contract: post() never fails loudly (a notice that cannot be written
// costs freshness, not data). The watcher emits changed() at most once per
// notice written by another process, for its own scope only.
#pragma once

#include <QFileSystemWatcher>
#include <QHash>
#include <QObject>
#include <QTimer>

namespace TokenNotice {

void post(const QString &scope, const QString &profile);

} // namespace TokenNotice

class TokenNoticeWatcher : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(TokenNoticeWatcher)

public:
    explicit TokenNoticeWatcher(QString scope, QObject *parent = nullptr);

Q_SIGNALS:
    void changed(const QString &profile);

private:
    void scan(bool announce);

    QString m_scope;
    QString m_directory;
    QFileSystemWatcher m_watcher;
    QTimer m_settle;                   // one scan for a burst of directory events
    QHash<QString, QByteArray> m_seen; // file name -> content last seen
};
