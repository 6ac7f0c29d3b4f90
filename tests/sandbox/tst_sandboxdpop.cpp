// SPDX-License-Identifier: MIT
// DPoP (RFC 9449) at the sandbox's token endpoint: bound tokens with cnf.jkt,
// every way a proof is refused, dpop_jkt, refresh-token binding and server
// nonces, over real HTTP on 127.0.0.1.
#include "jose/jwt.h"
#include "hardenedsandbox.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;

class TestSandboxDpop : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void discovery();
    void boundTokens();
    void withoutProofStaysBearer();
    void badProofs_data();
    void badProofs();
    void replayedProof();
    void dpopJktBindsTheCode();
    void refreshTokenBoundToKey();
    void nonceDemanded();
    void nonceRotation();
    void userinfoWithDpop();

private:
    std::unique_ptr<PrivateKey> m_key;
    std::unique_ptr<PrivateKey> m_other;
};

void TestSandboxDpop::initTestCase()
{
    m_key = std::make_unique<PrivateKey>(PrivateKey::generate(PrivateKey::Type::EcP256));
    m_other = std::make_unique<PrivateKey>(PrivateKey::generate(PrivateKey::Type::EcP256));
}

void TestSandboxDpop::discovery()
{
    HardenedSandbox s;
    QVERIFY(s.started());
    const QJsonObject d = s.http().get(s.url(u"/.well-known/openid-configuration"_s)).json();
    QCOMPARE(d.value(u"dpop_signing_alg_values_supported").toArray(),
             (QJsonArray{u"ES256"_s, u"ES384"_s, u"ES512"_s, u"PS256"_s, u"RS256"_s}));
    QCOMPARE(d.value(u"pushed_authorization_request_endpoint").toString(), s.url(u"/oauth/par"_s).toString());
    QCOMPARE(d.value(u"require_pushed_authorization_requests").toBool(true), false);
    QVERIFY(d.value(u"token_endpoint_auth_methods_supported").toArray().contains(u"private_key_jwt"_s));
    QVERIFY(d.value(u"token_endpoint_auth_signing_alg_values_supported").toArray().contains(u"ES256"_s));
    QCOMPARE(d.value(u"registration_endpoint").toString(), s.url(u"/oidc/register"_s).toString());
    QCOMPARE(s.tenant().info().value(u"registration_endpoint").toString(), s.url(u"/oidc/register"_s).toString());
}

void TestSandboxDpop::boundTokens()
{
    HardenedSandbox s;
    QVERIFY(s.started());
    // Code exchange with a proof.
    const QJsonObject t = s.dpopLogin(*m_key);
    QCOMPARE(t.value(u"token_type").toString(), u"DPoP"_s);
    const QJsonObject claims = Jwt::decode(t.value(u"access_token").toString().toLatin1()).payload;
    QCOMPARE(claims.value(u"cnf").toObject().value(u"jkt").toString(), HardenedSandbox::jkt(*m_key));
    QVERIFY(!t.value(u"refresh_token").toString().isEmpty());

    // Client credentials with a proof.
    const HttpResult cc = s.postForm(u"/oauth/token"_s, s.m2mForm(), {{"DPoP", s.proof(*m_key, "POST", s.tokenEndpoint())}});
    QCOMPARE(cc.status, 200);
    QCOMPARE(cc.json().value(u"token_type").toString(), u"DPoP"_s);
    QCOMPARE(Jwt::decode(cc.json().value(u"access_token").toString().toLatin1()).payload.value(u"cnf").toObject().value(u"jkt").toString(),
             HardenedSandbox::jkt(*m_key));

    // An RSA proof key (RS256, PS256) works as well.
    const PrivateKey rsa = PrivateKey::generate(PrivateKey::Type::Rsa2048);
    for (const QString &alg : {u"RS256"_s, u"PS256"_s}) {
        DpopProof::Claims c{"POST", s.tokenEndpoint(), s.now(), {}, {}, {}};
        const HttpResult r = s.postForm(u"/oauth/token"_s, s.m2mForm(), {{"DPoP", DpopProof::make(rsa, c, alg)}});
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(r.json().value(u"token_type").toString(), u"DPoP"_s);
    }
}

void TestSandboxDpop::withoutProofStaysBearer()
{
    HardenedSandbox s;
    QVERIFY(s.started());
    const HttpResult r = s.postForm(u"/oauth/token"_s, s.m2mForm());
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(u"token_type").toString(), u"Bearer"_s);
    QVERIFY(!Jwt::decode(r.json().value(u"access_token").toString().toLatin1()).payload.contains(u"cnf"));
}

