// SPDX-License-Identifier: MIT
// Dynamic client registration (RFC 7591) and private_key_jwt (RFC 7523) at
// the sandbox: native and private_key_jwt clients, hostile registrations,
// every client assertion check, PAR with an assertion, and registered
// clients surviving a restart of the tenant. Real HTTP on 127.0.0.1.
#include "jose/jwt.h"
#include "hardenedsandbox.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestSandboxRegistration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void nativeClient();
    void privateKeyJwtClient();
    void hostileRegistrations_data();
    void hostileRegistrations();
    void hugeBody();
    void assertionChecks_data();
    void assertionChecks();
    void replayedAssertion();
    void confidentialCodeFlowWithPar();
    void survivesRestart();
    void sharedByTwoTenants();

private:
    std::unique_ptr<PrivateKey> m_key;
    std::unique_ptr<PrivateKey> m_other;
};

namespace {

HttpResult registerClient(HardenedSandbox &s, const QJsonObject &metadata)
{
    return s.http().post(s.url(u"/oidc/register"_s), QJsonDocument(metadata).toJson(QJsonDocument::Compact), "application/json");
}

QJsonObject m2mMetadata(const PrivateKey &key)
{
    return {{u"client_name"_s, u"A test service"_s},
            {u"token_endpoint_auth_method"_s, u"private_key_jwt"_s},
            {u"grant_types"_s, QJsonArray{u"client_credentials"_s}},
            {u"jwks"_s, QJsonObject{{u"keys"_s, QJsonArray{key.publicJwk()}}}}};
}

FormData clientCredentials(HardenedSandbox &s, const QString &clientId, const QByteArray &assertion)
{
    FormData f;
    f.add(u"grant_type"_s, u"client_credentials"_s);
    f.add(u"client_assertion_type"_s, QString::fromLatin1(ClientAssertion::AssertionType));
    f.add(u"client_assertion"_s, QString::fromLatin1(assertion));
    f.add(u"audience"_s, s.tenant().audience());
    if (!clientId.isEmpty())
        f.add(u"client_id"_s, clientId);
    return f;
}

} // namespace

void TestSandboxRegistration::initTestCase()
{
    m_key = std::make_unique<PrivateKey>(PrivateKey::generate(PrivateKey::Type::EcP256));
    m_other = std::make_unique<PrivateKey>(PrivateKey::generate(PrivateKey::Type::EcP256));
}

void TestSandboxRegistration::nativeClient()
{
    HardenedSandbox s;
    QVERIFY(s.started());
    const HttpResult r = registerClient(s, {{u"client_name"_s, u"My desktop app"_s},
                                            {u"token_endpoint_auth_method"_s, u"none"_s},
                                            {u"grant_types"_s, QJsonArray{u"authorization_code"_s, u"refresh_token"_s}},
                                            {u"redirect_uris"_s, QJsonArray{u"http://127.0.0.1:8400/callback"_s}}});
    QCOMPARE(r.status, 201);
    const QJsonObject c = r.json();
    const QString id = c.value(u"client_id").toString();
    QVERIFY(id.startsWith(u"dyn-"_s));
    QCOMPARE(c.value(u"token_endpoint_auth_method").toString(), u"none"_s);
    QCOMPARE(c.value(u"client_name").toString(), u"My desktop app"_s);
    QVERIFY(!c.contains(u"client_secret"));

    // It signs users in on any loopback port (RFC 8252 7.3), with PKCE, and refreshes.
    const QByteArray verifier = Pkce::generateVerifier();
    const HttpResult a = s.authorize(s.authorizeParams(Pkce::challengeS256(verifier), id));
    QCOMPARE(a.status, 302);
    const HttpResult t = s.postForm(u"/oauth/token"_s, s.codeExchangeForm(a.locationParam(u"code"_s), verifier, id));
    QVERIFY2(t.status == 200, t.body.constData());
    QCOMPARE(Jwt::decode(t.json().value(u"access_token").toString().toLatin1()).payload.value(u"azp").toString(), id);
    // Another path is not its redirect; nor may it use client credentials.
    FormData other = s.authorizeParams(Pkce::challengeS256(verifier), id);
    FormData changed;
    for (const auto &p : other.pairs())
        changed.add(p.first, p.first == u"redirect_uri" ? u"http://127.0.0.1:8400/elsewhere"_s : p.second);
    QCOMPARE(s.authorize(changed).status, 400);
    FormData cc;
    cc.add(u"grant_type"_s, u"client_credentials"_s);
    cc.add(u"client_id"_s, id);
    cc.add(u"audience"_s, s.tenant().audience());
    QCOMPARE(s.postForm(u"/oauth/token"_s, cc).json().value(u"error").toString(), u"unauthorized_client"_s);
}

