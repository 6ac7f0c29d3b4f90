// SPDX-License-Identifier: MIT
#include "http/formencoding.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestFormEncoding : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void encodeComponent_data();
    void encodeComponent();
    void duplicates();
    void roundTrip();
};

void TestFormEncoding::parse_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QStringList>("flat"); // key, value, key, value ...

    QTest::newRow("empty") << QByteArray() << true << QStringList();
    QTest::newRow("simple") << QByteArray("a=1&b=2") << true << QStringList{u"a"_s, u"1"_s, u"b"_s, u"2"_s};
    QTest::newRow("plus-is-space") << QByteArray("scope=openid+profile") << true << QStringList{u"scope"_s, u"openid profile"_s};
    QTest::newRow("encoded-plus") << QByteArray("v=a%2Bb") << true << QStringList{u"v"_s, u"a+b"_s};
    QTest::newRow("encoded-ampersand") << QByteArray("v=a%26b&w=c") << true << QStringList{u"v"_s, u"a&b"_s, u"w"_s, u"c"_s};
    QTest::newRow("no-value") << QByteArray("flag") << true << QStringList{u"flag"_s, QString()};
    QTest::newRow("empty-value") << QByteArray("a=") << true << QStringList{u"a"_s, QString()};
    QTest::newRow("equals-in-value") << QByteArray("a=b=c") << true << QStringList{u"a"_s, u"b=c"_s};
    QTest::newRow("empty-pairs-skipped") << QByteArray("&&a=1&") << true << QStringList{u"a"_s, u"1"_s};
    QTest::newRow("utf8") << QByteArray("name=J%C3%BCrgen") << true << QStringList{u"name"_s, u"J\u00fcrgen"_s};
    QTest::newRow("order-kept") << QByteArray("b=1&a=2&b=3") << true << QStringList{u"b"_s, u"1"_s, u"a"_s, u"2"_s, u"b"_s, u"3"_s};
    QTest::newRow("truncated-escape") << QByteArray("a=%4") << false << QStringList();
    QTest::newRow("escape-at-end") << QByteArray("a=%") << false << QStringList();
    QTest::newRow("non-hex-escape") << QByteArray("a=%zz") << false << QStringList();
    QTest::newRow("invalid-utf8") << QByteArray("a=%C3%28") << false << QStringList();
    QTest::newRow("overlong-utf8") << QByteArray("a=%C0%AF") << false << QStringList();
    QTest::newRow("raw-invalid-utf8") << QByteArray("a=\xff\xfe") << false << QStringList();
    QTest::newRow("empty-name") << QByteArray("=value") << false << QStringList();
    QTest::newRow("nul-kept-as-data") << QByteArray("a=%00") << true << QStringList{u"a"_s, QString(QChar(0))};
}

void TestFormEncoding::parse()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, valid);
    QFETCH(QStringList, flat);
    QString error;
    const auto form = FormData::parse(input, &error);
    QCOMPARE(form.has_value(), valid);
    if (!valid) {
        QVERIFY2(!error.isEmpty(), "a refused form must say why");
        return;
    }
    QStringList actual;
    for (const auto &p : form->pairs())
        actual << p.first << p.second;
    QCOMPARE(actual, flat);
}

void TestFormEncoding::encodeComponent_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("unreserved") << u"aZ09-._~"_s << QByteArray("aZ09-._~");
    QTest::newRow("space-is-%20") << u"openid profile"_s << QByteArray("openid%20profile");
    QTest::newRow("plus") << u"a+b"_s << QByteArray("a%2Bb");
    QTest::newRow("ampersand-equals") << u"a&b=c"_s << QByteArray("a%26b%3Dc");
    QTest::newRow("url") << u"http://127.0.0.1:8080/cb?x=1"_s << QByteArray("http%3A%2F%2F127.0.0.1%3A8080%2Fcb%3Fx%3D1");
    QTest::newRow("utf8") << u"\u00fc"_s << QByteArray("%C3%BC");
}

void TestFormEncoding::encodeComponent()
{
    QFETCH(QString, input);
    QFETCH(QByteArray, expected);
    QCOMPARE(FormData::encodeComponent(input), expected);
}

void TestFormEncoding::duplicates()
{
    QCOMPARE(FormData::parse("a=1&b=2&a=3")->firstDuplicate(), u"a"_s);
    QCOMPARE(FormData::parse("a=1&b=2")->firstDuplicate(), QString());
    QCOMPARE(FormData::parse("a=1&b=2&b=3")->count(u"b"_s), 2);
}

void TestFormEncoding::roundTrip()
{
    FormData f;
    f.add(u"scope"_s, u"openid read:messages"_s);
    f.add(u"odd"_s, u"a+b & c=d %41 \u00e9"_s);
    const auto back = FormData::parse(f.encode());
    QVERIFY(back);
    QCOMPARE(back->pairs(), f.pairs());
}

QTEST_GUILESS_MAIN(TestFormEncoding)
#include "tst_formencoding.moc"
