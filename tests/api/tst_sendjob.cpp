// SPDX-License-Identifier: MIT
// SendJob ends in exactly one finished(), never inside start(), on every
// path: no session, a placeholder that cannot be filled (nothing goes out),
// {{token}} with no token, and a real call to 127.0.0.1 with its
// placeholders filled in and the token only where it was asked for.
#include "api/sendjob.h"
#include "http/localhttpserver.h"
#include "oauth/discoveryclient.h"
#include "session/sessionregistry.h"
#include "storage/tokenstore.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

class TestSendJob : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void noSession();
    void unknownVariableSendsNothing();
    void tokenPlaceholderWithoutToken();
    void realCall();

private:
    struct Setup
    {
        QNetworkAccessManager network;
        DiscoveryClient discovery{&network};
        MemoryTokenStore tokens;
        SessionRegistry sessions{SessionServices{&network, &discovery, &tokens, systemClock()}};
    };
    std::unique_ptr<Setup> m_setup;
    std::unique_ptr<LocalHttpServer> m_server;
    int m_requests = 0;
    HttpRequest m_last;
    Session *session();
    SendJob *run(SendJob *job);
};

void TestSendJob::init()
{
    m_setup = std::make_unique<Setup>();
    m_requests = 0;
    m_server = std::make_unique<LocalHttpServer>([this](const HttpRequest &r) {
        ++m_requests;
        m_last = r;
        return HttpResponse::json(200, "{}");
    });
    QVERIFY(m_server->listen(QHostAddress::LocalHost));
}

Session *TestSendJob::session()
{
    Profile p;
    p.name = u"p"_s;
    p.issuer = QUrl(u"http://127.0.0.1:1/"_s);
    p.clientId = u"c"_s;
    p.apiBase = QUrl(u"http://127.0.0.1:%1/api"_s.arg(m_server->port()));
    return m_setup->sessions.session(p);
}

SendJob *TestSendJob::run(SendJob *job)
{
    QSignalSpy done(job, &SendJob::finished);
    job->start();
    if (done.count() != 0)
        qFatal("finished inside start()");
    if (!done.wait(10000))
        qFatal("no finished()");
    QTest::qWait(50);
    if (done.count() != 1)
        qFatal("finished() more than once");
    return job;
}

void TestSendJob::noSession()
{
    SendJob job(&m_setup->network, nullptr);
    job.setRequest(ApiRequest{});
    run(&job);
    QVERIFY(!job.sent());
    QVERIFY(job.problem().contains(u"select one"_s));
}

void TestSendJob::unknownVariableSendsNothing()
{
    SendJob job(&m_setup->network, session());
    SavedRequest r;
    r.url = u"/users/{{who}}"_s;
    job.setDraft(r, {}, {}, QString());
    run(&job);
    QVERIFY(!job.sent());
    QVERIFY2(job.problem().contains(u"{{who}} is not defined"_s), qPrintable(job.problem()));
    QCOMPARE(m_requests, 0);
}

void TestSendJob::tokenPlaceholderWithoutToken()
{
    SendJob job(&m_setup->network, session());
    SavedRequest r;
    r.url = u"/x?t={{token}}"_s;
    job.setDraft(r, {}, {}, QString());
    run(&job);
    QVERIFY(!job.sent());
    QVERIFY2(job.problem().contains(u"no access token"_s), qPrintable(job.problem()));
    QCOMPARE(m_requests, 0);
}

void TestSendJob::realCall()
{
    SendJob job(&m_setup->network, session());
    SavedRequest r;
    r.method = u"POST"_s;
    r.url = u"{{base}}/users/{{who}}"_s;
    r.bodyType = SavedRequest::BodyType::Form;
    r.form = {{u"name"_s, u"{{who}}"_s}};
    r.withToken = false;
    RequestVariables v;
    v.set(u"who"_s, u"alice"_s);
    job.setDraft(r, v, {}, QString());
    run(&job);
    QVERIFY2(job.sent(), qPrintable(job.problem()));
    QCOMPARE(job.exchange().status, 200);
    QCOMPARE(m_last.target, QByteArray("/api/users/alice"));
    QCOMPARE(m_last.body, QByteArray("name=alice"));
    QVERIFY(m_last.header("authorization").isEmpty());
}

QTEST_GUILESS_MAIN(TestSendJob)
#include "tst_sendjob.moc"
