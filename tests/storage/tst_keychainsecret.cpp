// SPDX-License-Identifier: MIT
// KeychainSecret against a real gnome-keyring in a private D-Bus session
// (tests/keyring/with-keyring): write, read back, delete, a missing entry,
// services kept apart, and a frozen daemon, each job ending in exactly one
// finished signal.
#include "storage/keychainsecret.h"
#include "support/keyringtest.h"

#include <QDir>
#include <QSignalSpy>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

class TestKeychainSecret : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void writeReadDelete();
    void missingEntry_data();
    void missingEntry();
    void servicesAreSeparate();
    void frozenDaemonTimesOut();

private:
    static const QString Service;
};

const QString TestKeychainSecret::Service = u"TokenLabTest-secret"_s;

namespace {

struct Outcome
{
    TokenStoreError error = TokenStoreError::Other;
    QString message;
    QByteArray secret;
    int finishedCount = 0;
};

// Runs the job to its end, then a little longer, to count its finished signals.
Outcome run(KeychainSecret *job, int timeoutMs = 20000)
{
    std::unique_ptr<KeychainSecret> owner(job);
    QSignalSpy finished(job, &KeychainSecret::finished);
    job->start();
    if (finished.isEmpty() && !finished.wait(timeoutMs))
        return {TokenStoreError::Other, u"no finished() signal"_s, {}, 0};
    QTest::qWait(50);
    return {job->error(), job->errorString(), job->secret(), int(finished.count())};
}

} // namespace

void TestKeychainSecret::init()
{
    TOKENLAB_REQUIRE_KEYRING();
}

void TestKeychainSecret::writeReadDelete()
{
    const QByteArray secret = "-----BEGIN PRIVATE KEY-----\nnot-really-a-key-but-secret-7f3a\n-----END PRIVATE KEY-----\n";
    const Outcome w = run(KeychainSecret::write(Service, u"entry"_s, secret));
    QCOMPARE(w.error, TokenStoreError::None);
    QCOMPARE(w.finishedCount, 1);
    const Outcome r = run(KeychainSecret::read(Service, u"entry"_s));
    QCOMPARE(r.error, TokenStoreError::None);
    QCOMPARE(r.finishedCount, 1);
    QCOMPARE(r.secret, secret);
    QVERIFY(KeyringTest::secretToolSearch(Service).contains("user = entry"));
    QCOMPARE(KeyringTest::filesContaining(QDir::homePath(), "not-really-a-key-but-secret-7f3a"), QStringList());

    const Outcome d = run(KeychainSecret::remove(Service, u"entry"_s));
    QCOMPARE(d.error, TokenStoreError::None);
    QCOMPARE(d.finishedCount, 1);
    QCOMPARE(run(KeychainSecret::read(Service, u"entry"_s)).error, TokenStoreError::NotFound);
}

void TestKeychainSecret::missingEntry_data()
{
    QTest::addColumn<bool>("remove");
    QTest::newRow("read") << false;
    QTest::newRow("delete") << true;
}

void TestKeychainSecret::missingEntry()
{
    QFETCH(bool, remove);
    const Outcome o = run(remove ? KeychainSecret::remove(Service, u"never-written"_s)
                                 : KeychainSecret::read(Service, u"never-written"_s));
    QCOMPARE(o.finishedCount, 1);
    // Reading finds nothing; deleting what is not there is not an error.
    QVERIFY2(o.error == (remove ? TokenStoreError::None : TokenStoreError::NotFound), qPrintable(o.message));
    QCOMPARE(o.message.isEmpty(), remove);
    QVERIFY(o.secret.isEmpty());
}

void TestKeychainSecret::servicesAreSeparate()
{
    QCOMPARE(run(KeychainSecret::write(Service, u"shared-name"_s, "one")).error, TokenStoreError::None);
    QCOMPARE(run(KeychainSecret::read(Service + u"-other"_s, u"shared-name"_s)).error, TokenStoreError::NotFound);
    QCOMPARE(run(KeychainSecret::read(Service, u"shared-name"_s)).secret, QByteArray("one"));
    QCOMPARE(run(KeychainSecret::remove(Service, u"shared-name"_s)).error, TokenStoreError::None);
}

void TestKeychainSecret::frozenDaemonTimesOut()
{
    // A Secret Service that never answers, as a keyring waiting on a prompt would.
    QCOMPARE(::kill(pid_t(KeyringTest::daemonPid()), SIGSTOP), 0);
    const Outcome o = run(KeychainSecret::read(Service, u"frozen"_s, 1500ms), 10000);
    QCOMPARE(::kill(pid_t(KeyringTest::daemonPid()), SIGCONT), 0);
    QCOMPARE(o.error, TokenStoreError::Timeout);
    QCOMPARE(o.finishedCount, 1);
    QVERIFY2(o.message.contains(u"did not answer within 1.5 s"_s), qPrintable(o.message));
    // Once it runs again, so do the jobs.
    QCOMPARE(run(KeychainSecret::read(Service, u"frozen"_s)).error, TokenStoreError::NotFound);
}

QTEST_GUILESS_MAIN(TestKeychainSecret)
#include "tst_keychainsecret.moc"
