// SPDX-License-Identifier: MIT
// Response bodies by content type: JSON indented, forms as fields, text as
// it is, binary as a hex dump with its size; large and cut bodies say so.
#include "api/responsebody.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestResponseBody : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void format_data();
    void format();
    void large();
};

void TestResponseBody::format_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("contains");
    QTest::addColumn<QString>("summary");
    using K = FormattedBody::Kind;
    QTest::newRow("empty") << QByteArray() << QByteArray("application/json") << int(K::Empty) << QString() << u"no body"_s;
    QTest::newRow("json") << QByteArray(R"({"a":[1,2]})") << QByteArray("application/json; charset=utf-8") << int(K::Json) << u"    \"a\": [\n"_s << u"JSON · 11 bytes"_s;
    QTest::newRow("problem-json") << QByteArray(R"({"title":"x"})") << QByteArray("application/problem+json") << int(K::Json) << u"\"title\""_s << u"JSON"_s;
    QTest::newRow("json-untyped") << QByteArray(R"([true])") << QByteArray() << int(K::Json) << u"    true\n"_s << u"JSON"_s;
    QTest::newRow("json-broken") << QByteArray(R"({"a":)") << QByteArray("application/json") << int(K::Json) << u"{\"a\":"_s << u"does not parse"_s;
    QTest::newRow("form") << QByteArray("a=1&b=x%20y") << QByteArray("application/x-www-form-urlencoded") << int(K::Form) << u"b = x y\n"_s << u"2 fields"_s;
    QTest::newRow("form-broken") << QByteArray("a=%zz") << QByteArray("application/x-www-form-urlencoded") << int(K::Text) << u"a=%zz"_s << QString();
    QTest::newRow("xml") << QByteArray("<a><b/></a>") << QByteArray("application/xml") << int(K::Text) << u"<a><b/></a>"_s << u"application/xml"_s;
    QTest::newRow("html") << QByteArray("<h1>Hi</h1>") << QByteArray("text/html") << int(K::Text) << u"<h1>Hi</h1>"_s << u"text/html"_s;
    QTest::newRow("latin1") << QByteArray("caf\xe9") << QByteArray("text/plain; charset=iso-8859-1") << int(K::Text) << u"café"_s << QString();
    QTest::newRow("png") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) << QByteArray("image/png") << int(K::Binary) << u"89 50 4e 47"_s << u"binary (image/png) · 16 bytes"_s;
    QTest::newRow("nul-untyped") << QByteArray("ab\0cd", 5) << QByteArray() << int(K::Binary) << u"ab.cd"_s << u"no content type"_s;
}

void TestResponseBody::format()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, type);
    QFETCH(int, kind);
    QFETCH(QString, contains);
    QFETCH(QString, summary);
    const FormattedBody f = ResponseBody::format(body, type, body.size());
    QCOMPARE(int(f.kind), kind);
    QVERIFY2(f.text.contains(contains), qPrintable(f.text));
    QVERIFY2(f.summary.contains(summary), qPrintable(f.summary));
    QVERIFY(!f.cut);
}

void TestResponseBody::large()
{
    // Over the pretty-print limit: shown as it came, cut, and said.
    QByteArray big = "[" + QByteArray(2 * 1024 * 1024, ' ') + "1]";
    FormattedBody f = ResponseBody::format(big, "application/json", big.size());
    QVERIFY(f.cut);
    QCOMPARE(f.text.size(), ResponseBody::DefaultShown);
    QVERIFY2(f.summary.contains(u"too large to indent · 2.0 MiB"_s), qPrintable(f.summary));
    // A body TokenLab holds only the start of.
    f = ResponseBody::format(QByteArray(100, 'a'), "text/plain", 5000);
    QVERIFY(f.cut);
    QVERIFY(f.summary.contains(u"4.9 KiB"_s));
    f = ResponseBody::format(QByteArray(4000, '\x01') + QByteArray(1, '\0'), "application/octet-stream", 4001);
    QCOMPARE(f.kind, FormattedBody::Kind::Binary);
    QVERIFY(f.cut);
    QCOMPARE(f.text.count(u'\n'), 32);
}

QTEST_GUILESS_MAIN(TestResponseBody)
#include "tst_responsebody.moc"
