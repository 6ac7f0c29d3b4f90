// SPDX-License-Identifier: MIT
// The loopback receiver against what can reach a local port while a login
// waits: 200 garbage clients at once, 50 silent ones, oversized requests,
// other paths, the wrong method, a wrong state and a second login's state.
// None of them ends the login; the genuine callback still does, exactly
// once, and then the port closes.
#include "oauth/loopbackreceiver.h"
#include "support/testhttp.h"

#include <algorithm>

#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;

class TestLoopbackReceiver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bindsLoopbackOnly();
    void fixedPortInUse();
    void hostileThenGenuine();
    void providerErrorEndsLogin();
    void ipv6();

private:
    static CallbackExpectation expectation()
    {
        CallbackExpectation e;
        e.path = "/callback";
        e.state = u"the-state"_s;
        e.issuer = QUrl(u"http://127.0.0.1:9/"_s);
        return e;
    }
    static QByteArray get(const QByteArray &target) { return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"; }
};

void TestLoopbackReceiver::bindsLoopbackOnly()
{
    LoopbackReceiver r;
    QVERIFY(r.listen(u"127.0.0.1"_s, 0));
    QVERIFY(r.port() > 0);
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, r.port());
    QVERIFY(s.waitForConnected(2000));
}

void TestLoopbackReceiver::fixedPortInUse()
{
    LoopbackReceiver first;
    QVERIFY(first.listen(u"127.0.0.1"_s, 0));
    LoopbackReceiver second;
    QVERIFY(!second.listen(u"127.0.0.1"_s, first.port()));
    QVERIFY2(second.errorString().contains(QString::number(first.port())), qPrintable(second.errorString()));
    QVERIFY(second.errorString().contains(u"redirect port"_s));
}