void TestSandboxRegistration::privateKeyJwtClient()
{
    HardenedSandbox s;
    QVERIFY(s.started());
    const HttpResult r = registerClient(s, m2mMetadata(*m_key));
    QCOMPARE(r.status, 201);
    const QString id = r.json().value(u"client_id").toString();
    QCOMPARE(r.json().value(u"token_endpoint_auth_method").toString(), u"private_key_jwt"_s);
    QCOMPARE(r.json().value(u"jwks").toObject().value(u"keys").toArray().at(0).toObject(), m_key->publicJwk());

    const QByteArray assertion = ClientAssertion::make(*m_key, id, s.tokenEndpoint().toString(), s.now());
    const HttpResult t = s.postForm(u"/oauth/token"_s, clientCredentials(s, id, assertion));
    QVERIFY2(t.status == 200, t.body.constData());
    const QJsonObject claims = Jwt::decode(t.json().value(u"access_token").toString().toLatin1()).payload;
    QCOMPARE(claims.value(u"aud").toString(), s.tenant().audience());
    QCOMPARE(claims.value(u"sub").toString(), id + u"@clients"_s);
    QCOMPARE(claims.value(u"scope").toString(), u"read:messages"_s);
    // The API takes it.
    QCOMPARE(s.http().get(s.api(u"/api/private-scoped"_s), {{"Authorization", "Bearer " + t.json().value(u"access_token").toString().toLatin1()}}).status, 200);

    // Without client_id (RFC 7523: sub names the client), and with DPoP.
    const QByteArray second = ClientAssertion::make(*m_key, id, s.tenant().issuer().toString(), s.now());
    const HttpResult bound = s.postForm(u"/oauth/token"_s, clientCredentials(s, {}, second),
                                        {{"DPoP", s.proof(*m_other, "POST", s.tokenEndpoint())}});
    QVERIFY2(bound.status == 200, bound.body.constData());
    QCOMPARE(bound.json().value(u"token_type").toString(), u"DPoP"_s);

    // A secret is no way in.
    FormData secret;
    secret.add(u"grant_type"_s, u"client_credentials"_s);
    secret.add(u"client_id"_s, id);
    secret.add(u"client_secret"_s, u"guess"_s);
    QCOMPARE(s.postForm(u"/oauth/token"_s, secret).status, 401);
}