void TestSandboxDpop::badProofs_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("words"); // in error_description
    QTest::newRow("no-typ") << u"no-typ"_s << u"typ"_s;
    QTest::newRow("typ-jwt") << u"typ-jwt"_s << u"typ"_s;
    QTest::newRow("alg-none") << u"alg-none"_s << u"alg"_s;
    QTest::newRow("alg-hs256") << u"alg-hs256"_s << u"alg"_s;
    QTest::newRow("alg-es256k") << u"alg-unlisted"_s << u"not accepted"_s;
    QTest::newRow("private-jwk") << u"private-jwk"_s << u"private"_s;
    QTest::newRow("no-jwk") << u"no-jwk"_s << u"jwk"_s;
    QTest::newRow("jwk-of-another-key") << u"other-jwk"_s << u"signature"_s;
    QTest::newRow("wrong-htm") << u"wrong-htm"_s << u"method"_s;
    QTest::newRow("wrong-htu") << u"wrong-htu"_s << u"/oauth/par"_s;
    QTest::newRow("stale-iat") << u"stale-iat"_s << u"iat"_s;
    QTest::newRow("future-iat") << u"future-iat"_s << u"iat"_s;
    QTest::newRow("no-jti") << u"no-jti"_s << u"jti"_s;
    QTest::newRow("garbage") << u"garbage"_s << u"signed JWT"_s;
    QTest::newRow("two-dpop-headers") << u"two-headers"_s << u"more than one"_s;
    QTest::newRow("two-proofs-in-one-header") << u"comma"_s << u"more than one"_s;
}

void TestSandboxDpop::badProofs()
{
    QFETCH(QString, kind);
    QFETCH(QString, words);
    HardenedSandbox s;
    QVERIFY(s.started());
    const PrivateKey &key = *m_key;
    const QJsonObject jwk = DpopProof::headerJwk(key.publicJwk());
    QJsonObject header{{u"typ"_s, u"dpop+jwt"_s}, {u"alg"_s, u"ES256"_s}, {u"jwk"_s, jwk}};
    QJsonObject payload{{u"jti"_s, u"jti-1"_s}, {u"htm"_s, u"POST"_s}, {u"htu"_s, s.tokenEndpoint().toString()}, {u"iat"_s, s.now()}};
    HttpHeaders headers;
    if (kind == u"no-typ")
        header.remove(u"typ"_s);
    else if (kind == u"typ-jwt")
        header.insert(u"typ"_s, u"JWT"_s);
    else if (kind == u"alg-none")
        header.insert(u"alg"_s, u"none"_s);
    else if (kind == u"alg-hs256")
        header.insert(u"alg"_s, u"HS256"_s);
    else if (kind == u"alg-unlisted")
        header.insert(u"alg"_s, u"ES256K"_s);
    else if (kind == u"private-jwk") {
        QJsonObject leaked = jwk;
        leaked.insert(u"d"_s, u"bm90LXJlYWxseS1hLWtleQ"_s);
        header.insert(u"jwk"_s, leaked);
    } else if (kind == u"no-jwk")
        header.remove(u"jwk"_s);
    else if (kind == u"other-jwk")
        header.insert(u"jwk"_s, DpopProof::headerJwk(m_other->publicJwk()));
    else if (kind == u"wrong-htm")
        payload.insert(u"htm"_s, u"GET"_s);
    else if (kind == u"wrong-htu")
        payload.insert(u"htu"_s, s.url(u"/oauth/par"_s).toString());
    else if (kind == u"stale-iat")
        payload.insert(u"iat"_s, s.now() - 3600);
    else if (kind == u"future-iat")
        payload.insert(u"iat"_s, s.now() + 3600);
    else if (kind == u"no-jti")
        payload.remove(u"jti"_s);
    QByteArray proof = HardenedSandbox::jws(key, header, payload);
    if (kind == u"garbage")
        proof = "not.a.proof";
    else if (kind == u"comma")
        proof = proof + ", " + proof;
    headers << qMakePair(QByteArray("DPoP"), proof);

    int status = 0;
    QJsonObject body;
    if (kind == u"two-headers") {
        // Two header lines, which no Qt client sends: raw bytes.
        const QByteArray form = s.m2mForm().encode();
        const QByteArray request = "POST /oauth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                                   "DPoP: " + proof + "\r\nDPoP: " + s.proof(key, "POST", s.tokenEndpoint())
                + "\r\nContent-Length: " + QByteArray::number(form.size()) + "\r\nConnection: close\r\n\r\n" + form;
        const QByteArray response = rawExchange(quint16(s.tenant().issuer().port()), request);
        status = rawStatus(response);
        body = QJsonDocument::fromJson(response.mid(response.indexOf("\r\n\r\n") + 4)).object();
    } else {
        const HttpResult r = s.postForm(u"/oauth/token"_s, s.m2mForm(), headers);
        status = r.status;
        body = r.json();
        QVERIFY2(!r.body.contains(proof), "a refusal never echoes the proof");
    }
    QCOMPARE(status, 400);
    QCOMPARE(body.value(u"error").toString(), u"invalid_dpop_proof"_s);
    const QString why = body.value(u"error_description").toString();
    QVERIFY2(why.contains(words, Qt::CaseInsensitive), qPrintable(why));
}

