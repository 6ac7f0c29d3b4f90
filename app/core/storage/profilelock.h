// SPDX-License-Identifier: MIT
// A lock on one profile that every TokenLab process honours: the app, any
// number of tokenlab-cli processes, and the tests that start them. It is a
// QLockFile in the user's runtime directory ($XDG_RUNTIME_DIR/tokenlab),
// so it dies with the login session, and a lock left by a process that
// crashed is recovered: at once when its PID is gone, after staleAfter
// otherwise.
//
// Two kinds per profile. Session: held across a read-modify-write of the
// profile's tokens (re-read, refresh with the refresh token, save), so N
// processes on one expired token make one refresh. Store: held by the
// token store for the few keychain writes of one save or delete, so two
// processes never interleave their chunks.
//
// Contract: ProfileLock::acquire() returns a job that ends in exactly one
// finished(), on every path: the lock taken, the timeout, or an error that
// the lock file cannot be written. It never blocks the event loop (it
// polls tryLock(0)). The lock is released when the returned holder is
// destroyed.
#pragma once

#include <QLockFile>
#include <QObject>
#include <QTimer>
#include <chrono>
#include <memory>

class ProfileLock
{
public:
    enum class Kind { Session, Store, Keys }; // Keys: held while a missing key is made and saved

    // Where the lock files live; tests point it elsewhere with TOKENLAB_LOCK_DIR.
    static QString directory();
    // A file name for the profile that no profile name can turn into a path.
    static QString fileName(const QString &scope, const QString &profile, Kind kind);

    ~ProfileLock();
    ProfileLock(const ProfileLock &) = delete;
    ProfileLock &operator=(const ProfileLock &) = delete;

private:
    friend class ProfileLockJob;
    explicit ProfileLock(std::unique_ptr<QLockFile> file) : m_file(std::move(file)) {}
    std::unique_ptr<QLockFile> m_file;
};

class ProfileLockJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(ProfileLockJob)

public:
    // scope separates users of the same names (the keychain service, so
    // tests with their own service never wait on the app's locks).
    ProfileLockJob(const QString &scope, const QString &profile, ProfileLock::Kind kind,
                   std::chrono::milliseconds timeout, QObject *parent = nullptr);

    // Starts trying; finished() follows, never before start() returns.
    void start();
    // The lock, once finished() said so; the caller keeps it as long as it needs it.
    std::unique_ptr<ProfileLock> takeLock() { return std::move(m_lock); }
    QString errorString() const { return m_error; }

    static constexpr std::chrono::milliseconds PollInterval{25};
    // Longer than the longest critical section (a token request's 30 s limit
    // and a keychain save's), so a live holder is never declared stale.
    static constexpr std::chrono::milliseconds StaleAfter{120000};

Q_SIGNALS:
    void finished(bool locked);

private:
    void attempt();

    QString m_path;
    QString m_profile;
    std::chrono::milliseconds m_timeout;
    std::unique_ptr<QLockFile> m_file;
    std::unique_ptr<ProfileLock> m_lock;
    QTimer m_poll;
    qint64 m_deadline = 0;
    QString m_error;
    bool m_done = false;
};
