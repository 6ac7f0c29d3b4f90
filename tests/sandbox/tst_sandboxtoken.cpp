// SPDX-License-Identifier: MIT
// /oauth/token, /userinfo and /oauth/revoke over real HTTP.
#include "jose/base64url.h"
#include "jose/jwt.h"
#include "oauth/pkce.h"
#include "support/sandboxfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

class TestSandboxToken : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void codeExchange();
    void codeErrors_data();
    void codeErrors();
    void reusedCodeRevokesItsTokens();
    void expiredCode();
    void jsonBodyAccepted();
    void refreshRotation();
    void refreshNarrowing();
    void clientCredentials_data();
    void clientCredentials();
    void clientErrors_data();
    void clientErrors();
    void userinfo();
    void revoke();
    void logout();
};

namespace {
QJsonObject claims(const QString &token)
{
    return Jwt::decode(token.toLatin1()).payload;
}
QJsonObject header(const QString &token)
{
    return Jwt::decode(token.toLatin1()).header;
}
QByteArray basic(const QString &id, const QString &secret)
{
    return "Basic " + (id + u':' + secret).toUtf8().toBase64();
}
} // namespace

void TestSandboxToken::codeExchange()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    const auto login = sandbox.login();
    const QJsonObject t = login.tokens;
    QCOMPARE(t.value(u"token_type").toString(), u"Bearer"_s);
    QCOMPARE(t.value(u"expires_in").toInt(), 3600);
    QCOMPARE(t.value(u"scope").toString(), u"openid profile email offline_access read:messages"_s);
    QVERIFY(!t.value(u"refresh_token").toString().isEmpty());

    const QString at = t.value(u"access_token").toString();
    QCOMPARE(header(at).value(u"typ").toString(), u"at+jwt"_s);
    QCOMPARE(header(at).value(u"alg").toString(), u"RS256"_s);
    QCOMPARE(header(at).value(u"kid").toString(), sandbox.tenant().signingKey().kid());
    const QJsonObject ac = claims(at);
    QCOMPARE(ac.value(u"iss").toString(), sandbox.tenant().issuer().toString());
    QCOMPARE(ac.value(u"sub").toString(), u"sandbox|alice"_s);
    const QJsonArray aud = ac.value(u"aud").toArray();
    QCOMPARE(aud.at(0).toString(), sandbox.tenant().audience());
    QVERIFY(aud.at(1).toString().endsWith(u"/userinfo"_s));
    QCOMPARE(ac.value(u"azp").toString(), sandbox.tenant().clientId());
    QCOMPARE(qint64(ac.value(u"exp").toDouble()) - qint64(ac.value(u"iat").toDouble()), 3600);
    QVERIFY(!ac.value(u"jti").toString().isEmpty());

    const QString id = t.value(u"id_token").toString();
    const QJsonObject ic = claims(id);
    QCOMPARE(ic.value(u"aud").toString(), sandbox.tenant().clientId());
    QCOMPARE(ic.value(u"nonce").toString(), u"nonce-456"_s);
    QCOMPARE(ic.value(u"name").toString(), u"Alice Admin"_s);
    QCOMPARE(ic.value(u"email").toString(), u"alice@sandbox.tokenlab.test"_s);

    // Both verify against the published JWKS.
    const HttpResult jwks = sandbox.http().get(sandbox.url(u"/.well-known/jwks.json"_s));
    const auto key = PublicKey::fromJwk(jwks.json().value(u"keys").toArray().at(0).toObject());
    QVERIFY(key);
    for (const QString &token : {at, id}) {
        const DecodedJwt d = Jwt::decode(token.toLatin1());
        QVERIFY(key->verify(u"RS256"_s, d.signingInput, d.signature));
    }
}

