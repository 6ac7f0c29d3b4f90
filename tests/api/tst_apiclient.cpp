// SPDX-License-Identifier: MIT
// ApiClient against the sandbox's API with tokens from real logins, and
// against test servers on 127.0.0.1 that record what they receive: the
// Bearer header never leaves its origin, not even through a redirect; and
// against an API that answers 401 and 403 with no WWW-Authenticate, whose
// body the explanation quotes and checks against the token's claims and
// the profile's plan.
#include "api/apiclient.h"
#include "oauth/dpopsigner.h"
#include "jose/privatekey.h"
#include "jose/dpopproof.h"
#include "http/localhttpserver.h"
#include "jose/base64url.h"
#include "storage/profile.h"
#include "support/sandboxfixture.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

class TestApiClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sandboxEndpoints_data();
    void sandboxEndpoints();
    void expiredToken();
    void explainsWithoutChallenge();
    void tokenStaysInItsOrigin();
    void qtDefaultRedirectForwardsAuthorization();
    void sameOriginRedirectKeepsToken();
    void transportErrors();
    void bodyCapAndStatuses();
    void curl();
    void dpopBoundTokenGoesWithProof();
};

namespace {

ApiExchange run(ApiClient &client, const ApiRequest &request)
{
    QSignalSpy spy(client.send(request), &ApiCall::finished);
    if (!spy.wait(15000))
        return {};
    return spy.first().at(0).value<ApiExchange>();
}

TokenSet tokenSet(const QString &access, const QString &scope, const QDateTime &expires)
{
    TokenSet t;
    t.accessToken = access;
    t.tokenType = u"Bearer"_s;
    t.grantedScope = scope;
    t.expiresAt = expires;
    return t;
}

struct Recorder
{
    HttpHeaders seen;
    int requests = 0;
};

} // namespace

void TestApiClient::sandboxEndpoints_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("token"); // "good", "narrow" (no read:messages), "tampered", "none"
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("explanation");

    QTest::newRow("public-no-token") << u"/api/public"_s << u"none"_s << 200 << QString();
    QTest::newRow("private-no-token") << u"/api/private"_s << u"none"_s << 401 << u"No token was sent"_s;
    QTest::newRow("private-good") << u"/api/private"_s << u"good"_s << 200 << QString();
    QTest::newRow("scoped-good") << u"/api/private-scoped"_s << u"good"_s << 200 << QString();
    QTest::newRow("scoped-narrow") << u"/api/private-scoped"_s << u"narrow"_s << 403
                                   << u"The token lacks the scope read:messages that this endpoint needs (403 insufficient_scope); it carries openid profile."_s;
    QTest::newRow("private-tampered") << u"/api/private"_s << u"tampered"_s << 401
                                      << u"refused the token as invalid (the API says: \"signature verification failed\")"_s;
}

void TestApiClient::sandboxEndpoints()
{
    QFETCH(QString, path);
    QFETCH(QString, token);
    QFETCH(int, status);
    QFETCH(QString, explanation);
    const bool narrow = token == u"narrow";
    SandboxFixture sandbox(AutoApprove{u"alice"_s, narrow ? std::optional<QStringList>(QStringList{u"openid"_s, u"profile"_s}) : std::nullopt});
    QVERIFY(sandbox.started());
    QNetworkAccessManager network;
    ApiClient client(&network, sandbox.clock().clock());
    const auto login = sandbox.login(u"openid profile read:messages"_s);
    QString access = login.tokens.value(u"access_token").toString();
    if (token == u"tampered")
        access = access.left(access.lastIndexOf(u'.') + 1) + u"AAAA"_s + access.mid(access.lastIndexOf(u'.') + 5);
    client.setCredentials(sandbox.tenant().apiBaseUrl(),
                          tokenSet(access, login.tokens.value(u"scope").toString(), sandbox.clock().now().addSecs(3600)));
    ApiRequest request;
    request.url = sandbox.api(path);
    request.withToken = token != u"none";
    const ApiExchange x = run(client, request);
    QCOMPARE(x.status, status);
    QCOMPARE(x.tokenSent, token != u"none");
    QVERIFY2(x.explanation.english().contains(explanation), qPrintable(x.explanation.english()));
    if (status == 200)
        QVERIFY(x.explanation.english().isEmpty());
    if (narrow) {
        QCOMPARE(x.missingScope, u"read:messages"_s);
        QVERIFY(x.explanation.english().contains(u"Log in again asking for read:messages"_s));
    }
    QVERIFY(x.body.contains("\"message\""));
}

