// SPDX-License-Identifier: MIT
// What TokenLab does when the network or a server misbehaves, end to end:
//
// - the token endpoint during a real login and during a refresh, and the
//   API through the API client, each against the same matrix of faults:
//   connection refused, reset part-way through the body, closed before
//   answering, never answering, HTTP 500 with an HTML page, invalid JSON,
//   a token answer without access_token, and one whose token_type is not
//   Bearer. Each ends exactly once, in one sentence that names the fault,
//   and the tokens stored before are still there, whole;
// - a full login whose loopback port is flooded while it waits (garbage,
//   silent clients, an oversized head, a wrong state, a second login's
//   state): the login still completes, and the token endpoint sees one
//   request only, carrying the genuine code and this login's verifier.
//
// The provider here is a small fake on 127.0.0.1 so the test controls the
// code it issues and sees every request the token endpoint gets.
#include "api/apiclient.h"
#include "oauth/discoveryclient.h"
#include "support/flowhelpers.h"
#include "http/formencoding.h"
#include "http/localhttpserver.h"
#include "session/loginflow.h"
#include "oauth/pkce.h"
#include "support/testbrowser.h"
#include "support/testhttp.h"
#include "session/session.h"
#include "storage/tokenstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <sys/socket.h>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

enum class Fault {
    None,              // a good token answer
    Refused,           // nothing listens
    ResetMidBody,      // status line, headers and half the body, then RST
    ClosedBeforeAnswer,
    NeverAnswers,
    Html500,
    InvalidJson,
    NoAccessToken,
    NotBearer,
};
Q_DECLARE_METATYPE(Fault)

namespace {

// One raw HTTP server that answers every request with the same fault and
// keeps every request it read, for the token endpoint and the API alike.
class FaultServer : public QObject
{
public:
    explicit FaultServer(Fault fault) : m_fault(fault)
    {
        QVERIFY(m_server.listen(QHostAddress::LocalHost));
        m_port = m_server.serverPort();
        if (fault == Fault::Refused) {
            m_server.close(); // the port stays known, nothing answers on it
            return;
        }
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                s->setParent(this);
                connect(s, &QTcpSocket::readyRead, this, [this, s] { onBytes(s); });
            }
        });
    }

    QUrl url(const QString &path) const { return QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(path)); }
    QList<QByteArray> requests() const { return m_requests; }
    QString accessToken() const { return m_accessToken; }