void TestSandboxRegistration::hostileRegistrations_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("words");

    const PrivateKey rsa = PrivateKey::generate(PrivateKey::Type::Rsa2048);
    QJsonObject leaked = m_key->publicJwk();
    leaked.insert(u"d"_s, u"c2VjcmV0"_s);
    QJsonObject rsaLeaked = rsa.publicJwk();
    for (const QString &m : {u"p"_s, u"q"_s, u"dp"_s, u"dq"_s, u"qi"_s})
        rsaLeaked.insert(m, u"c2VjcmV0"_s);
    auto json = [](const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); };
    auto withKeys = [&](const QJsonArray &keys) {
        QJsonObject m = m2mMetadata(*m_key);
        m.insert(u"jwks"_s, QJsonObject{{u"keys"_s, keys}});
        return json(m);
    };
    auto native = [&](const QJsonArray &uris) {
        return json({{u"token_endpoint_auth_method"_s, u"none"_s}, {u"redirect_uris"_s, uris}});
    };
    QJsonObject noJwks = m2mMetadata(*m_key);
    noJwks.remove(u"jwks"_s);
    QJsonObject jwksUri = noJwks;
    jwksUri.insert(u"jwks_uri"_s, u"https://keys.example/jwks.json"_s);
    QJsonObject defaultMethod = m2mMetadata(*m_key);
    defaultMethod.remove(u"token_endpoint_auth_method"_s);
    QJsonObject secretPost = m2mMetadata(*m_key);
    secretPost.insert(u"token_endpoint_auth_method"_s, u"client_secret_post"_s);

    QTest::newRow("private-ec-key") << withKeys({leaked}) << 400 << u"invalid_client_metadata"_s << u"private key material"_s;
    QTest::newRow("private-rsa-key") << withKeys({rsaLeaked}) << 400 << u"invalid_client_metadata"_s << u"private key material"_s;
    QTest::newRow("symmetric-key") << withKeys({QJsonObject{{u"kty"_s, u"oct"_s}, {u"k"_s, u"c2VjcmV0"_s}}}) << 400 << u"invalid_client_metadata"_s << u"private key material"_s;
    QTest::newRow("not-a-key") << withKeys({QJsonObject{{u"kty"_s, u"EC"_s}, {u"crv"_s, u"P-256"_s}, {u"x"_s, u"AA"_s}, {u"y"_s, u"AA"_s}}}) << 400 << u"invalid_client_metadata"_s << u"not a usable public key"_s;
    QTest::newRow("key-not-object") << withKeys({u"a string"_s}) << 400 << u"invalid_client_metadata"_s << u"JWK object"_s;
    QTest::newRow("no-keys") << withKeys({}) << 400 << u"invalid_client_metadata"_s << u"jwks.keys"_s;
    QTest::newRow("too-many-keys") << withKeys([&] { QJsonArray a; for (int i = 0; i < 11; ++i) a.append(m_key->publicJwk()); return a; }()) << 400 << u"invalid_client_metadata"_s << u"jwks.keys"_s;
    QTest::newRow("missing-jwks") << json(noJwks) << 400 << u"invalid_client_metadata"_s << u"needs jwks"_s;
    QTest::newRow("jwks-uri") << json(jwksUri) << 400 << u"invalid_client_metadata"_s << u"jwks_uri"_s;
    QTest::newRow("default-secret-method") << json(defaultMethod) << 400 << u"invalid_client_metadata"_s << u"no secrets"_s;
    QTest::newRow("client-secret-post") << json(secretPost) << 400 << u"invalid_client_metadata"_s << u"no secrets"_s;
    QTest::newRow("native-https-redirect") << native({u"https://evil.example/cb"_s}) << 400 << u"invalid_redirect_uri"_s << u"not a loopback"_s;
    QTest::newRow("native-localhost-name") << native({u"http://localhost:8400/cb"_s}) << 400 << u"invalid_redirect_uri"_s << u"not a loopback"_s;
    QTest::newRow("native-fragment") << native({u"http://127.0.0.1:8400/cb#x"_s}) << 400 << u"invalid_redirect_uri"_s << u"not a loopback"_s;
    QTest::newRow("native-no-redirect") << json({{u"token_endpoint_auth_method"_s, u"none"_s}}) << 400 << u"invalid_redirect_uri"_s << u"needs redirect_uris"_s;
    QTest::newRow("native-redirect-not-string") << native({42}) << 400 << u"invalid_redirect_uri"_s << u"redirect_uris"_s;
    QTest::newRow("native-client-credentials") << json({{u"token_endpoint_auth_method"_s, u"none"_s}, {u"grant_types"_s, QJsonArray{u"client_credentials"_s}}}) << 400 << u"invalid_client_metadata"_s << u"client_credentials"_s;
    QTest::newRow("native-with-jwks") << json({{u"token_endpoint_auth_method"_s, u"none"_s}, {u"redirect_uris"_s, QJsonArray{u"http://127.0.0.1:1/cb"_s}}, {u"jwks"_s, QJsonObject{{u"keys"_s, QJsonArray{m_key->publicJwk()}}}}}) << 400 << u"invalid_client_metadata"_s << u"no keys"_s;
    QTest::newRow("password-grant") << json({{u"token_endpoint_auth_method"_s, u"private_key_jwt"_s}, {u"grant_types"_s, QJsonArray{u"password"_s}}, {u"jwks"_s, QJsonObject{{u"keys"_s, QJsonArray{m_key->publicJwk()}}}}}) << 400 << u"invalid_client_metadata"_s << u"password"_s;
    QTest::newRow("implicit-response-type") << json({{u"token_endpoint_auth_method"_s, u"none"_s}, {u"redirect_uris"_s, QJsonArray{u"http://127.0.0.1:1/cb"_s}}, {u"response_types"_s, QJsonArray{u"token"_s}}}) << 400 << u"invalid_client_metadata"_s << u"response_types"_s;
    QTest::newRow("long-name") << json({{u"client_name"_s, QString(300, u'x')}, {u"token_endpoint_auth_method"_s, u"none"_s}}) << 400 << u"invalid_client_metadata"_s << u"client_name"_s;
    QTest::newRow("not-json") << QByteArray("{\"token_endpoint_auth_method\":") << 400 << u"invalid_client_metadata"_s << u"not a JSON object"_s;
    QTest::newRow("array") << QByteArray("[]") << 400 << u"invalid_client_metadata"_s << u"not a JSON object"_s;
    QTest::newRow("empty") << QByteArray() << 400 << u"invalid_client_metadata"_s << u"not a JSON object"_s;
    QTest::newRow("nul-bytes") << QByteArray("{\"a\0\":1}", 9) << 400 << u"invalid_client_metadata"_s << QString();
}