void TestApiClient::expiredToken()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    QNetworkAccessManager network;
    ApiClient client(&network, sandbox.clock().clock());
    const auto login = sandbox.login();
    client.setCredentials(sandbox.tenant().apiBaseUrl(),
                          tokenSet(login.tokens.value(u"access_token").toString(), u"openid"_s, sandbox.clock().now().addSecs(3600)));
    sandbox.clock().advance(3600 + 120);
    ApiRequest request;
    request.url = sandbox.api(u"/api/private"_s);
    const ApiExchange notSent = run(client, request);
    QCOMPARE(notSent.outcome, ApiOutcome::TokenExpired);
    QCOMPARE(notSent.status, 0);
    QVERIFY2(notSent.explanation.english().contains(u"expired 2 min 0 s ago"_s), qPrintable(notSent.explanation.english()));
    request.sendExpired = true;
    const ApiExchange sent = run(client, request);
    QCOMPARE(sent.status, 401);
    QVERIFY2(sent.explanation.english().contains(u"the token has expired"_s), qPrintable(sent.explanation.english()));
    QVERIFY(sent.notes.contains(u"Sent an expired token, as asked."_s));
}

void TestApiClient::explainsWithoutChallenge()
{
    // An API written like Auth0's Go and Ruby quickstarts: right statuses, no challenges, the reason in the body.
    LocalHttpServer api([](const HttpRequest &r) {
        if (r.path == "/api/private-scoped")
            return HttpResponse::json(403, R"({"error":"Forbidden","message":"Insufficient scope"})");
        return HttpResponse::text(401, "Unauthorized");
    });
    QVERIFY(api.listen(QHostAddress::LocalHost));
    Profile profile;
    profile.name = u"go-api"_s;
    profile.issuer = QUrl(u"https://issuer.example/"_s);
    profile.audience = u"https://api.example"_s;
    profile.apiBase = QUrl(u"http://127.0.0.1:%1"_s.arg(api.port()));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto jwt = [&](const QJsonObject &claims) {
        return QString::fromLatin1(Base64Url::encode(R"({"alg":"RS256"})") + '.'
                                   + Base64Url::encode(QJsonDocument(claims).toJson(QJsonDocument::Compact)) + ".c2ln");
    };
    const QJsonObject good{{u"iss"_s, u"https://issuer.example/"_s}, {u"aud"_s, u"https://api.example"_s},
                           {u"exp"_s, now.toSecsSinceEpoch() + 600}, {u"scope"_s, u"openid profile email"_s}};
    QNetworkAccessManager network;
    ApiClient client(&network, systemClock());
    // The token set's scope is the request's; the token's own scope claim is what the API sees.
    client.setCredentials(profile.apiBase, tokenSet(jwt(good), u"openid profile email read:messages"_s, now.addSecs(600)));

    // 403: the plan (the quickstart's) says read:messages; the token lacks it.
    ApiRequest request;
    request.url = profile.apiUrl(profile.scopedPath);
    request.expected = ApiExpectations::of(profile, request.method, request.url);
    QCOMPARE(request.expected.neededScopes, QStringList{u"read:messages"_s});
    QCOMPARE(request.expected.issuer, u"https://issuer.example/"_s);
    const ApiExchange scoped = run(client, request);
    QCOMPARE(scoped.status, 403);
    QVERIFY(scoped.challenges.challenges.isEmpty());
    QCOMPARE(scoped.tokenScopes, (QStringList{u"openid"_s, u"profile"_s, u"email"_s}));
    QCOMPARE(scoped.missingScope, u"read:messages"_s);
    QVERIFY2(scoped.explanation.english().contains(u"The API says: \"Forbidden: Insufficient scope\"."_s), qPrintable(scoped.explanation.english()));
    QVERIFY2(scoped.explanation.english().contains(u"needs read:messages: it lacks read:messages"_s), qPrintable(scoped.explanation.english()));

    // 401 for a token whose exp has passed, though the token set still thought it fresh.
    QJsonObject expired = good;
    expired.insert(u"exp"_s, now.toSecsSinceEpoch() - 300);
    client.setCredentials(profile.apiBase, tokenSet(jwt(expired), u"openid"_s, now.addSecs(600)));
    request.url = profile.apiUrl(profile.privatePath);
    request.expected = ApiExpectations::of(profile, request.method, request.url);
    QVERIFY(request.expected.neededScopes.isEmpty());
    const ApiExchange late = run(client, request);
    QCOMPARE(late.status, 401);
    QVERIFY2(late.explanation.english().contains(u"The API says: \"Unauthorized\". Known: the token expired at"_s), qPrintable(late.explanation.english()));
    QVERIFY(late.missingScope.isEmpty());

    // A token put in the headers by hand is the one checked: here, another issuer's.
    QJsonObject foreign = good;
    foreign.insert(u"iss"_s, u"https://other.example/"_s);
    request.withToken = false;
    request.headers = {{"Authorization", "Bearer " + jwt(foreign).toLatin1()}};
    const ApiExchange other = run(client, request);
    QVERIFY(other.tokenSent);
    QVERIFY2(other.explanation.english().contains(u"it was issued by \"https://other.example/\", not by the profile's issuer"_s), qPrintable(other.explanation.english()));

    // No token at all: said, with the API's words.
    request.headers.clear();
    const ApiExchange none = run(client, request);
    QVERIFY2(none.explanation.english().startsWith(u"No token was sent"_s) && none.explanation.english().contains(u"\"Unauthorized\""_s), qPrintable(none.explanation.english()));

    // The plan knows only its own origin's endpoints.
    QVERIFY(ApiExpectations::of(profile, "GET", QUrl(u"http://127.0.0.2:%1/api/private-scoped"_s.arg(api.port()))).neededScopes.isEmpty());
    QVERIFY(ApiExpectations::of(profile, "POST", profile.apiUrl(profile.scopedPath)).neededScopes.isEmpty());
}