private:
    void onBytes(QTcpSocket *s)
    {
        QByteArray &buffer = m_buffers[s];
        buffer += s->readAll();
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        qsizetype length = 0;
        for (const QByteArray &line : buffer.left(headEnd).split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (buffer.size() < headEnd + 4 + length)
            return;
        m_requests << buffer.left(headEnd + 4 + length);
        buffer.remove(0, headEnd + 4 + length);
        answer(s);
    }

    void answer(QTcpSocket *s)
    {
        auto send = [s](int status, const QByteArray &type, const QByteArray &body) {
            s->write("HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: " + type
                     + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
            s->disconnectFromHost();
        };
        m_accessToken = u"at-"_s + QString::number(QRandomGenerator::global()->generate64(), 36);
        const QByteArray good = QJsonDocument(QJsonObject{{u"access_token"_s, m_accessToken},
                                                          {u"refresh_token"_s, u"rt-new"_s},
                                                          {u"token_type"_s, u"Bearer"_s},
                                                          {u"expires_in"_s, 3600}}).toJson(QJsonDocument::Compact);
        switch (m_fault) {
        case Fault::None:
            return send(200, "application/json", good);
        case Fault::Refused:
            return;
        case Fault::ResetMidBody: {
            s->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                     + QByteArray::number(good.size()) + "\r\n\r\n" + good.left(good.size() / 2));
            s->flush();
            // SO_LINGER with a zero timeout turns the close into a TCP reset.
            QTimer::singleShot(50, s, [s] {
                const linger reset{1, 0};
                ::setsockopt(int(s->socketDescriptor()), SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
                s->abort();
            });
            return;
        }
        case Fault::ClosedBeforeAnswer:
            return s->abort();
        case Fault::NeverAnswers:
            return; // reads the request, keeps the connection, says nothing
        case Fault::Html500:
            return send(500, "text/html", "<!doctype html><html><body><h1>Internal Server Error</h1><p>upstream timed out</p></body></html>");
        case Fault::InvalidJson:
            return send(200, "application/json", "{\"access_token\": \"abc\", \"token_type\": Bearer,");
        case Fault::NoAccessToken:
            return send(200, "application/json", R"({"token_type":"Bearer","expires_in":3600,"scope":"read:messages"})");
        case Fault::NotBearer:
            return send(200, "application/json", R"({"access_token":"abc","token_type":"MAC","expires_in":3600,"mac_key":"k"})");
        }
    }

    Fault m_fault;
    QTcpServer m_server;
    quint16 m_port = 0;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<QByteArray> m_requests;
    QString m_accessToken;
};

// The authorization server side of a login: discovery that names the
// token endpoint under test, and an /authorize that approves at once with
// a fresh code per request, remembering the PKCE challenge it was given.
class FakeProvider
{
public:
    explicit FakeProvider(const QUrl &tokenEndpoint)
        : m_tokenEndpoint(tokenEndpoint), m_http([this](const HttpRequest &r) { return handle(r); })
    {
        QVERIFY(m_http.listen(QHostAddress::LocalHost));
    }

    QUrl issuer() const { return QUrl(u"http://127.0.0.1:%1/"_s.arg(m_http.port())); }
    // code -> the code_challenge of the authorization request that got it
    QHash<QString, QString> issuedCodes() const { return m_codes; }

    Profile profile(const QString &name) const
    {
        Profile p;
        p.name = name;
        p.issuer = issuer();
        p.clientId = u"tokenlab-faults"_s;
        p.scope = u"profile read:messages offline_access"_s; // no openid: no id_token to sign
        return p;
    }

private:
    HttpResponse handle(const HttpRequest &r)
    {
        const QString base = issuer().toString();
        if (r.path == "/.well-known/openid-configuration") {
            return HttpResponse::json(200, QJsonDocument(QJsonObject{
                    {u"issuer"_s, base},
                    {u"authorization_endpoint"_s, QString(base + u"authorize"_s)},
                    {u"token_endpoint"_s, m_tokenEndpoint.toString()},
                    {u"jwks_uri"_s, QString(base + u"jwks"_s)},
                    {u"response_types_supported"_s, QJsonArray{u"code"_s}},
                    {u"subject_types_supported"_s, QJsonArray{u"public"_s}},
                    {u"id_token_signing_alg_values_supported"_s, QJsonArray{u"RS256"_s}},
                    {u"code_challenge_methods_supported"_s, QJsonArray{u"S256"_s}},
                    {u"authorization_response_iss_parameter_supported"_s, true},
            }).toJson());
        }
        if (r.path == "/jwks")
            return HttpResponse::json(200, R"({"keys":[]})");
        if (r.path == "/authorize") {
            const auto q = FormData::parse(r.query);
            const QString code = u"genuine-"_s + QString::number(QRandomGenerator::global()->generate64(), 36);
            m_codes.insert(code, q->value(u"code_challenge"_s));
            QUrl back(q->value(u"redirect_uri"_s));
            FormData answer;
            answer.add(u"code"_s, code);
            answer.add(u"state"_s, q->value(u"state"_s));
            answer.add(u"iss"_s, base);
            back.setQuery(QString::fromLatin1(answer.encode()));
            return HttpResponse::redirect(back);
        }
        return HttpResponse::text(404, "not here");
    }

    QUrl m_tokenEndpoint;
    LocalHttpServer m_http;
    QHash<QString, QString> m_codes;
};

TokenSet oldTokens()
{
    static const QDateTime obtained = QDateTime::currentDateTimeUtc().addSecs(-600);
    TokenSet t;
    t.accessToken = u"old-access-token"_s;
    t.refreshToken = u"old-refresh-token"_s;
    t.tokenType = u"Bearer"_s;
    t.grantedScope = u"profile read:messages offline_access"_s;
    t.obtainedAt = obtained;
    t.expiresAt = obtained.addSecs(3600);
    return t;
}

void storeOldTokens(TokenStore &store, const QString &profile)
{
    QCOMPARE(awaitStore(store.save(profile, oldTokens()), 2000).error, TokenStoreError::None);
}

// One sentence: words a user reads, no markup, no line breaks, and a full stop or question mark.
bool isOneSentence(const QString &text)
{
    return !text.isEmpty() && !text.contains(u'\n') && !text.contains(u'<') && (text.endsWith(u'.') || text.endsWith(u'?'));
}

bool isWhole(const std::optional<TokenSet> &kept)
{
    const TokenSet old = oldTokens();
    return kept && kept->accessToken == old.accessToken && kept->refreshToken == old.refreshToken
            && kept->expiresAt.toSecsSinceEpoch() == old.expiresAt.toSecsSinceEpoch();
}

// A fake provider whose token endpoint has the fault under test, and a
// store that already holds tokens for the "faults" profile.
struct Rig
{
    explicit Rig(Fault fault)
        : tokenEndpoint(fault), provider(tokenEndpoint.url(u"/oauth/token"_s)), discovery(&network)
    {
        storeOldTokens(store, u"faults"_s);
    }
    FaultServer tokenEndpoint;
    FakeProvider provider;
    QNetworkAccessManager network;
    DiscoveryClient discovery;
    MemoryTokenStore store;
};

} // namespace

class TestFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tokenEndpointFaults_data();
    void loginAgainstFaultyTokenEndpoint_data() { tokenEndpointFaults_data(); }
    void loginAgainstFaultyTokenEndpoint();
    void refreshAgainstFaultyTokenEndpoint_data() { tokenEndpointFaults_data(); }
    void refreshAgainstFaultyTokenEndpoint();
    void apiFaults_data();
    void apiFaults();
    void hostileLoopbackDuringFullLogin();
};

void TestFaults::tokenEndpointFaults_data()
{
    QTest::addColumn<Fault>("fault");
    QTest::addColumn<QString>("says");

    QTest::newRow("connection-refused") << Fault::Refused << u"was refused; is the server running?"_s;
    QTest::newRow("reset-mid-body") << Fault::ResetMidBody << u"answer broke off"_s;
    QTest::newRow("closed-before-answer") << Fault::ClosedBeforeAnswer << u"closed the connection before answering"_s;
    QTest::newRow("never-answers") << Fault::NeverAnswers << u"did not answer in time"_s;
    QTest::newRow("http-500-html") << Fault::Html500 << u"answered HTTP 500 without an OAuth error"_s;
    QTest::newRow("invalid-json") << Fault::InvalidJson << u"not with a JSON object"_s;
    QTest::newRow("no-access-token") << Fault::NoAccessToken << u"answer has no access_token"_s;
    QTest::newRow("token-type-not-bearer") << Fault::NotBearer << u"of type \"MAC\"; TokenLab can use Bearer and DPoP tokens"_s;
}

void TestFaults::loginAgainstFaultyTokenEndpoint()
{
    QFETCH(Fault, fault);
    QFETCH(QString, says);
    Rig rig(fault);
    LoginFlow flow(&rig.network, &rig.discovery, &rig.store, systemClock());
    TestBrowser browser;
    connect(&flow, &LoginFlow::openBrowserRequested, &browser, &TestBrowser::open);
    QSignalSpy finished(&flow, &LoginFlow::finished);
    LoginFlow::Options options;
    options.tokenTimeout = 1500ms;
    flow.start(rig.provider.profile(u"faults"_s), options);

    QVERIFY(finished.wait(15000));
    const auto r = finished.first().at(0).value<LoginResult>();
    QVERIFY(!r.ok);
    qInfo("%s", qPrintable(r.error));
    QVERIFY2(r.error.contains(says), qPrintable(r.error));
    QVERIFY2(isOneSentence(r.error), qPrintable(r.error));
    QVERIFY(r.tokens.isEmpty());
    QCOMPARE(flow.state(), LoginFlow::State::Failed);
    QCOMPARE(rig.provider.issuedCodes().size(), 1); // it did get as far as the token endpoint
    QVERIFY(isWhole(storedTokens(rig.store, u"faults"_s)));
    QTest::qWait(200);
    QCOMPARE(finished.count(), 1);
}

