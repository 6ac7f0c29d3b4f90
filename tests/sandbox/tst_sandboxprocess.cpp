// build/bin/tokenlab-sandbox as a user or a script runs it.
#include "support/processes.h"
#include "support/testhttp.h"

#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;

class TestSandboxProcess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsPrintsAndStops();
    void autoApproveAndLifetime();
    void badArguments_data();
    void badArguments();
    void portInUse();
};

void TestSandboxProcess::startsPrintsAndStops()
{
    ChildProcess sandbox;
    QVERIFY(sandbox.start(u"tokenlab-sandbox"_s, {}, true));
    const QJsonObject info = sandbox.firstLineJson();
    for (const char *key : {"issuer", "api_base_url", "audience", "client_id", "m2m_client_id", "m2m_client_secret"})
        QVERIFY2(!info.value(QLatin1String(key)).toString().isEmpty(), key);
    const QUrl issuer(info.value(u"issuer").toString());
    QCOMPARE(issuer.host(), u"127.0.0.1"_s);
    TestHttp http;
    QUrl discovery = issuer;
    discovery.setPath(u"/.well-known/openid-configuration"_s);
    QCOMPARE(http.get(discovery).json().value(u"issuer").toString(), issuer.toString());
    QUrl api(info.value(u"api_base_url").toString());
    api.setPath(u"/api/public"_s);
    QCOMPARE(http.get(api).status, 200);
    // SIGTERM ends it cleanly, with exit code 0.
    QCOMPARE(sandbox.stop(), 0);
    QCOMPARE(http.get(discovery).status, 0);
}

void TestSandboxProcess::autoApproveAndLifetime()
{
    ChildProcess sandbox;
    QVERIFY(sandbox.start(u"tokenlab-sandbox"_s, {u"--auto-approve"_s, u"bob:openid"_s, u"--token-lifetime"_s, u"5"_s}, true));
    const QJsonObject info = sandbox.firstLineJson();
    QCOMPARE(info.value(u"token_lifetime").toInt(), 5);
    QUrl authorize(info.value(u"issuer").toString());
    authorize.setPath(u"/authorize"_s);
    authorize.setQuery(u"response_type=code&client_id=tokenlab-native&redirect_uri=http%3A%2F%2F127.0.0.1%3A4000%2Fcb"
                       "&scope=openid%20profile&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"_s,
                       QUrl::StrictMode);
    TestHttp http;
    const HttpResult r = http.get(authorize);
    QCOMPARE(r.status, 302);
    QVERIFY(!r.locationParam(u"code"_s).isEmpty());
    QCOMPARE(sandbox.stop(), 0);
}

void TestSandboxProcess::badArguments_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("words");
    QTest::newRow("port-out-of-range") << QStringList{u"--port"_s, u"70000"_s} << u"--port must be a whole number"_s;
    QTest::newRow("port-not-number") << QStringList{u"--api-port"_s, u"http"_s} << u"--api-port must be a whole number"_s;
    QTest::newRow("lifetime-zero") << QStringList{u"--token-lifetime"_s, u"0"_s} << u"--token-lifetime"_s;
    QTest::newRow("unknown-user") << QStringList{u"--auto-approve"_s, u"carol"_s} << u"no sandbox user \"carol\""_s;
    QTest::newRow("positional") << QStringList{u"extra"_s} << u"unexpected argument"_s;
}

void TestSandboxProcess::badArguments()
{
    QFETCH(QStringList, args);
    QFETCH(QString, words);
    const RunResult r = runProcess(u"tokenlab-sandbox"_s, args, 10000);
    QVERIFY(r.finished);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(QString::fromUtf8(r.err).contains(words), r.err.constData());
    QVERIFY(r.out.isEmpty());
}

void TestSandboxProcess::portInUse()
{
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost));
    const RunResult r = runProcess(u"tokenlab-sandbox"_s, {u"--port"_s, QString::number(taken.serverPort())}, 10000);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("could not start"), r.err.constData());
}

QTEST_GUILESS_MAIN(TestSandboxProcess)
#include "tst_sandboxprocess.moc"
