// SPDX-License-Identifier: MIT
#include "storage/profilefile.h"
#include "storage/profilestore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QSaveFile>

using namespace Qt::StringLiterals;

QString ProfileFile::defaultDirectory()
{
    return QFileInfo(ProfileStore::defaultPath()).absolutePath();
}

QString ProfileFile::path(const QString &directory, const QString &kind, const QString &profile, const QString &suffix)
{
    QString safe;
    for (const char c : profile.toUtf8()) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        safe += plain ? QString(QLatin1Char(c)) : u"%%1"_s.arg(uint(uchar(c)), 2, 16, QChar(u'0')).toUpper();
    }
    if (safe.isEmpty())
        safe = u"%00"_s;
    return directory + u'/' + kind + u'/' + safe + suffix;
}

std::optional<QByteArray> ProfileFile::read(const QString &path, qint64 maxBytes, QString *error)
{
    QFile file(path);
    if (!file.exists())
        return QByteArray();
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("TokenLab cannot read %1: %2.").arg(QDir::toNativeSeparators(path), file.errorString());
        return std::nullopt;
    }
    if (file.size() > maxBytes) {
        if (error)
            *error = tr("%1 is larger than %2 KiB, more than TokenLab ever writes there; move it away or remove it.")
                             .arg(QDir::toNativeSeparators(path))
                             .arg(maxBytes / 1024);
        return std::nullopt;
    }
    return file.read(maxBytes);
}

bool ProfileFile::write(const QString &path, const QByteArray &bytes, QString *error)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = tr("TokenLab cannot write %1: %2.").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

bool ProfileFile::update(const QString &path, qint64 maxBytes, const Change &change, QString *error)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QLockFile lock(path + u".lock"_s);
    lock.setStaleLockTime(LockTimeoutMs * 3); // a write takes milliseconds; a lock this old is abandoned
    if (!lock.tryLock(LockTimeoutMs)) {
        if (error)
            *error = tr("Another TokenLab process has been writing %1 for %2 s; try again.")
                             .arg(QDir::toNativeSeparators(path))
                             .arg(LockTimeoutMs / 1000);
        return false;
    }
    const auto current = read(path, maxBytes, error);
    if (!current)
        return false;
    const auto next = change(*current, error);
    if (!next)
        return false;
    return write(path, *next, error);
}
