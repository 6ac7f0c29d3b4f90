// tokenlab-cli as scripts run it: usage, exit codes, and discover against a
// sandbox served by this test.
#include "processes.h"
#include "sandboxfixture.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void help();
    void usageErrors_data();
    void usageErrors();
    void discover();
    void discoverFailure();
};

void TestCli::help()
{
    const RunResult r = runProcess(u"tokenlab-cli"_s, {u"--help"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("Usage: tokenlab-cli COMMAND"));
    QVERIFY(r.out.contains("discover ISSUER"));
    const RunResult sub = runProcess(u"tokenlab-cli"_s, {u"discover"_s, u"--help"_s});
    QCOMPARE(sub.exitCode, 0);
    QVERIFY(sub.out.contains("ISSUER"));
}

void TestCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("words");
    QTest::newRow("no-command") << QStringList() << QByteArray("Usage:");
    QTest::newRow("unknown-command") << QStringList{u"frobnicate"_s} << QByteArray("unknown command \"frobnicate\"");
    QTest::newRow("discover-no-issuer") << QStringList{u"discover"_s} << QByteArray("exactly one ISSUER");
    QTest::newRow("discover-bad-url") << QStringList{u"discover"_s, u"::::"_s} << QByteArray("is not a URL");
    QTest::newRow("discover-unknown-option") << QStringList{u"discover"_s, u"--frob"_s, u"https://x/"_s} << QByteArray("Unknown option");
}

void TestCli::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, words);
    const RunResult r = runProcess(u"tokenlab-cli"_s, args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(words), r.err.constData());
}

void TestCli::discover()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    const RunResult r = runProcess(u"tokenlab-cli"_s, {u"discover"_s, sandbox.tenant().issuer().toString()});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("token_endpoint"));
    QVERIFY(r.out.contains("pkce                    S256"));
    const RunResult json = runProcess(u"tokenlab-cli"_s, {u"discover"_s, u"--json"_s, sandbox.tenant().issuer().toString()});
    QCOMPARE(json.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(json.out).object().value(u"issuer").toString(), sandbox.tenant().issuer().toString());
}

void TestCli::discoverFailure()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    QUrl wrong = sandbox.tenant().issuer();
    wrong.setPath(u"/not-the-issuer/"_s);
    const RunResult r = runProcess(u"tokenlab-cli"_s, {u"discover"_s, wrong.toString()});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("HTTP 404"), r.err.constData());
    const RunResult insecure = runProcess(u"tokenlab-cli"_s, {u"discover"_s, u"http://tenant.example/"_s});
    QCOMPARE(insecure.exitCode, 1);
    QVERIFY2(insecure.err.contains("not an https URL"), insecure.err.constData());
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
