// SPDX-License-Identifier: MIT
#include "storage/profilewatcher.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

ProfileWatcher::ProfileWatcher(const QString &path, QObject *parent) : QObject(parent), m_path(path)
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(50);
    connect(&m_settle, &QTimer::timeout, this, [this] {
        rewatch();
        QFile file(m_path);
        const QByteArray digest = file.open(QIODevice::ReadOnly)
                ? QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256)
                : QByteArray();
        if (digest == m_lastSeen)
            return;
        m_lastSeen = digest;
        Q_EMIT changed();
    });
    // The directory sees the atomic rename of a save; the file, edits in place.
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] { m_settle.start(); });
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, [this] { m_settle.start(); });
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QFile file(m_path);
    if (file.open(QIODevice::ReadOnly))
        m_lastSeen = QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
    rewatch();
}

void ProfileWatcher::rewatch()
{
    const QString dir = QFileInfo(m_path).absolutePath();
    if (!m_watcher.directories().contains(dir))
        m_watcher.addPath(dir);
    if (QFile::exists(m_path) && !m_watcher.files().contains(m_path))
        m_watcher.addPath(m_path);
}