void TestLoopbackReceiver::hostileThenGenuine()
{
    LoopbackReceiver r;
    r.expect(expectation());
    QVERIFY(r.listen(u"127.0.0.1"_s, 0));
    QSignalSpy finished(&r, &LoopbackReceiver::finished);
    const quint16 port = r.port();

    // A second login waiting at the same time, on its own port and state.
    LoopbackReceiver other;
    CallbackExpectation otherExpectation = expectation();
    otherExpectation.state = u"second-login-state"_s;
    other.expect(otherExpectation);
    QVERIFY(other.listen(u"127.0.0.1"_s, 0));
    QSignalSpy otherFinished(&other, &LoopbackReceiver::finished);

    // 50 slow clients that connect and never write.
    std::vector<std::unique_ptr<QTcpSocket>> silent;
    for (int i = 0; i < 50; ++i) {
        silent.push_back(std::make_unique<QTcpSocket>());
        silent.back()->connectToHost(QHostAddress::LocalHost, port);
    }
    // 200 clients at once that send garbage: none of them ends the login.
    std::vector<std::unique_ptr<QTcpSocket>> garbage;
    std::vector<QByteArray> answers(200);
    for (int i = 0; i < 200; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        QTcpSocket *raw = socket.get();
        connect(raw, &QTcpSocket::connected, raw, [raw, i] {
            raw->write(QByteArrayLiteral("\x16\x03\x01") + QByteArray::number(i) + QByteArrayLiteral("\x00\xff junk\r\n\r\n"));
        });
        connect(raw, &QTcpSocket::readyRead, raw, [raw, &answers, i] { answers[i] += raw->readAll(); });
        raw->connectToHost(QHostAddress::LocalHost, port);
        garbage.push_back(std::move(socket));
    }
    // Each is answered 400, or dropped unanswered when the connection cap
    // makes room; nothing else.
    auto settled = [&] {
        for (size_t i = 0; i < garbage.size(); ++i) {
            if (rawStatus(answers[i]) != 400 && garbage[i]->state() != QAbstractSocket::UnconnectedState)
                return false;
        }
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(settled(), 15000);
    const auto answered = std::count_if(answers.begin(), answers.end(), [](const QByteArray &a) { return rawStatus(a) == 400; });
    QVERIFY(std::all_of(answers.begin(), answers.end(), [](const QByteArray &a) { return a.isEmpty() || rawStatus(a) == 400; }));
    QVERIFY2(answered >= 100, qPrintable(QString::number(answered)));
    qInfo("%lld of 200 garbage clients answered 400, the rest dropped by the connection cap", qint64(answered));
    QCOMPARE(finished.count(), 0);
    QCOMPARE(rawStatus(rawExchange(port, "\x16\x03\x01garbage\r\n\r\n")), 400);
    QCOMPARE(rawStatus(rawExchange(port, "GET /callback?" + QByteArray(20000, 'a') + " HTTP/1.1\r\n\r\n")), 431);
    QCOMPARE(rawStatus(rawExchange(port, get("/favicon.ico"))), 404);
    QCOMPARE(rawStatus(rawExchange(port, "POST /callback?code=x&state=the-state HTTP/1.1\r\nContent-Length: 0\r\n\r\n")), 405);
    QCOMPARE(rawStatus(rawExchange(port, "POST /callback HTTP/1.1\r\nContent-Length: 10\r\n\r\ncode=x&sta")), 413);
    const QByteArray wrongState = rawExchange(port, get("/callback?code=evil&state=attacker"));
    QCOMPARE(rawStatus(wrongState), 400);
    QVERIFY(wrongState.contains("still waiting"));
    // The second login's state is no good here, nor this login's there.
    QCOMPARE(rawStatus(rawExchange(port, get("/callback?code=crossed&state=second-login-state"))), 400);
    QCOMPARE(rawStatus(rawExchange(other.port(), get("/callback?code=crossed&state=the-state"))), 400);
    QCOMPARE(rawStatus(rawExchange(port, get("/callback?code=a&code=b&state=the-state"))), 400);
    QCOMPARE(finished.count(), 0);
    QCOMPARE(otherFinished.count(), 0);
    QVERIFY(r.rejectedCount() >= 4);
    QVERIFY(r.lastRejection().contains(u"twice"_s));

    const QByteArray ok = rawExchange(port, get("/callback?code=good&state=the-state"));
    QCOMPARE(rawStatus(ok), 200);
    QVERIFY(ok.contains("Signed in"));
    QVERIFY(ok.contains("Content-Security-Policy"));
    QTRY_COMPARE(finished.count(), 1);
    const auto cb = finished.first().at(0).value<AuthorizationCallback>();
    QCOMPARE(cb.code, u"good"_s);
    QCOMPARE(otherFinished.count(), 0);

    // One callback only: afterwards the port no longer accepts connections.
    QTcpSocket late;
    late.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(!late.waitForConnected(1000) || rawStatus(rawExchange(port, get("/callback?code=again&state=the-state"))) != 200);
    QTest::qWait(100);
    QCOMPARE(finished.count(), 1);
}

void TestLoopbackReceiver::providerErrorEndsLogin()
{
    LoopbackReceiver r;
    r.expect(expectation());
    QVERIFY(r.listen(u"127.0.0.1"_s, 0));
    QSignalSpy finished(&r, &LoopbackReceiver::finished);
    const QByteArray page = rawExchange(r.port(), get("/callback?error=access_denied&error_description=The%20user%20denied%20access.&state=the-state"));
    QCOMPARE(rawStatus(page), 200);
    QVERIFY(page.contains("The user denied access."));
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.first().at(0).value<AuthorizationCallback>().outcome, AuthorizationCallback::Outcome::ProviderError);
}

void TestLoopbackReceiver::ipv6()
{
    LoopbackReceiver r;
    r.expect(expectation());
    if (!r.listen(u"::1"_s, 0))
        QSKIP("This machine has no IPv6 loopback; TokenLab reports that as a listen error (tested above).");
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHostIPv6, r.port());
    QVERIFY(s.waitForConnected(2000));
}

QTEST_GUILESS_MAIN(TestLoopbackReceiver)
#include "tst_loopbackreceiver.moc"
