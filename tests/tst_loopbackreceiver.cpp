// The loopback receiver against what can reach a local port while a login
// waits: garbage, oversized requests, silent clients, other paths, the wrong
// method and a wrong state. None of them ends the login; the genuine
// callback still does, exactly once, and then the port closes.
#include "loopbackreceiver.h"
#include "testhttp.h"

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

    // Silent clients that connect and never write.
    std::vector<std::unique_ptr<QTcpSocket>> silent;
    for (int i = 0; i < 20; ++i) {
        silent.push_back(std::make_unique<QTcpSocket>());
        silent.back()->connectToHost(QHostAddress::LocalHost, port);
    }
    QCOMPARE(rawStatus(rawExchange(port, "\x16\x03\x01garbage\r\n\r\n")), 400);
    QCOMPARE(rawStatus(rawExchange(port, "GET /callback?" + QByteArray(20000, 'a') + " HTTP/1.1\r\n\r\n")), 431);
    QCOMPARE(rawStatus(rawExchange(port, get("/favicon.ico"))), 404);
    QCOMPARE(rawStatus(rawExchange(port, "POST /callback?code=x&state=the-state HTTP/1.1\r\nContent-Length: 0\r\n\r\n")), 405);
    QCOMPARE(rawStatus(rawExchange(port, "POST /callback HTTP/1.1\r\nContent-Length: 10\r\n\r\ncode=x&sta")), 413);
    const QByteArray wrongState = rawExchange(port, get("/callback?code=evil&state=attacker"));
    QCOMPARE(rawStatus(wrongState), 400);
    QVERIFY(wrongState.contains("still waiting"));
    QCOMPARE(rawStatus(rawExchange(port, get("/callback?code=a&code=b&state=the-state"))), 400);
    QCOMPARE(finished.count(), 0);
    QVERIFY(r.rejectedCount() >= 4);
    QVERIFY(r.lastRejection().contains(u"twice"_s));

    const QByteArray ok = rawExchange(port, get("/callback?code=good&state=the-state"));
    QCOMPARE(rawStatus(ok), 200);
    QVERIFY(ok.contains("Signed in"));
    QVERIFY(ok.contains("Content-Security-Policy"));
    QTRY_COMPARE(finished.count(), 1);
    const auto cb = finished.first().at(0).value<AuthorizationCallback>();
    QCOMPARE(cb.code, u"good"_s);

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
