// SPDX-License-Identifier: MIT
// The inspector's checks as a table: a well-formed token for every
// algorithm TokenLab verifies, signed here with OpenSSL, and the hostile
// rows, each failing the check it should with a reason.
#include "jose/base64url.h"
#include "support/testsigner.h"
#include "jose/tokenchecks.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;

class TestTokenChecks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void table_data();
    void table();
    void kinds();

private:
    std::map<QString, std::unique_ptr<TestSigner>> m_signers;
    KeySet m_keys;
};

namespace {
const QDateTime now = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);
const QString issuer = u"https://issuer.example/"_s;
const QString api = u"https://api.example/"_s;
const QStringList algs{u"RS256"_s, u"RS384"_s, u"RS512"_s, u"PS256"_s, u"PS384"_s, u"PS512"_s,
                       u"ES256"_s, u"ES384"_s, u"ES512"_s, u"EdDSA"_s};

QJsonObject claims()
{
    const qint64 t = now.toSecsSinceEpoch();
    return {{u"iss"_s, issuer}, {u"sub"_s, u"user-1"_s}, {u"aud"_s, api}, {u"iat"_s, t - 10}, {u"exp"_s, t + 600},
            {u"scope"_s, u"openid read:messages"_s}};
}
QJsonObject with(const QString &k, const QJsonValue &v)
{
    QJsonObject c = claims();
    if (v.isUndefined())
        c.remove(k);
    else
        c.insert(k, v);
    return c;
}
QByteArray swapPayload(const QByteArray &token, const QJsonObject &payload)
{
    const QList<QByteArray> p = token.split('.');
    return p.at(0) + '.' + Base64Url::encode(QJsonDocument(payload).toJson(QJsonDocument::Compact)) + '.' + p.at(2);
}
} // namespace

void TestTokenChecks::initTestCase()
{
    QList<const TestSigner *> all;
    for (const QString &alg : algs) {
        m_signers[alg] = std::make_unique<TestSigner>(alg, u"kid-"_s + alg);
        all << m_signers[alg].get();
    }
    auto keys = KeySet::parse(TestSigner::jwks(all), nullptr);
    QVERIFY(keys);
    QCOMPARE(keys->keys().size(), algs.size());
    m_keys = *keys;
}

void TestTokenChecks::table_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("failing"); // the check that fails; empty when all pass
    QTest::addColumn<QString>("reason");  // words of the failure (or of the signature's success)

    for (const QString &alg : algs)
        QTest::newRow(qPrintable(u"valid-"_s + alg)) << m_signers[alg]->sign(claims()) << QString() << u"Verified (%1)"_s.arg(alg);

    const TestSigner &rs = *m_signers[u"RS256"_s];
    const QByteArray good = rs.sign(claims());
    QTest::newRow("tampered-payload") << swapPayload(good, with(u"scope"_s, u"openid read:messages admin"_s)) << u"signature"_s << u"does not match"_s;
    const QList<QByteArray> parts = good.split('.');
    const QByteArray otherHeader = Base64Url::encode(R"({"alg":"RS256","kid":"kid-RS256","typ":"at+jwt"})");
    QTest::newRow("tampered-header") << otherHeader + '.' + parts.at(1) + '.' + parts.at(2) << u"signature"_s << u"does not match"_s;
    QByteArray flipped = Base64Url::decode(parts.at(2)).value();
    flipped[0] = char(flipped.at(0) ^ 0x01);
    QTest::newRow("tampered-signature") << parts.at(0) + '.' + parts.at(1) + '.' + Base64Url::encode(flipped) << u"signature"_s << u"does not match"_s;
    QTest::newRow("alg-none") << TestSigner::compact({{u"alg"_s, u"none"_s}}, claims(), {}) << u"signature"_s << u"never valid"_s;
    QTest::newRow("alg-None-case") << TestSigner::compact({{u"alg"_s, u"None"_s}}, claims(), {}) << u"signature"_s << u"never valid"_s;
    // HS256 keyed with the RSA public key's PEM bytes: the classic confusion attack.
    const QByteArray hsInput = TestSigner::compact({{u"alg"_s, u"HS256"_s}, {u"kid"_s, u"kid-RS256"_s}}, claims(), {}).chopped(1);
    const QByteArray hsSig = QMessageAuthenticationCode::hash(hsInput, rs.publicPem(), QCryptographicHash::Sha256);
    QTest::newRow("hs256-with-public-key") << hsInput + '.' + Base64Url::encode(hsSig) << u"signature"_s << u"shared secret"_s;
    QTest::newRow("no-alg") << TestSigner::compact({{u"kid"_s, u"kid-RS256"_s}}, claims(), "x") << u"signature"_s << u"no \"alg\""_s;
    QTest::newRow("unknown-alg") << TestSigner::compact({{u"alg"_s, u"RS1"_s}}, claims(), "x") << u"signature"_s << u"not one TokenLab verifies"_s;
    QTest::newRow("unknown-kid") << rs.sign(claims(), {{u"kid"_s, u"rotated-away"_s}}) << u"signature"_s << u"No key with kid \"rotated-away\""_s;
    QTest::newRow("kid-of-ec-key-with-rs256") << rs.sign(claims(), {{u"kid"_s, u"kid-ES256"_s}}) << u"signature"_s << u"cannot verify RS256"_s;
    QTest::newRow("ec-token-claims-rs256") << m_signers[u"ES256"_s]->sign(claims(), {{u"alg"_s, u"RS256"_s}, {u"kid"_s, u"kid-RS256"_s}})
                                         << u"signature"_s << u"does not match"_s;
    const QByteArray es = m_signers[u"ES256"_s]->sign(claims());
    const QList<QByteArray> esParts = es.split('.');
    QTest::newRow("es256-der-signature") << esParts.at(0) + '.' + esParts.at(1) + '.' + Base64Url::encode(QByteArray(70, '\x30'))
                                        << u"signature"_s << u"does not match"_s;
    QTest::newRow("expired") << rs.sign(with(u"exp"_s, now.toSecsSinceEpoch() - 120)) << u"exp"_s << u"Expired 2 min 0 s ago"_s;
    QTest::newRow("expired-within-leeway") << rs.sign(with(u"exp"_s, now.toSecsSinceEpoch() - 30)) << QString() << u"Verified"_s;
    QTest::newRow("not-yet-valid") << rs.sign(with(u"nbf"_s, now.toSecsSinceEpoch() + 600)) << u"nbf"_s << u"Not valid yet"_s;
    QTest::newRow("issued-in-future") << rs.sign(with(u"iat"_s, now.toSecsSinceEpoch() + 600)) << u"iat"_s << u"in the future"_s;
    QTest::newRow("wrong-aud") << rs.sign(with(u"aud"_s, u"https://other.example/"_s)) << u"aud"_s << u"not for https://api.example/"_s;
    QTest::newRow("aud-array") << rs.sign(with(u"aud"_s, QJsonArray{u"x"_s, api})) << QString() << u"Verified"_s;
    QTest::newRow("no-aud") << rs.sign(with(u"aud"_s, QJsonValue::Undefined)) << u"aud"_s << u"no aud"_s;
    QTest::newRow("wrong-iss") << rs.sign(with(u"iss"_s, u"https://evil.example/"_s)) << u"iss"_s << u"not by the expected issuer"_s;
    QTest::newRow("missing-exp") << rs.sign(with(u"exp"_s, QJsonValue::Undefined)) << u"exp"_s << u"no exp"_s;
    QTest::newRow("exp-beyond-any-calendar") << rs.sign(with(u"exp"_s, 1e308)) << u"exp"_s << u"not a date between the years 1 and 9999"_s;
    QTest::newRow("nbf-before-any-calendar") << rs.sign(with(u"nbf"_s, -1e308)) << u"nbf"_s << u"not a date between"_s;
    QTest::newRow("iat-past-qint64") << rs.sign(with(u"iat"_s, 9.3e18)) << u"iat"_s << u"not a date between"_s;
    QTest::newRow("exp-fractional") << rs.sign(with(u"exp"_s, now.toSecsSinceEpoch() + 600.75)) << QString() << u"Verified"_s;
    QTest::newRow("exp-string") << rs.sign(with(u"exp"_s, u"tomorrow"_s)) << u"exp"_s << u"not a number"_s;
    QTest::newRow("non-string-scope") << rs.sign(with(u"scope"_s, QJsonArray{u"openid"_s})) << u"scope"_s << u"not a space-separated string"_s;
    QTest::newRow("unicode-claims") << rs.sign(with(u"name"_s, u"Jürgen 日本 \U0001F511"_s)) << QString() << u"Verified"_s;
    QTest::newRow("very-long-claim") << rs.sign(with(u"blob"_s, QString(30000, u'x'))) << QString() << u"Verified"_s;
}

