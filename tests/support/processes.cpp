// SPDX-License-Identifier: MIT
#include "support/processes.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QTest>

QString tokenlabBinary(const QString &name)
{
    return qEnvironmentVariable("TOKENLAB_BIN_DIR") + QLatin1Char('/') + name;
}

ChildProcess::~ChildProcess()
{
    stop(2000);
}

bool ChildProcess::start(const QString &name, const QStringList &args, bool waitForLine, int timeoutMs)
{
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(tokenlabBinary(name));
    m_process->setArguments(args);
    m_process->start();
    if (!m_process->waitForStarted(timeoutMs))
        return false;
    if (!waitForLine)
        return true;
    QElapsedTimer timer;
    timer.start();
    while (!m_process->canReadLine() && timer.elapsed() < timeoutMs && m_process->state() == QProcess::Running)
        m_process->waitForReadyRead(100);
    if (!m_process->canReadLine())
        return false;
    m_firstLine = m_process->readLine().trimmed();
    return true;
}

QJsonObject ChildProcess::firstLineJson() const
{
    return QJsonDocument::fromJson(m_firstLine).object();
}

int ChildProcess::stop(int timeoutMs)
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return m_process ? m_process->exitCode() : -1;
    m_process->terminate(); // SIGTERM to this PID
    if (m_process->waitForFinished(timeoutMs))
        return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
    m_process->kill();
    m_process->waitForFinished(timeoutMs);
    return -1;
}

RunResult runProcess(const QString &name, const QStringList &args, int timeoutMs, const QStringList &extraEnv,
                     const QByteArray &stdinData)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &kv : extraEnv) {
        const qsizetype eq = kv.indexOf(QLatin1Char('='));
        env.insert(kv.left(eq), kv.mid(eq + 1));
    }
    process.setProcessEnvironment(env);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(tokenlabBinary(name), args);
    RunResult r;
    if (!process.waitForStarted(10000))
        return r;
    if (!stdinData.isEmpty())
        process.write(stdinData);
    process.closeWriteChannel();
    QElapsedTimer timer;
    timer.start();
    while (finished.isEmpty() && timer.elapsed() < timeoutMs)
        QTest::qWait(20);
    if (finished.isEmpty()) {
        process.kill();
        process.waitForFinished(2000);
        r.out = process.readAllStandardOutput();
        r.err = process.readAllStandardError();
        return r;
    }
    r.finished = true;
    r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    r.out = process.readAllStandardOutput();
    r.err = process.readAllStandardError();
    return r;
}
