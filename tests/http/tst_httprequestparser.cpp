// SPDX-License-Identifier: MIT
#include "http/httpmessage.h"

#include <QTest>

class TestHttpRequestParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void byteByByte();
    void pipelined();
    void limits();
};

void TestHttpRequestParser::parse_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("result"); // 0 need more, 1 complete, 2 error
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("path");

    QTest::newRow("get") << QByteArray("GET /cb?code=1 HTTP/1.1\r\nHost: x\r\n\r\n") << 1 << 0 << QByteArray("/cb");
    QTest::newRow("http10") << QByteArray("GET / HTTP/1.0\r\n\r\n") << 1 << 0 << QByteArray("/");
    QTest::newRow("leading-empty-line") << QByteArray("\r\nGET / HTTP/1.1\r\n\r\n") << 1 << 0 << QByteArray("/");
    QTest::newRow("post-with-body") << QByteArray("POST /t HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc") << 1 << 0 << QByteArray("/t");
    QTest::newRow("body-incomplete") << QByteArray("POST /t HTTP/1.1\r\nContent-Length: 5\r\n\r\nab") << 0 << 0 << QByteArray();
    QTest::newRow("headers-incomplete") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n") << 0 << 0 << QByteArray();
    QTest::newRow("garbage") << QByteArray("EHLO localhost\r\n\r\n") << 2 << 400 << QByteArray();
    QTest::newRow("binary-garbage") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 15) << 2 << 400 << QByteArray();
    QTest::newRow("bare-lf") << QByteArray("GET / HTTP/1.1\nHost: x\n\n") << 2 << 400 << QByteArray();
    QTest::newRow("bare-lf-in-headers") << QByteArray("GET / HTTP/1.1\r\nA: b\nC: d\r\n\r\n") << 2 << 400 << QByteArray();
    QTest::newRow("absolute-form") << QByteArray("GET http://evil/ HTTP/1.1\r\n\r\n") << 2 << 400 << QByteArray();
    QTest::newRow("asterisk-form") << QByteArray("OPTIONS * HTTP/1.1\r\n\r\n") << 2 << 400 << QByteArray();
    QTest::newRow("space-in-target") << QByteArray("GET /a b HTTP/1.1\r\n\r\n") << 2 << 400 << QByteArray();
    QTest::newRow("http2-preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << 2 << 505 << QByteArray();
    QTest::newRow("http09") << QByteArray("GET /\r\n\r\n") << 2 << 400 << QByteArray();
    QTest::newRow("http2-version") << QByteArray("GET / HTTP/2\r\n\r\n") << 2 << 505 << QByteArray();
    QTest::newRow("obs-fold") << QByteArray("GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n") << 2 << 400 << QByteArray();
    QTest::newRow("header-no-colon") << QByteArray("GET / HTTP/1.1\r\nNoColon\r\n\r\n") << 2 << 400 << QByteArray();
    QTest::newRow("header-space-in-name") << QByteArray("GET / HTTP/1.1\r\nBad Name: x\r\n\r\n") << 2 << 400 << QByteArray();
    QTest::newRow("header-nul-in-value") << QByteArray("GET / HTTP/1.1\r\nA: b\0c\r\n\r\n", 26) << 2 << 400 << QByteArray();
    QTest::newRow("chunked") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") << 2 << 501 << QByteArray();
    QTest::newRow("double-content-length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab") << 2 << 400 << QByteArray();
    QTest::newRow("negative-content-length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << 2 << 400 << QByteArray();
    QTest::newRow("hex-content-length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 0x10\r\n\r\n") << 2 << 400 << QByteArray();
    QTest::newRow("huge-content-length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n") << 2 << 413 << QByteArray();
    QTest::newRow("over-limit-content-length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 65537\r\n\r\n") << 2 << 413 << QByteArray();
    QTest::newRow("oversized-headers") << (QByteArray("GET / HTTP/1.1\r\nX: ") + QByteArray(20000, 'a') + "\r\n\r\n") << 2 << 431 << QByteArray();
    QTest::newRow("oversized-without-end") << (QByteArray("GET / HTTP/1.1\r\nX: ") + QByteArray(20000, 'a')) << 2 << 431 << QByteArray();
    QTest::newRow("method-with-slash") << QByteArray("G/ET / HTTP/1.1\r\n\r\n") << 2 << 400 << QByteArray();
}

void TestHttpRequestParser::parse()
{
    QFETCH(QByteArray, input);
    QFETCH(int, result);
    QFETCH(int, status);
    QFETCH(QByteArray, path);
    HttpRequestParser parser;
    const auto r = parser.feed(input);
    QCOMPARE(int(r), result);
    if (r == HttpRequestParser::Result::Error) {
        QCOMPARE(parser.errorStatus(), status);
        QVERIFY(!parser.errorText().isEmpty());
        // Once failed, a parser stays failed.
        QCOMPARE(parser.feed("GET / HTTP/1.1\r\n\r\n"), HttpRequestParser::Result::Error);
    }
    if (r == HttpRequestParser::Result::Complete)
        QCOMPARE(parser.take().path, path);
}

void TestHttpRequestParser::byteByByte()
{
    const QByteArray input = "POST /oauth/token?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 11\r\n\r\ngrant_type=";
    HttpRequestParser parser;
    for (int i = 0; i < input.size() - 1; ++i)
        QCOMPARE(parser.feed(input.mid(i, 1)), HttpRequestParser::Result::NeedMore);
    QCOMPARE(parser.feed(input.right(1)), HttpRequestParser::Result::Complete);
    const HttpRequest r = parser.take();
    QCOMPARE(r.method, QByteArray("POST"));
    QCOMPARE(r.path, QByteArray("/oauth/token"));
    QCOMPARE(r.query, QByteArray("x=1"));
    QCOMPARE(r.header("host"), QByteArray("127.0.0.1"));
    QCOMPARE(r.body, QByteArray("grant_type="));
}

void TestHttpRequestParser::pipelined()
{
    HttpRequestParser parser;
    QCOMPARE(parser.feed("GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\nConnection: close\r\n\r\n"),
             HttpRequestParser::Result::Complete);
    QCOMPARE(parser.take().path, QByteArray("/a"));
    QVERIFY(parser.hasBufferedBytes());
    QCOMPARE(parser.feed({}), HttpRequestParser::Result::Complete);
    const HttpRequest b = parser.take();
    QCOMPARE(b.path, QByteArray("/b"));
    QVERIFY(b.wantsClose());
}

void TestHttpRequestParser::limits()
{
    HttpRequestParser parser({1024, 10});
    QCOMPARE(parser.feed("POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n"), HttpRequestParser::Result::Error);
    QCOMPARE(parser.errorStatus(), 413);
    HttpRequestParser exact({1024, 10});
    QCOMPARE(exact.feed("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789"), HttpRequestParser::Result::Complete);
}

QTEST_GUILESS_MAIN(TestHttpRequestParser)
#include "tst_httprequestparser.moc"
