// SPDX-License-Identifier: MIT
// TokenVerifier over real HTTP on 127.0.0.1: keys from a JWKS URL, a key
// rotation (a kid the cached set does not know is refetched once, and only
// once a minute), a PEM key, the sandbox issuer's keys through discovery,
// and an unreachable JWKS. Each verify() ends in exactly one finished().
#include "oauth/discoveryclient.h"
#include "oauth/jwksclient.h"
#include "http/localhttpserver.h"
#include "support/sandboxfixture.h"
#include "support/testsigner.h"
#include "oauth/tokenverifier.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

class TestTokenVerifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keyRotation();
    void madeUpKidDoesNotHammer();
    void pemKey();
    void sandboxIssuer();
    void unreachableJwks();
    void hostileJwksAnswers_data();
    void hostileJwksAnswers();
    void opaqueAndEncrypted();
};

namespace {

QJsonObject claims(const QString &iss = u"https://issuer.example/"_s)
{
    const qint64 t = QDateTime::currentSecsSinceEpoch();
    return {{u"iss"_s, iss}, {u"aud"_s, u"api"_s}, {u"exp"_s, t + 600}, {u"iat"_s, t}, {u"scope"_s, u"read"_s}};
}

struct Harness
{
    Harness() : discovery(&network), jwks(&network, systemClock()), verifier(&discovery, &jwks, systemClock()) { }
    TokenReport run(const QByteArray &token, const KeySource &source, TokenExpectations expected = {})
    {
        QSignalSpy spy(&verifier, &TokenVerifier::finished);
        const int id = verifier.verify(token, expected, source);
        if (!spy.wait(10000))
            return {};
        QTest::qWait(20);
        if (spy.count() != 1 || spy.first().at(0).toInt() != id)
            qWarning("expected exactly one finished() for the call");
        return spy.first().at(1).value<TokenReport>();
    }
    QNetworkAccessManager network;
    DiscoveryClient discovery;
    JwksClient jwks;
    TokenVerifier verifier;
};

ClaimCheck signatureOf(const TokenReport &r)
{
    for (const ClaimCheck &c : r.checks) {
        if (c.name == u"signature")
            return c;
    }
    return {};
}

} // namespace

void TestTokenVerifier::keyRotation()
{
    TestSigner oldKey(u"RS256"_s, u"2025"_s);
    TestSigner newKey(u"ES256"_s, u"2026"_s);
    QByteArray served = TestSigner::jwks({&oldKey});
    int requests = 0;
    LocalHttpServer server([&](const HttpRequest &) {
        ++requests;
        return HttpResponse::json(200, served);
    });
    QVERIFY(server.listen(QHostAddress::LocalHost));
    const KeySource source{KeySource::Kind::JwksUrl, QUrl(u"http://127.0.0.1:%1/jwks"_s.arg(server.port())), {}};
    Harness h;
    QVERIFY(h.run(oldKey.sign(claims()), source).signatureVerified);
    QCOMPARE(requests, 1);
    QVERIFY(h.run(oldKey.sign(claims()), source).signatureVerified); // from the cache
    QCOMPARE(requests, 1);

    // The issuer rotates: a token signed with the new key names a kid the cache lacks.
    served = TestSigner::jwks({&oldKey, &newKey});
    const TokenReport rotated = h.run(newKey.sign(claims()), source);
    QVERIFY2(rotated.signatureVerified, qPrintable(signatureOf(rotated).detail));
    QCOMPARE(rotated.verifiedKid, u"2026"_s);
    QCOMPARE(requests, 2);
}

void TestTokenVerifier::madeUpKidDoesNotHammer()
{
    TestSigner key(u"RS256"_s, u"real"_s);
    int requests = 0;
    LocalHttpServer server([&](const HttpRequest &) {
        ++requests;
        return HttpResponse::json(200, TestSigner::jwks({&key}));
    });
    QVERIFY(server.listen(QHostAddress::LocalHost));
    const KeySource source{KeySource::Kind::JwksUrl, QUrl(u"http://127.0.0.1:%1/jwks"_s.arg(server.port())), {}};
    Harness h;
    const TokenReport first = h.run(key.sign(claims(), {{u"kid"_s, u"made-up-1"_s}}), source);
    QVERIFY(!first.signatureVerified);
    QVERIFY(signatureOf(first).detail.contains(u"No key with kid \"made-up-1\""_s));
    // The first fetch, and one refetch in case the issuer rotated its keys...
    QCOMPARE(requests, 2);
    // ...but no more within the minute, however many made-up kids arrive.
    for (int i = 2; i < 6; ++i)
        QVERIFY(!h.run(key.sign(claims(), {{u"kid"_s, u"made-up-%1"_s.arg(i)}}), source).signatureVerified);
    QCOMPARE(requests, 2);
    QVERIFY(h.run(key.sign(claims()), source).signatureVerified);
    QCOMPARE(requests, 2);
}

