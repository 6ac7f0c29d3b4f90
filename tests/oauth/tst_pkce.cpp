// SPDX-License-Identifier: MIT
#include "oauth/pkce.h"

#include <QSet>
#include <QTest>

class TestPkce : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rfc7636AppendixB();
    void verifierShape_data();
    void verifierShape();
    void generated();
};

void TestPkce::rfc7636AppendixB()
{
    // RFC 7636 Appendix B: the published verifier and its S256 challenge.
    const QByteArray verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    QCOMPARE(Pkce::challengeS256(verifier), QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    QVERIFY(Pkce::isValidVerifier(verifier));
}

void TestPkce::verifierShape_data()
{
    QTest::addColumn<QByteArray>("verifier");
    QTest::addColumn<bool>("valid");
    QTest::newRow("min-43") << QByteArray(43, 'a') << true;
    QTest::newRow("max-128") << QByteArray(128, '~') << true;
    QTest::newRow("too-short-42") << QByteArray(42, 'a') << false;
    QTest::newRow("too-long-129") << QByteArray(129, 'a') << false;
    QTest::newRow("unreserved-mix") << QByteArray("abcXYZ019-._~abcXYZ019-._~abcXYZ019-._~abcXYZ") << true;
    QTest::newRow("plus") << (QByteArray(42, 'a') + '+') << false;
    QTest::newRow("slash") << (QByteArray(42, 'a') + '/') << false;
    QTest::newRow("space") << (QByteArray(42, 'a') + ' ') << false;
    QTest::newRow("percent") << (QByteArray(42, 'a') + '%') << false;
    QTest::newRow("utf8") << (QByteArray(41, 'a') + "\xc3\xa9") << false;
    QTest::newRow("empty") << QByteArray() << false;
}

void TestPkce::verifierShape()
{
    QFETCH(QByteArray, verifier);
    QFETCH(bool, valid);
    QCOMPARE(Pkce::isValidVerifier(verifier), valid);
}

void TestPkce::generated()
{
    QSet<QByteArray> seen;
    for (int i = 0; i < 200; ++i) {
        const QByteArray v = Pkce::generateVerifier();
        QVERIFY(Pkce::isValidVerifier(v));
        QCOMPARE(v.size(), 43);
        QVERIFY2(!seen.contains(v), "verifiers must not repeat");
        seen.insert(v);
        QCOMPARE(Pkce::challengeS256(v).size(), 43);
    }
}

QTEST_GUILESS_MAIN(TestPkce)
#include "tst_pkce.moc"