void TestSandboxRegistration::hostileRegistrations()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, error);
    QFETCH(QString, words);
    HardenedSandbox s;
    QVERIFY(s.started());
    const HttpResult r = s.http().post(s.url(u"/oidc/register"_s), body, "application/json");
    QCOMPARE(r.status, status);
    QCOMPARE(r.json().value(u"error").toString(), error);
    const QString why = r.json().value(u"error_description").toString();
    QVERIFY2(why.contains(words), qPrintable(why));
    QVERIFY2(!r.body.contains("c2VjcmV0"), "a refusal never echoes key material");
}

void TestSandboxRegistration::hugeBody()
{
    HardenedSandbox s;
    QVERIFY(s.started());
    QJsonObject m = m2mMetadata(*m_key);
    m.insert(u"padding"_s, QString(20 * 1024, u'x'));
    const HttpResult large = registerClient(s, m);
    QCOMPARE(large.status, 400);
    QVERIFY(large.json().value(u"error_description").toString().contains(u"larger than"_s));
    // Beyond the server's own body limit: refused before the body is read.
    const QByteArray head = "POST /oidc/register HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            "Content-Length: 1000000\r\nConnection: close\r\n\r\n{\"padding\":\"";
    QCOMPARE(rawStatus(rawExchange(quint16(s.tenant().issuer().port()), head)), 413);
    QCOMPARE(s.http().post(s.url(u"/oidc/register"_s), "token_endpoint_auth_method=none").status, 400); // a form is not JSON
    QCOMPARE(s.http().get(s.url(u"/oidc/register"_s)).status, 405);
}

void TestSandboxRegistration::assertionChecks_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("words"); // in error_description
    QTest::newRow("good-aud-token-endpoint") << u"good"_s << 200 << QString();
    QTest::newRow("good-aud-issuer") << u"aud-issuer"_s << 200 << QString();
    QTest::newRow("good-aud-array") << u"aud-array"_s << 200 << QString();
    QTest::newRow("good-no-kid") << u"no-kid"_s << 200 << QString();
    QTest::newRow("wrong-aud") << u"wrong-aud"_s << 401 << u"aud"_s;
    QTest::newRow("no-aud") << u"no-aud"_s << 401 << u"aud"_s;
    QTest::newRow("expired") << u"expired"_s << 401 << u"expired"_s;
    QTest::newRow("exp-too-far") << u"exp-too-far"_s << 401 << u"ahead"_s;
    QTest::newRow("no-exp") << u"no-exp"_s << 401 << u"exp"_s;
    QTest::newRow("no-jti") << u"no-jti"_s << 401 << u"jti"_s;
    QTest::newRow("wrong-key") << u"wrong-key"_s << 401 << u"signature"_s;
    QTest::newRow("unknown-kid") << u"unknown-kid"_s << 401 << u"not one of the client's registered keys"_s;
    QTest::newRow("wrong-iss") << u"wrong-iss"_s << 401 << u"iss"_s;
    QTest::newRow("wrong-sub") << u"wrong-sub"_s << 401 << u"sub"_s;
    QTest::newRow("alg-none") << u"alg-none"_s << 401 << u"alg"_s;
    QTest::newRow("alg-hs256") << u"alg-hs256"_s << 401 << u"alg"_s;
    QTest::newRow("wrong-assertion-type") << u"wrong-type"_s << 401 << u"client_assertion_type"_s;
    QTest::newRow("garbage") << u"garbage"_s << 401 << u"signed JWT"_s;
    QTest::newRow("client-id-differs") << u"client-id-differs"_s << 401 << QString();
}

