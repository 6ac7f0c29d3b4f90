// SPDX-License-Identifier: MIT
#include "storage/profile.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestProfile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validate_data();
    void validate();
    void issuerFromDomain_data();
    void issuerFromDomain();
    void jsonRoundTrip();
    void sandboxHasNoStoredUrls();
    void apiUrl();
};

namespace {
Profile good()
{
    Profile p;
    p.name = u"auth0-dev"_s;
    p.issuer = QUrl(u"https://dev-123.eu.auth0.com/"_s);
    p.clientId = u"abc123"_s;
    p.audience = u"https://quickstarts/api"_s;
    p.apiBase = QUrl(u"http://localhost:3010"_s);
    return p;
}
} // namespace

void TestProfile::validate_data()
{
    QTest::addColumn<int>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("complaint"); // empty: valid

    // field: 0 name, 1 issuer, 2 client id, 3 redirect host, 4 redirect path, 5 api base, 6 scope, 7 resource
    QTest::newRow("good") << -1 << QString() << QString();
    QTest::newRow("empty-name") << 0 << QString() << u"Name:"_s;
    QTest::newRow("name-with-space") << 0 << u"my profile"_s << u"Name:"_s;
    QTest::newRow("name-with-slash") << 0 << u"../etc"_s << u"Name:"_s;
    QTest::newRow("issuer-not-url") << 1 << u"not a url"_s << u"Issuer:"_s;
    QTest::newRow("issuer-ftp") << 1 << u"ftp://x.example/"_s << u"Issuer:"_s;
    QTest::newRow("empty-client-id") << 2 << u"  "_s << u"Client ID:"_s;
    QTest::newRow("redirect-host-public") << 3 << u"example.com"_s << u"Redirect host:"_s;
    QTest::newRow("redirect-host-ipv6") << 3 << u"::1"_s << QString();
    QTest::newRow("redirect-path-relative") << 4 << u"callback"_s << u"Redirect path:"_s;
    QTest::newRow("api-base-not-url") << 5 << u"localhost:3010"_s << u"API base URL:"_s;
    QTest::newRow("scope-with-quote") << 6 << u"openid \"x\""_s << u"Scope:"_s;
    QTest::newRow("resource-relative") << 7 << u"api"_s << u"Resource:"_s;
    QTest::newRow("alg-hs256") << 8 << u"HS256"_s << u"Allowed algorithms:"_s;
    QTest::newRow("alg-none") << 8 << u"none"_s << u"Allowed algorithms:"_s;
    QTest::newRow("alg-es256") << 8 << u"ES256"_s << QString();
}

void TestProfile::validate()
{
    QFETCH(int, field);
    QFETCH(QString, value);
    QFETCH(QString, complaint);
    Profile p = good();
    switch (field) {
    case 0: p.name = value; break;
    case 1: p.issuer = QUrl(value); break;
    case 2: p.clientId = value; break;
    case 3: p.redirectHost = value; break;
    case 4: p.redirectPath = value; break;
    case 5: p.apiBase = QUrl(value); break;
    case 6: p.scope = value; break;
    case 7: p.resource = value; break;
    case 8: p.allowedAlgorithms = {value}; break;
    default: break;
    }
    const QStringList errors = p.validate();
    if (complaint.isEmpty()) {
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u' ')));
    } else {
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().startsWith(complaint), qPrintable(errors.first()));
    }
}

void TestProfile::issuerFromDomain_data()
{
    QTest::addColumn<QString>("domain");
    QTest::addColumn<QString>("issuer");
    QTest::newRow("auth0") << u"dev-123.eu.auth0.com"_s << u"https://dev-123.eu.auth0.com/"_s;
    QTest::newRow("with-scheme-and-slash") << u"https://dev-123.us.auth0.com/"_s << u"https://dev-123.us.auth0.com/"_s;
    QTest::newRow("custom-domain") << u"login.example.com"_s << u"https://login.example.com/"_s;
    QTest::newRow("single-label") << u"localhost"_s << QString();
    QTest::newRow("path") << u"a.example/evil"_s << QString();
    QTest::newRow("userinfo") << u"user@a.example"_s << QString();
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("space") << u"a b.example"_s << QString();
}

void TestProfile::issuerFromDomain()
{
    QFETCH(QString, domain);
    QFETCH(QString, issuer);
    QString error;
    const auto url = Profile::issuerFromDomain(domain, &error);
    if (issuer.isEmpty()) {
        QVERIFY(!url);
        QVERIFY(error.startsWith(u"Domain:"_s));
    } else {
        QVERIFY2(url, qPrintable(error));
        QCOMPARE(url->toString(), issuer);
    }
}

void TestProfile::jsonRoundTrip()
{
    Profile p = good();
    p.extraParams = {{u"prompt"_s, u"login"_s}, {u"connection"_s, u"a+b c"_s}};
    p.redirectPort = 3000;
    p.resource = u"https://api.example/"_s;
    p.device = true;
    QString error;
    const auto back = Profile::fromJson(p.toJson(), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->toJson(), p.toJson());
    QCOMPARE(p.toJson().value(u"device_login"), QJsonValue(true));
    QVERIFY(back->device);
    QVERIFY(!good().toJson().contains(u"device_login"_s)); // absent unless set
    // RFC 8628 needs a user: a machine-to-machine profile cannot say so.
    Profile m2m = good();
    m2m.grant = Profile::Grant::ClientCredentials;
    m2m.device = true;
    QVERIFY(m2m.validate().join(u' ').contains(u"Sign-in:"_s));
    QCOMPARE(back->extraParams, p.extraParams);

    QJsonObject broken = p.toJson();
    broken[u"redirect_port"_s] = 70000;
    QVERIFY(!Profile::fromJson(broken, &error));
    QVERIFY(error.contains(u"70000"_s));
    broken = p.toJson();
    broken[u"client_id"_s] = QString();
    QVERIFY(!Profile::fromJson(broken, &error));
    QVERIFY(error.contains(u"Client ID"_s));
}

void TestProfile::sandboxHasNoStoredUrls()
{
    const Profile s = Profile::sandbox(QUrl(u"http://127.0.0.1:1234/"_s), QUrl(u"http://127.0.0.1:5678"_s), u"c"_s, u"a"_s);
    const QJsonObject json = s.toJson();
    QVERIFY(!json.contains(u"issuer"_s));
    QVERIFY(!json.contains(u"api_base"_s));
    QCOMPARE(json.value(u"kind"_s).toString(), u"sandbox"_s);
}

void TestProfile::apiUrl()
{
    Profile p = good();
    p.apiBase = QUrl(u"http://127.0.0.1:3010/base/"_s);
    QCOMPARE(p.apiUrl(u"/api/private"_s).toString(), u"http://127.0.0.1:3010/base/api/private"_s);
    QCOMPARE(p.apiUrl(u"/api/x?y=1"_s).toString(), u"http://127.0.0.1:3010/base/api/x?y=1"_s);
}

QTEST_GUILESS_MAIN(TestProfile)
#include "tst_profile.moc"