void TestTokenChecks::table()
{
    QFETCH(QByteArray, token);
    QFETCH(QString, failing);
    QFETCH(QString, reason);
    const DecodedJwt jwt = Jwt::decode(token);
    QVERIFY2(jwt.ok(), qPrintable(jwt.errorText));
    TokenExpectations expected;
    expected.kind = TokenKind::Access;
    expected.issuer = QUrl(issuer);
    expected.audience = api;
    QList<ClaimCheck> checks;
    const SignatureCheck sig = TokenChecks::signature(jwt, m_keys, {}, u"the test's JWKS"_s);
    checks << sig.check;
    checks += TokenChecks::claims(jwt, expected, now);
    QStringList failed;
    QString failedDetail;
    for (const ClaimCheck &c : checks) {
        if (c.result == ClaimCheck::Result::Failed) {
            failed << c.name;
            if (failedDetail.isEmpty())
                failedDetail = c.detail;
        }
    }
    if (failing.isEmpty()) {
        QVERIFY2(failed.isEmpty(), qPrintable(failed.join(u", ") + u": "_s + failedDetail));
        QVERIFY2(sig.check.detail.contains(reason), qPrintable(sig.check.detail));
        QVERIFY(sig.verified);
        QCOMPARE(sig.kid, jwt.header.value(u"kid").toString());
    } else {
        QCOMPARE(failed, QStringList{failing});
        QVERIFY2(failedDetail.contains(reason), qPrintable(failedDetail));
    }
}

void TestTokenChecks::kinds()
{
    TokenExpectations e;
    const TestSigner &rs = *m_signers[u"RS256"_s];
    QCOMPARE(TokenChecks::guessKind(Jwt::decode(rs.sign(claims())), e), TokenKind::Access);
    QJsonObject id = claims();
    id.remove(u"scope"_s);
    id.insert(u"nonce"_s, u"n"_s);
    QCOMPARE(TokenChecks::guessKind(Jwt::decode(rs.sign(id)), e), TokenKind::Id);
    // An at+jwt where an id_token belongs fails typ.
    e.kind = TokenKind::Id;
    const auto checks = TokenChecks::claims(Jwt::decode(rs.sign(id, {{u"typ"_s, u"at+jwt"_s}})), e, now);
    bool typFailed = false;
    for (const ClaimCheck &c : checks)
        typFailed |= c.name == u"typ" && c.result == ClaimCheck::Result::Failed;
    QVERIFY(typFailed);
}

QTEST_GUILESS_MAIN(TestTokenChecks)
#include "tst_tokenchecks.moc"