void TestSandboxRegistration::assertionChecks()
{
    QFETCH(QString, kind);
    QFETCH(int, status);
    QFETCH(QString, words);
    HardenedSandbox s;
    QVERIFY(s.started());
    const QString id = registerClient(s, m2mMetadata(*m_key)).json().value(u"client_id").toString();
    QVERIFY(!id.isEmpty());
    const qint64 now = s.now();
    QJsonObject header{{u"alg"_s, u"ES256"_s}, {u"typ"_s, u"JWT"_s}, {u"kid"_s, m_key->kid()}};
    QJsonObject claims{{u"iss"_s, id}, {u"sub"_s, id}, {u"aud"_s, s.tokenEndpoint().toString()},
                       {u"iat"_s, now}, {u"exp"_s, now + 60}, {u"jti"_s, QString(u"jti-"_s + kind)}};
    const PrivateKey *signer = m_key.get();
    QString clientId = id;
    QString type = QString::fromLatin1(ClientAssertion::AssertionType);
    if (kind == u"aud-issuer")
        claims.insert(u"aud"_s, s.tenant().issuer().toString());
    else if (kind == u"aud-array")
        claims.insert(u"aud"_s, QJsonArray{u"https://elsewhere.example/"_s, s.tokenEndpoint().toString()});
    else if (kind == u"no-kid")
        header.remove(u"kid"_s);
    else if (kind == u"wrong-aud")
        claims.insert(u"aud"_s, u"https://elsewhere.example/oauth/token"_s);
    else if (kind == u"no-aud")
        claims.remove(u"aud"_s);
    else if (kind == u"expired")
        claims.insert(u"exp"_s, now - 60);
    else if (kind == u"exp-too-far")
        claims.insert(u"exp"_s, now + 3600);
    else if (kind == u"no-exp")
        claims.remove(u"exp"_s);
    else if (kind == u"no-jti")
        claims.remove(u"jti"_s);
    else if (kind == u"wrong-key") {
        signer = m_other.get();
    } else if (kind == u"unknown-kid")
        header.insert(u"kid"_s, m_other->kid());
    else if (kind == u"wrong-iss")
        claims.insert(u"iss"_s, u"tokenlab-m2m"_s);
    else if (kind == u"wrong-sub")
        claims.insert(u"sub"_s, u"someone-else"_s);
    else if (kind == u"alg-none")
        header.insert(u"alg"_s, u"none"_s);
    else if (kind == u"alg-hs256")
        header.insert(u"alg"_s, u"HS256"_s);
    else if (kind == u"wrong-type")
        type = u"urn:ietf:params:oauth:client-assertion-type:saml2-bearer"_s;
    else if (kind == u"client-id-differs")
        clientId = s.tenant().m2mClientId();
    QByteArray assertion = HardenedSandbox::jws(*signer, header, claims);
    if (kind == u"garbage")
        assertion = "garbage";
    FormData form = clientCredentials(s, clientId, assertion);
    if (kind == u"wrong-type") {
        FormData f;
        for (const auto &p : form.pairs())
            f.add(p.first, p.first == u"client_assertion_type" ? type : p.second);
        form = f;
    }
    const HttpResult r = s.postForm(u"/oauth/token"_s, form);
    QVERIFY2(r.status == status, r.body.constData());
    if (status == 401) {
        QCOMPARE(r.json().value(u"error").toString(), u"invalid_client"_s);
        const QString why = r.json().value(u"error_description").toString();
        QVERIFY2(why.contains(words), qPrintable(why));
        QVERIFY2(!r.body.contains(assertion), "a refusal never echoes the assertion");
    }
}

void TestSandboxRegistration::replayedAssertion()
{
    HardenedSandbox s;
    QVERIFY(s.started());
    const QString id = registerClient(s, m2mMetadata(*m_key)).json().value(u"client_id").toString();
    const QByteArray assertion = ClientAssertion::make(*m_key, id, s.tokenEndpoint().toString(), s.now());
    QCOMPARE(s.postForm(u"/oauth/token"_s, clientCredentials(s, id, assertion)).status, 200);
    const HttpResult again = s.postForm(u"/oauth/token"_s, clientCredentials(s, id, assertion));
    QCOMPARE(again.status, 401);
    QCOMPARE(again.json().value(u"error").toString(), u"invalid_client"_s);
    QVERIFY(again.json().value(u"error_description").toString().contains(u"already used"_s));
}