void TestApiClient::tokenStaysInItsOrigin()
{
    Recorder other;
    LocalHttpServer elsewhere([&](const HttpRequest &r) {
        ++other.requests;
        other.seen = r.headers;
        return HttpResponse::json(200, "{\"where\":\"elsewhere\"}");
    });
    QVERIFY(elsewhere.listen(QHostAddress::LocalHost));
    LocalHttpServer api([&](const HttpRequest &) {
        HttpResponse r = HttpResponse::redirect(QUrl(u"http://127.0.0.1:%1/landed"_s.arg(elsewhere.port())));
        return r;
    });
    QVERIFY(api.listen(QHostAddress::LocalHost));
    QNetworkAccessManager network;
    ApiClient client(&network, systemClock());
    const QUrl apiBase(u"http://127.0.0.1:%1"_s.arg(api.port()));
    client.setCredentials(apiBase, tokenSet(u"secret-token"_s, u"openid"_s, QDateTime::currentDateTimeUtc().addSecs(600)));

    // A redirect out of the origin is followed without the token.
    ApiRequest request;
    request.url = QUrl(apiBase.toString() + u"/api/private"_s);
    const ApiExchange redirected = run(client, request);
    QCOMPARE(redirected.status, 200);
    QCOMPARE(other.requests, 1);
    for (const auto &h : other.seen)
        QVERIFY2(h.first.compare("Authorization", Qt::CaseInsensitive) != 0, "the token reached another origin");
    QVERIFY(!redirected.tokenSent);
    QVERIFY(redirected.notes.join(u' ').contains(u"followed without the token"_s));

    // A request straight to another origin goes without it, and says so.
    other.requests = 0;
    request.url = QUrl(u"http://127.0.0.1:%1/direct"_s.arg(elsewhere.port()));
    const ApiExchange direct = run(client, request);
    QCOMPARE(direct.status, 200);
    QCOMPARE(other.requests, 1);
    for (const auto &h : other.seen)
        QVERIFY(h.first.compare("Authorization", Qt::CaseInsensitive) != 0);
    QVERIFY(direct.notes.join(u' ').contains(u"is not the profile's API origin"_s));

    // An Authorization header the request carries itself (the probe's, a pasted one) stays behind too.
    other.requests = 0;
    ApiRequest own;
    own.url = QUrl(apiBase.toString() + u"/api/private"_s);
    own.withToken = false;
    own.headers.append({QByteArray("Authorization"), QByteArray("Bearer hand-made")});
    const ApiExchange ownRedirected = run(client, own);
    QCOMPARE(ownRedirected.status, 200);
    QCOMPARE(other.requests, 1);
    for (const auto &h : other.seen)
        QVERIFY2(h.first.compare("Authorization", Qt::CaseInsensitive) != 0, "the request's own Authorization reached another origin");
    QVERIFY(ownRedirected.notes.join(u' ').contains(u"the request's Authorization header stayed behind"_s));

    // Asked not to follow, the 3xx is the answer and nothing goes elsewhere.
    other.requests = 0;
    own.followRedirects = false;
    const ApiExchange stayed = run(client, own);
    QCOMPARE(stayed.status, 302);
    QCOMPARE(other.requests, 0);
}

