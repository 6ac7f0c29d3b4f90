// SPDX-License-Identifier: MIT
// Tells a front end that profiles.json changed on disk (another TokenLab
// window or a tokenlab-cli command saved it), so it can load the profiles
// again and show them within a second. Saves made through this process's
// own ProfileStore are announced too; reloading then is harmless.
//
// Contract: changed() comes once per burst of file events (50 ms settle),
// also when the file is replaced by an atomic save (a new inode) or created.
#pragma once

#include <QFileSystemWatcher>
#include <QObject>
#include <QTimer>

class ProfileWatcher : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(ProfileWatcher)

public:
    explicit ProfileWatcher(const QString &path, QObject *parent = nullptr);

Q_SIGNALS:
    void changed();

private:
    void rewatch();

    QString m_path;
    QFileSystemWatcher m_watcher;
    QTimer m_settle;
    QByteArray m_lastSeen; // the file's content when it was last announced
};
