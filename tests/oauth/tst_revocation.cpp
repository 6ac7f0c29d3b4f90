// SPDX-License-Identifier: MIT
// Refresh token revocation (RFC 7009) through TokenEndpointClient, over real
// HTTP on 127.0.0.1: what a public client sends (client_id in the form,
// token_type_hint=refresh_token), and what each answer becomes: 200 is
// revoked (also for a token the server did not know, RFC 7009 2.2), a
// refusal names its OAuth error, 503 may be retried (2.2.1), and a refused
// connection, an oversized answer, a redirect and a server that never
// answers are failures with a sentence. Exactly one finished() each time.
#include "http/formencoding.h"
#include "http/localhttpserver.h"
#include "oauth/tokenendpointclient.h"

#include <QNetworkAccessManager>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

enum class Peer { Answers, Refused, NeverAnswers };
Q_DECLARE_METATYPE(Peer)

class TestRevocation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void answers_data();
    void answers();
    void publicClientForm();
    void confidentialClientUsesBasic();

private:
    void revoke(const QUrl &endpoint, const ClientCredentials &client, std::chrono::milliseconds timeout, RevocationResult *result);
};

void TestRevocation::revoke(const QUrl &endpoint, const ClientCredentials &client, std::chrono::milliseconds timeout,
                            RevocationResult *result)
{
    QNetworkAccessManager network;
    TokenEndpointClient endpoints(&network, systemClock());
    endpoints.setTimeout(timeout);
    QPointer<RevocationJob> job = endpoints.revoke(endpoint, client, u"rt-secret"_s);
    QSignalSpy finished(job.data(), &RevocationJob::finished);
    QVERIFY(finished.wait(30000));
    QTRY_VERIFY(job.isNull()); // it deletes itself after its finished()
    QCOMPARE(finished.size(), 1);
    *result = finished.first().at(0).value<RevocationResult>();
}

void TestRevocation::answers_data()
{
    QTest::addColumn<Peer>("peer");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<bool>("revoked");
    QTest::addColumn<bool>("mayRetry");
    QTest::addColumn<QString>("errorCode");
    QTest::addColumn<QString>("error");   // a part of the sentence; empty when revoked

    const QByteArray huge(2 * 1024 * 1024, 'x');
    QTest::newRow("200") << Peer::Answers << 200 << QByteArray() << QByteArray() << true << false << QString() << QString();
    QTest::newRow("200-body-ignored") << Peer::Answers << 200 << QByteArray("<html>ok</html>") << QByteArray() << true << false << QString() << QString();
    QTest::newRow("400-unsupported-token-type") << Peer::Answers << 400 << QByteArray(R"({"error":"unsupported_token_type"})") << QByteArray()
                                                << false << false << u"unsupported_token_type"_s << u"does not revoke refresh tokens"_s;
    QTest::newRow("400-invalid-request") << Peer::Answers << 400
                                         << QByteArray(R"({"error":"invalid_request","error_description":"token is missing"})") << QByteArray()
                                         << false << false << u"invalid_request"_s << u"refused the request: token is missing (invalid_request)."_s;
    QTest::newRow("401-invalid-client") << Peer::Answers << 401 << QByteArray(R"({"error":"invalid_client"})") << QByteArray() << false << false
                                        << u"invalid_client"_s << u"refused the request: invalid_client."_s;
    QTest::newRow("500-html") << Peer::Answers << 500 << QByteArray("<html>oops</html>") << QByteArray() << false << false << QString()
                              << u"HTTP 500 without an OAuth error"_s;
    QTest::newRow("503") << Peer::Answers << 503 << QByteArray() << QByteArray() << false << true << QString() << u"unavailable for now (HTTP 503)"_s;
    QTest::newRow("503-retry-after") << Peer::Answers << 503 << QByteArray() << QByteArray("120") << false << true << QString()
                                     << u"asks to be tried again after 120"_s;
    QTest::newRow("302") << Peer::Answers << 302 << QByteArray() << QByteArray() << false << false << QString()
                         << u"redirect (HTTP 302); TokenLab does not send tokens on"_s;
    QTest::newRow("connection-refused") << Peer::Refused << 0 << QByteArray() << QByteArray() << false << false << QString()
                                        << u"No answer from the revocation endpoint: the connection to 127.0.0.1 was refused"_s;
    QTest::newRow("oversized-answer") << Peer::Answers << 200 << huge << QByteArray() << false << false << QString() << u"larger than 1048576 bytes"_s;
    QTest::newRow("oversized-error") << Peer::Answers << 400 << huge << QByteArray() << false << false << QString() << u"larger than 1048576 bytes"_s;
    QTest::newRow("timeout") << Peer::NeverAnswers << 0 << QByteArray() << QByteArray() << false << false << QString()
                             << u"No answer from the revocation endpoint: 127.0.0.1 did not answer in time."_s;
}

