// SPDX-License-Identifier: MIT
// build/bin/tokenlab-sandbox as a user or a script runs it.
#include "jose/dpopproof.h"
#include "jose/privatekey.h"
#include "support/processes.h"
#include "support/testhttp.h"

#include <QJsonObject>
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
    void hardeningFlags();
};

void TestSandboxProcess::startsPrintsAndStops()
{
    ChildProcess sandbox;
    QVERIFY(sandbox.start(u"tokenlab-sandbox"_s, {}, true));
    const QJsonObject info = sandbox.firstLineJson();
    for (const char *key : {"issuer", "api_base_url", "audience", "client_id", "m2m_client_id", "m2m_client_secret",
                            "registration_endpoint"})
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
    QTest::newRow("api-dpop-unknown-mode") << QStringList{u"--api-dpop"_s, u"sometimes"_s} << u"--api-dpop must be \"allowed\" or \"required\""_s;
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

void TestSandboxProcess::hardeningFlags()
{
    ChildProcess sandbox;
    QVERIFY(sandbox.start(u"tokenlab-sandbox"_s, {u"--require-par"_s, u"--dpop-nonce"_s, u"--api-dpop"_s, u"required"_s}, true));
    const QJsonObject info = sandbox.firstLineJson();
    QUrl base(info.value(u"issuer").toString());
    TestHttp http;
    QUrl discovery = base;
    discovery.setPath(u"/.well-known/openid-configuration"_s);
    const QJsonObject d = http.get(discovery).json();
    QCOMPARE(d.value(u"require_pushed_authorization_requests").toBool(), true);
    QCOMPARE(d.value(u"registration_endpoint").toString(), info.value(u"registration_endpoint").toString());

    // --require-par: a plain authorization request gets a page, never a redirect.
    QUrl authorize = base;
    authorize.setPath(u"/authorize"_s);
    authorize.setQuery(u"response_type=code&client_id=tokenlab-native&redirect_uri=http%3A%2F%2F127.0.0.1%3A4000%2Fcb"_s, QUrl::StrictMode);
    const HttpResult plain = http.get(authorize);
    QCOMPARE(plain.status, 400);
    QVERIFY(plain.body.contains("Pushed authorization request required"));

    // --dpop-nonce: a proof without the server's nonce is answered with one.
    QUrl token = base;
    token.setPath(u"/oauth/token"_s);
    const PrivateKey key = PrivateKey::generate(PrivateKey::Type::EcP256);
    DpopProof::Claims claims{"POST", token, QDateTime::currentSecsSinceEpoch(), {}, {}, {}};
    const QByteArray form = "grant_type=client_credentials&client_id=tokenlab-m2m&audience=https%3A%2F%2Fapi.sandbox.tokenlab.test%2F&client_secret="
            + QUrl::toPercentEncoding(info.value(u"m2m_client_secret").toString());
    const HttpResult first = http.post(token, form, "application/x-www-form-urlencoded", {{"DPoP", DpopProof::make(key, claims)}});
    QCOMPARE(first.status, 400);
    QCOMPARE(first.json().value(u"error").toString(), u"use_dpop_nonce"_s);
    QVERIFY(!first.header("DPoP-Nonce").isEmpty());

    // --api-dpop required: no token gets a DPoP challenge.
    QUrl api(info.value(u"api_base_url").toString());
    api.setPath(u"/api/private"_s);
    const HttpResult refused = http.get(api);
    QCOMPARE(refused.status, 401);
    QVERIFY2(refused.header("WWW-Authenticate").startsWith("DPoP algs=\"ES256"), refused.header("WWW-Authenticate").constData());
    QCOMPARE(sandbox.stop(), 0);
}

QTEST_GUILESS_MAIN(TestSandboxProcess)
#include "tst_sandboxprocess.moc"