void TestSandboxToken::codeErrors_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value"); // "<drop>" removes the parameter
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");

    QTest::newRow("no-verifier") << u"code_verifier"_s << u"<drop>"_s << 400 << u"invalid_request"_s;
    QTest::newRow("wrong-verifier") << u"code_verifier"_s << QString(43, u'a') << 400 << u"invalid_grant"_s;
    QTest::newRow("malformed-verifier") << u"code_verifier"_s << u"short"_s << 400 << u"invalid_grant"_s;
    QTest::newRow("wrong-redirect") << u"redirect_uri"_s << u"http://127.0.0.1:50124/callback"_s << 400 << u"invalid_grant"_s;
    QTest::newRow("no-redirect") << u"redirect_uri"_s << u"<drop>"_s << 400 << u"invalid_grant"_s;
    QTest::newRow("unknown-code") << u"code"_s << u"not-a-code"_s << 400 << u"invalid_grant"_s;
    QTest::newRow("no-code") << u"code"_s << u"<drop>"_s << 400 << u"invalid_request"_s;
    QTest::newRow("unknown-client") << u"client_id"_s << u"stranger"_s << 401 << u"invalid_client"_s;
    QTest::newRow("no-client") << u"client_id"_s << u"<drop>"_s << 401 << u"invalid_client"_s;
    QTest::newRow("public-client-with-secret") << u"client_secret"_s << u"guess"_s << 401 << u"invalid_client"_s;
    QTest::newRow("unsupported-grant") << u"grant_type"_s << u"password"_s << 400 << u"unsupported_grant_type"_s;
    QTest::newRow("no-grant") << u"grant_type"_s << u"<drop>"_s << 400 << u"invalid_request"_s;
    QTest::newRow("duplicate-code") << u"code"_s << u"<dup>"_s << 400 << u"invalid_request"_s;
}

void TestSandboxToken::codeErrors()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(int, status);
    QFETCH(QString, error);
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    const QByteArray verifier = Pkce::generateVerifier();
    const HttpResult a = sandbox.authorize(sandbox.authorizeParams(Pkce::challengeS256(verifier)));
    const FormData base = sandbox.codeExchangeForm(a.locationParam(u"code"_s), verifier);
    FormData form;
    for (const auto &p : base.pairs()) {
        if (p.first != key)
            form.add(p.first, p.second);
        else if (value == u"<dup>") {
            form.add(p.first, p.second);
            form.add(p.first, p.second);
        } else if (value != u"<drop>")
            form.add(p.first, value);
    }
    if (!base.contains(key))
        form.add(key, value);
    const HttpResult r = sandbox.token(form);
    QCOMPARE(r.status, status);
    QCOMPARE(r.json().value(u"error").toString(), error);
    QVERIFY(!r.json().value(u"error_description").toString().isEmpty());
    QCOMPARE(r.header("Cache-Control"), QByteArray("no-store"));
}

void TestSandboxToken::reusedCodeRevokesItsTokens()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    const auto login = sandbox.login();
    const QString refresh = login.tokens.value(u"refresh_token").toString();
    QVERIFY(!refresh.isEmpty());
    const FormData again = sandbox.codeExchangeForm(login.code, login.verifier);
    const HttpResult r = sandbox.token(again);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json().value(u"error").toString(), u"invalid_grant"_s);
    FormData useRefresh = sandbox.refreshForm(refresh);
    QCOMPARE(sandbox.token(useRefresh).json().value(u"error").toString(), u"invalid_grant"_s);
}

void TestSandboxToken::expiredCode()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    const QByteArray verifier = Pkce::generateVerifier();
    const HttpResult a = sandbox.authorize(sandbox.authorizeParams(Pkce::challengeS256(verifier)));
    sandbox.clock().advance(61);
    const FormData form = sandbox.codeExchangeForm(a.locationParam(u"code"_s), verifier);
    const HttpResult r = sandbox.token(form);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json().value(u"error").toString(), u"invalid_grant"_s);
    QVERIFY(r.json().value(u"error_description").toString().contains(u"expired"_s));
}

void TestSandboxToken::jsonBodyAccepted()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    const QByteArray body = QJsonDocument(QJsonObject{{u"grant_type"_s, u"client_credentials"_s},
                                                      {u"client_id"_s, sandbox.tenant().m2mClientId()},
                                                      {u"client_secret"_s, sandbox.tenant().m2mClientSecret()},
                                                      {u"audience"_s, sandbox.tenant().audience()}})
                                    .toJson();
    QCOMPARE(sandbox.http().post(sandbox.url(u"/oauth/token"_s), body, "application/json").status, 200);
    QCOMPARE(sandbox.http().post(sandbox.url(u"/oauth/token"_s), "[1]", "application/json").status, 400);
    QCOMPARE(sandbox.http().post(sandbox.url(u"/oauth/token"_s), "x", "text/plain").status, 400);
}

