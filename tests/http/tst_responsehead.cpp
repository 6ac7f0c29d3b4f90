// SPDX-License-Identifier: MIT
// ResponseHead: the status line and fields of an answer read from raw
// bytes, with hostile rows (no CRLF, folded lines, bad names, heads past
// the bound), and RawHttpClient sending two fields of one name as given.
#include "http/localhttpserver.h"
#include "http/rawhttpclient.h"
#include "http/responsehead.h"

#include <QSignalSpy>
#include <QtTest>

using namespace Qt::StringLiterals;

class TestResponseHead : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("result");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("challenge");
        QTest::addColumn<QString>("error");
        using R = ResponseHead::Result;
        QTest::newRow("401 with a challenge") << QByteArray("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer error=\"invalid_token\"\r\n\r\n{}")
                                              << int(R::Complete) << 401 << QByteArray("Bearer error=\"invalid_token\"") << QString();
        QTest::newRow("two challenges joined") << QByteArray("HTTP/1.1 401 X\r\nwww-authenticate: Bearer\r\nWWW-Authenticate:  DPoP algs=\"ES256\" \r\n\r\n")
                                               << int(R::Complete) << 401 << QByteArray("Bearer, DPoP algs=\"ES256\"") << QString();
        QTest::newRow("no reason") << QByteArray("HTTP/1.0 200\r\n\r\n") << int(R::Complete) << 200 << QByteArray() << QString();
        QTest::newRow("empty reason") << QByteArray("HTTP/1.1 204 \r\n\r\n") << int(R::Complete) << 204 << QByteArray() << QString();
        QTest::newRow("not yet") << QByteArray("HTTP/1.1 200 OK\r\nContent-") << int(R::NeedMore) << 0 << QByteArray() << QString();
        QTest::newRow("nothing") << QByteArray() << int(R::NeedMore) << 0 << QByteArray() << QString();
        QTest::newRow("HTTP/2 text") << QByteArray("HTTP/2 200\r\n\r\n") << int(R::Error) << 0 << QByteArray() << u"HTTP/1.x status line"_s;
        QTest::newRow("not HTTP") << QByteArray("SSH-2.0-OpenSSH\r\n\r\n") << int(R::Error) << 0 << QByteArray() << u"HTTP/1.x status line"_s;
        QTest::newRow("letters in code") << QByteArray("HTTP/1.1 2x0 OK\r\n\r\n") << int(R::Error) << 0 << QByteArray() << u"three digits"_s;
        QTest::newRow("four digits") << QByteArray("HTTP/1.1 2000 OK\r\n\r\n") << int(R::Error) << 0 << QByteArray() << u"three digits"_s;
        QTest::newRow("status 099") << QByteArray("HTTP/1.1 099 Low\r\n\r\n") << int(R::Error) << 0 << QByteArray() << u"not an HTTP status"_s;
        QTest::newRow("bare LF") << QByteArray("HTTP/1.1 200 OK\nA: b\r\n\r\n") << int(R::Error) << 0 << QByteArray() << u"CRLF"_s;
        QTest::newRow("folded") << QByteArray("HTTP/1.1 200 OK\r\nA: b\r\n c\r\n\r\n") << int(R::Error) << 0 << QByteArray() << u"folded"_s;
        QTest::newRow("no colon") << QByteArray("HTTP/1.1 200 OK\r\nnocolon\r\n\r\n") << int(R::Error) << 0 << QByteArray() << u"no field name"_s;
        QTest::newRow("space in name") << QByteArray("HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n") << int(R::Error) << 0 << QByteArray() << u"not a token"_s;
        QTest::newRow("endless head") << QByteArray("HTTP/1.1 200 OK\r\n" + QByteArray(70 * 1024, 'a')) << int(R::Error) << 0 << QByteArray() << u"longer than 64 KiB"_s;
        QTest::newRow("head past the bound") << QByteArray("HTTP/1.1 200 OK\r\nA: " + QByteArray(70 * 1024, 'a') + "\r\n\r\n") << int(R::Error) << 0
                                             << QByteArray() << u"longer than 64 KiB"_s;
        QTest::newRow("NUL in value") << QByteArray("HTTP/1.1 200 OK\r\nA: \0b\r\n\r\n", 27) << int(R::Complete) << 200 << QByteArray() << QString();
    }
    void parse()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, result);
        QFETCH(int, status);
        QFETCH(QByteArray, challenge);
        QFETCH(QString, error);
        ResponseHead head;
        QCOMPARE(int(ResponseHead::parse(bytes, &head)), result);
        QCOMPARE(head.status, status);
        QCOMPARE(head.joined("WWW-Authenticate"), challenge);
        QVERIFY2(head.error.english().contains(error), qPrintable(head.error.english()));
        if (result == int(ResponseHead::Result::Complete))
            QVERIFY(head.bodyOffset <= bytes.size());
    }

    void sendsBothFields()
    {
        QList<QByteArray> seen;
        LocalHttpServer server([&](const HttpRequest &r) {
            for (const auto &h : r.headers) {
                if (h.first.compare("Authorization", Qt::CaseInsensitive) == 0)
                    seen << h.second;
            }
            HttpResponse res = HttpResponse::json(400, "{\"error\":\"invalid_request\"}");
            res.setHeader("WWW-Authenticate", "Bearer error=\"invalid_request\"");
            return res;
        });
        QVERIFY(server.listen(QHostAddress::LocalHost));
        RawHttpJob *job = RawHttpClient::send("GET", QUrl(u"http://127.0.0.1:%1/api/x?q=1"_s.arg(server.port())),
                                              {{"Authorization", "Bearer a"}, {"Authorization", "Bearer b"}}, {}, std::chrono::seconds(10));
        QSignalSpy done(job, &RawHttpJob::finished);
        QVERIFY(done.wait(10000));
        const auto answer = done.first().at(0).value<RawHttpAnswer>();
        QCOMPARE(answer.head.status, 400);
        QCOMPARE(answer.body, QByteArray("{\"error\":\"invalid_request\"}"));
        QCOMPARE(answer.head.joined("WWW-Authenticate"), QByteArray("Bearer error=\"invalid_request\""));
        QCOMPARE(seen, (QList<QByteArray>{"Bearer a", "Bearer b"}));
        QVERIFY(answer.error.isEmpty());
    }

    void nothingListening()
    {
        LocalHttpServer server([](const HttpRequest &) { return HttpResponse::text(200, "x"); });
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const quint16 port = server.port();
        server.close();
        RawHttpJob *job = RawHttpClient::send("GET", QUrl(u"http://127.0.0.1:%1/"_s.arg(port)), {}, {}, std::chrono::seconds(10));
        QSignalSpy done(job, &RawHttpJob::finished);
        QVERIFY(done.wait(10000));
        const auto answer = done.first().at(0).value<RawHttpAnswer>();
        QCOMPARE(answer.head.status, 0);
        QVERIFY(!answer.error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestResponseHead)
#include "tst_responsehead.moc"
