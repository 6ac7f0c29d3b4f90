// SPDX-License-Identifier: MIT
// The per-profile lock that TokenLab processes share: one holder at a time,
// a waiter that gets it once the holder lets go, a clear sentence on
// timeout, recovery of a lock left by a process that died, and file names
// that no profile name can turn into a path.
#include "storage/profilelock.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

class TestProfileLock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void oneHolderAtATime();
    void timeoutSaysWhoHoldsIt();
    void deadHolderIsRecovered();
    void kindsAndScopesAreSeparate();
    void fileNames_data();
    void fileNames();

private:
    QTemporaryDir m_dir;
};

namespace {

std::unique_ptr<ProfileLock> take(const QString &profile, std::chrono::milliseconds timeout = 5000ms,
                                  ProfileLock::Kind kind = ProfileLock::Kind::Session, const QString &scope = u"test"_s,
                                  QString *error = nullptr)
{
    ProfileLockJob job(scope, profile, kind, timeout);
    QSignalSpy done(&job, &ProfileLockJob::finished);
    job.start();
    if (!done.wait(int(timeout.count()) + 5000))
        return nullptr;
    if (error)
        *error = job.errorString();
    return done.first().at(0).toBool() ? job.takeLock() : nullptr;
}

} // namespace

void TestProfileLock::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("TOKENLAB_LOCK_DIR", m_dir.path().toUtf8());
}

void TestProfileLock::oneHolderAtATime()
{
    auto first = take(u"p"_s);
    QVERIFY(first);
    ProfileLockJob waiter(u"test"_s, u"p"_s, ProfileLock::Kind::Session, 10000ms);
    QSignalSpy done(&waiter, &ProfileLockJob::finished);
    waiter.start();
    QTest::qWait(300);
    QCOMPARE(done.count(), 0); // still held
    first.reset();
    QVERIFY(done.wait(5000));
    QCOMPARE(done.first().at(0).toBool(), true);
    QVERIFY(waiter.takeLock());
}

void TestProfileLock::timeoutSaysWhoHoldsIt()
{
    auto held = take(u"busy"_s);
    QVERIFY(held);
    QString error;
    QVERIFY(!take(u"busy"_s, 200ms, ProfileLock::Kind::Session, u"test"_s, &error));
    QVERIFY2(error.contains(u"PID %1"_s.arg(QCoreApplication::applicationPid())), qPrintable(error));
    QVERIFY2(error.contains(u"\"busy\""_s), qPrintable(error));
    QVERIFY2(error.contains(u"try again"_s), qPrintable(error));
}

void TestProfileLock::deadHolderIsRecovered()
{
    // A process that has exited: its PID no longer runs.
    QProcess gone;
    gone.start(u"true"_s, {});
    QVERIFY(gone.waitForFinished(5000));
    const qint64 deadPid = gone.processId() > 0 ? gone.processId() : 999999;
    QFile file(m_dir.path() + u'/' + ProfileLock::fileName(u"test"_s, u"crashed"_s, ProfileLock::Kind::Session));
    QVERIFY(file.open(QIODevice::WriteOnly));
    // QLockFile's format: PID, application name, host name.
    file.write(QByteArray::number(deadPid) + "\ntokenlab-cli\n" + QSysInfo::machineHostName().toUtf8() + "\n");
    file.close();
    QVERIFY(take(u"crashed"_s, 3000ms));
}

void TestProfileLock::kindsAndScopesAreSeparate()
{
    auto session = take(u"k"_s, 1000ms, ProfileLock::Kind::Session);
    QVERIFY(session);
    QVERIFY(take(u"k"_s, 1000ms, ProfileLock::Kind::Store));
    QVERIFY(take(u"k"_s, 1000ms, ProfileLock::Kind::Session, u"another-service"_s));
}

void TestProfileLock::fileNames_data()
{
    QTest::addColumn<QString>("profile");
    QTest::newRow("plain") << u"staging"_s;
    QTest::newRow("parent-dirs") << u"../../etc/passwd"_s;
    QTest::newRow("slashes") << u"a/b\\c"_s;
    QTest::newRow("nul-and-newline") << u"a\u0000b\nc"_s;
    QTest::newRow("unicode") << u"prüfung-🔑"_s;
    QTest::newRow("very-long") << u"x"_s.repeated(5000);
    QTest::newRow("empty") << QString();
}

void TestProfileLock::fileNames()
{
    QFETCH(QString, profile);
    const QString name = ProfileLock::fileName(u"scope"_s, profile, ProfileLock::Kind::Session);
    QVERIFY(!name.contains(u'/') && !name.contains(u'\\') && !name.startsWith(u'.'));
    QVERIFY(name.size() < 64);
    QVERIFY(name != ProfileLock::fileName(u"scope"_s, profile + u'x', ProfileLock::Kind::Session));
    QVERIFY(take(profile, 1000ms)); // usable as a lock
}

QTEST_GUILESS_MAIN(TestProfileLock)
#include "tst_profilelock.moc"