void TestApiClient::qtDefaultRedirectForwardsAuthorization()
{
    // What Qt 6.4 does on its own, and why ApiClient follows redirects by hand:
    // its default policy copies the request's headers, Authorization included,
    // to another origin on the same scheme.
    Recorder other;
    LocalHttpServer elsewhere([&](const HttpRequest &r) {
        ++other.requests;
        other.seen = r.headers;
        return HttpResponse::json(200, "{}");
    });
    QVERIFY(elsewhere.listen(QHostAddress::LocalHost));
    LocalHttpServer api([&](const HttpRequest &) { return HttpResponse::redirect(QUrl(u"http://127.0.0.1:%1/"_s.arg(elsewhere.port()))); });
    QVERIFY(api.listen(QHostAddress::LocalHost));
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(u"http://127.0.0.1:%1/"_s.arg(api.port())));
    request.setRawHeader("Authorization", "Bearer secret-token");
    QNetworkReply *reply = network.get(request); // Qt's default redirect policy
    QSignalSpy done(reply, &QNetworkReply::finished);
    QVERIFY(done.wait(10000));
    reply->deleteLater();
    QCOMPARE(other.requests, 1);
    bool forwarded = false;
    for (const auto &h : other.seen)
        forwarded |= h.first.compare("Authorization", Qt::CaseInsensitive) == 0 && h.second == "Bearer secret-token";
    QVERIFY2(forwarded, "Qt no longer forwards Authorization across origins; ApiClient's manual redirects are still right");
}

void TestApiClient::sameOriginRedirectKeepsToken()
{
    HttpHeaders seen;
    LocalHttpServer api([&](const HttpRequest &r) {
        if (r.path == "/old")
            return HttpResponse::redirect(QUrl(u"/new"_s));
        seen = r.headers;
        return HttpResponse::json(200, "{}");
    });
    QVERIFY(api.listen(QHostAddress::LocalHost));
    QNetworkAccessManager network;
    ApiClient client(&network, systemClock());
    const QUrl base(u"http://127.0.0.1:%1"_s.arg(api.port()));
    client.setCredentials(base, tokenSet(u"secret-token"_s, QString(), QDateTime::currentDateTimeUtc().addSecs(600)));
    ApiRequest request;
    request.url = QUrl(base.toString() + u"/old"_s);
    const ApiExchange x = run(client, request);
    QCOMPARE(x.status, 200);
    QCOMPARE(x.finalUrl.path(), u"/new"_s);
    bool hasToken = false;
    for (const auto &h : seen)
        hasToken |= h.first == "Authorization" && h.second == "Bearer secret-token";
    QVERIFY(hasToken);
}

