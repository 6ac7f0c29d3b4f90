// SPDX-License-Identifier: MIT
// The sample API with DPoP (RFC 9449 7): "allowed" (the default) and
// "required" modes, every way a DPoP request is refused with its challenge,
// and server nonces, over real HTTP on 127.0.0.1.
#include "jose/jwt.h"
#include "hardenedsandbox.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestSandboxDpopApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void allowedMode_data();
    void allowedMode();
    void replayRefused();
    void requiredMode_data();
    void requiredMode();
    void nonceDemanded();

private:
    std::unique_ptr<PrivateKey> m_key;
    std::unique_ptr<PrivateKey> m_other;
};

namespace {

struct Tokens
{
    QString bound;   // DPoP-bound to the test's key
    QString bearer;  // a plain bearer token
};

Tokens tokens(HardenedSandbox &s, const PrivateKey &key)
{
    Tokens t;
    t.bound = s.postForm(u"/oauth/token"_s, s.m2mForm(), {{"DPoP", s.proof(key, "POST", s.tokenEndpoint())}})
                      .json().value(u"access_token").toString();
    t.bearer = s.postForm(u"/oauth/token"_s, s.m2mForm()).json().value(u"access_token").toString();
    return t;
}

const QByteArray Algs = "DPoP algs=\"ES256 ES384 ES512 PS256 RS256\"";

void addApiColumns()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("challenge"); // the start of WWW-Authenticate; empty: none
    QTest::addColumn<QString>("words");        // in the challenge
}

// The request of a row: Authorization and DPoP headers for GET /api/private.
HttpHeaders requestFor(const QString &kind, HardenedSandbox &s, const Tokens &t, const PrivateKey &key, const PrivateKey &other)
{
    const QUrl url = s.api(u"/api/private"_s);
    auto dpop = [](const QString &token) -> QByteArray { return "DPoP " + token.toLatin1(); };
    if (kind == u"no-token")
        return {};
    if (kind == u"bearer")
        return {{"Authorization", "Bearer " + t.bearer.toLatin1()}};
    if (kind == u"bound-as-bearer")
        return {{"Authorization", "Bearer " + t.bound.toLatin1()}};
    if (kind == u"dpop")
        return {{"Authorization", dpop(t.bound)}, {"DPoP", s.proof(key, "GET", url, {}, t.bound)}};
    if (kind == u"dpop-lowercase-scheme")
        return {{"Authorization", "dpop " + t.bound.toLatin1()}, {"DPoP", s.proof(key, "GET", url, {}, t.bound)}};
    if (kind == u"dpop-no-proof")
        return {{"Authorization", dpop(t.bound)}};
    if (kind == u"dpop-no-ath")
        return {{"Authorization", dpop(t.bound)}, {"DPoP", s.proof(key, "GET", url)}};
    if (kind == u"dpop-ath-of-another-token")
        return {{"Authorization", dpop(t.bound)}, {"DPoP", s.proof(key, "GET", url, {}, t.bearer)}};
    if (kind == u"dpop-wrong-htm")
        return {{"Authorization", dpop(t.bound)}, {"DPoP", s.proof(key, "POST", url, {}, t.bound)}};
    if (kind == u"dpop-wrong-htu")
        return {{"Authorization", dpop(t.bound)}, {"DPoP", s.proof(key, "GET", s.api(u"/api/public"_s), {}, t.bound)}};
    if (kind == u"dpop-other-key")
        return {{"Authorization", dpop(t.bound)}, {"DPoP", s.proof(other, "GET", url, {}, t.bound)}};
    if (kind == u"dpop-unbound-token")
        return {{"Authorization", dpop(t.bearer)}, {"DPoP", s.proof(key, "GET", url, {}, t.bearer)}};
    if (kind == u"dpop-forged-token")
        return {{"Authorization", "DPoP eyJhbGciOiJub25lIn0.e30."}, {"DPoP", s.proof(key, "GET", url, {}, u"eyJhbGciOiJub25lIn0.e30."_s)}};
    if (kind == u"dpop-stale-proof") {
        DpopProof::Claims c{"GET", url, s.now() - 600, {}, {}, t.bound};
        return {{"Authorization", dpop(t.bound)}, {"DPoP", DpopProof::make(key, c)}};
    }
    if (kind == u"dpop-and-query-token") {
        return {{"Authorization", dpop(t.bound)}, {"DPoP", s.proof(key, "GET", url, {}, t.bound)}};
    }
    return {};
}

} // namespace

