// SPDX-License-Identifier: MIT
// The sandbox's /oauth/introspect (RFC 7662): a client learns of its own
// access and refresh tokens, and of anything else that it is not active;
// refusals are OAuth errors with a sentence.
#include "hardenedsandbox.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;

class TestSandboxIntrospection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void discoveryNamesIt();
    void accessAndRefreshTokens();
    void refusals();
};

namespace {

HttpResult introspect(HardenedSandbox &s, const QString &token, const QString &clientId, const QString &secret = {},
                      const QString &hint = {})
{
    FormData f;
    f.add(u"token"_s, token);
    if (!hint.isEmpty())
        f.add(u"token_type_hint"_s, hint);
    if (!clientId.isEmpty())
        f.add(u"client_id"_s, clientId);
    if (!secret.isEmpty())
        f.add(u"client_secret"_s, secret);
    return s.postForm(u"/oauth/introspect"_s, f);
}

} // namespace

void TestSandboxIntrospection::discoveryNamesIt()
{
    HardenedSandbox s;
    QVERIFY(s.started());
    const QJsonObject d = s.http().get(s.url(u"/.well-known/openid-configuration"_s)).json();
    QCOMPARE(d.value(u"introspection_endpoint"_s).toString(), s.url(u"/oauth/introspect"_s).toString());
}

void TestSandboxIntrospection::accessAndRefreshTokens()
{
    HardenedSandbox s;
    QVERIFY(s.started());
    const QString native = s.tenant().clientId();

    // A user's login: the access token and the refresh token, each active for the client that got them.
    QByteArray verifier;
    const QString code = s.code(&verifier);
    const QJsonObject tokens = s.postForm(u"/oauth/token"_s, s.codeExchangeForm(code, verifier)).json();
    const QString at = tokens.value(u"access_token"_s).toString();
    const QString rt = tokens.value(u"refresh_token"_s).toString();
    QVERIFY(!at.isEmpty() && !rt.isEmpty());

    const QJsonObject a = introspect(s, at, native).json();
    QCOMPARE(a.value(u"active"_s).toBool(), true);
    QCOMPARE(a.value(u"client_id"_s).toString(), native);
    QCOMPARE(a.value(u"sub"_s).toString(), u"sandbox|alice"_s);
    QCOMPARE(a.value(u"token_type"_s).toString(), u"Bearer"_s);
    QVERIFY(a.value(u"scope"_s).toString().contains(u"openid"_s));
    QVERIFY(a.value(u"exp"_s).toInteger() > QDateTime::currentSecsSinceEpoch() - 120);

    const HttpResult rr = introspect(s, rt, native, {}, u"refresh_token"_s);
    QCOMPARE(rr.status, 200);
    QCOMPARE(rr.header("Cache-Control"), QByteArray("no-store"));
    QCOMPARE(rr.json().value(u"active"_s).toBool(), true);
    QCOMPARE(rr.json().value(u"token_type"_s).toString(), u"refresh_token"_s);
    // The hint only orders the search.
    QCOMPARE(introspect(s, rt, native, {}, u"access_token"_s).json().value(u"active"_s).toBool(), true);

    // Another client learns nothing of them.
    const QString m2m = s.tenant().m2mClientId();
    const QString secret = s.tenant().m2mClientSecret();
    QCOMPARE(introspect(s, at, m2m, secret).json(), (QJsonObject{{u"active"_s, false}}));
    QCOMPARE(introspect(s, rt, m2m, secret).json(), (QJsonObject{{u"active"_s, false}}));

    // A rotated refresh token is no longer active; neither is garbage.
    const QJsonObject refreshed = s.postForm(u"/oauth/token"_s, s.refreshForm(rt)).json();
    QVERIFY(!refreshed.value(u"refresh_token"_s).toString().isEmpty());
    QCOMPARE(introspect(s, rt, native).json().value(u"active"_s).toBool(), false);
    QCOMPARE(introspect(s, u"not-a-token"_s, native).json(), (QJsonObject{{u"active"_s, false}}));

    // The machine-to-machine client's own token.
    const QString m2mToken = s.postForm(u"/oauth/token"_s, s.m2mForm()).json().value(u"access_token"_s).toString();
    const QJsonObject m = introspect(s, m2mToken, m2m, secret).json();
    QCOMPARE(m.value(u"active"_s).toBool(), true);
    QCOMPARE(m.value(u"sub"_s).toString(), m2m + u"@clients"_s);
}

void TestSandboxIntrospection::refusals()
{
    HardenedSandbox s;
    QVERIFY(s.started());
    const HttpResult noToken = introspect(s, {}, s.tenant().clientId());
    QCOMPARE(noToken.status, 400);
    QCOMPARE(noToken.json().value(u"error"_s).toString(), u"invalid_request"_s);
    const HttpResult noClient = introspect(s, u"x"_s, {});
    QCOMPARE(noClient.status, 401);
    QCOMPARE(noClient.json().value(u"error"_s).toString(), u"invalid_client"_s);
    const HttpResult wrongSecret = introspect(s, u"x"_s, s.tenant().m2mClientId(), u"wrong"_s);
    QCOMPARE(wrongSecret.status, 401);
    QCOMPARE(s.http().get(s.url(u"/oauth/introspect"_s)).status, 405);
}

QTEST_MAIN(TestSandboxIntrospection)
#include "tst_sandboxintrospection.moc"
