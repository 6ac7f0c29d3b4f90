// SPDX-License-Identifier: MIT
// DPoP proofs (RFC 9449 4): what TokenLab makes passes every check of 4.3
// with the claims it promises, and every proof that breaks one check is
// refused with a sentence naming it.
#include "jose/base64url.h"
#include "jose/dpopproof.h"
#include "jose/jwt.h"
#include "jose/privatekey.h"
#include "jose/publickey.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

class TestDpopProof : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void madeProofPasses();
    void htuDropsQueryAndFragment();
    void hostile_data();
    void hostile();
    void rsaProof();

private:
    std::unique_ptr<PrivateKey> m_key;
    std::unique_ptr<PrivateKey> m_other;
    DpopProof::Expectation expectation() const;
    QByteArray forge(QJsonObject header, QJsonObject payload, const PrivateKey &key) const;
};

namespace {
constexpr qint64 Now = 1'700'000'000;
const QString Token = u"the-access-token"_s;
}

void TestDpopProof::initTestCase()
{
    m_key = std::make_unique<PrivateKey>(PrivateKey::generate(PrivateKey::Type::EcP256));
    m_other = std::make_unique<PrivateKey>(PrivateKey::generate(PrivateKey::Type::EcP256));
}

DpopProof::Expectation TestDpopProof::expectation() const
{
    DpopProof::Expectation e;
    e.method = "GET";
    e.url = QUrl(u"https://api.example/api/private?x=1"_s);
    e.now = Now;
    e.accessToken = Token;
    e.boundThumbprint = PublicKey::thumbprint(m_key->publicJwk());
    return e;
}

QByteArray TestDpopProof::forge(QJsonObject header, QJsonObject payload, const PrivateKey &key) const
{
    const QByteArray input = PrivateKey::signingInput(header, payload);
    return input + '.' + Base64Url::encode(key.sign(header.value(u"alg").toString(u"ES256"_s), input));
}

void TestDpopProof::madeProofPasses()
{
    DpopProof::Claims c;
    c.method = "GET";
    c.url = QUrl(u"https://api.example/api/private?x=1#f"_s);
    c.issuedAt = Now;
    c.nonce = u"n-1"_s;
    c.accessToken = Token;
    const QByteArray proof = DpopProof::make(*m_key, c);
    const DecodedJwt jwt = Jwt::decode(proof);
    QCOMPARE(jwt.header.value(u"typ").toString(), u"dpop+jwt"_s);
    QCOMPARE(jwt.header.value(u"alg").toString(), u"ES256"_s);
    const QJsonObject jwk = jwt.header.value(u"jwk").toObject();
    const QStringList members = jwk.keys();
    QCOMPARE(QSet<QString>(members.cbegin(), members.cend()), (QSet<QString>{u"kty"_s, u"crv"_s, u"x"_s, u"y"_s}));
    QCOMPARE(jwt.payload.value(u"htu").toString(), u"https://api.example/api/private"_s);
    QCOMPARE(jwt.payload.value(u"htm").toString(), u"GET"_s);
    QCOMPARE(jwt.payload.value(u"nonce").toString(), u"n-1"_s);
    QCOMPARE(jwt.payload.value(u"ath").toString(), DpopProof::ath(Token));
    QVERIFY(jwt.payload.value(u"jti").toString().size() >= 20);
    // RFC 9449 appendix: ath of a known token.
    QCOMPARE(DpopProof::ath(u"Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"_s), u"fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo"_s);

    DpopProof::Expectation e = expectation();
    e.nonce = u"n-1"_s;
    const DpopProof::Result r = DpopProof::check(proof, e);
    QVERIFY2(r.ok, qPrintable(r.problem));
    QCOMPARE(r.thumbprint, m_key->kid());
    // A second proof has its own jti.
    QVERIFY(Jwt::decode(DpopProof::make(*m_key, c)).payload.value(u"jti") != jwt.payload.value(u"jti"));
}

void TestDpopProof::htuDropsQueryAndFragment()
{
    QCOMPARE(DpopProof::htu(QUrl(u"https://u:p@server.example/a/b?c=d#e"_s)), u"https://server.example/a/b"_s);
    DpopProof::Expectation e = expectation();
    e.url = QUrl(u"https://API.example:443/api/private"_s);
    DpopProof::Claims c{"GET", QUrl(u"https://api.example/api/private"_s), Now, {}, {}, Token};
    QVERIFY(DpopProof::check(DpopProof::make(*m_key, c), e).ok); // case and default port do not matter (RFC 3986 6.2)
}