void TestFaults::refreshAgainstFaultyTokenEndpoint()
{
    QFETCH(Fault, fault);
    QFETCH(QString, says);
    Rig rig(fault);
    SessionServices services{&rig.network, &rig.discovery, &rig.store, systemClock()};
    services.tokenTimeout = 1500ms;
    Session session(rig.provider.profile(u"faults"_s), services);
    session.setAutoRefresh(false);
    session.signedIn(oldTokens());
    QSignalSpy refreshed(&session, &Session::refreshed);
    QSignalSpy done(session.refresh(), &SessionJob::finished);

    QVERIFY(done.wait(15000));
    const auto r = done.first().at(0).value<SessionResult>();
    QVERIFY(!r.ok());
    QVERIFY(r.error != SessionError::Ended); // a fault is not the issuer ending the session
    QVERIFY2(r.sentence.contains(says), qPrintable(r.sentence));
    QVERIFY2(isOneSentence(r.sentence), qPrintable(r.sentence));
    QVERIFY(isWhole(session.tokens()));
    QVERIFY(isWhole(storedTokens(rig.store, u"faults"_s)));
    QVERIFY(session.canRefresh()); // the user can try again
    QCOMPARE(session.tokens()->accessToken, oldTokens().accessToken);
    if (fault != Fault::Refused) {
        // Qt's HTTP stack sends a request once more when the connection
        // closes before any answer; never more, and never another token.
        const QList<QByteArray> requests = rig.tokenEndpoint.requests();
        QVERIFY(requests.size() == 1 || (fault == Fault::ClosedBeforeAnswer && requests.size() == 2));
        for (const QByteArray &request : requests)
            QVERIFY(request.endsWith("refresh_token=old-refresh-token&client_id=tokenlab-faults"));
    }
    QTest::qWait(200);
    QCOMPARE(refreshed.count(), 1);
}

void TestFaults::apiFaults_data()
{
    QTest::addColumn<Fault>("fault");
    QTest::addColumn<int>("outcome");
    QTest::addColumn<QString>("says");

    const int transport = int(ApiOutcome::TransportError);
    QTest::newRow("connection-refused") << Fault::Refused << transport << u"refused; is the server running?"_s;
    QTest::newRow("reset-mid-body") << Fault::ResetMidBody << transport << u"HTTP 200 arrived, but the answer broke off after"_s;
    QTest::newRow("closed-before-answer") << Fault::ClosedBeforeAnswer << transport << u"closed the connection before answering"_s;
    QTest::newRow("never-answers") << Fault::NeverAnswers << transport << u"did not answer in time"_s;
    QTest::newRow("http-500-html") << Fault::Html500 << int(ApiOutcome::HttpError) << u"on the server's side"_s;
    // An API may answer anything with a 200: shown as it came, not judged.
    QTest::newRow("invalid-json") << Fault::InvalidJson << int(ApiOutcome::Success) << QString();
}

void TestFaults::apiFaults()
{
    QFETCH(Fault, fault);
    QFETCH(int, outcome);
    QFETCH(QString, says);
    FaultServer api(fault);
    QNetworkAccessManager network;
    ApiClient client(&network, systemClock());
    client.setCredentials(api.url(u"/"_s), oldTokens());
    ApiRequest request;
    request.url = api.url(u"/api/private"_s);
    request.timeout = 1500ms;
    ApiCall *call = client.send(request);
    QSignalSpy finished(call, &ApiCall::finished);
    QVERIFY(finished.wait(15000));
    const auto x = finished.first().at(0).value<ApiExchange>();
    QCOMPARE(int(x.outcome), outcome);
    qInfo("%s", qPrintable(x.explanation.english()));
    if (says.isEmpty()) {
        QVERIFY(x.explanation.english().isEmpty());
        QVERIFY(x.body.startsWith("{\"access_token\""));
    } else {
        QVERIFY2(x.explanation.english().contains(says), qPrintable(x.explanation.english()));
        QVERIFY2(isOneSentence(x.explanation.english().section(u". "_s, -1)), qPrintable(x.explanation.english()));
        QVERIFY(!x.explanation.english().contains(u'<'));
    }
    if (fault != Fault::Refused)
        QVERIFY(api.requests().value(0).contains("Authorization: Bearer old-access-token"));
}