void TestSandboxDpop::replayedProof()
{
    HardenedSandbox s;
    QVERIFY(s.started());
    const QByteArray proof = s.proof(*m_key, "POST", s.tokenEndpoint());
    QCOMPARE(s.postForm(u"/oauth/token"_s, s.m2mForm(), {{"DPoP", proof}}).status, 200);
    const HttpResult again = s.postForm(u"/oauth/token"_s, s.m2mForm(), {{"DPoP", proof}});
    QCOMPARE(again.status, 400);
    QCOMPARE(again.json().value(u"error").toString(), u"invalid_dpop_proof"_s);
    QVERIFY(again.json().value(u"error_description").toString().contains(u"already used"_s));
    // Still refused later in the window.
    s.clock().advance(50);
    QCOMPARE(s.postForm(u"/oauth/token"_s, s.m2mForm(), {{"DPoP", proof}}).status, 400);
}

void TestSandboxDpop::dpopJktBindsTheCode()
{
    HardenedSandbox s;
    QVERIFY(s.started());
    QByteArray verifier;
    const QString code = s.code(&verifier, {{u"dpop_jkt"_s, HardenedSandbox::jkt(*m_key)}});
    QVERIFY(!code.isEmpty());
    const FormData form = s.codeExchangeForm(code, verifier);

    const HttpResult none = s.postForm(u"/oauth/token"_s, form);
    QCOMPARE(none.status, 400);
    QCOMPARE(none.json().value(u"error").toString(), u"invalid_dpop_proof"_s);
    const HttpResult other = s.postForm(u"/oauth/token"_s, form, {{"DPoP", s.proof(*m_other, "POST", s.tokenEndpoint())}});
    QCOMPARE(other.status, 400);
    QCOMPARE(other.json().value(u"error").toString(), u"invalid_dpop_proof"_s);
    QVERIFY(other.json().value(u"error_description").toString().contains(u"dpop_jkt"_s));
    const HttpResult good = s.postForm(u"/oauth/token"_s, form, {{"DPoP", s.proof(*m_key, "POST", s.tokenEndpoint())}});
    QCOMPARE(good.status, 200);
    QCOMPARE(good.json().value(u"token_type").toString(), u"DPoP"_s);

    // A malformed dpop_jkt goes back to the client as invalid_request.
    const HttpResult bad = s.authorize([&] {
        FormData p = s.authorizeParams(Pkce::challengeS256(Pkce::generateVerifier()));
        p.add(u"dpop_jkt"_s, u"short"_s);
        return p;
    }());
    QCOMPARE(bad.status, 302);
    QCOMPARE(bad.locationParam(u"error"_s), u"invalid_request"_s);
}

void TestSandboxDpop::refreshTokenBoundToKey()
{
    HardenedSandbox s;
    QVERIFY(s.started());
    const QJsonObject t = s.dpopLogin(*m_key);
    const QString rt = t.value(u"refresh_token").toString();
    QVERIFY(!rt.isEmpty());

    const HttpResult none = s.postForm(u"/oauth/token"_s, s.refreshForm(rt));
    QCOMPARE(none.status, 400);
    QCOMPARE(none.json().value(u"error").toString(), u"invalid_dpop_proof"_s);
    const HttpResult other = s.postForm(u"/oauth/token"_s, s.refreshForm(rt), {{"DPoP", s.proof(*m_other, "POST", s.tokenEndpoint())}});
    QCOMPARE(other.status, 400);
    QCOMPARE(other.json().value(u"error").toString(), u"invalid_grant"_s);

    const HttpResult good = s.postForm(u"/oauth/token"_s, s.refreshForm(rt), {{"DPoP", s.proof(*m_key, "POST", s.tokenEndpoint())}});
    QCOMPARE(good.status, 200);
    QCOMPARE(good.json().value(u"token_type").toString(), u"DPoP"_s);
    // The rotated refresh token stays bound.
    const QString next = good.json().value(u"refresh_token").toString();
    QCOMPARE(s.postForm(u"/oauth/token"_s, s.refreshForm(next)).json().value(u"error").toString(), u"invalid_dpop_proof"_s);
}