void TestDpopProof::hostile_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("sentence");
    QTest::addColumn<QString>("error");
    for (const auto &[what, sentence, error] : std::initializer_list<std::tuple<const char16_t *, const char16_t *, const char16_t *>>{
                 {u"empty", u"no DPoP proof", u"invalid_dpop_proof"},
                 {u"two values", u"more than one value", u"invalid_dpop_proof"},
                 {u"garbage", u"not a signed JWT", u"invalid_dpop_proof"},
                 {u"typ JWT", u"not \"dpop+jwt\"", u"invalid_dpop_proof"},
                 {u"alg none", u"not an asymmetric", u"invalid_dpop_proof"},
                 {u"alg HS256", u"not an asymmetric", u"invalid_dpop_proof"},
                 {u"no jwk", u"has no jwk", u"invalid_dpop_proof"},
                 {u"private jwk", u"private key material", u"invalid_dpop_proof"},
                 {u"jwk of another key", u"does not verify", u"invalid_dpop_proof"},
                 {u"no jti", u"no jti", u"invalid_dpop_proof"},
                 {u"wrong method", u"for method POST", u"invalid_dpop_proof"},
                 {u"wrong url", u"is for https://api.example/other", u"invalid_dpop_proof"},
                 {u"relative htu", u"is for /api/private", u"invalid_dpop_proof"},
                 {u"no iat", u"no numeric iat", u"invalid_dpop_proof"},
                 {u"old iat", u"seconds off", u"invalid_dpop_proof"},
                 {u"future iat", u"seconds off", u"invalid_dpop_proof"},
                 {u"missing nonce", u"requires a nonce", u"use_dpop_nonce"},
                 {u"stale nonce", u"stale nonce", u"use_dpop_nonce"},
                 {u"no ath", u"no ath", u"invalid_dpop_proof"},
                 {u"wrong ath", u"another access token", u"invalid_dpop_proof"},
                 {u"other key than cnf.jkt", u"other than the one the access token is bound to", u"invalid_dpop_proof"},
         }) {
        QTest::newRow(QString::fromUtf16(what).toLatin1().constData()) << QString::fromUtf16(what) << QString::fromUtf16(sentence) << QString::fromUtf16(error);
    }
}

void TestDpopProof::hostile()
{
    QFETCH(QString, what);
    QFETCH(QString, sentence);
    QFETCH(QString, error);
    const QJsonObject jwk = DpopProof::headerJwk(m_key->publicJwk());
    QJsonObject header{{u"typ"_s, u"dpop+jwt"_s}, {u"alg"_s, u"ES256"_s}, {u"jwk"_s, jwk}};
    QJsonObject payload{{u"jti"_s, u"j-1"_s}, {u"htm"_s, u"GET"_s}, {u"htu"_s, u"https://api.example/api/private"_s},
                        {u"iat"_s, Now}, {u"ath"_s, DpopProof::ath(Token)}, {u"nonce"_s, u"n-1"_s}};
    DpopProof::Expectation e = expectation();
    e.nonce = u"n-1"_s;
    const PrivateKey *signer = m_key.get();
    QByteArray proof;
    if (what == u"typ JWT") header[u"typ"_s] = u"JWT"_s;
    if (what == u"alg none") header[u"alg"_s] = u"none"_s;
    if (what == u"alg HS256") header[u"alg"_s] = u"HS256"_s;
    if (what == u"no jwk") header.remove(u"jwk"_s);
    if (what == u"private jwk") { QJsonObject j = jwk; j[u"d"_s] = u"secret"_s; header[u"jwk"_s] = j; }
    if (what == u"jwk of another key") signer = m_other.get();
    if (what == u"no jti") payload.remove(u"jti"_s);
    if (what == u"wrong method") payload[u"htm"_s] = u"POST"_s;
    if (what == u"wrong url") payload[u"htu"_s] = u"https://api.example/other"_s;
    if (what == u"relative htu") payload[u"htu"_s] = u"/api/private"_s;
    if (what == u"no iat") payload.remove(u"iat"_s);
    if (what == u"old iat") payload[u"iat"_s] = Now - 3600;
    if (what == u"future iat") payload[u"iat"_s] = Now + 600;
    if (what == u"missing nonce") payload.remove(u"nonce"_s);
    if (what == u"stale nonce") payload[u"nonce"_s] = u"n-0"_s;
    if (what == u"no ath") payload.remove(u"ath"_s);
    if (what == u"wrong ath") payload[u"ath"_s] = DpopProof::ath(u"another"_s);
    if (what == u"other key than cnf.jkt") e.boundThumbprint = m_other->kid();
    proof = forge(header, payload, *signer);
    if (what == u"empty") proof.clear();
    if (what == u"two values") proof = proof + ", " + proof;
    if (what == u"garbage") proof = "not-a-jwt";
    const DpopProof::Result r = DpopProof::check(proof, e);
    QVERIFY(!r.ok);
    QVERIFY2(r.problem.contains(sentence), qPrintable(r.problem));
    QCOMPARE(r.error, error);
}

void TestDpopProof::rsaProof()
{
    const PrivateKey rsa = PrivateKey::generate(PrivateKey::Type::Rsa2048);
    DpopProof::Claims c{"POST", QUrl(u"https://issuer.example/token"_s), Now, {}, {}, {}};
    DpopProof::Expectation e;
    e.method = "POST";
    e.url = c.url;
    e.now = Now + 30;
    for (const QString &alg : {u"RS256"_s, u"PS256"_s}) {
        const DpopProof::Result r = DpopProof::check(DpopProof::make(rsa, c, alg), e);
        QVERIFY2(r.ok, qPrintable(alg + u": "_s + r.problem));
        QCOMPARE(r.thumbprint, rsa.kid());
    }
    e.algorithms = {u"ES256"_s};
    QVERIFY(DpopProof::check(DpopProof::make(rsa, c), e).problem.contains(u"not accepted here"_s));
}

QTEST_GUILESS_MAIN(TestDpopProof)
#include "tst_dpopproof.moc"