void TestRevocation::answers()
{
    QFETCH(Peer, peer);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, retryAfter);
    QFETCH(bool, revoked);
    QFETCH(bool, mayRetry);
    QFETCH(QString, errorCode);
    QFETCH(QString, error);

    LocalHttpServer server([&](const HttpRequest &) {
        HttpResponse r;
        r.status = status;
        r.body = body;
        r.setHeader("Content-Type", body.startsWith('{') ? "application/json" : "text/html");
        if (!retryAfter.isEmpty())
            r.setHeader("Retry-After", retryAfter);
        if (status == 302)
            r.setHeader("Location", "http://127.0.0.1:1/elsewhere");
        return r;
    });
    QTcpServer silent;
    QList<QTcpSocket *> held;
    quint16 port = 0;
    switch (peer) {
    case Peer::Answers:
        QVERIFY(server.listen(QHostAddress::LocalHost));
        port = server.port();
        break;
    case Peer::Refused:
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        port = silent.serverPort();
        silent.close(); // the port stays known, nothing answers on it
        break;
    case Peer::NeverAnswers:
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        port = silent.serverPort();
        connect(&silent, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket *s = silent.nextPendingConnection())
                held << s; // reads nothing, says nothing
        });
        break;
    }
    ClientCredentials client;
    client.clientId = u"tokenlab-native"_s;
    RevocationResult r;
    revoke(QUrl(u"http://127.0.0.1:%1/oauth/revoke"_s.arg(port)), client, peer == Peer::NeverAnswers ? 500ms : 10s, &r);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(r.revoked, revoked);
    QCOMPARE(r.mayRetry, mayRetry);
    QCOMPARE(r.errorCode, errorCode);
    if (error.isEmpty())
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    else
        QVERIFY2(r.error.contains(error), qPrintable(r.error));
    QVERIFY2(!r.error.contains(u"rt-secret"_s), qPrintable(r.error)); // the token is never in a sentence
}

void TestRevocation::publicClientForm()
{
    HttpRequest seen;
    int requests = 0;
    LocalHttpServer server([&](const HttpRequest &r) {
        seen = r;
        ++requests;
        return HttpResponse::json(200, "{}");
    });
    QVERIFY(server.listen(QHostAddress::LocalHost));
    ClientCredentials client;
    client.clientId = u"tokenlab native"_s;
    RevocationResult r;
    revoke(QUrl(u"http://127.0.0.1:%1/oauth/revoke"_s.arg(server.port())), client, 10s, &r);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(r.revoked);
    QCOMPARE(requests, 1);
    QCOMPARE(seen.method, QByteArray("POST"));
    QCOMPARE(seen.path, QByteArray("/oauth/revoke"));
    QCOMPARE(seen.header("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
    QVERIFY(seen.header("Authorization").isEmpty());
    const auto form = FormData::parse(seen.body);
    QVERIFY(form);
    QCOMPARE(form->value(u"token"_s), u"rt-secret"_s);
    QCOMPARE(form->value(u"token_type_hint"_s), u"refresh_token"_s);
    QCOMPARE(form->value(u"client_id"_s), u"tokenlab native"_s);
    QCOMPARE(form->firstDuplicate(), QString());
}

void TestRevocation::confidentialClientUsesBasic()
{
    HttpRequest seen;
    LocalHttpServer server([&](const HttpRequest &r) {
        seen = r;
        return HttpResponse::json(200, "{}");
    });
    QVERIFY(server.listen(QHostAddress::LocalHost));
    ClientCredentials client;
    client.method = ClientCredentials::Method::Basic;
    client.clientId = u"app"_s;
    client.secret = u"s3cret"_s;
    RevocationResult r;
    revoke(QUrl(u"http://127.0.0.1:%1/oauth/revoke"_s.arg(server.port())), client, 10s, &r);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(r.revoked);
    // RFC 6749 2.3.1, as at the token endpoint.
    QCOMPARE(seen.header("Authorization"), "Basic " + QByteArray("app:s3cret").toBase64());
    const auto form = FormData::parse(seen.body);
    QVERIFY(form);
    QVERIFY(!form->contains(u"client_id"_s));
    QVERIFY(!form->contains(u"client_secret"_s));
}

QTEST_GUILESS_MAIN(TestRevocation)
#include "tst_revocation.moc"