void TestSandboxDpop::nonceDemanded()
{
    HardenedSandbox s([](SandboxConfig &c) { c.switches.dpopNonce = true; });
    QVERIFY(s.started());
    const HttpResult first = s.postForm(u"/oauth/token"_s, s.m2mForm(), {{"DPoP", s.proof(*m_key, "POST", s.tokenEndpoint())}});
    QCOMPARE(first.status, 400);
    QCOMPARE(first.json().value(u"error").toString(), u"use_dpop_nonce"_s);
    const QString nonce = QString::fromLatin1(first.header("DPoP-Nonce"));
    QVERIFY(!nonce.isEmpty());

    const HttpResult second = s.postForm(u"/oauth/token"_s, s.m2mForm(), {{"DPoP", s.proof(*m_key, "POST", s.tokenEndpoint(), nonce)}});
    QCOMPARE(second.status, 200);
    QCOMPARE(second.json().value(u"token_type").toString(), u"DPoP"_s);

    const HttpResult wrong = s.postForm(u"/oauth/token"_s, s.m2mForm(), {{"DPoP", s.proof(*m_key, "POST", s.tokenEndpoint(), u"made-up"_s)}});
    QCOMPARE(wrong.status, 400);
    QCOMPARE(wrong.json().value(u"error").toString(), u"use_dpop_nonce"_s);
    QCOMPARE(QString::fromLatin1(wrong.header("DPoP-Nonce")), nonce);

    // Without a DPoP header the request is a Bearer one, nonce or not.
    QCOMPARE(s.postForm(u"/oauth/token"_s, s.m2mForm()).json().value(u"token_type").toString(), u"Bearer"_s);
}

void TestSandboxDpop::nonceRotation()
{
    HardenedSandbox s([](SandboxConfig &c) { c.switches.dpopNonce = true; });
    QVERIFY(s.started());
    const QString n1 = QString::fromLatin1(
            s.postForm(u"/oauth/token"_s, s.m2mForm(), {{"DPoP", s.proof(*m_key, "POST", s.tokenEndpoint())}}).header("DPoP-Nonce"));
    QVERIFY(!n1.isEmpty());
    // One period on: a new nonce is handed out, the previous one still works.
    s.clock().advance(61);
    const HttpResult stillGood = s.postForm(u"/oauth/token"_s, s.m2mForm(), {{"DPoP", s.proof(*m_key, "POST", s.tokenEndpoint(), n1)}});
    QCOMPARE(stillGood.status, 200);
    const QString n2 = QString::fromLatin1(stillGood.header("DPoP-Nonce"));
    QVERIFY(!n2.isEmpty());
    QVERIFY(n2 != n1);
    // Two periods on, the first one is stale.
    s.clock().advance(61);
    const HttpResult stale = s.postForm(u"/oauth/token"_s, s.m2mForm(), {{"DPoP", s.proof(*m_key, "POST", s.tokenEndpoint(), n1)}});
    QCOMPARE(stale.status, 400);
    QCOMPARE(stale.json().value(u"error").toString(), u"use_dpop_nonce"_s);
    QVERIFY(stale.json().value(u"error_description").toString().contains(u"stale"_s));
}

void TestSandboxDpop::userinfoWithDpop()
{
    HardenedSandbox s;
    QVERIFY(s.started());
    const QString at = s.dpopLogin(*m_key).value(u"access_token").toString();
    QVERIFY(!at.isEmpty());
    const QUrl userinfo = s.url(u"/userinfo"_s);
    const QByteArray authorization = "DPoP " + at.toLatin1();

    const HttpResult asBearer = s.http().get(userinfo, {{"Authorization", "Bearer " + at.toLatin1()}});
    QCOMPARE(asBearer.status, 401);
    QVERIFY(asBearer.header("WWW-Authenticate").startsWith("DPoP algs="));
    QVERIFY(asBearer.header("WWW-Authenticate").contains("error=\"invalid_token\""));

    const QByteArray proof = s.proof(*m_key, "GET", userinfo, {}, at);
    const HttpResult good = s.http().get(userinfo, {{"Authorization", authorization}, {"DPoP", proof}});
    QCOMPARE(good.status, 200);
    QCOMPARE(good.json().value(u"sub").toString(), u"sandbox|alice"_s);
    const HttpResult replay = s.http().get(userinfo, {{"Authorization", authorization}, {"DPoP", proof}});
    QCOMPARE(replay.status, 401);
    QVERIFY(replay.header("WWW-Authenticate").contains("error=\"invalid_dpop_proof\""));
    const HttpResult otherKey = s.http().get(userinfo, {{"Authorization", authorization}, {"DPoP", s.proof(*m_other, "GET", userinfo, {}, at)}});
    QCOMPARE(otherKey.status, 401);
}

QTEST_GUILESS_MAIN(TestSandboxDpop)
#include "tst_sandboxdpop.moc"
