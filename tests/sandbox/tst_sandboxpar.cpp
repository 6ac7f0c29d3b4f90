// SPDX-License-Identifier: MIT
// Pushed authorization requests (RFC 9126) at the sandbox: the round trip,
// one use, expiry, hostile pushes, DPoP at the PAR endpoint, and the tenant
// that requires PAR, over real HTTP on 127.0.0.1.
#include "hardenedsandbox.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestSandboxPar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip();
    void oneUse();
    void expired();
    void refusedAtAuthorize_data();
    void refusedAtAuthorize();
    void hostilePushes_data();
    void hostilePushes();
    void dpopAtPar();
    void required();
};

namespace {

struct Pushed
{
    HttpResult response;
    QString requestUri;
    QByteArray verifier;
};

Pushed push(HardenedSandbox &s, const QList<QPair<QString, QString>> &extra = {}, const HttpHeaders &headers = {})
{
    Pushed p;
    p.verifier = Pkce::generateVerifier();
    FormData form = s.authorizeParams(Pkce::challengeS256(p.verifier));
    for (const auto &e : extra)
        form.add(e.first, e.second);
    p.response = s.postForm(u"/oauth/par"_s, form, headers);
    p.requestUri = p.response.json().value(u"request_uri").toString();
    return p;
}

HttpResult authorizeWith(HardenedSandbox &s, const QString &requestUri, const QString &clientId = {})
{
    FormData q;
    q.add(u"client_id"_s, clientId.isEmpty() ? s.tenant().clientId() : clientId);
    q.add(u"request_uri"_s, requestUri);
    return s.authorize(q);
}

} // namespace

void TestSandboxPar::roundTrip()
{
    HardenedSandbox s;
    QVERIFY(s.started());
    const Pushed p = push(s);
    QCOMPARE(p.response.status, 201);
    QVERIFY(p.requestUri.startsWith(u"urn:ietf:params:oauth:request_uri:"_s));
    QCOMPARE(p.response.json().value(u"expires_in").toInt(), 60);
    QCOMPARE(p.response.header("Cache-Control"), QByteArray("no-store"));

    const HttpResult a = authorizeWith(s, p.requestUri);
    QCOMPARE(a.status, 302);
    QCOMPARE(a.locationParam(u"state"_s), u"state-123"_s); // the pushed state, not one from the query
    const QString code = a.locationParam(u"code"_s);
    QVERIFY(!code.isEmpty());
    const HttpResult t = s.postForm(u"/oauth/token"_s, s.codeExchangeForm(code, p.verifier));
    QCOMPARE(t.status, 200);
    QVERIFY(t.json().value(u"scope").toString().contains(u"read:messages"_s));
}

void TestSandboxPar::oneUse()
{
    HardenedSandbox s;
    QVERIFY(s.started());
    const Pushed p = push(s);
    QCOMPARE(authorizeWith(s, p.requestUri).status, 302);
    const HttpResult again = authorizeWith(s, p.requestUri);
    QCOMPARE(again.status, 400);
    QVERIFY2(again.body.contains("already used"), again.body.constData());
}

void TestSandboxPar::expired()
{
    HardenedSandbox s;
    QVERIFY(s.started());
    const Pushed p = push(s);
    s.clock().advance(61);
    const HttpResult r = authorizeWith(s, p.requestUri);
    QCOMPARE(r.status, 400);
    QVERIFY2(r.body.contains("expired"), r.body.constData());
    QVERIFY(r.header("Location").isEmpty());
}

void TestSandboxPar::refusedAtAuthorize_data()
{
    QTest::addColumn<QString>("requestUri"); // "<pushed>": the one just pushed
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QByteArray>("words");
    QTest::newRow("unknown-request-uri") << u"urn:ietf:params:oauth:request_uri:made-up"_s << QString() << QByteArray("not one this sandbox issued");
    QTest::newRow("empty-request-uri") << QString() << QString() << QByteArray("not one this sandbox issued");
    QTest::newRow("other-client") << u"<pushed>"_s << u"tokenlab-m2m"_s << QByteArray("another client");
    QTest::newRow("hostile-request-uri") << u"<script>alert(1)</script>"_s << QString() << QByteArray("not one this sandbox issued");
}

void TestSandboxPar::refusedAtAuthorize()
{
    QFETCH(QString, requestUri);
    QFETCH(QString, clientId);
    QFETCH(QByteArray, words);
    HardenedSandbox s;
    QVERIFY(s.started());
    const Pushed p = push(s);
    const HttpResult r = authorizeWith(s, requestUri == u"<pushed>" ? p.requestUri : requestUri, clientId);
    QCOMPARE(r.status, 400);
    QVERIFY2(r.body.contains(words), r.body.constData());
    QVERIFY(!r.body.contains("<script>alert"));
    // A refusal for another client does not spend the request.
    if (requestUri == u"<pushed>")
        QCOMPARE(authorizeWith(s, p.requestUri).status, 302);
}