void TestSandboxDpopApi::initTestCase()
{
    m_key = std::make_unique<PrivateKey>(PrivateKey::generate(PrivateKey::Type::EcP256));
    m_other = std::make_unique<PrivateKey>(PrivateKey::generate(PrivateKey::Type::EcP256));
}

void TestSandboxDpopApi::allowedMode_data()
{
    addApiColumns();
    QTest::newRow("no-token") << u"no-token"_s << 401 << QByteArray("Bearer realm=\"api\"") << QString();
    QTest::newRow("bearer") << u"bearer"_s << 200 << QByteArray() << QString();
    QTest::newRow("dpop") << u"dpop"_s << 200 << QByteArray() << QString();
    QTest::newRow("dpop-lowercase-scheme") << u"dpop-lowercase-scheme"_s << 200 << QByteArray() << QString();
    QTest::newRow("bound-as-bearer") << u"bound-as-bearer"_s << 401 << Algs << u"invalid_token"_s;
    QTest::newRow("dpop-no-proof") << u"dpop-no-proof"_s << 401 << Algs << u"invalid_dpop_proof"_s;
    QTest::newRow("dpop-no-ath") << u"dpop-no-ath"_s << 401 << Algs << u"ath"_s;
    QTest::newRow("dpop-ath-of-another-token") << u"dpop-ath-of-another-token"_s << 401 << Algs << u"ath"_s;
    QTest::newRow("dpop-wrong-htm") << u"dpop-wrong-htm"_s << 401 << Algs << u"method"_s;
    QTest::newRow("dpop-wrong-htu") << u"dpop-wrong-htu"_s << 401 << Algs << u"/api/public"_s;
    QTest::newRow("dpop-other-key") << u"dpop-other-key"_s << 401 << Algs << u"cnf.jkt"_s;
    QTest::newRow("dpop-unbound-token") << u"dpop-unbound-token"_s << 401 << Algs << u"not DPoP-bound"_s;
    QTest::newRow("dpop-forged-token") << u"dpop-forged-token"_s << 401 << Algs << u"invalid_token"_s;
    QTest::newRow("dpop-stale-proof") << u"dpop-stale-proof"_s << 401 << Algs << u"iat"_s;
    QTest::newRow("dpop-and-query-token") << u"dpop-and-query-token"_s << 400 << QByteArray("Bearer realm=\"api\", error=\"invalid_request\"") << QString();
}

void TestSandboxDpopApi::allowedMode()
{
    QFETCH(QString, kind);
    QFETCH(int, status);
    QFETCH(QByteArray, challenge);
    QFETCH(QString, words);
    HardenedSandbox s;
    QVERIFY(s.started());
    const Tokens t = tokens(s, *m_key);
    QVERIFY(!t.bound.isEmpty() && !t.bearer.isEmpty());
    QUrl url = s.api(u"/api/private"_s);
    if (kind == u"dpop-and-query-token")
        url.setQuery(u"access_token="_s + t.bound);
    const HttpResult r = s.http().get(url, requestFor(kind, s, t, *m_key, *m_other));
    QCOMPARE(r.status, status);
    const QByteArray www = r.header("WWW-Authenticate");
    QVERIFY2(www.startsWith(challenge), www.constData());
    QVERIFY2(www.contains(words.toUtf8()), www.constData());
    QVERIFY2(!www.contains(t.bound.toLatin1()), "a challenge never echoes the token");
}

void TestSandboxDpopApi::replayRefused()
{
    HardenedSandbox s;
    QVERIFY(s.started());
    const Tokens t = tokens(s, *m_key);
    const HttpHeaders h = requestFor(u"dpop"_s, s, t, *m_key, *m_other);
    QCOMPARE(s.http().get(s.api(u"/api/private"_s), h).status, 200);
    const HttpResult again = s.http().get(s.api(u"/api/private"_s), h);
    QCOMPARE(again.status, 401);
    QVERIFY(again.header("WWW-Authenticate").contains("error=\"invalid_dpop_proof\""));
    QVERIFY(again.header("WWW-Authenticate").contains("already used"));
    // A new proof for the same token is fine; and /api/private-scoped checks the scope as before.
    QCOMPARE(s.http().get(s.api(u"/api/private"_s), requestFor(u"dpop"_s, s, t, *m_key, *m_other)).status, 200);
    const QUrl scoped = s.api(u"/api/private-scoped"_s);
    QCOMPARE(s.http().get(scoped, {{"Authorization", "DPoP " + t.bound.toLatin1()}, {"DPoP", s.proof(*m_key, "GET", scoped, {}, t.bound)}}).status, 200);
}

