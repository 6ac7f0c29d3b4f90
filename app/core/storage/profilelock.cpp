// SPDX-License-Identifier: MIT
#include "storage/profilelock.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QStandardPaths>

#if defined(Q_OS_UNIX)
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

QString ProfileLock::directory()
{
    const QString overridden = qEnvironmentVariable("TOKENLAB_LOCK_DIR");
    if (!overridden.isEmpty())
        return overridden;
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    // XDG: the login session's runtime directory. Without one (a bare
    // container, a cron job) a per-user directory under the temp dir.
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtime.isEmpty())
        return runtime + u"/tokenlab"_s;
    return QDir::tempPath() + u"/tokenlab-%1"_s.arg(qulonglong(::getuid()));
#else
    return QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation) + u"/tokenlab"_s;
#endif
}

QString ProfileLock::fileName(const QString &scope, const QString &profile, Kind kind)
{
    const QByteArray id = QCryptographicHash::hash((scope + u'\n' + profile).toUtf8(), QCryptographicHash::Sha256).toHex().left(32);
    return QString::fromLatin1(id) + (kind == Kind::Session ? u".session.lock"_s : kind == Kind::Keys ? u".keys.lock"_s : u".store.lock"_s);
}

ProfileLock::~ProfileLock()
{
    if (m_file)
        m_file->unlock();
}

ProfileLockJob::ProfileLockJob(const QString &scope, const QString &profile, ProfileLock::Kind kind,
                               std::chrono::milliseconds timeout, QObject *parent)
    : QObject(parent),
      m_path(ProfileLock::directory() + u'/' + ProfileLock::fileName(scope, profile, kind)),
      m_profile(profile),
      m_timeout(timeout)
{
    m_poll.setSingleShot(true);
    connect(&m_poll, &QTimer::timeout, this, &ProfileLockJob::attempt);
}

void ProfileLockJob::start()
{
    m_deadline = QDateTime::currentMSecsSinceEpoch() + m_timeout.count();
    if (!QDir().mkpath(ProfileLock::directory())) {
        m_error = QCoreApplication::translate("ProfileLock", "TokenLab cannot create its lock directory %1; check that it is writable.")
                          .arg(QDir::toNativeSeparators(ProfileLock::directory()));
        QTimer::singleShot(0, this, [this] {
            m_done = true;
            Q_EMIT finished(false);
        });
        return;
    }
    QFile::setPermissions(ProfileLock::directory(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    m_file = std::make_unique<QLockFile>(m_path);
    m_file->setStaleLockTime(int(StaleAfter.count()));
    m_poll.start(0);
}

void ProfileLockJob::attempt()
{
    if (m_done)
        return;
    // tryLock(0) removes a lock whose process is gone or that is older than StaleAfter.
    if (m_file->tryLock(0)) {
        m_lock.reset(new ProfileLock(std::move(m_file)));
        m_done = true;
        Q_EMIT finished(true);
        return;
    }
    if (m_file->error() == QLockFile::PermissionError || m_file->error() == QLockFile::UnknownError) {
        m_error = QCoreApplication::translate("ProfileLock", "TokenLab cannot write the lock file %1; check the permissions of that directory.").arg(QDir::toNativeSeparators(m_path));
    } else if (QDateTime::currentMSecsSinceEpoch() < m_deadline) {
        m_poll.start(PollInterval);
        return;
    } else {
        qint64 pid = 0;
        QString host, app;
        m_file->getLockInfo(&pid, &host, &app);
        m_error = QCoreApplication::translate("ProfileLock", "Another TokenLab process%1 is still working on the profile \"%2\" after %3 s; wait for it to finish and try again.")
                          .arg(pid > 0 ? u" (PID %1)"_s.arg(pid) : QString(), m_profile)
                          .arg(m_timeout.count() / 1000.0);
    }
    m_done = true;
    Q_EMIT finished(false);
}