void TestApiClient::transportErrors()
{
    QNetworkAccessManager network;
    ApiClient client(&network, systemClock());
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 deadPort = closed.serverPort();
    closed.close();
    ApiRequest request;
    request.withToken = false;
    request.url = QUrl(u"http://127.0.0.1:%1/"_s.arg(deadPort));
    const ApiExchange refused = run(client, request);
    QCOMPARE(refused.outcome, ApiOutcome::TransportError);
    QVERIFY2(refused.explanation.english().contains(u"refused; is the server running?"_s), qPrintable(refused.explanation.english()));

    QTcpServer silent; // accepts and never answers
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    request.url = QUrl(u"http://127.0.0.1:%1/"_s.arg(silent.serverPort()));
    request.timeout = 500ms;
    const ApiExchange timedOut = run(client, request);
    QCOMPARE(timedOut.outcome, ApiOutcome::TransportError);
    QVERIFY2(timedOut.explanation.english().contains(u"did not answer in time"_s), qPrintable(timedOut.explanation.english()));

    request.url = QUrl(u"ftp://127.0.0.1/"_s);
    QCOMPARE(run(client, request).outcome, ApiOutcome::InvalidRequest);
    request.url = QUrl(u"http://127.0.0.1:%1/"_s.arg(deadPort));
    request.method = "BREW";
    QCOMPARE(run(client, request).outcome, ApiOutcome::InvalidRequest);
    request.method = "GET";
    request.withToken = true;
    const ApiExchange noToken = run(client, request); // none held: sent without, and said
    QCOMPARE(noToken.outcome, ApiOutcome::TransportError);
    QVERIFY(noToken.notes.join(u' ').contains(u"no access token for this profile yet"_s));
}

void TestApiClient::bodyCapAndStatuses()
{
    LocalHttpServer server([](const HttpRequest &r) {
        if (r.path == "/big")
            return HttpResponse::text(200, QByteArray(ApiClient::MaxBodyBytes + 1000, 'x'));
        if (r.path == "/boom")
            return HttpResponse::html(500, "<h1>oops</h1>");
        HttpResponse notAllowed = HttpResponse::text(405, "no");
        notAllowed.setHeader("Allow", "GET");
        return r.method == "POST" ? notAllowed : HttpResponse::text(404, "none");
    });
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QNetworkAccessManager network;
    ApiClient client(&network, systemClock());
    ApiRequest request;
    request.withToken = false;
    request.url = QUrl(u"http://127.0.0.1:%1/big"_s.arg(server.port()));
    const ApiExchange big = run(client, request);
    QVERIFY(big.bodyTruncated);
    QCOMPARE(big.body.size(), ApiClient::MaxBodyBytes);
    request.url = QUrl(u"http://127.0.0.1:%1/boom"_s.arg(server.port()));
    QVERIFY(run(client, request).explanation.english().contains(u"on the server's side"_s));
    request.url = QUrl(u"http://127.0.0.1:%1/missing"_s.arg(server.port()));
    QVERIFY(run(client, request).explanation.english().contains(u"Nothing is at /missing (404)"_s));
    request.method = "POST";
    request.body = "{\"a\":1}";
    const ApiExchange post = run(client, request);
    QVERIFY2(post.explanation.english().contains(u"does not accept POST (405); it allows GET"_s), qPrintable(post.explanation.english()));
    bool json = false;
    for (const auto &h : post.sentHeaders)
        json |= h.first == "Content-Type" && h.second == "application/json";
    QVERIFY(json);
}

