// SPDX-License-Identifier: MIT
#include "oauth/authorizationrequest.h"
#include "http/formencoding.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestAuthorizationRequest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encoding_data();
    void encoding();
    void requiredParameters();
    void reservedExtrasIgnored();
    void endpointWithQuery();
};

namespace {
AuthorizationRequest base()
{
    AuthorizationRequest r;
    r.authorizationEndpoint = QUrl(u"https://tenant.example/authorize"_s);
    r.clientId = u"client"_s;
    r.redirectUri = QUrl(u"http://127.0.0.1:53682/callback"_s);
    r.scope = u"openid profile"_s;
    r.state = u"s"_s;
    r.nonce = u"n"_s;
    r.codeChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    return r;
}
FormData query(const QUrl &url)
{
    return *FormData::parse(url.query(QUrl::FullyEncoded).toLatin1());
}
} // namespace

void TestAuthorizationRequest::encoding_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("plus") << u"a+b"_s;
    QTest::newRow("space") << u"a b"_s;
    QTest::newRow("ampersand-equals") << u"x&scope=admin"_s;
    QTest::newRow("percent") << u"100%"_s;
    QTest::newRow("hash") << u"a#b"_s;
    QTest::newRow("unicode") << u"J\u00fcrgen \U0001F511"_s;
    QTest::newRow("url") << u"https://api.example/v1?x=1&y=2"_s;
}

void TestAuthorizationRequest::encoding()
{
    QFETCH(QString, value);
    AuthorizationRequest r = base();
    r.audience = value;
    r.state = value;
    r.extraParams = {{u"login_hint"_s, value}};
    const FormData q = query(r.url());
    QCOMPARE(q.value(u"audience"_s), value);
    QCOMPARE(q.value(u"state"_s), value);
    QCOMPARE(q.value(u"login_hint"_s), value);
    QCOMPARE(q.firstDuplicate(), QString());
}

void TestAuthorizationRequest::requiredParameters()
{
    AuthorizationRequest r = base();
    r.resource = u"https://api.example/"_s;
    const FormData q = query(r.url());
    QCOMPARE(q.value(u"response_type"_s), u"code"_s);
    QCOMPARE(q.value(u"client_id"_s), u"client"_s);
    QCOMPARE(q.value(u"redirect_uri"_s), u"http://127.0.0.1:53682/callback"_s);
    QCOMPARE(q.value(u"scope"_s), u"openid profile"_s);
    QCOMPARE(q.value(u"code_challenge"_s), u"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"_s);
    QCOMPARE(q.value(u"code_challenge_method"_s), u"S256"_s);
    QCOMPARE(q.value(u"resource"_s), u"https://api.example/"_s);
    QVERIFY(!q.contains(u"audience"_s)); // only what the profile asks for
    QVERIFY(r.url().toString(QUrl::FullyEncoded).contains(u"scope=openid%20profile"_s));
}

void TestAuthorizationRequest::reservedExtrasIgnored()
{
    AuthorizationRequest r = base();
    r.extraParams = {{u"state"_s, u"attacker"_s}, {u"redirect_uri"_s, u"https://evil/"_s}, {u"prompt"_s, u"login"_s}};
    const FormData q = query(r.url());
    QCOMPARE(q.value(u"state"_s), u"s"_s);
    QCOMPARE(q.count(u"redirect_uri"_s), 1);
    QCOMPARE(q.value(u"prompt"_s), u"login"_s);
}

void TestAuthorizationRequest::endpointWithQuery()
{
    AuthorizationRequest r = base();
    r.authorizationEndpoint = QUrl(u"https://tenant.example/authorize?p=b2c_1_signin"_s);
    const FormData q = query(r.url());
    QCOMPARE(q.value(u"p"_s), u"b2c_1_signin"_s);
    QCOMPARE(q.value(u"client_id"_s), u"client"_s);
}

QTEST_GUILESS_MAIN(TestAuthorizationRequest)
#include "tst_authorizationrequest.moc"
