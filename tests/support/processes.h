// SPDX-License-Identifier: MIT
// Starting TokenLab's own executables from tests. Every process is stopped
// by the test that started it (the handle's destructor terminates and then
// kills it by PID), so nothing outlives a test.
#pragma once

#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <memory>

QString tokenlabBinary(const QString &name);

class ChildProcess
{
public:
    ChildProcess() = default;
    ~ChildProcess();
    ChildProcess(const ChildProcess &) = delete;
    ChildProcess &operator=(const ChildProcess &) = delete;

    // Starts name from build/bin; waits for the first stdout line when asked.
    bool start(const QString &name, const QStringList &args, bool waitForLine = false, int timeoutMs = 15000);
    QByteArray firstLine() const { return m_firstLine; }
    QJsonObject firstLineJson() const;
    QProcess &process() { return *m_process; }
    qint64 pid() const { return m_process ? m_process->processId() : 0; }
    // SIGTERM, then SIGKILL after timeoutMs; returns the exit code, -1 if killed.
    int stop(int timeoutMs = 5000);

private:
    std::unique_ptr<QProcess> m_process;
    QByteArray m_firstLine;
};

struct RunResult
{
    int exitCode = -1;
    bool finished = false;
    QByteArray out;
    QByteArray err;
};

// Runs to completion while the event loop keeps turning, so in-process
// servers of the test itself can answer the child.
RunResult runProcess(const QString &name, const QStringList &args, int timeoutMs = 30000,
                     const QStringList &extraEnv = {}, const QByteArray &stdinData = {});