void TestSandboxRegistration::confidentialCodeFlowWithPar()
{
    HardenedSandbox s([](SandboxConfig &c) { c.switches.requirePar = true; });
    QVERIFY(s.started());
    QJsonObject m = m2mMetadata(*m_key);
    m.insert(u"grant_types"_s, QJsonArray{u"authorization_code"_s, u"client_credentials"_s});
    m.insert(u"redirect_uris"_s, QJsonArray{u"https://app.example/callback"_s});
    const HttpResult reg = registerClient(s, m);
    QCOMPARE(reg.status, 201);
    const QString id = reg.json().value(u"client_id").toString();

    const QByteArray verifier = Pkce::generateVerifier();
    FormData params;
    const FormData defaults = s.authorizeParams(Pkce::challengeS256(verifier), id);
    for (const auto &p : defaults.pairs())
        params.add(p.first, p.first == u"redirect_uri" ? u"https://app.example/callback"_s : p.second);
    FormData pushForm = params;
    pushForm.add(u"client_assertion_type"_s, QString::fromLatin1(ClientAssertion::AssertionType));
    // RFC 9126 2: the PAR endpoint is a fine audience too.
    pushForm.add(u"client_assertion"_s, QString::fromLatin1(ClientAssertion::make(*m_key, id, s.url(u"/oauth/par"_s).toString(), s.now())));
    const HttpResult pushed = s.postForm(u"/oauth/par"_s, pushForm);
    QVERIFY2(pushed.status == 201, pushed.body.constData());
    // Without the assertion it is refused.
    QCOMPARE(s.postForm(u"/oauth/par"_s, params).status, 401);

    FormData q;
    q.add(u"client_id"_s, id);
    q.add(u"request_uri"_s, pushed.json().value(u"request_uri").toString());
    const HttpResult a = s.authorize(q);
    QCOMPARE(a.status, 302);
    QVERIFY(a.header("Location").startsWith("https://app.example/callback?"));

    FormData exchange;
    exchange.add(u"grant_type"_s, u"authorization_code"_s);
    exchange.add(u"code"_s, a.locationParam(u"code"_s));
    exchange.add(u"code_verifier"_s, QString::fromLatin1(verifier));
    exchange.add(u"redirect_uri"_s, u"https://app.example/callback"_s);
    exchange.add(u"client_assertion_type"_s, QString::fromLatin1(ClientAssertion::AssertionType));
    exchange.add(u"client_assertion"_s, QString::fromLatin1(ClientAssertion::make(*m_key, id, s.tokenEndpoint().toString(), s.now())));
    const HttpResult t = s.postForm(u"/oauth/token"_s, exchange);
    QVERIFY2(t.status == 200, t.body.constData());
    QCOMPARE(Jwt::decode(t.json().value(u"access_token").toString().toLatin1()).payload.value(u"sub").toString(), u"sandbox|alice"_s);

    // Refresh and revocation authenticate the same way.
    const QString rt = t.json().value(u"refresh_token").toString();
    QVERIFY(!rt.isEmpty());
    auto withAssertion = [&](FormData f) {
        f.add(u"client_assertion_type"_s, QString::fromLatin1(ClientAssertion::AssertionType));
        f.add(u"client_assertion"_s, QString::fromLatin1(ClientAssertion::make(*m_key, id, s.tokenEndpoint().toString(), s.now())));
        return f;
    };
    FormData refresh;
    refresh.add(u"grant_type"_s, u"refresh_token"_s);
    refresh.add(u"refresh_token"_s, rt);
    QCOMPARE(s.postForm(u"/oauth/token"_s, refresh).status, 401); // no assertion
    const HttpResult refreshed = s.postForm(u"/oauth/token"_s, withAssertion(refresh));
    QVERIFY2(refreshed.status == 200, refreshed.body.constData());
    FormData revoke;
    revoke.add(u"token"_s, refreshed.json().value(u"refresh_token").toString());
    QCOMPARE(s.postForm(u"/oauth/revoke"_s, withAssertion(revoke)).status, 200);
    refresh = FormData();
    refresh.add(u"grant_type"_s, u"refresh_token"_s);
    refresh.add(u"refresh_token"_s, refreshed.json().value(u"refresh_token").toString());
    QCOMPARE(s.postForm(u"/oauth/token"_s, withAssertion(refresh)).json().value(u"error").toString(), u"invalid_grant"_s);
}

