// SPDX-License-Identifier: MIT
// RFC 8628 3.2 and 3.5: the device authorization endpoint's answer becomes
// codes and URIs or one sentence, hostile answers included; a refused poll
// says whether to go on and how patiently.
#include "oauth/deviceauthorization.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestDeviceAuthorization : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void readsTheMembers();
    void classify_data();
    void classify();
};

void TestDeviceAuthorization::parse_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("words"); // empty: accepted
    const QByteArray good = R"({"device_code":"dc","user_code":"WDJB-MJHT","verification_uri":"https://as.example/device","expires_in":1800})";
    QTest::newRow("minimal") << 200 << good << QString();
    QTest::newRow("google-verification-url") << 200
        << QByteArray(R"({"device_code":"dc","user_code":"ABC","verification_url":"https://www.google.com/device","expires_in":1800})") << QString();
    QTest::newRow("loopback-http") << 200
        << QByteArray(R"({"device_code":"dc","user_code":"ABC","verification_uri":"http://127.0.0.1:8080/device","expires_in":60,"interval":1})") << QString();
    QTest::newRow("error-with-description") << 400 << QByteArray(R"({"error":"invalid_scope","error_description":"no such scope"})")
                                            << u"refused the request: no such scope (invalid_scope)"_s;
    QTest::newRow("unauthorized-client") << 400 << QByteArray(R"({"error":"unauthorized_client"})") << u"enable the device code grant"_s;
    QTest::newRow("error-without-code") << 404 << QByteArray("<html>not found</html>") << u"HTTP 404 without an OAuth error"_s;
    QTest::newRow("html") << 200 << QByteArray("<html>hello</html>") << u"not with a JSON object"_s;
    QTest::newRow("array") << 200 << QByteArray("[" + good + "]") << u"not with a JSON object"_s;
    QTest::newRow("empty") << 200 << QByteArray() << u"not with a JSON object"_s;
    QTest::newRow("no-device-code") << 200
        << QByteArray(R"({"user_code":"A","verification_uri":"https://as.example/d","expires_in":60})") << u"no \"device_code\""_s;
    QTest::newRow("device-code-number") << 200
        << QByteArray(R"({"device_code":42,"user_code":"A","verification_uri":"https://as.example/d","expires_in":60})") << u"no \"device_code\""_s;
    QTest::newRow("device-code-huge") << 200
        << QByteArray(R"({"device_code":")" + QByteArray(5000, 'x') + R"(","user_code":"A","verification_uri":"https://as.example/d","expires_in":60})")
        << u"longer than 4096"_s;
    QTest::newRow("no-user-code") << 200
        << QByteArray(R"({"device_code":"d","verification_uri":"https://as.example/d","expires_in":60})") << u"no \"user_code\""_s;
    QTest::newRow("blank-user-code") << 200
        << QByteArray(R"({"device_code":"d","user_code":"   ","verification_uri":"https://as.example/d","expires_in":60})") << u"no \"user_code\""_s;
    QTest::newRow("user-code-too-long") << 200
        << QByteArray(R"({"device_code":"d","user_code":")" + QByteArray(65, 'A') + R"(","verification_uri":"https://as.example/d","expires_in":60})")
        << u"nobody could type it"_s;
    QTest::newRow("user-code-escape-sequence") << 200
        << QByteArray(R"({"device_code":"d","user_code":"AB\u001b[2JCD","verification_uri":"https://as.example/d","expires_in":60})")
        << u"control characters"_s;
    QTest::newRow("user-code-bidi-override") << 200
        << QByteArray(R"({"device_code":"d","user_code":"AB\u202eCD","verification_uri":"https://as.example/d","expires_in":60})")
        << u"control characters"_s;
    QTest::newRow("no-verification-uri") << 200 << QByteArray(R"({"device_code":"d","user_code":"A","expires_in":60})")
                                         << u"no \"verification_uri\""_s;
    QTest::newRow("verification-uri-http") << 200
        << QByteArray(R"({"device_code":"d","user_code":"A","verification_uri":"http://as.example/d","expires_in":60})") << u"not an https URL"_s;
    QTest::newRow("verification-uri-javascript") << 200
        << QByteArray(R"x({"device_code":"d","user_code":"A","verification_uri":"javascript:alert(1)","expires_in":60})x") << u"not an https URL"_s;
    QTest::newRow("verification-uri-relative") << 200
        << QByteArray(R"({"device_code":"d","user_code":"A","verification_uri":"/device","expires_in":60})") << u"not an https URL"_s;
    QTest::newRow("complete-uri-file") << 200
        << QByteArray(R"({"device_code":"d","user_code":"A","verification_uri":"https://as.example/d","verification_uri_complete":"file:///etc/passwd","expires_in":60})")
        << u"\"verification_uri_complete\" is not an https URL"_s;
    QTest::newRow("complete-uri-number") << 200
        << QByteArray(R"({"device_code":"d","user_code":"A","verification_uri":"https://as.example/d","verification_uri_complete":7,"expires_in":60})")
        << u"\"verification_uri_complete\" is not an https URL"_s;
    QTest::newRow("no-expires-in") << 200 << QByteArray(R"({"device_code":"d","user_code":"A","verification_uri":"https://as.example/d"})")
                                   << u"no whole number \"expires_in\""_s;
    QTest::newRow("expires-in-string") << 200
        << QByteArray(R"({"device_code":"d","user_code":"A","verification_uri":"https://as.example/d","expires_in":"60"})") << u"no whole number \"expires_in\""_s;
    QTest::newRow("expires-in-fraction") << 200
        << QByteArray(R"({"device_code":"d","user_code":"A","verification_uri":"https://as.example/d","expires_in":1.5})") << u"no whole number \"expires_in\""_s;
    QTest::newRow("expires-in-zero") << 200
        << QByteArray(R"({"device_code":"d","user_code":"A","verification_uri":"https://as.example/d","expires_in":0})") << u"between 1 s and a day"_s;
    QTest::newRow("expires-in-negative") << 200
        << QByteArray(R"({"device_code":"d","user_code":"A","verification_uri":"https://as.example/d","expires_in":-5})") << u"between 1 s and a day"_s;
    QTest::newRow("expires-in-a-year") << 200
        << QByteArray(R"({"device_code":"d","user_code":"A","verification_uri":"https://as.example/d","expires_in":31536000})") << u"between 1 s and a day"_s;
    QTest::newRow("expires-in-1e300") << 200
        << QByteArray(R"({"device_code":"d","user_code":"A","verification_uri":"https://as.example/d","expires_in":1e300})") << u"no whole number \"expires_in\""_s;
    QTest::newRow("interval-zero") << 200
        << QByteArray(R"({"device_code":"d","user_code":"A","verification_uri":"https://as.example/d","expires_in":60,"interval":0})") << u"\"interval\""_s;
    QTest::newRow("interval-negative") << 200
        << QByteArray(R"({"device_code":"d","user_code":"A","verification_uri":"https://as.example/d","expires_in":60,"interval":-1})") << u"\"interval\""_s;
    QTest::newRow("interval-huge") << 200
        << QByteArray(R"({"device_code":"d","user_code":"A","verification_uri":"https://as.example/d","expires_in":60,"interval":99999})") << u"\"interval\""_s;
    QTest::newRow("interval-string") << 200
        << QByteArray(R"({"device_code":"d","user_code":"A","verification_uri":"https://as.example/d","expires_in":60,"interval":"5"})") << u"\"interval\""_s;
}

void TestDeviceAuthorization::parse()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, words);
    QString error;
    const auto d = DeviceAuthorization::parse(status, body, &error);
    QCOMPARE(d.has_value(), words.isEmpty());
    QVERIFY2(error.contains(words), qPrintable(error));
    if (!d) {
        QVERIFY2(error.endsWith(u'.') || error.endsWith(u'?'), qPrintable(error)); // a sentence
        QVERIFY2(error.size() < 400, qPrintable(error)); // a sentence, not the server's document
    }
}

void TestDeviceAuthorization::readsTheMembers()
{
    QString error;
    auto d = DeviceAuthorization::parse(200, R"({"device_code":"GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS","user_code":"WDJB-MJHT",
        "verification_uri":"https://example.com/device","verification_uri_complete":"https://example.com/device?user_code=WDJB-MJHT",
        "expires_in":1800,"interval":7})", &error);
    QVERIFY2(d, qPrintable(error));
    QCOMPARE(d->deviceCode, u"GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS"_s);
    QCOMPARE(d->userCode, u"WDJB-MJHT"_s);
    QCOMPARE(d->verificationUri, QUrl(u"https://example.com/device"_s));
    QCOMPARE(d->verificationUriComplete, QUrl(u"https://example.com/device?user_code=WDJB-MJHT"_s));
    QCOMPARE(d->expiresIn, 1800);
    QCOMPARE(d->interval, 7);
    // RFC 8628 3.2: 5 s when the issuer names no interval.
    d = DeviceAuthorization::parse(200, R"({"device_code":"d","user_code":"A","verification_uri":"https://as.example/d","expires_in":60})", &error);
    QVERIFY(d);
    QCOMPARE(d->interval, 5);
    QVERIFY(d->verificationUriComplete.isEmpty());
}

void TestDeviceAuthorization::classify_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("keepPolling");
    QTest::addColumn<qint64>("interval");
    QTest::addColumn<QString>("words");
    using K = DevicePollOutcome::Kind;
    QTest::newRow("pending") << u"authorization_pending"_s << int(K::Pending) << true << qint64(5) << QString();
    QTest::newRow("slow-down-adds-five") << u"slow_down"_s << int(K::SlowDown) << true << qint64(10) << QString();
    QTest::newRow("denied") << u"access_denied"_s << int(K::Denied) << false << qint64(5) << u"declined"_s;
    QTest::newRow("expired") << u"expired_token"_s << int(K::Expired) << false << qint64(5) << u"expired"_s;
    QTest::newRow("invalid-grant") << u"invalid_grant"_s << int(K::Failed) << false << qint64(5) << u"the server's sentence"_s;
    // No OAuth error (a timeout, a 503): back off and keep asking (RFC 8628 3.5).
    QTest::newRow("no-code-backs-off") << QString() << int(K::Retry) << true << qint64(10) << u"the server's sentence"_s;
    QTest::newRow("case-matters") << u"SLOW_DOWN"_s << int(K::Failed) << false << qint64(5) << u"the server's sentence"_s;
}

void TestDeviceAuthorization::classify()
{
    QFETCH(QString, code);
    QFETCH(int, kind);
    QFETCH(bool, keepPolling);
    QFETCH(qint64, interval);
    QFETCH(QString, words);
    const DevicePollOutcome o = DevicePollOutcome::classify(code, u"the server's sentence"_s, 5);
    QCOMPARE(int(o.kind), kind);
    QCOMPARE(o.keepPolling(), keepPolling);
    QCOMPARE(o.interval, interval);
    QVERIFY2(o.sentence.contains(words), qPrintable(o.sentence));
    // slow_down and backing off never make the wait unbounded
    QVERIFY(DevicePollOutcome::classify(u"slow_down"_s, {}, 600).interval <= 600);
    QVERIFY(DevicePollOutcome::classify(QString(), {}, 600).interval <= 600);
    QVERIFY(!DevicePollOutcome::classify(QString(), {}, 5).sentence.isEmpty());
}

QTEST_GUILESS_MAIN(TestDeviceAuthorization)
#include "tst_deviceauthorization.moc"