void TestSandboxToken::refreshRotation()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    const QString first = sandbox.login().tokens.value(u"refresh_token").toString();
    FormData form = sandbox.refreshForm(first);
    const HttpResult r = sandbox.token(form);
    QCOMPARE(r.status, 200);
    const QString second = r.json().value(u"refresh_token").toString();
    QVERIFY(!second.isEmpty());
    QVERIFY(second != first);
    QVERIFY(!claims(r.json().value(u"id_token").toString()).contains(u"nonce"_s));

    // Reusing the rotated token ends the whole login, including the new one.
    QCOMPARE(sandbox.token(form).json().value(u"error").toString(), u"invalid_grant"_s);
    FormData next = sandbox.refreshForm(second);
    QCOMPARE(sandbox.token(next).json().value(u"error").toString(), u"invalid_grant"_s);
}

void TestSandboxToken::refreshNarrowing()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    const QString rt = sandbox.login().tokens.value(u"refresh_token").toString();
    FormData widen = sandbox.refreshForm(rt);
    widen.add(u"scope"_s, u"openid write:messages"_s);
    QCOMPARE(sandbox.token(widen).json().value(u"error").toString(), u"invalid_scope"_s);
    FormData narrow = sandbox.refreshForm(rt);
    narrow.add(u"scope"_s, u"openid"_s);
    const HttpResult r = sandbox.token(narrow);
    QCOMPARE(r.status, 200);
    QCOMPARE(claims(r.json().value(u"access_token").toString()).value(u"scope").toString(), u"openid offline_access"_s);
}

void TestSandboxToken::clientCredentials_data()
{
    QTest::addColumn<bool>("useBasic");
    QTest::newRow("client_secret_post") << false;
    QTest::newRow("client_secret_basic") << true;
}

void TestSandboxToken::clientCredentials()
{
    QFETCH(bool, useBasic);
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    FormData form;
    form.add(u"grant_type"_s, u"client_credentials"_s);
    form.add(u"audience"_s, sandbox.tenant().audience());
    QList<QPair<QByteArray, QByteArray>> headers;
    if (useBasic) {
        headers.append({"Authorization", basic(sandbox.tenant().m2mClientId(), sandbox.tenant().m2mClientSecret())});
    } else {
        form.add(u"client_id"_s, sandbox.tenant().m2mClientId());
        form.add(u"client_secret"_s, sandbox.tenant().m2mClientSecret());
    }
    const HttpResult r = sandbox.token(form, headers);
    QCOMPARE(r.status, 200);
    QVERIFY(!r.json().contains(u"refresh_token"_s));
    QVERIFY(!r.json().contains(u"id_token"_s));
    const QJsonObject c = claims(r.json().value(u"access_token").toString());
    QCOMPARE(c.value(u"sub").toString(), u"tokenlab-m2m@clients"_s);
    QCOMPARE(c.value(u"gty").toString(), u"client-credentials"_s);
    QCOMPARE(c.value(u"aud").toString(), sandbox.tenant().audience());
    QCOMPARE(c.value(u"scope").toString(), u"read:messages"_s);
}

void TestSandboxToken::clientErrors_data()
{
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("audience");
    QTest::addColumn<QString>("scope");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    QTest::newRow("wrong-secret") << u"wrong"_s << QString() << QString() << 401 << u"invalid_client"_s;
    QTest::newRow("no-secret") << u"<none>"_s << QString() << QString() << 401 << u"invalid_client"_s;
    QTest::newRow("unknown-audience") << QString() << u"https://other.example/"_s << QString() << 403 << u"access_denied"_s;
    QTest::newRow("no-audience") << QString() << u"<none>"_s << QString() << 400 << u"invalid_request"_s;
    QTest::newRow("scope-not-granted") << QString() << QString() << u"write:messages"_s << 403 << u"access_denied"_s;
}

void TestSandboxToken::clientErrors()
{
    QFETCH(QString, secret);
    QFETCH(QString, audience);
    QFETCH(QString, scope);
    QFETCH(int, status);
    QFETCH(QString, error);
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    FormData form;
    form.add(u"grant_type"_s, u"client_credentials"_s);
    form.add(u"client_id"_s, sandbox.tenant().m2mClientId());
    if (secret != u"<none>")
        form.add(u"client_secret"_s, secret.isEmpty() ? sandbox.tenant().m2mClientSecret() : secret);
    if (audience != u"<none>")
        form.add(u"audience"_s, audience.isEmpty() ? sandbox.tenant().audience() : audience);
    if (!scope.isEmpty())
        form.add(u"scope"_s, scope);
    const HttpResult r = sandbox.token(form);
    QCOMPARE(r.status, status);
    QCOMPARE(r.json().value(u"error").toString(), error);
}

