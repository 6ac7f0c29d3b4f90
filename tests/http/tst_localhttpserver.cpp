// SPDX-License-Identifier: MIT
#include "http/localhttpserver.h"
#include "support/testhttp.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

class TestLocalHttpServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refusesNonLoopback();
    void answers();
    void keepAliveAndPipelining();
    void garbageGets400AndClose();
    void oversizedBodyGets413();
    void silentClientIsDropped();
    void slowClientsDoNotBlockOthers();
    void connectionCapEvictsOldest();
    void deferredAnswersKeepPipelineOrder();
    void lateAnswerToAGoneClientIsDropped();

private:
    static HttpResponse echo(const HttpRequest &r)
    {
        return HttpResponse::text(200, r.method + ' ' + r.target + ' ' + r.body);
    }
};

void TestLocalHttpServer::refusesNonLoopback()
{
    LocalHttpServer server(echo);
    QVERIFY(!server.listen(QHostAddress::Any));
    QVERIFY(server.errorString().contains(u"loopback"_s));
    QVERIFY(!server.listen(QHostAddress(u"192.0.2.1"_s)));
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QVERIFY(server.port() > 0);
}

void TestLocalHttpServer::answers()
{
    LocalHttpServer server(echo);
    QVERIFY(server.listen(QHostAddress::LocalHost));
    TestHttp http;
    const HttpResult r = http.post(QUrl(u"http://127.0.0.1:%1/x?y=1"_s.arg(server.port())), "body");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("POST /x?y=1 body"));
}

void TestLocalHttpServer::keepAliveAndPipelining()
{
    LocalHttpServer server(echo);
    QVERIFY(server.listen(QHostAddress::LocalHost));
    const QByteArray response = rawExchange(server.port(),
            "GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\nConnection: close\r\n\r\n");
    QCOMPARE(response.count("HTTP/1.1 200 OK"), 2);
    QVERIFY(response.contains("GET /a"));
    QVERIFY(response.contains("GET /b"));
}

void TestLocalHttpServer::garbageGets400AndClose()
{
    LocalHttpServer server(echo);
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QSignalSpy rejected(&server, &LocalHttpServer::requestRejected);
    const QByteArray response = rawExchange(server.port(), "EHLO localhost\r\n\r\n");
    QCOMPARE(rawStatus(response), 400);
    QVERIFY(response.contains("Connection: close"));
    QCOMPARE(rejected.count(), 1);
    // Random binary bytes, as a TLS ClientHello to a plain port would be.
    QByteArray binary;
    for (int i = 0; i < 4096; ++i)
        binary.append(char((i * 131 + 7) & 0xff));
    const QByteArray r2 = rawExchange(server.port(), binary + "\r\n\r\n");
    QVERIFY(rawStatus(r2) == 400 || rawStatus(r2) == 431);
    QTRY_COMPARE(server.openConnections(), 0);
}

void TestLocalHttpServer::oversizedBodyGets413()
{
    LocalHttpServer server(echo);
    QVERIFY(server.listen(QHostAddress::LocalHost));
    const QByteArray response = rawExchange(server.port(),
            "POST / HTTP/1.1\r\nContent-Length: 10000000\r\n\r\n" + QByteArray(100000, 'x'));
    QCOMPARE(rawStatus(response), 413);
}

void TestLocalHttpServer::silentClientIsDropped()
{
    LocalHttpServer::Options options;
    options.requestTimeout = 300ms;
    LocalHttpServer server(echo, options);
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(socket.waitForConnected());
    socket.write("GET / HTTP/1.1\r\n"); // and never finishes
    QTRY_COMPARE(server.openConnections(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 5000);
    QCOMPARE(server.openConnections(), 0);
}

void TestLocalHttpServer::slowClientsDoNotBlockOthers()
{
    LocalHttpServer server(echo);
    QVERIFY(server.listen(QHostAddress::LocalHost));
    std::vector<std::unique_ptr<QTcpSocket>> silent;
    for (int i = 0; i < 50; ++i) {
        auto s = std::make_unique<QTcpSocket>();
        s->connectToHost(QHostAddress::LocalHost, server.port());
        silent.push_back(std::move(s));
    }
    for (auto &s : silent)
        QVERIFY(s->waitForConnected());
    TestHttp http;
    const HttpResult r = http.get(QUrl(u"http://127.0.0.1:%1/ok"_s.arg(server.port())));
    QCOMPARE(r.status, 200);
}

void TestLocalHttpServer::connectionCapEvictsOldest()
{
    LocalHttpServer::Options options;
    options.maxConnections = 5;
    LocalHttpServer server(echo, options);
    QVERIFY(server.listen(QHostAddress::LocalHost));
    std::vector<std::unique_ptr<QTcpSocket>> idle;
    for (int i = 0; i < 8; ++i) {
        auto s = std::make_unique<QTcpSocket>();
        s->connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(s->waitForConnected());
        idle.push_back(std::move(s));
        QTest::qWait(20);
    }
    QTRY_VERIFY(server.openConnections() <= 5);
    // The newest connection is served even though the cap was reached.
    TestHttp http;
    QCOMPARE(http.get(QUrl(u"http://127.0.0.1:%1/"_s.arg(server.port()))).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(idle.front()->state(), QAbstractSocket::UnconnectedState, 5000);
}

void TestLocalHttpServer::deferredAnswersKeepPipelineOrder()
{
    // /slow is answered from a timer, /fast at once; the answers still come in request order.
    LocalHttpServer server(
            [&](const HttpRequest &r, const LocalHttpServer::Responder &respond) {
                const HttpResponse answer = HttpResponse::text(200, r.path);
                if (r.path == "/slow")
                    QTimer::singleShot(100, &server, [respond, answer] { respond(answer); respond(answer); }); // the second is ignored
                else
                    respond(answer);
            },
            LocalHttpServer::Options());
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write("GET /slow HTTP/1.1\r\n\r\nGET /fast HTTP/1.1\r\n\r\nGET /slow HTTP/1.1\r\nConnection: close\r\n\r\n");
    QByteArray response;
    QTRY_VERIFY_WITH_TIMEOUT((response += socket.readAll(), socket.state() == QAbstractSocket::UnconnectedState), 10000);
    response += socket.readAll();
    QVERIFY2(response.count("HTTP/1.1 200 OK") == 3, response.constData());
    const qsizetype first = response.indexOf("/slow");
    const qsizetype second = response.indexOf("/fast");
    QVERIFY(first >= 0 && second > first);
    QVERIFY(response.indexOf("/slow", second) > second);
}

void TestLocalHttpServer::lateAnswerToAGoneClientIsDropped()
{
    LocalHttpServer::Responder pending;
    LocalHttpServer server([&](const HttpRequest &, const LocalHttpServer::Responder &respond) { pending = respond; },
                           LocalHttpServer::Options());
    QVERIFY(server.listen(QHostAddress::LocalHost));
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET /x HTTP/1.1\r\n\r\n");
        QTRY_VERIFY(pending != nullptr);
        QCOMPARE(server.openConnections(), 1);
    }
    QTRY_COMPARE(server.openConnections(), 0);
    pending(HttpResponse::text(200, "late")); // nobody to answer: nothing happens
    QCOMPARE(server.openConnections(), 0);
}

QTEST_GUILESS_MAIN(TestLocalHttpServer)
#include "tst_localhttpserver.moc"