void TestSandboxRegistration::survivesRestart()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(u"tokenlab/sandbox-clients.json"_s);
    auto keepClients = [&file](SandboxConfig &c) {
        SandboxContinuity k;
        k.keychainService.clear(); // a key in memory: only the clients are under test
        k.clientsFile = file;
        c.continuity = k;
    };
    QString m2mId;
    QString nativeId;
    QString secret;
    {
        HardenedSandbox first(keepClients);
        QVERIFY(first.started());
        m2mId = registerClient(first, m2mMetadata(*m_key)).json().value(u"client_id").toString();
        nativeId = registerClient(first, {{u"token_endpoint_auth_method"_s, u"none"_s},
                                          {u"redirect_uris"_s, QJsonArray{u"http://127.0.0.1:8400/callback"_s}}})
                           .json().value(u"client_id").toString();
        QVERIFY(!m2mId.isEmpty() && !nativeId.isEmpty());
        secret = first.tenant().m2mClientSecret();
    }
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray stored = f.readAll();
    QVERIFY(stored.contains(m2mId.toLatin1()));
    QVERIFY2(!stored.contains("\"d\""), "the file holds public keys only");
    QVERIFY(!stored.contains(secret.toLatin1()));
    f.close();

    HardenedSandbox second(keepClients);
    QVERIFY(second.started());
    const QByteArray assertion = ClientAssertion::make(*m_key, m2mId, second.tokenEndpoint().toString(), second.now());
    QCOMPARE(second.postForm(u"/oauth/token"_s, clientCredentials(second, m2mId, assertion)).status, 200);
    const QByteArray verifier = Pkce::generateVerifier();
    const HttpResult a = second.authorize(second.authorizeParams(Pkce::challengeS256(verifier), nativeId));
    QCOMPARE(a.status, 302);
    QVERIFY(!a.locationParam(u"code"_s).isEmpty());

    // A damaged file means no clients, never a failed start.
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write("{\"version\":1,\"clients\":[{\"client_id\":\"x\",\"token_endpoint_auth_method\":\"private_key_jwt\",\"jwks\":{\"keys\":[{\"kty\":\"oct\",\"k\":\"AA\"}]}}");
    f.close();
    HardenedSandbox third(keepClients);
    QVERIFY(third.started());
    QCOMPARE(third.postForm(u"/oauth/token"_s, clientCredentials(third, m2mId, assertion)).status, 401);
}

void TestSandboxRegistration::sharedByTwoTenants()
{
    // The app's tenant and tokenlab-cli's can run at once on one file.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(u"sandbox-clients.json"_s);
    auto keepClients = [&file](SandboxConfig &c) {
        SandboxContinuity k;
        k.keychainService.clear();
        k.clientsFile = file;
        c.continuity = k;
    };
    HardenedSandbox a(keepClients);
    HardenedSandbox b(keepClients);
    QVERIFY(a.started() && b.started());
    const QString fromA = registerClient(a, m2mMetadata(*m_key)).json().value(u"client_id").toString();
    const QString fromB = registerClient(b, m2mMetadata(*m_other)).json().value(u"client_id").toString();
    QVERIFY(!fromA.isEmpty() && !fromB.isEmpty());
    // Each tenant knows the other's client, and the file keeps both.
    QCOMPARE(b.postForm(u"/oauth/token"_s, clientCredentials(b, fromA, ClientAssertion::make(*m_key, fromA, b.tokenEndpoint().toString(), b.now()))).status, 200);
    QCOMPARE(a.postForm(u"/oauth/token"_s, clientCredentials(a, fromB, ClientAssertion::make(*m_other, fromB, a.tokenEndpoint().toString(), a.now()))).status, 200);
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(ClientRegistry::parseFile(f.readAll()).size(), 2);
}

QTEST_GUILESS_MAIN(TestSandboxRegistration)
#include "tst_sandboxregistration.moc"