void TestSandboxToken::userinfo()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    const QString at = sandbox.login().tokens.value(u"access_token").toString();
    const HttpResult ok = sandbox.http().get(sandbox.url(u"/userinfo"_s), {{"Authorization", "Bearer " + at.toLatin1()}});
    QCOMPARE(ok.status, 200);
    QCOMPARE(ok.json().value(u"sub").toString(), u"sandbox|alice"_s);
    QCOMPARE(ok.json().value(u"email").toString(), u"alice@sandbox.tokenlab.test"_s);
    const HttpResult none = sandbox.http().get(sandbox.url(u"/userinfo"_s));
    QCOMPARE(none.status, 401);
    QCOMPARE(none.header("WWW-Authenticate"), QByteArray("Bearer realm=\"api\""));
}

void TestSandboxToken::revoke()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    const QString rt = sandbox.login().tokens.value(u"refresh_token").toString();
    FormData form;
    form.add(u"client_id"_s, sandbox.tenant().clientId());
    form.add(u"token"_s, rt);
    form.add(u"token_type_hint"_s, u"refresh_token"_s);
    QCOMPARE(sandbox.http().post(sandbox.url(u"/oauth/revoke"_s), form.encode()).status, 200);
    // RFC 7009 2.2: unknown tokens also get 200.
    QCOMPARE(sandbox.http().post(sandbox.url(u"/oauth/revoke"_s), "client_id=tokenlab-native&token=nope").status, 200);
    QCOMPARE(sandbox.http().post(sandbox.url(u"/oauth/revoke"_s), "client_id=tokenlab-native").status, 400);
    FormData use = sandbox.refreshForm(rt);
    QCOMPARE(sandbox.token(use).json().value(u"error").toString(), u"invalid_grant"_s);
}

void TestSandboxToken::logout()
{
    SandboxFixture sandbox(std::nullopt);
    QVERIFY(sandbox.started());
    // Sign in through the pages to get a session cookie.
    const HttpResult page = sandbox.authorize(sandbox.authorizeParams(Pkce::challengeS256(Pkce::generateVerifier())));
    const qsizetype at = page.body.indexOf("name=\"txn\" value=\"") + 18;
    FormData choose;
    choose.add(u"txn"_s, QString::fromLatin1(page.body.mid(at, page.body.indexOf('"', at) - at)));
    choose.add(u"user"_s, u"alice"_s);
    const QByteArray cookie = sandbox.http().post(sandbox.url(u"/authorize/login"_s), choose.encode()).header("Set-Cookie").split(';').first();
    QVERIFY(cookie.startsWith("tokenlab_sandbox_session="));

    // RP-initiated logout back to a loopback address, with the state kept.
    QUrl url = sandbox.url(u"/oidc/logout"_s);
    url.setQuery(u"client_id=tokenlab-native&post_logout_redirect_uri=http%3A%2F%2F127.0.0.1%3A50123%2Flogged-out&state=s%2Bt"_s, QUrl::StrictMode);
    const HttpResult r = sandbox.http().get(url, {{"Cookie", cookie}});
    QCOMPARE(r.status, 302);
    QCOMPARE(r.location().path(), u"/logged-out"_s);
    QCOMPARE(r.locationParam(u"state"_s), u"s+t"_s);
    QVERIFY(r.header("Set-Cookie").contains("Max-Age=0"));

    // The session is gone: prompt=none now needs a login.
    QUrl silent = sandbox.url(u"/authorize"_s);
    FormData params = sandbox.authorizeParams(Pkce::challengeS256(Pkce::generateVerifier()));
    params.add(u"prompt"_s, u"none"_s);
    silent.setQuery(QString::fromLatin1(params.encode()), QUrl::StrictMode);
    QCOMPARE(sandbox.http().get(silent, {{"Cookie", cookie}}).locationParam(u"error"_s), u"login_required"_s);

    // Without a return address the sandbox shows a page.
    const HttpResult plain = sandbox.http().get(sandbox.url(u"/oidc/logout"_s));
    QCOMPARE(plain.status, 200);
    QVERIFY(plain.body.contains("signed out"));
}

QTEST_GUILESS_MAIN(TestSandboxToken)
#include "tst_sandboxtoken.moc"
