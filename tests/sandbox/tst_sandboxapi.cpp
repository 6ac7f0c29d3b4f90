// SPDX-License-Identifier: MIT
// The sandbox's sample API: each way a request can be refused, with the exact
// status and WWW-Authenticate challenge express-oauth2-jwt-bearer would send.
#include "jose/base64url.h"
#include "oauth/providermetadata.h"
#include "oauth/resourcemetadata.h"
#include "support/sandboxfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QTest>

using namespace Qt::StringLiterals;

class TestSandboxApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void endpoints_data();
    void endpoints();
    void protectedResourceMetadata();
    void realLoginTokens();
    void methodsAndPaths();

private:
    SandboxFixture *m_sandbox = nullptr;
};

namespace {

QByteArray compact(const QJsonObject &header, const QJsonObject &payload, const QByteArray &signature)
{
    return Base64Url::encode(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
            + Base64Url::encode(QJsonDocument(payload).toJson(QJsonDocument::Compact)) + '.' + Base64Url::encode(signature);
}

const QByteArray NoTokenChallenge = "Bearer realm=\"api\"";

QByteArray invalidToken(const QByteArray &description)
{
    return "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"" + description + '"';
}

} // namespace

void TestSandboxApi::initTestCase()
{
    m_sandbox = new SandboxFixture;
    QVERIFY(m_sandbox->started());
}

void TestSandboxApi::cleanupTestCase()
{
    delete m_sandbox;
}

void TestSandboxApi::endpoints_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("authorization"); // the whole header; empty: none
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("challenge");

    SandboxFixture &s = *m_sandbox;
    const QJsonObject good = s.validAccessClaims();
    const QByteArray valid = s.sign(good);
    auto bearer = [](const QByteArray &t) -> QByteArray { return "Bearer " + t; };
    auto withClaim = [&](const QString &k, const QJsonValue &v) {
        QJsonObject c = good;
        if (v.isUndefined())
            c.remove(k);
        else
            c.insert(k, v);
        return s.sign(c);
    };
    const qint64 now = s.clock().now().toSecsSinceEpoch();

    QTest::newRow("public-no-token") << u"/api/public"_s << QByteArray() << 200 << QByteArray();
    QTest::newRow("public-garbage-token") << u"/api/public"_s << bearer("garbage") << 200 << QByteArray();
    QTest::newRow("private-valid") << u"/api/private"_s << bearer(valid) << 200 << QByteArray();
    QTest::newRow("scoped-valid") << u"/api/private-scoped"_s << bearer(valid) << 200 << QByteArray();
    QTest::newRow("lowercase-scheme") << u"/api/private"_s << "bearer " + valid << 200 << QByteArray();

    QTest::newRow("private-no-token") << u"/api/private"_s << QByteArray() << 401 << NoTokenChallenge;
    QTest::newRow("scoped-no-token") << u"/api/private-scoped"_s << QByteArray() << 401 << NoTokenChallenge;
    QTest::newRow("basic-scheme") << u"/api/private"_s << QByteArray("Basic dXNlcjpwYXNz") << 401 << NoTokenChallenge;
    QTest::newRow("bearer-empty") << u"/api/private"_s << QByteArray("Bearer ") << 401 << NoTokenChallenge;
    QTest::newRow("malformed") << u"/api/private"_s << bearer("not.a.jwt") << 401 << invalidToken("Invalid Compact JWS");
    QTest::newRow("opaque") << u"/api/private"_s << bearer("8xLOxBtZp8") << 401 << invalidToken("Invalid Compact JWS");

    QByteArray tampered = valid;
    tampered[tampered.size() - 5] = tampered.at(tampered.size() - 5) == 'A' ? 'B' : 'A';
    QTest::newRow("tampered-signature") << u"/api/private"_s << bearer(tampered) << 401 << invalidToken("signature verification failed");

    // Payload changed after signing: scope widened, signature kept.
    const QList<QByteArray> parts = valid.split('.');
    QJsonObject widened = good;
    widened[u"sub"_s] = u"sandbox|mallory"_s;
    const QByteArray swapped = parts.at(0) + '.' + Base64Url::encode(QJsonDocument(widened).toJson(QJsonDocument::Compact)) + '.' + parts.at(2);
    QTest::newRow("tampered-payload") << u"/api/private"_s << bearer(swapped) << 401 << invalidToken("signature verification failed");