void TestTokenVerifier::pemKey()
{
    for (const QString &alg : {u"RS256"_s, u"PS384"_s, u"ES512"_s, u"EdDSA"_s}) {
        TestSigner key(alg);
        Harness h;
        const TokenReport r = h.run(key.sign(claims()), {KeySource::Kind::Pem, {}, key.publicPem()});
        QVERIFY2(r.signatureVerified, qPrintable(alg + u": "_s + signatureOf(r).detail));
        QVERIFY(signatureOf(r).detail.contains(u"the PEM key given"_s));
        TestSigner other(alg);
        QVERIFY(!h.run(key.sign(claims()), {KeySource::Kind::Pem, {}, other.publicPem()}).signatureVerified);
        // One verifier keeps the last PEM key parsed (decode --each-line): a key given again is the one used.
        QVERIFY(h.run(key.sign(claims()), {KeySource::Kind::Pem, {}, key.publicPem()}).signatureVerified);
        QVERIFY(h.run(other.sign(claims()), {KeySource::Kind::Pem, {}, other.publicPem()}).signatureVerified);
    }
    Harness h;
    TestSigner key(u"RS256"_s);
    QVERIFY(h.run(key.sign(claims()), {KeySource::Kind::Pem, {}, key.publicPem()}).signatureVerified);
    const TokenReport bad = h.run(key.sign(claims()), {KeySource::Kind::Pem, {}, "not a pem"});
    QVERIFY(!bad.signatureVerified);
    QVERIFY(signatureOf(bad).detail.contains(u"not a PEM public key"_s));
}

void TestTokenVerifier::sandboxIssuer()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    const auto login = sandbox.login();
    Harness h;
    TokenExpectations e;
    e.issuer = sandbox.tenant().issuer();
    e.audience = sandbox.tenant().audience();
    const TokenReport access = h.run(login.tokens.value(u"access_token").toString().toLatin1(),
                                     {KeySource::Kind::Issuer, sandbox.tenant().issuer(), {}}, e);
    QVERIFY2(access.passed(), qPrintable(access.firstFailure()));
    QCOMPARE(access.kind, TokenKind::Access);
    QCOMPARE(access.verifiedKid, sandbox.tenant().signingKey().kid());
    TokenExpectations ide;
    ide.issuer = sandbox.tenant().issuer();
    ide.audience = sandbox.tenant().clientId();
    ide.kind = TokenKind::Id;
    ide.nonce = u"nonce-456"_s;
    const TokenReport id = h.run(login.tokens.value(u"id_token").toString().toLatin1(),
                                 {KeySource::Kind::Issuer, sandbox.tenant().issuer(), {}}, ide);
    QVERIFY2(id.passed(), qPrintable(id.firstFailure()));
}

void TestTokenVerifier::unreachableJwks()
{
    TestSigner key(u"RS256"_s);
    Harness h;
    const TokenReport r = h.run(key.sign(claims()), {KeySource::Kind::JwksUrl, QUrl(u"http://127.0.0.1:1/jwks"_s), {}});
    QVERIFY(!r.passed());
    QVERIFY2(signatureOf(r).detail.startsWith(u"Not verified: Could not read the JWKS"_s), qPrintable(signatureOf(r).detail));
}

void TestTokenVerifier::hostileJwksAnswers_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("says");

    TestSigner key(u"RS256"_s);
    const QByteArray good = TestSigner::jwks({&key});
    // Valid JSON with the right key in it, padded past the 512 KiB cap: refused unread.
    const QByteArray padded = good.chopped(1) + ",\"pad\":\"" + QByteArray(512 * 1024, 'x') + "\"}";
    QTest::newRow("oversized") << 200 << padded << u"larger than 524288 bytes"_s;
    QTest::newRow("http-500-html") << 500 << QByteArray("<h1>down</h1>") << u"answered HTTP 500"_s;
    QTest::newRow("not-json") << 200 << QByteArray("<html>login</html>") << u"cannot be read"_s;
    QTest::newRow("no-keys") << 200 << QByteArray(R"({"keys":[]})") << u"No key with kid"_s;
}

void TestTokenVerifier::hostileJwksAnswers()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, says);
    TestSigner key(u"RS256"_s);
    LocalHttpServer server([&](const HttpRequest &) { return HttpResponse::json(status, body); });
    QVERIFY(server.listen(QHostAddress::LocalHost));
    Harness h;
    const KeySource source{KeySource::Kind::JwksUrl, QUrl(u"http://127.0.0.1:%1/jwks"_s.arg(server.port())), {}};
    const TokenReport r = h.run(key.sign(claims()), source);
    QVERIFY(!r.passed());
    QVERIFY(!r.signatureVerified);
    QVERIFY2(signatureOf(r).detail.contains(says), qPrintable(signatureOf(r).detail));
}

void TestTokenVerifier::opaqueAndEncrypted()
{
    Harness h;
    const TokenReport opaque = h.run("8xLOxBtZp8", {KeySource::Kind::JwksUrl, QUrl(u"http://127.0.0.1:1/"_s), {}});
    QCOMPARE(opaque.jwt.kind, JwtKind::Opaque);
    QVERIFY(opaque.checks.isEmpty());
    const TokenReport jwe = h.run("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d", {});
    QCOMPARE(jwe.jwt.kind, JwtKind::Jwe);
    QCOMPARE(jwe.jwt.header.value(u"enc").toString(), u"A256GCM"_s);
    // A refused algorithm fetches no keys at all: the JWKS URL here would fail if it were asked.
    const TokenReport none = h.run(TestSigner::compact({{u"alg"_s, u"none"_s}}, claims(), {}),
                                   {KeySource::Kind::JwksUrl, QUrl(u"http://127.0.0.1:1/never-asked"_s), {}});
    QCOMPARE(h.jwks.networkFetches(), 0);
    QVERIFY(none.firstFailure().contains(u"never valid"_s));
    const TokenReport broken = h.run("a.b", {});
    QVERIFY(!broken.passed());
    QVERIFY(broken.firstFailure().contains(u"3 and an encrypted one 5"_s));
}

QTEST_GUILESS_MAIN(TestTokenVerifier)
#include "tst_tokenverifier.moc"
