// SPDX-License-Identifier: MIT
// Every sandbox endpoint against malformed, oversized and hostile requests,
// sent as raw bytes: each gets its documented error form, nothing crashes or
// hangs, and the tenant still serves a genuine login afterwards.
#include "support/sandboxfixture.h"

#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;

class TestSandboxHostile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void requests_data();
    void requests();
    void floodOfTransactionsStaysBounded();
    void stillServesAfterwards();

private:
    SandboxFixture *m_sandbox = nullptr;
};

void TestSandboxHostile::initTestCase()
{
    m_sandbox = new SandboxFixture(std::nullopt);
    QVERIFY(m_sandbox->started());
}

void TestSandboxHostile::cleanupTestCase()
{
    delete m_sandbox;
}

void TestSandboxHostile::requests_data()
{
    QTest::addColumn<bool>("api");
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");

    auto get = [](const QByteArray &target, const QByteArray &extra = {}) -> QByteArray {
        return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + extra + "\r\n";
    };
    auto post = [](const QByteArray &target, const QByteArray &body, const QByteArray &type = "application/x-www-form-urlencoded",
                   const QByteArray &extra = {}) -> QByteArray {
        return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: " + type
                + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n" + extra + "\r\n" + body;
    };
    const QByteArray html = "text/html", json = "application/json", text = "text/plain";

    QTest::newRow("authorize-bad-percent") << false << get("/authorize?client_id=%zz") << 400 << html;
    QTest::newRow("authorize-invalid-utf8") << false << get("/authorize?client_id=%ff%fe") << 400 << html;
    QTest::newRow("authorize-empty-query") << false << get("/authorize") << 400 << html;
    QTest::newRow("authorize-duplicate-client") << false << get("/authorize?client_id=a&client_id=b") << 400 << html;
    QTest::newRow("authorize-script-in-client") << false << get("/authorize?client_id=%3Cscript%3Ealert(1)%3C/script%3E") << 400 << html;
    QTest::newRow("authorize-huge-query") << false << get("/authorize?x=" + QByteArray(20000, 'a')) << 431 << text;
    QTest::newRow("authorize-post") << false << post("/authorize", "a=b") << 405 << json;
    QTest::newRow("login-bad-form") << false << post("/authorize/login", "txn=%zz") << 400 << html;
    QTest::newRow("login-unknown-txn") << false << post("/authorize/login", "txn=nope&user=alice") << 400 << html;
    QTest::newRow("login-no-body") << false << post("/authorize/login", {}) << 400 << html;
    QTest::newRow("consent-no-txn") << false << get("/authorize/consent") << 400 << html;
    QTest::newRow("consent-forged-txn") << false << post("/authorize/consent", "txn=forged&action=allow&scope=openid") << 400 << html;
    QTest::newRow("token-invalid-utf8") << false << post("/oauth/token", "grant_type=%ff") << 400 << json;
    QTest::newRow("token-bad-percent") << false << post("/oauth/token", "grant_type=%") << 400 << json;
    QTest::newRow("token-oversized-body") << false << post("/oauth/token", QByteArray(70000, 'a')) << 413 << text;
    QTest::newRow("token-lying-length") << false
        << QByteArray("POST /oauth/token HTTP/1.1\r\nContent-Length: 999999999999\r\n\r\nx") << 413 << text;
    QTest::newRow("token-chunked") << false
        << QByteArray("POST /oauth/token HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n") << 501 << text;
    QTest::newRow("token-json-nested") << false << post("/oauth/token", R"({"grant_type":{"x":1}})", "application/json") << 400 << json;
    QTest::newRow("token-json-truncated") << false << post("/oauth/token", R"({"grant_type":)", "application/json") << 400 << json;
    QTest::newRow("token-xml") << false << post("/oauth/token", "<a/>", "application/xml") << 400 << json;
    QTest::newRow("token-basic-garbage") << false << post("/oauth/token", "grant_type=client_credentials", "application/x-www-form-urlencoded", "Authorization: Basic !!!!\r\n") << 401 << json;
    QTest::newRow("token-basic-no-colon") << false << post("/oauth/token", "grant_type=client_credentials", "application/x-www-form-urlencoded", "Authorization: Basic " + QByteArray("tokenlab-m2m").toBase64() + "\r\n") << 401 << json;
    QTest::newRow("token-basic-and-post") << false << post("/oauth/token", "grant_type=client_credentials&client_secret=x", "application/x-www-form-urlencoded", "Authorization: Basic " + QByteArray("tokenlab-m2m:x").toBase64() + "\r\n") << 400 << json;
    QTest::newRow("token-bearer-header") << false << post("/oauth/token", "grant_type=client_credentials", "application/x-www-form-urlencoded", "Authorization: Bearer x\r\n") << 401 << json;
    QTest::newRow("token-get") << false << get("/oauth/token") << 405 << json;
    QTest::newRow("userinfo-garbage-token") << false << get("/userinfo", "Authorization: Bearer \x01\x02\r\n") << 400 << text;
    QTest::newRow("userinfo-bad-token") << false << get("/userinfo", "Authorization: Bearer a.b.c\r\n") << 401 << json;
    QTest::newRow("revoke-not-form") << false << post("/oauth/revoke", "{}", "application/json") << 400 << json;
    QTest::newRow("logout-evil-return") << false << get("/oidc/logout?client_id=tokenlab-native&post_logout_redirect_uri=https%3A%2F%2Fevil.example%2F") << 400 << html;
    QTest::newRow("logout-no-client") << false << get("/oidc/logout?post_logout_redirect_uri=http%3A%2F%2F127.0.0.1%3A5000%2F") << 400 << html;
    QTest::newRow("logout-forged-hint") << false << get("/oidc/logout?id_token_hint=a.b.c&post_logout_redirect_uri=http%3A%2F%2F127.0.0.1%3A5000%2F") << 400 << html;
    QTest::newRow("unknown-path") << false << get("/../../etc/passwd") << 404 << html;
    QTest::newRow("garbage-line") << false << QByteArray("\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03\r\n\r\n", 15) << 400 << text;
    QTest::newRow("api-huge-auth-header") << true << get("/api/private", "Authorization: Bearer " + QByteArray(20000, 'a') + "\r\n") << 431 << text;
    QTest::newRow("api-bad-version") << true << QByteArray("GET /api/public HTTP/3.0\r\n\r\n") << 505 << text;
    QTest::newRow("api-token-of-dots") << true << get("/api/private", "Authorization: Bearer ....\r\n") << 401 << json;
    QTest::newRow("api-token-huge-json") << true << get("/api/private", "Authorization: Bearer " + QByteArray("eyJ") + QByteArray(15000, 'W') + ".e30.e30\r\n") << 401 << json;
}

