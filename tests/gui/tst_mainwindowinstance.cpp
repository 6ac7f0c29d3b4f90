// SPDX-License-Identifier: MIT
// One window per user and configuration, with real tokenlab processes under
// the offscreen platform: a second start raises the running window and ends
// with 0; a running instance that does not answer is taken over after the
// two-second wait; and runs with another configuration directory never meet.
#include "gui/singleinstance.h"
#include "support/processes.h"

#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestMainWindowInstance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void secondStartRaisesTheRunningWindow();
    void silentInstanceIsTakenOver();
    void namesDifferByConfigDirectory();

private:
    QString configDir() const { return m_config->path() + u"/tokenlab"_s; }
    std::unique_ptr<QTemporaryDir> m_config;
};

namespace {

// Everything a child wrote on stderr so far, kept across polls.
bool said(ChildProcess &child, QByteArray *log, const QByteArray &line)
{
    *log += child.process().readAllStandardError();
    return log->contains(line);
}

bool listening(const QString &name)
{
    QLocalSocket probe;
    probe.connectToServer(name);
    const bool ok = probe.waitForConnected(200);
    probe.abort();
    return ok;
}

} // namespace

void TestMainWindowInstance::init()
{
    // Each test its own configuration directory, inherited by the processes it starts.
    m_config = std::make_unique<QTemporaryDir>();
    qputenv("XDG_CONFIG_HOME", m_config->path().toUtf8());
    qputenv("TOKENLAB_KEYCHAIN_TIMEOUT_MS", "1000");
    qputenv("QT_QPA_PLATFORM", "offscreen");
}

void TestMainWindowInstance::secondStartRaisesTheRunningWindow()
{
    const QString name = SingleInstance::nameFor(configDir());
    ChildProcess first;
    QVERIFY(first.start(u"tokenlab"_s, {}));
    QTRY_VERIFY_WITH_TIMEOUT(listening(name) || first.process().state() != QProcess::Running, 30000);
    QVERIFY(first.process().state() == QProcess::Running);

    const RunResult second = runProcess(u"tokenlab"_s, {}, 30000);
    QVERIFY(second.finished);
    QCOMPARE(second.exitCode, 0);
    QByteArray log;
    QTRY_VERIFY2_WITH_TIMEOUT(said(first, &log, "another start of TokenLab asked for this window"), log.constData(), 10000);
    QCOMPARE(first.process().state(), QProcess::Running); // still the one window
    first.stop();
}

void TestMainWindowInstance::silentInstanceIsTakenOver()
{
    // Something holds the name but never answers (a hung TokenLab).
    const QString name = SingleInstance::nameFor(configDir());
    QLocalServer silent;
    QVERIFY(silent.listen(name));
    int silentConnections = 0;
    connect(&silent, &QLocalServer::newConnection, this, [&] {
        while (silent.nextPendingConnection())
            ++silentConnections;
    });

    ChildProcess first;
    QVERIFY(first.start(u"tokenlab"_s, {}));
    QTRY_VERIFY_WITH_TIMEOUT(silentConnections == 1, 10000);
    // After its wait it starts normally and takes the name over: the next start reaches it.
    QByteArray log;
    QTRY_VERIFY2_WITH_TIMEOUT(said(first, &log, "did not answer in time"), log.constData(), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(listening(name), 30000);
    QVERIFY(first.process().state() == QProcess::Running);
    const RunResult second = runProcess(u"tokenlab"_s, {}, 30000);
    QVERIFY(second.finished);
    QCOMPARE(second.exitCode, 0);
    QTRY_VERIFY2_WITH_TIMEOUT(said(first, &log, "another start of TokenLab asked for this window"), log.constData(), 10000);
    first.stop();
}

void TestMainWindowInstance::namesDifferByConfigDirectory()
{
    QTemporaryDir other;
    QVERIFY(SingleInstance::nameFor(configDir()) != SingleInstance::nameFor(other.path() + u"/tokenlab"_s));
    QCOMPARE(SingleInstance::nameFor(configDir()), SingleInstance::nameFor(configDir() + u"/"_s));
}

QTEST_MAIN(TestMainWindowInstance)
#include "tst_mainwindowinstance.moc"
