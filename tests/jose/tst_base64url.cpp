// SPDX-License-Identifier: MIT
#include "jose/base64url.h"

#include <QTest>

class TestBase64Url : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decode_data();
    void decode();
    void roundTrip();
    void diagnoseAgreesWithDecode();
};

void TestBase64Url::decode_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("empty") << QByteArray() << true << QByteArray();
    QTest::newRow("rfc7515-header") << QByteArray("eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9") << true
                                    << QByteArray("{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}");
    QTest::newRow("url-safe-chars") << QByteArray("-_8") << true << QByteArray("\xfb\xff", 2);
    QTest::newRow("one-byte") << QByteArray("YQ") << true << QByteArray("a");
    QTest::newRow("padding-refused") << QByteArray("YQ==") << false << QByteArray();
    QTest::newRow("standard-alphabet-plus") << QByteArray("+_8") << false << QByteArray();
    QTest::newRow("standard-alphabet-slash") << QByteArray("/_8") << false << QByteArray();
    QTest::newRow("whitespace") << QByteArray("Y Q") << false << QByteArray();
    QTest::newRow("newline") << QByteArray("YQ\n") << false << QByteArray();
    QTest::newRow("impossible-length") << QByteArray("YWJjZ") << false << QByteArray();
    QTest::newRow("non-canonical-trailing-bits") << QByteArray("YR") << false << QByteArray();
    QTest::newRow("non-canonical-trailing-bits-3") << QByteArray("YWJ") << false << QByteArray();
    QTest::newRow("two-bytes") << QByteArray("YWI") << true << QByteArray("ab");
    QTest::newRow("bad-char-in-first-quad") << QByteArray("YW.jYWJj") << false << QByteArray();
    QTest::newRow("bad-char-in-tail") << QByteArray("YWJjY.") << false << QByteArray();
    QTest::newRow("high-byte") << QByteArray("YWJjÿ" "A") << false << QByteArray();
    QTest::newRow("nul-byte") << QByteArray("Y\0Q", 3) << false << QByteArray();
    QTest::newRow("utf8-bytes") << QByteArray("w\xc3\xa9") << false << QByteArray();
}

void TestBase64Url::decode()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, valid);
    QFETCH(QByteArray, expected);
    const auto result = Base64Url::decode(input);
    QCOMPARE(result.has_value(), valid);
    QCOMPARE(Base64Url::diagnose(input).kind == Base64Url::Fault::Kind::None, valid);
    if (valid)
        QCOMPARE(*result, expected);
}

void TestBase64Url::roundTrip()
{
    for (int n = 0; n < 300; ++n) {
        QByteArray data(n, Qt::Uninitialized);
        for (int i = 0; i < n; ++i)
            data[i] = char((i * 37 + n) & 0xff);
        const QByteArray encoded = Base64Url::encode(data);
        QVERIFY(!encoded.contains('='));
        QCOMPARE(Base64Url::decode(encoded).value_or(QByteArray("mismatch")), data);
    }
}

// decode() is the fast path and diagnose() explains its refusals: they must
// agree on every text, so a refused part always has a fault to name.
void TestBase64Url::diagnoseAgreesWithDecode()
{
    const QByteArray alphabet("AQBgwhz9-_=+. \xc3");
    QList<QByteArray> texts{QByteArray()};
    for (int length = 1; length <= 4; ++length) {
        QList<QByteArray> longer;
        for (const QByteArray &t : std::as_const(texts)) {
            if (t.size() != length - 1)
                continue;
            for (const char c : alphabet)
                longer.append(t + c);
        }
        texts += longer;
    }
    for (const QByteArray &t : std::as_const(texts)) {
        const bool decoded = Base64Url::decode(t).has_value();
        const Base64Url::Fault f = Base64Url::diagnose(t);
        QVERIFY2(decoded == (f.kind == Base64Url::Fault::Kind::None), t.constData());
        if (!decoded)
            QVERIFY2(f.offset >= 0 && f.offset < t.size(), t.constData());
    }
}

QTEST_GUILESS_MAIN(TestBase64Url)
#include "tst_base64url.moc"