void TestSandboxDpopApi::requiredMode_data()
{
    addApiColumns();
    QTest::newRow("no-token") << u"no-token"_s << 401 << Algs << QString();
    QTest::newRow("bearer") << u"bearer"_s << 401 << Algs << u"only DPoP-bound"_s;
    QTest::newRow("bound-as-bearer") << u"bound-as-bearer"_s << 401 << Algs << u"invalid_token"_s;
    QTest::newRow("dpop") << u"dpop"_s << 200 << QByteArray() << QString();
    QTest::newRow("dpop-no-proof") << u"dpop-no-proof"_s << 401 << Algs << u"invalid_dpop_proof"_s;
    QTest::newRow("dpop-other-key") << u"dpop-other-key"_s << 401 << Algs << u"invalid_dpop_proof"_s;
}

void TestSandboxDpopApi::requiredMode()
{
    QFETCH(QString, kind);
    QFETCH(int, status);
    QFETCH(QByteArray, challenge);
    QFETCH(QString, words);
    HardenedSandbox s([](SandboxConfig &c) { c.switches.apiDpop = ApiDpopMode::Required; });
    QVERIFY(s.started());
    const Tokens t = tokens(s, *m_key);
    const HttpResult r = s.http().get(s.api(u"/api/private"_s), requestFor(kind, s, t, *m_key, *m_other));
    QCOMPARE(r.status, status);
    const QByteArray www = r.header("WWW-Authenticate");
    QVERIFY2(www.startsWith(challenge), www.constData());
    QVERIFY2(www.contains(words.toUtf8()), www.constData());
    // The public endpoint needs nothing in either mode.
    QCOMPARE(s.http().get(s.api(u"/api/public"_s)).status, 200);
}

void TestSandboxDpopApi::nonceDemanded()
{
    HardenedSandbox s([](SandboxConfig &c) { c.switches.dpopNonce = true; });
    QVERIFY(s.started());
    // The token endpoint's nonce first.
    const QString asNonce = QString::fromLatin1(
            s.postForm(u"/oauth/token"_s, s.m2mForm(), {{"DPoP", s.proof(*m_key, "POST", s.tokenEndpoint())}}).header("DPoP-Nonce"));
    const QString token = s.postForm(u"/oauth/token"_s, s.m2mForm(), {{"DPoP", s.proof(*m_key, "POST", s.tokenEndpoint(), asNonce)}})
                                  .json().value(u"access_token").toString();
    QVERIFY(!token.isEmpty());
    const QUrl url = s.api(u"/api/private"_s);
    const QByteArray authorization = "DPoP " + token.toLatin1();

    const HttpResult first = s.http().get(url, {{"Authorization", authorization}, {"DPoP", s.proof(*m_key, "GET", url, {}, token)}});
    QCOMPARE(first.status, 401);
    QVERIFY2(first.header("WWW-Authenticate").contains("error=\"use_dpop_nonce\""), first.header("WWW-Authenticate").constData());
    const QString apiNonce = QString::fromLatin1(first.header("DPoP-Nonce"));
    QVERIFY(!apiNonce.isEmpty());
    QVERIFY(apiNonce != asNonce); // the API's nonces are its own

    const HttpResult second = s.http().get(url, {{"Authorization", authorization}, {"DPoP", s.proof(*m_key, "GET", url, apiNonce, token)}});
    QCOMPARE(second.status, 200);
    const HttpResult stale = s.http().get(url, {{"Authorization", authorization}, {"DPoP", s.proof(*m_key, "GET", url, asNonce, token)}});
    QCOMPARE(stale.status, 401);
    QVERIFY(stale.header("WWW-Authenticate").contains("error=\"use_dpop_nonce\""));
}

QTEST_GUILESS_MAIN(TestSandboxDpopApi)
#include "tst_sandboxdpopapi.moc"