void TestSandboxPar::hostilePushes_data()
{
    QTest::addColumn<QString>("key");    // parameter to change
    QTest::addColumn<QString>("value");  // "<drop>" removes it
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    QTest::newRow("no-challenge") << u"code_challenge"_s << u"<drop>"_s << 400 << u"invalid_request"_s;
    QTest::newRow("plain-pkce") << u"code_challenge_method"_s << u"plain"_s << 400 << u"invalid_request"_s;
    QTest::newRow("token-response-type") << u"response_type"_s << u"token"_s << 400 << u"unsupported_response_type"_s;
    QTest::newRow("non-loopback-redirect") << u"redirect_uri"_s << u"https://evil.example/cb"_s << 400 << u"invalid_request"_s;
    QTest::newRow("unknown-client") << u"client_id"_s << u"stranger"_s << 401 << u"invalid_client"_s;
    QTest::newRow("no-client") << u"client_id"_s << u"<drop>"_s << 401 << u"invalid_client"_s;
    QTest::newRow("public-client-with-secret") << u"client_secret"_s << u"guess"_s << 401 << u"invalid_client"_s;
    QTest::newRow("nested-request-uri") << u"request_uri"_s << u"urn:ietf:params:oauth:request_uri:x"_s << 400 << u"invalid_request"_s;
    QTest::newRow("other-api") << u"audience"_s << u"https://elsewhere.example/"_s << 400 << u"access_denied"_s;
    QTest::newRow("bad-dpop-jkt") << u"dpop_jkt"_s << u"not-a-thumbprint"_s << 400 << u"invalid_request"_s;
    QTest::newRow("duplicate-state") << u"state"_s << u"<dup>"_s << 400 << u"invalid_request"_s;
}

void TestSandboxPar::hostilePushes()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(int, status);
    QFETCH(QString, error);
    HardenedSandbox s;
    QVERIFY(s.started());
    const FormData base = s.authorizeParams(Pkce::challengeS256(Pkce::generateVerifier()));
    FormData form;
    for (const auto &p : base.pairs()) {
        if (p.first != key) {
            form.add(p.first, p.second);
        } else if (value == u"<dup>") {
            form.add(p.first, p.second);
            form.add(p.first, p.second);
        } else if (value != u"<drop>") {
            form.add(p.first, value);
        }
    }
    if (!base.contains(key))
        form.add(key, value);
    const HttpResult r = s.postForm(u"/oauth/par"_s, form);
    QCOMPARE(r.status, status);
    QCOMPARE(r.json().value(u"error").toString(), error);
    QVERIFY(!r.json().value(u"error_description").toString().isEmpty());
    QVERIFY(r.header("Location").isEmpty());
}

void TestSandboxPar::dpopAtPar()
{
    HardenedSandbox s;
    QVERIFY(s.started());
    const PrivateKey key = PrivateKey::generate(PrivateKey::Type::EcP256);
    const PrivateKey other = PrivateKey::generate(PrivateKey::Type::EcP256);
    // RFC 9449 10.1: a proof at the PAR endpoint binds the code to its key.
    const Pushed p = push(s, {}, {{"DPoP", s.proof(key, "POST", s.url(u"/oauth/par"_s))}});
    QCOMPARE(p.response.status, 201);
    const QString code = authorizeWith(s, p.requestUri).locationParam(u"code"_s);
    QVERIFY(!code.isEmpty());
    const FormData form = s.codeExchangeForm(code, p.verifier);
    QCOMPARE(s.postForm(u"/oauth/token"_s, form).json().value(u"error").toString(), u"invalid_dpop_proof"_s);
    QCOMPARE(s.postForm(u"/oauth/token"_s, form, {{"DPoP", s.proof(other, "POST", s.tokenEndpoint())}}).json().value(u"error").toString(),
             u"invalid_dpop_proof"_s);
    const HttpResult t = s.postForm(u"/oauth/token"_s, form, {{"DPoP", s.proof(key, "POST", s.tokenEndpoint())}});
    QCOMPARE(t.status, 200);
    QCOMPARE(t.json().value(u"token_type").toString(), u"DPoP"_s);

    // A proof for the token endpoint is no proof for the PAR endpoint; dpop_jkt must name the proof's key.
    const Pushed wrongHtu = push(s, {}, {{"DPoP", s.proof(key, "POST", s.tokenEndpoint())}});
    QCOMPARE(wrongHtu.response.status, 400);
    QCOMPARE(wrongHtu.response.json().value(u"error").toString(), u"invalid_dpop_proof"_s);
    const Pushed mismatch = push(s, {{u"dpop_jkt"_s, HardenedSandbox::jkt(other)}}, {{"DPoP", s.proof(key, "POST", s.url(u"/oauth/par"_s))}});
    QCOMPARE(mismatch.response.status, 400);
    QCOMPARE(mismatch.response.json().value(u"error").toString(), u"invalid_dpop_proof"_s);
}

void TestSandboxPar::required()
{
    HardenedSandbox s([](SandboxConfig &c) { c.switches.requirePar = true; });
    QVERIFY(s.started());
    const QJsonObject d = s.http().get(s.url(u"/.well-known/openid-configuration"_s)).json();
    QCOMPARE(d.value(u"require_pushed_authorization_requests").toBool(), true);

    const HttpResult plain = s.authorize(s.authorizeParams(Pkce::challengeS256(Pkce::generateVerifier())));
    QCOMPARE(plain.status, 400);
    QVERIFY(plain.header("Location").isEmpty());
    QVERIFY2(plain.body.contains("Pushed authorization request required"), plain.body.constData());
    QVERIFY(plain.body.contains("/oauth/par"));

    const Pushed p = push(s);
    QCOMPARE(p.response.status, 201);
    const HttpResult a = authorizeWith(s, p.requestUri);
    QCOMPARE(a.status, 302);
    QVERIFY(!a.locationParam(u"code"_s).isEmpty());
}

QTEST_GUILESS_MAIN(TestSandboxPar)
#include "tst_sandboxpar.moc"