    const QByteArray algNone = compact({{u"alg"_s, u"none"_s}, {u"typ"_s, u"at+jwt"_s}}, good, {});
    QTest::newRow("alg-none") << u"/api/private"_s << bearer(algNone) << 401
                              << invalidToken("'alg' (Algorithm) Header Parameter value not allowed");
    // HS256 keyed with the public JWK's modulus: the classic algorithm confusion.
    const QByteArray hsInput = compact({{u"alg"_s, u"HS256"_s}, {u"kid"_s, s.tenant().signingKey().kid()}}, good, {}).chopped(1);
    const QByteArray hsSig = QMessageAuthenticationCode::hash(
            hsInput, s.tenant().signingKey().publicJwk().value(u"n").toString().toLatin1(), QCryptographicHash::Sha256);
    QTest::newRow("alg-hs256-confusion") << u"/api/private"_s << bearer(hsInput + '.' + Base64Url::encode(hsSig)) << 401
                                         << invalidToken("'alg' (Algorithm) Header Parameter value not allowed");
    const QByteArray otherKidInput = compact({{u"alg"_s, u"RS256"_s}, {u"kid"_s, u"other"_s}}, good, {}).chopped(1);
    const QByteArray otherKid = otherKidInput + '.' + Base64Url::encode(s.tenant().signingKey().signatureRs256(otherKidInput));
    QTest::newRow("unknown-kid") << u"/api/private"_s << bearer(otherKid) << 401
                                 << invalidToken("no applicable key found in the JSON Web Key Set");

    QTest::newRow("expired") << u"/api/private"_s << bearer(withClaim(u"exp"_s, now - 60)) << 401
                             << invalidToken("'exp' claim timestamp check failed");
    QTest::newRow("expired-within-leeway") << u"/api/private"_s << bearer(withClaim(u"exp"_s, now - 2)) << 200 << QByteArray();
    QTest::newRow("no-exp") << u"/api/private"_s << bearer(withClaim(u"exp"_s, QJsonValue::Undefined)) << 401
                            << invalidToken("missing required 'exp' claim");
    QTest::newRow("exp-beyond-any-calendar") << u"/api/private"_s << bearer(withClaim(u"exp"_s, 1e308)) << 401
                                             << invalidToken("'exp' claim timestamp check failed");
    QTest::newRow("nbf-not-a-number") << u"/api/private"_s << bearer(withClaim(u"nbf"_s, u"now"_s)) << 401
                                      << invalidToken("'nbf' claim timestamp check failed");
    QTest::newRow("not-yet-valid") << u"/api/private"_s << bearer(withClaim(u"nbf"_s, now + 600)) << 401
                                   << invalidToken("'nbf' claim timestamp check failed");
    QTest::newRow("wrong-audience") << u"/api/private"_s << bearer(withClaim(u"aud"_s, u"https://other.example/"_s)) << 401
                                    << invalidToken("unexpected 'aud' claim value");
    QTest::newRow("audience-in-array") << u"/api/private"_s
                                       << bearer(withClaim(u"aud"_s, QJsonArray{u"x"_s, s.tenant().audience()})) << 200 << QByteArray();
    QTest::newRow("wrong-issuer") << u"/api/private"_s << bearer(withClaim(u"iss"_s, u"https://evil.example/"_s)) << 401
                                  << invalidToken("unexpected 'iss' claim value");

    QTest::newRow("missing-scope") << u"/api/private-scoped"_s << bearer(withClaim(u"scope"_s, u"openid profile"_s)) << 403
                                   << QByteArray("Bearer realm=\"api\", error=\"insufficient_scope\", error_description=\"Insufficient Scope\", scope=\"read:messages\"");
    QTest::newRow("scope-prefix-only") << u"/api/private-scoped"_s << bearer(withClaim(u"scope"_s, u"read:messagesX"_s)) << 403
                                       << QByteArray("Bearer realm=\"api\", error=\"insufficient_scope\", error_description=\"Insufficient Scope\", scope=\"read:messages\"");
    QTest::newRow("private-ignores-scope") << u"/api/private"_s << bearer(withClaim(u"scope"_s, QString())) << 200 << QByteArray();
}