void TestFaults::hostileLoopbackDuringFullLogin()
{
    Rig rig(Fault::None);
    FaultServer &tokenEndpoint = rig.tokenEndpoint;
    FakeProvider &provider = rig.provider;
    LoginFlow flow(&rig.network, &rig.discovery, &rig.store, systemClock());
    QSignalSpy opened(&flow, &LoginFlow::openBrowserRequested);
    QSignalSpy finished(&flow, &LoginFlow::finished);
    flow.start(provider.profile(u"first"_s));
    QVERIFY(opened.wait(10000));
    const QUrl authorizeUrl = opened.first().at(0).toUrl();
    const quint16 port = redirectPort(authorizeUrl);

    // A second login waiting at the same time, in its own flow: its state must not work here.
    MemoryTokenStore otherStore;
    LoginFlow other(&rig.network, &rig.discovery, &otherStore, systemClock());
    QSignalSpy otherOpened(&other, &LoginFlow::openBrowserRequested);
    other.start(provider.profile(u"second"_s));
    QVERIFY(otherOpened.wait(10000));
    const QByteArray otherState = authorizeParam(otherOpened.first().at(0).toUrl(), u"state"_s).toLatin1();

    std::vector<std::unique_ptr<QTcpSocket>> silent;
    for (int i = 0; i < 50; ++i) {
        silent.push_back(std::make_unique<QTcpSocket>());
        silent.back()->connectToHost(QHostAddress::LocalHost, port);
    }
    std::vector<std::unique_ptr<QTcpSocket>> garbage;
    for (int i = 0; i < 200; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        QTcpSocket *raw = socket.get();
        connect(raw, &QTcpSocket::connected, raw, [raw, i] {
            raw->write("GET /callback?code=hostile-garbage-" + QByteArray::number(i) + "&state=\x01\xff junk\r\n\r\n");
        });
        raw->connectToHost(QHostAddress::LocalHost, port);
        garbage.push_back(std::move(socket));
    }
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(garbage.begin(), garbage.end(), [](const auto &s) {
                                 return s->state() == QAbstractSocket::UnconnectedState || s->bytesAvailable() > 0;
                             }), 15000);
    auto get = [](const QByteArray &target) -> QByteArray { return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"; };
    QCOMPARE(rawStatus(rawExchange(port, "GET /callback?code=hostile-oversized&state=x HTTP/1.1\r\nX-Pad: "
                                                 + QByteArray(20000, 'a') + "\r\n\r\n")), 431);
    QCOMPARE(rawStatus(rawExchange(port, get("/callback?code=hostile-wrong-state&state=guessed"))), 400);
    QCOMPARE(rawStatus(rawExchange(port, get("/callback?code=hostile-second-login&state=" + otherState))), 400);
    QCOMPARE(rawStatus(rawExchange(port, get("/callback?code=hostile-no-state"))), 400);
    QCOMPARE(finished.count(), 0);
    QCOMPARE(flow.state(), LoginFlow::State::WaitingForBrowser);
    QVERIFY(tokenEndpoint.requests().isEmpty());

    // The user's browser comes back with the genuine code.
    TestBrowser browser;
    browser.open(authorizeUrl);
    QVERIFY(finished.wait(15000));
    const auto r = finished.first().at(0).value<LoginResult>();
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.tokens.accessToken, tokenEndpoint.accessToken());
    QCOMPARE(storedTokens(rig.store, u"first"_s)->accessToken, tokenEndpoint.accessToken());

    // The token endpoint saw exactly one request: this login's genuine code and verifier.
    const QList<QByteArray> requests = tokenEndpoint.requests();
    QCOMPARE(requests.size(), 1);
    QVERIFY(!requests.first().contains("hostile"));
    const auto form = FormData::parse(requests.first().mid(requests.first().indexOf("\r\n\r\n") + 4));
    QVERIFY(form);
    const QString code = form->value(u"code"_s);
    QVERIFY(provider.issuedCodes().contains(code));
    QCOMPARE(Pkce::challengeS256(form->value(u"code_verifier"_s).toLatin1()), provider.issuedCodes().value(code).toLatin1());
    QCOMPARE(provider.issuedCodes().value(code), authorizeParam(authorizeUrl, u"code_challenge"_s));

    // The second login is still waiting, untouched; it ends when cancelled.
    QCOMPARE(other.state(), LoginFlow::State::WaitingForBrowser);
    other.cancel();
    QCOMPARE(other.state(), LoginFlow::State::Cancelled);
    QVERIFY(!storedTokens(otherStore, u"second"_s).value_or(TokenSet()).accessToken.size());
}

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