void TestApiClient::curl()
{
    ApiExchange x;
    x.request.method = "POST";
    x.request.url = QUrl(u"http://127.0.0.1:3010/api/x?y=1"_s);
    x.request.body = "{\"it's\":1}";
    x.sentHeaders = {{"Authorization", "Bearer secret-token"}, {"Content-Type", "application/json"}};
    const QString redacted = x.curl(false);
    QVERIFY(!redacted.contains(u"secret-token"_s));
    QVERIFY(redacted.contains(u"-H \"Authorization: Bearer $TOKEN\""_s));
    QVERIFY(redacted.contains(u"--data-raw '{\"it'\\''s\":1}'"_s));
    QVERIFY(x.curl(true).contains(u"Bearer secret-token"_s));
    // For a profile: a command that asks TokenLab for the token when it runs.
    const QString forProfile = x.curlFor(u"it's mine"_s);
    QVERIFY2(forProfile.contains(u"-H \"Authorization: Bearer $(tokenlab-cli token --profile 'it'\\''s mine')\""_s), qPrintable(forProfile));
    QVERIFY(!forProfile.contains(u"secret-token"_s));
    QVERIFY(x.curlFor(u"p"_s, u"fresh-token"_s).contains(u"-H 'Authorization: Bearer fresh-token'"_s));
}

void TestApiClient::dpopBoundTokenGoesWithProof()
{
    // An API that checks each proof (RFC 9449 4.3) and demands its nonce first (RFC 9449 9).
    const auto key = std::make_shared<const PrivateKey>(PrivateKey::generate(PrivateKey::Type::EcP256));
    QList<DpopProof::Result> checked;
    QByteArray scheme;
    int requests = 0;
    quint16 port = 0;
    LocalHttpServer api([&](const HttpRequest &r) {
        ++requests;
        const QByteArray authorization = r.header("Authorization");
        scheme = authorization.left(authorization.indexOf(' '));
        DpopProof::Expectation e;
        e.method = r.method;
        e.url = QUrl(u"http://127.0.0.1:%1%2"_s.arg(port).arg(QString::fromLatin1(r.target)));
        e.now = QDateTime::currentSecsSinceEpoch();
        e.accessToken = QString::fromLatin1(authorization.mid(authorization.indexOf(' ') + 1));
        e.nonce = u"n-42"_s;
        e.boundThumbprint = key->kid();
        const DpopProof::Result result = DpopProof::check(r.header("DPoP"), e);
        checked << result;
        if (result.ok)
            return HttpResponse::json(200, "{}");
        HttpResponse refusal = HttpResponse::json(401, "{}");
        refusal.headers.append({QByteArray("WWW-Authenticate"), "DPoP error=\"" + result.error.toLatin1() + "\""});
        refusal.headers.append({QByteArray("DPoP-Nonce"), QByteArray("n-42")});
        return refusal;
    });
    QVERIFY(api.listen(QHostAddress::LocalHost));
    port = api.port();
    QNetworkAccessManager network;
    ApiClient client(&network, systemClock());
    const QUrl base(u"http://127.0.0.1:%1"_s.arg(port));
    TokenSet bound = tokenSet(u"bound-token"_s, u"openid"_s, QDateTime::currentDateTimeUtc().addSecs(600));
    bound.tokenType = u"DPoP"_s;
    client.setCredentials(base, bound, std::make_shared<DpopSigner>(key, QString(), systemClock()));
    ApiRequest request;
    request.url = QUrl(base.toString() + u"/api/private?x=1"_s);
    const ApiExchange x = run(client, request);
    QCOMPARE(x.status, 200);
    QCOMPARE(scheme, QByteArray("DPoP"));
    QCOMPARE(requests, 2); // without the nonce, then once more with it
    QCOMPARE(checked.first().error, u"use_dpop_nonce"_s);
    QVERIFY2(checked.last().ok, qPrintable(checked.last().problem));
    QVERIFY(x.notes.join(u' ').contains(u"use_dpop_nonce"_s));
    QVERIFY(!x.dpopProof().isEmpty());

    // Without its signer, a DPoP-bound token is not sent at all.
    requests = 0;
    client.setCredentials(base, bound);
    const ApiExchange without = run(client, request);
    QCOMPARE(requests, 0);
    QCOMPARE(without.outcome, ApiOutcome::InvalidRequest);
    QVERIFY(without.explanation.english().contains(u"DPoP-bound"_s));
}

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