void TestSandboxHostile::requests()
{
    QFETCH(bool, api);
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    const quint16 port = api ? m_sandbox->tenant().apiBaseUrl().port() : m_sandbox->tenant().issuer().port();
    const QByteArray response = rawExchange(port, request);
    QCOMPARE(rawStatus(response), status);
    QVERIFY2(response.contains(QByteArray("Content-Type: " + contentType)), response.left(400).constData());
    // Bodies are bounded: nothing the sandbox answers here is large.
    QVERIFY(response.size() < 16 * 1024);
    // Nothing hostile is reflected unescaped into a page.
    QVERIFY(!response.contains("<script>"));
}

void TestSandboxHostile::floodOfTransactionsStaysBounded()
{
    // 1500 abandoned logins: past the cap the oldest are dropped, the newest work.
    const QByteArray challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    QString lastTxn;
    for (int i = 0; i < 1500; ++i) {
        const HttpResult r = m_sandbox->authorize(m_sandbox->authorizeParams(challenge));
        QCOMPARE(r.status, 200);
        if (i == 1499) {
            const qsizetype at = r.body.indexOf("name=\"txn\" value=\"") + 18;
            lastTxn = QString::fromLatin1(r.body.mid(at, r.body.indexOf('"', at) - at));
        }
    }
    FormData f;
    f.add(u"txn"_s, lastTxn);
    f.add(u"user"_s, u"alice"_s);
    QCOMPARE(m_sandbox->http().post(m_sandbox->url(u"/authorize/login"_s), f.encode()).status, 303);
}

void TestSandboxHostile::stillServesAfterwards()
{
    // Half-open connections that never write, then a genuine request.
    std::vector<std::unique_ptr<QTcpSocket>> silent;
    for (int i = 0; i < 50; ++i) {
        auto s = std::make_unique<QTcpSocket>();
        s->connectToHost(QHostAddress::LocalHost, m_sandbox->tenant().issuer().port());
        silent.push_back(std::move(s));
    }
    const HttpResult r = m_sandbox->http().get(m_sandbox->url(u"/.well-known/openid-configuration"_s));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(u"issuer").toString(), m_sandbox->tenant().issuer().toString());
}

QTEST_GUILESS_MAIN(TestSandboxHostile)
#include "tst_sandboxhostile.moc"