void TestSandboxApi::endpoints()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    QFETCH(QByteArray, challenge);
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!authorization.isEmpty())
        headers.append({"Authorization", authorization});
    const HttpResult r = m_sandbox->http().get(m_sandbox->api(path), headers);
    QCOMPARE(r.status, status);
    // RFC 9728 5.1: a request without a token learns where the API's metadata is.
    if (challenge == NoTokenChallenge)
        challenge += ", resource_metadata=\"" + m_sandbox->api(u"/.well-known/oauth-protected-resource"_s).toEncoded() + '"';
    QCOMPARE(r.header("WWW-Authenticate"), challenge);
    QVERIFY(r.header("Content-Type").startsWith("application/json"));
    QVERIFY(!r.json().value(u"message").toString().isEmpty());
}

void TestSandboxApi::realLoginTokens()
{
    SandboxFixture alice(AutoApprove{u"alice"_s, std::nullopt});
    SandboxFixture bob(AutoApprove{u"bob"_s, std::nullopt});
    SandboxFixture aliceWithheld(AutoApprove{u"alice"_s, QStringList{u"openid"_s, u"profile"_s}});
    for (SandboxFixture *f : {&alice, &bob, &aliceWithheld}) {
        QVERIFY(f->started());
        const QByteArray at = f->login().tokens.value(u"access_token").toString().toLatin1();
        QVERIFY(!at.isEmpty());
        const int expected = f == &alice ? 200 : 403;
        QCOMPARE(f->http().get(f->api(u"/api/private"_s), {{"Authorization", "Bearer " + at}}).status, 200);
        QCOMPARE(f->http().get(f->api(u"/api/private-scoped"_s), {{"Authorization", "Bearer " + at}}).status, expected);
    }
}

void TestSandboxApi::methodsAndPaths()
{
    QCOMPARE(m_sandbox->http().get(m_sandbox->api(u"/api/nothing"_s)).status, 404);
    const HttpResult post = m_sandbox->http().post(m_sandbox->api(u"/api/public"_s), "{}", "application/json");
    QCOMPARE(post.status, 405);
    QCOMPARE(post.header("Allow"), QByteArray("GET"));
}

// RFC 9728: the API describes itself, and its authorization server answers RFC 8414 too.
void TestSandboxApi::protectedResourceMetadata()
{
    const HttpResult r = m_sandbox->http().get(m_sandbox->api(u"/.well-known/oauth-protected-resource"_s));
    QCOMPARE(r.status, 200);
    QString error;
    const auto m = ResourceMetadata::parse(r.body, m_sandbox->api(u"/api/private"_s), &error);
    QVERIFY2(m, qPrintable(error));
    QCOMPARE(m->resource.toString(), m_sandbox->tenant().apiBaseUrl().toString());
    QCOMPARE(m->authorizationServers, QList<QUrl>{m_sandbox->tenant().issuer()});
    QVERIFY(m->scopesSupported.contains(u"read:messages"_s));
    QCOMPARE(m->bearerMethodsSupported, QStringList{u"header"_s});
    QVERIFY(!m->dpopBoundAccessTokensRequired);
    QCOMPARE(m_sandbox->http().post(m_sandbox->api(u"/.well-known/oauth-protected-resource"_s), "{}", "application/json").status, 405);

    const HttpResult as = m_sandbox->http().get(ProviderMetadata::oauthMetadataUrl(m_sandbox->tenant().issuer()));
    QCOMPARE(as.status, 200);
    const auto server = ProviderMetadata::parse(as.body, m_sandbox->tenant().issuer(), &error, ProviderMetadata::Document::OAuthMetadata);
    QVERIFY2(server, qPrintable(error));
    QCOMPARE(server->registrationEndpoint, m_sandbox->tenant().issuer().resolved(QUrl(u"/oidc/register"_s)));
}

QTEST_GUILESS_MAIN(TestSandboxApi)
#include "tst_sandboxapi.moc"
