// SPDX-License-Identifier: MIT
#include "oauth/authorizationcallback.h"

#include <QTest>

using namespace Qt::StringLiterals;
using O = AuthorizationCallback::Outcome;

Q_DECLARE_METATYPE(AuthorizationCallback::Outcome)

class TestAuthorizationCallback : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void judge_data();
    void judge();
};

void TestAuthorizationCallback::judge_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<bool>("issPromised");
    QTest::addColumn<O>("outcome");
    QTest::addColumn<int>("status");

    const QByteArray iss = "iss=https%3A%2F%2Ftenant.example%2F";
    QTest::newRow("code") << QByteArray("GET") << "/callback?code=abc&state=S1&" + iss << true << O::Code << 200;
    QTest::newRow("code-without-iss-not-promised") << QByteArray("GET") << QByteArray("/callback?code=abc&state=S1") << false << O::Code << 200;
    QTest::newRow("code-without-iss-promised") << QByteArray("GET") << QByteArray("/callback?code=abc&state=S1") << true << O::MixUp << 400;
    QTest::newRow("iss-mismatch-mix-up") << QByteArray("GET") << QByteArray("/callback?code=abc&state=S1&iss=https%3A%2F%2Fevil.example%2F") << false << O::MixUp << 400;
    QTest::newRow("provider-error") << QByteArray("GET") << "/callback?error=access_denied&error_description=User%20said%20no&state=S1&" + iss << true << O::ProviderError << 200;
    QTest::newRow("error-wrong-state") << QByteArray("GET") << QByteArray("/callback?error=access_denied&state=S2") << false << O::Rejected << 400;
    QTest::newRow("error-no-state") << QByteArray("GET") << QByteArray("/callback?error=server_error") << false << O::Rejected << 400;
    QTest::newRow("state-mismatch") << QByteArray("GET") << QByteArray("/callback?code=abc&state=S2") << false << O::Rejected << 400;
    QTest::newRow("state-prefix") << QByteArray("GET") << QByteArray("/callback?code=abc&state=S") << false << O::Rejected << 400;
    QTest::newRow("state-missing") << QByteArray("GET") << QByteArray("/callback?code=abc") << false << O::Rejected << 400;
    QTest::newRow("state-empty") << QByteArray("GET") << QByteArray("/callback?code=abc&state=") << false << O::Rejected << 400;
    QTest::newRow("missing-code") << QByteArray("GET") << QByteArray("/callback?state=S1") << false << O::MissingCode << 400;
    QTest::newRow("empty-code") << QByteArray("GET") << QByteArray("/callback?code=&state=S1") << false << O::MissingCode << 400;
    QTest::newRow("duplicate-code") << QByteArray("GET") << QByteArray("/callback?code=a&code=b&state=S1") << false << O::Rejected << 400;
    QTest::newRow("duplicate-state") << QByteArray("GET") << QByteArray("/callback?code=a&state=S1&state=S2") << false << O::Rejected << 400;
    QTest::newRow("bad-percent") << QByteArray("GET") << QByteArray("/callback?code=%zz&state=S1") << false << O::Rejected << 400;
    QTest::newRow("invalid-utf8") << QByteArray("GET") << QByteArray("/callback?code=%ff&state=S1") << false << O::Rejected << 400;
    QTest::newRow("wrong-path") << QByteArray("GET") << QByteArray("/favicon.ico") << false << O::NotOurs << 404;
    QTest::newRow("path-prefix") << QByteArray("GET") << QByteArray("/callbackx?code=a&state=S1") << false << O::NotOurs << 404;
    QTest::newRow("wrong-method") << QByteArray("POST") << QByteArray("/callback?code=a&state=S1") << false << O::NotOurs << 405;
    QTest::newRow("head") << QByteArray("HEAD") << QByteArray("/callback?code=a&state=S1") << false << O::NotOurs << 405;
    QTest::newRow("encoded-state") << QByteArray("GET") << QByteArray("/callback?code=a&state=S%31") << false << O::Code << 200;
}

void TestAuthorizationCallback::judge()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(bool, issPromised);
    QFETCH(O, outcome);
    QFETCH(int, status);
    HttpRequestParser parser;
    QCOMPARE(parser.feed(method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"), HttpRequestParser::Result::Complete);
    CallbackExpectation e;
    e.path = "/callback";
    e.state = u"S1"_s;
    e.issuer = QUrl(u"https://tenant.example/"_s);
    e.issuerSendsIss = issPromised;
    const AuthorizationCallback cb = AuthorizationCallback::judge(parser.take(), e);
    QCOMPARE(cb.outcome, outcome);
    QCOMPARE(cb.httpStatus, status);
    QVERIFY(!cb.reason.isEmpty());
    if (outcome == O::Code)
        QVERIFY(!cb.code.isEmpty());
    else
        QVERIFY(cb.code.isEmpty());
}

QTEST_GUILESS_MAIN(TestAuthorizationCallback)
#include "tst_authorizationcallback.moc"
