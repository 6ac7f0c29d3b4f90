// SPDX-License-Identifier: MIT
// The authorization probe: every cell green against the sandbox's API, and
// against deliberately broken APIs started here (one that never checks the
// signature, one that ignores scope, one that answers 401 for a missing
// scope, one that accepts alg none) exactly the right cells red, with the
// right explanation. The JUnit report parses back and its counts match.
// Hostile plans are refused with a sentence (naming the line and column
// where the JSON breaks, or the endpoint), and no plan that is accepted
// can point the tokens at another origin.
#include "sandbox/accesstokenverifier.h"
#include "oauth/discoveryclient.h"
#include "jose/jwt.h"
#include "jose/privatekey.h"
#include "http/localhttpserver.h"
#include "session/loginflow.h"
#include "api/probeplan.h"
#include "api/probereport.h"
#include "api/proberunner.h"
#include "support/language.h"
#include "support/sandboxfixture.h"
#include "support/testbrowser.h"
#include "storage/tokenstore.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

class TestProbe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void planJson_data();
    void planJson();
    void planHostile_data();
    void planHostile();
    void sandboxAllGreen();
    void brokenApis_data();
    void brokenApis();
    void answerThatBrokeOffIsRed();
    void grades_data();
    void grades();
    void unfitTokensAreNotUsed();
    void mintedCasesOnTheSandbox();
    void csvIsData();
    void redirectsAreAnswersAndTokensStayHome();
    void verdictsNeverCarryTheToken();

private:
    QList<ProbeCell> run(const QUrl &apiBase, const ProbeTokens &tokens);
    QList<ProbeCell> run(const QUrl &apiBase) { return run(apiBase, m_tokens); }
    std::unique_ptr<SandboxFixture> m_sandbox;
    ProbeTokens m_tokens;
};

namespace {

enum class Flaw { None, NoSignatureCheck, IgnoresScope, UnauthorizedForScope, AcceptsAlgNone };

// An API with the quickstart's endpoints and one flaw.
HttpResponse brokenApi(const HttpRequest &r, Flaw flaw, const AccessTokenVerifier &verifier, const QString &audience)
{
    auto answer = [](int status, const QByteArray &challenge = {}) {
        HttpResponse res = HttpResponse::json(status, "{\"message\":\"x\"}");
        if (!challenge.isEmpty())
            res.setHeader("WWW-Authenticate", challenge);
        return res;
    };
    if (r.path == "/api/public")
        return answer(200);
    const auto token = AccessTokenVerifier::bearerToken(r);
    if ((token && r.query.contains("access_token=")) || r.headerCount("Authorization") > 1)
        return answer(400, AccessTokenVerifier::challenge(u"invalid_request"_s));
    if (!token)
        return answer(401, AccessTokenVerifier::challenge());
    const DecodedJwt jwt = Jwt::decode(*token);
    bool valid = false;
    QJsonObject claims;
    if (flaw == Flaw::NoSignatureCheck || (flaw == Flaw::AcceptsAlgNone && jwt.ok() && jwt.header.value(u"alg").toString() == u"none")) {
        // Trusts whatever the token says, as long as it decodes and has not expired.
        valid = jwt.ok() && jwt.kind == JwtKind::Jws && qint64(jwt.payload.value(u"exp").toDouble()) > QDateTime::currentSecsSinceEpoch()
                && jwt.payload.value(u"aud").toVariant().toStringList().contains(audience);
        claims = jwt.payload;
    } else {
        const AccessTokenCheck check = verifier.verify(*token, audience);
        valid = check.ok;
        claims = check.claims;
    }
    if (!valid)
        return answer(401, AccessTokenVerifier::challenge(u"invalid_token"_s, u"invalid token"_s));
    if (r.path == "/api/private")
        return answer(200);
    if (flaw != Flaw::IgnoresScope && !claims.value(u"scope").toString().split(u' ').contains(u"read:messages"_s)) {
        if (flaw == Flaw::UnauthorizedForScope)
            return answer(401, AccessTokenVerifier::challenge(u"invalid_token"_s, u"scope"_s));
        return answer(403, AccessTokenVerifier::challenge(u"insufficient_scope"_s, u"Insufficient Scope"_s, u"read:messages"_s));
    }
    return answer(200);
}

} // namespace

void TestProbe::initTestCase()
{
    // Real tokens from the sandbox: alice with read:messages, bob without, one
    // without the API audience, and one that has expired.
    m_sandbox = std::make_unique<SandboxFixture>(AutoApprove{u"alice"_s, std::nullopt}, 3600, true);
    QVERIFY(m_sandbox->started());
    QNetworkAccessManager network;
    DiscoveryClient discovery(&network);
    MemoryTokenStore store;
    LoginFlow flow(&network, &discovery, &store, systemClock());
    TestBrowser browser;
    QObject::connect(&flow, &LoginFlow::openBrowserRequested, &browser, &TestBrowser::open);
    Profile live = m_sandbox->tenant().profileFor(Profile::sandbox({}, {}, {}, {}));
    live.scope = u"openid read:messages"_s;
    auto login = [&](const Profile &p, const QList<QPair<QString, QString>> &extra) {
        QSignalSpy done(&flow, &LoginFlow::finished);
        LoginFlow::Options options;
        options.extraParams = extra;
        flow.start(p, options);
        done.wait(15000);
        return done.first().at(0).value<LoginResult>().tokens.accessToken.toLatin1();
    };
    m_tokens.good = login(live, {});
    m_tokens.narrow = login(live, {{u"login_hint"_s, u"bob"_s}});
    Profile noApi = live;
    noApi.audience.clear();
    m_tokens.otherAudience = login(noApi, {});
    m_tokens.expired = login(live, {{u"token_lifetime"_s, u"1"_s}});
    QVERIFY(!m_tokens.good.isEmpty() && !m_tokens.narrow.isEmpty() && !m_tokens.otherAudience.isEmpty() && !m_tokens.expired.isEmpty());
    QTest::qWait(6500); // past the API's 5-second leeway
}

void TestProbe::cleanupTestCase()
{
    m_sandbox.reset();
}

QList<ProbeCell> TestProbe::run(const QUrl &apiBase, const ProbeTokens &tokens)
{
    QNetworkAccessManager network;
    ProbeRunner runner(&network);
    runner.setMaxInFlight(3);
    Profile p;
    p.name = u"probe"_s;
    p.apiBase = apiBase;
    p.issuer = m_sandbox->tenant().issuer();
    p.audience = m_sandbox->tenant().audience();
    QSignalSpy done(&runner, &ProbeRunner::finished);
    QSignalSpy progress(&runner, &ProbeRunner::progress);
    runner.start(p, ProbePlan::quickstart(p), tokens);
    if (!done.wait(60000))
        return {};
    const auto cells = done.first().at(0).value<QList<ProbeCell>>();
    int sent = 0;
    for (const ProbeCell &c : cells)
        sent += c.grade == ProbeGrade::NotRun ? 0 : 1;
    if (progress.last().at(0).toInt() != sent || progress.last().at(1).toInt() != sent)
        qWarning("progress did not reach the end");
    return cells;
}

void TestProbe::planJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("valid") << QByteArray(R"({"endpoints":[{"path":"/a","expect":"public"},{"method":"post","path":"/b","expect":"scopes","scopes":["w"]}]})") << QString();
    QTest::newRow("no-endpoints") << QByteArray(R"({"endpoints":[]})") << u"no \"endpoints\""_s;
    QTest::newRow("relative-path") << QByteArray(R"({"endpoints":[{"path":"a"}]})") << u"must start with a slash"_s;
    QTest::newRow("valid-header-only") << QByteArray(R"({"endpoints":[{"path":"/a"},{"method":"POST","path":"/b","header_only":true,"note":"kept"}]})") << QString();
    QTest::newRow("scopes-without-list") << QByteArray(R"({"endpoints":[{"path":"/a","expect":"scopes"}]})") << u"lists none"_s;
    QTest::newRow("unknown-expect") << QByteArray(R"({"endpoints":[{"path":"/a","expect":"admin"}]})") << u"not \"admin\""_s;
    QTest::newRow("not-json") << QByteArray("endpoints: -") << u"Line 1, column 1: the JSON does not parse"_s;
}

void TestProbe::planJson()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    QString why;
    const auto plan = ProbePlan::fromJson(json, &why);
    QCOMPARE(plan.has_value(), error.isEmpty());
    if (plan) {
        QCOMPARE(plan->endpoints.at(1).method, QByteArray("POST"));
        QCOMPARE(ProbePlan::fromJson(plan->toJson(), nullptr)->toJson(), plan->toJson());
    } else {
        QVERIFY2(why.contains(error), qPrintable(why));
    }
}

void TestProbe::planHostile_data()
{
    // A plan comes from a file or the editor: anything may be in it.
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");   // empty: accepted
    QTest::addColumn<int>("endpoints");   // when accepted
    auto plan = [](int endpoints, const QByteArray &last = {}) -> QByteArray {
        QByteArray json = R"({"endpoints":[)";
        for (int i = 0; i < endpoints; ++i)
            json += (i ? "," : "") + QByteArray(R"({"path":"/api/)") + QByteArray::number(i) + R"("})";
        return json + last + "]}";
    };
    QByteArray tooBig = plan(1, ",") + QByteArray(ProbePlan::maxDocumentBytes, ' ');
    QTest::newRow("empty") << QByteArray() << u"The plan is empty."_s << 0;
    QTest::newRow("binary") << QByteArray("\x00\xff\xfe{", 4) << u"Line 1, column 1: the JSON does not parse"_s << 0;
    QTest::newRow("truncated") << QByteArray(R"({"endpoints":[{"path":"/a")") << u"Line 1, column 26: the JSON does not parse"_s << 0;
    QTest::newRow("trailing-comma-line-3") << QByteArray("{\"endpoints\": [\n  {\"path\": \"/a\"},\n  {\"path\": \"/b\",}\n]}")
                                          << u"Line 3, column 17: the JSON does not parse (object is missing after a comma)."_s << 0;
    QTest::newRow("column-counts-characters") << QByteArray("{\"endpoints\": [{\"path\": \"/\xc3\xa9\xc3\xa9\" x}]}")
                                             << u"Line 1, column 31: the JSON does not parse"_s << 0;
    QTest::newRow("top-level-array") << QByteArray(R"([{"path":"/a"}])") << u"The plan must be a JSON object with an \"endpoints\" list, not a list."_s << 0;
    QTest::newRow("deep-nesting") << QByteArray(R"({"endpoints":)") + QByteArray(5000, '[') + QByteArray(5000, ']') + '}'
                                  << u"Line 1, column "_s << 0;
    QTest::newRow("endpoints-object") << QByteArray(R"({"endpoints":{"path":"/a"}})") << u"The plan has no \"endpoints\" list (it is an object)."_s << 0;
    QTest::newRow("endpoints-string") << QByteArray(R"({"endpoints":"/a"})") << u"no \"endpoints\" list (it is a string)"_s << 0;
    QTest::newRow("endpoints-missing") << QByteArray(R"({"endpoint":[]})") << u"no \"endpoints\" list (it is nothing)"_s << 0;
    QTest::newRow("endpoint-number") << QByteArray(R"({"endpoints":[42]})") << u"Endpoint 1: it must be an object with a \"path\", not a number."_s << 0;
    QTest::newRow("missing-path") << QByteArray(R"({"endpoints":[{"method":"GET","expect":"token"}]})") << u"Endpoint 1: it has no \"path\"."_s << 0;
    QTest::newRow("path-number") << QByteArray(R"({"endpoints":[{"path":5}]})") << u"Endpoint 1: \"path\" must be a string, not a number."_s << 0;
    QTest::newRow("path-array") << QByteArray(R"({"endpoints":[{"path":["/a"]}]})") << u"\"path\" must be a string, not a list"_s << 0;
    QTest::newRow("path-null") << QByteArray(R"({"endpoints":[{"path":null}]})") << u"\"path\" must be a string, not null"_s << 0;
    QTest::newRow("path-control-char") << QByteArray(R"({"endpoints":[{"path":"/a\r\nHost: evil"}]})") << u"Endpoint 1: the path contains a control character."_s << 0;
    QTest::newRow("path-too-long") << R"({"endpoints":[{"path":"/)" + QByteArray(9000, 'a') + R"("}]})" << u"longer than 8,192"_s << 0;
    QTest::newRow("second-endpoint-bad") << QByteArray(R"({"endpoints":[{"path":"/a"},{"path":""}]})") << u"Endpoint 2: the path must start with a slash."_s << 0;
    QTest::newRow("method-number") << QByteArray(R"({"endpoints":[{"method":1,"path":"/a"}]})") << u"Endpoint 1: \"method\" must be a string, not a number."_s << 0;
    QTest::newRow("method-bool") << QByteArray(R"({"endpoints":[{"method":true,"path":"/a"}]})") << u"\"method\" must be a string, not true or false"_s << 0;
    QTest::newRow("method-space") << QByteArray(R"({"endpoints":[{"method":"GET /evil HTTP/1.1","path":"/a"}]})") << u"is not an HTTP method name"_s << 0;
    QTest::newRow("method-crlf") << QByteArray(R"({"endpoints":[{"method":"GET\r\nX: y","path":"/a"}]})") << u"is not an HTTP method name"_s << 0;
    QTest::newRow("method-empty") << QByteArray(R"({"endpoints":[{"method":"","path":"/a"}]})") << u"the method \"\" is not an HTTP method name"_s << 0;
    QTest::newRow("method-non-ascii") << QByteArray(R"({"endpoints":[{"method":"G\u00c9T","path":"/a"}]})") << u"is not an HTTP method name"_s << 0;
    QTest::newRow("method-too-long") << R"({"endpoints":[{"method":")" + QByteArray(40, 'A') + R"(","path":"/a"}]})" << u"is not an HTTP method name"_s << 0;
    QTest::newRow("method-token-chars") << QByteArray(R"({"endpoints":[{"method":"m-search","path":"/a"}]})") << u"not \"M-SEARCH\""_s << 0;
    QTest::newRow("method-trace") << QByteArray(R"({"endpoints":[{"method":"trace","path":"/a"}]})") << u"TokenLab probes with GET, POST"_s << 0;
    QTest::newRow("expect-number") << QByteArray(R"({"endpoints":[{"path":"/a","expect":1}]})") << u"\"expect\" must be a string, not a number"_s << 0;
    QTest::newRow("scopes-string") << QByteArray(R"({"endpoints":[{"path":"/a","expect":"scopes","scopes":"read"}]})") << u"Endpoint 1: \"scopes\" must be a list of strings, not a string."_s << 0;
    QTest::newRow("scopes-object-on-token") << QByteArray(R"({"endpoints":[{"path":"/a","scopes":{}}]})") << u"\"scopes\" must be a list of strings, not an object"_s << 0;
    QTest::newRow("scope-number") << QByteArray(R"({"endpoints":[{"path":"/a","expect":"scopes","scopes":["a",2]}]})") << u"Endpoint 1: each scope must be a string, not a number."_s << 0;
    QTest::newRow("scope-with-space") << QByteArray(R"({"endpoints":[{"path":"/a","expect":"scopes","scopes":["read write"]}]})") << u"\"read write\" is not one scope (RFC 6749 3.3"_s << 0;
    QTest::newRow("scope-empty") << QByteArray(R"({"endpoints":[{"path":"/a","expect":"scopes","scopes":[""]}]})") << u"\"\" is not one scope"_s << 0;
    QTest::newRow("header-only-string") << QByteArray(R"({"endpoints":[{"path":"/a","header_only":"yes"}]})") << u"\"header_only\" is true or false, not a string"_s << 0;
    QTest::newRow("expect-case") << QByteArray(R"({"endpoints":[{"path":"/a","expect":"PUBLIC"}]})") << u"not \"PUBLIC\""_s << 0;
    QTest::newRow("absolute-url-other-origin") << QByteArray(R"({"endpoints":[{"path":"https://evil.example/steal"}]})")
                                               << u"must start with a slash"_s << 0;
    QTest::newRow("scheme-relative-url") << QByteArray(R"({"endpoints":[{"path":"//evil.example/steal"}]})") << QString() << 1;
    QTest::newRow("userinfo-lookalike") << QByteArray(R"({"endpoints":[{"path":"/@evil.example/steal"}]})") << QString() << 1;
    QTest::newRow("most-endpoints") << plan(ProbePlan::maxEndpoints) << QString() << ProbePlan::maxEndpoints;
    QTest::newRow("most-endpoints-bad-last") << plan(ProbePlan::maxEndpoints - 1, R"(,{"path":"api/last"})") << u"Endpoint 2000:"_s << 0;
    QTest::newRow("too-many-endpoints") << plan(20000) << u"The plan has 20,000 endpoints; TokenLab probes at most 2,000 in one plan."_s << 0;
    QTest::newRow("too-many-bytes") << tooBig << u"The plan is 2049 KiB; TokenLab reads plans of up to 2048 KiB."_s << 0;
}

void TestProbe::planHostile()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    QFETCH(int, endpoints);
    QString why;
    const auto plan = ProbePlan::fromJson(json, &why);
    QVERIFY2(plan.has_value() == error.isEmpty(), qPrintable(why));
    if (json.trimmed().startsWith('{')) {
        // The entry point for files and imports reads a TokenLab plan the same way.
        QString parseWhy;
        const auto parsed = ProbePlan::parse(json, &parseWhy);
        QCOMPARE(parsed.has_value(), plan.has_value());
        QCOMPARE(parseWhy, why);
    }
    if (!plan) {
        QVERIFY2(why.startsWith(error) || why.contains(error), qPrintable(why));
        QVERIFY2(why.endsWith(u'.'), qPrintable(why));
        return;
    }
    QCOMPARE(plan->endpoints.size(), endpoints);
    // Whatever the path says, the request goes to the profile's API origin, where the tokens belong.
    Profile p;
    p.apiBase = QUrl(u"http://127.0.0.1:4001/base/"_s);
    for (const ProbeEndpoint &e : plan->endpoints) {
        const QUrl url = p.apiUrl(e.path);
        QVERIFY2(ApiClient::sameOrigin(url, p.apiBase), qPrintable(url.toString()));
        QVERIFY2(url.path().startsWith(u"/base/"_s), qPrintable(url.toString()));
    }
}

void TestProbe::sandboxAllGreen()
{
    const QList<ProbeCell> cells = run(m_sandbox->tenant().apiBaseUrl());
    QStringList ids;
    for (const ProbeCell &c : cells) {
        QVERIFY2(c.grade == ProbeGrade::Pass, qPrintable(c.endpoint.path + u' ' + c.probe.id + u": "_s + c.verdict.english()));
        if (c.endpoint.path == u"/api/private-scoped")
            ids << c.probe.id;
    }
    // Every case a protected endpoint gets without minting, in order.
    QCOMPARE(ids, (QStringList{u"no-token"_s, u"basic-scheme"_s, u"malformed-token"_s, u"signature-altered"_s, u"payload-altered"_s,
                               u"alg-none"_s, u"alg-None"_s, u"alg-NONE"_s, u"alg-nOnE"_s, u"signature-empty"_s, u"hs256-public-key"_s,
                               u"fresh-key-same-kid"_s, u"embedded-jwk"_s, u"jku"_s, u"x5u"_s, u"kid-path"_s, u"kid-quotes"_s,
                               u"scheme-cut-7"_s, u"scheme-jwt"_s, u"scheme-missing"_s, u"scheme-lowercase"_s, u"query-parameter"_s,
                               u"header-and-query"_s, u"two-authorization-headers"_s, u"valid-token"_s, u"missing-scope"_s, u"other-audience"_s, u"expired"_s}));
    // The sandbox's API never fetches a key a token points at.
    for (const ProbeCell &c : cells) {
        if (c.probe.id == u"jku" || c.probe.id == u"x5u")
            QCOMPARE(c.note.english(), u"The API did not fetch the key the token points at."_s);
    }

    // The JUnit report parses back, with the grid's counts.
    const QByteArray xml = ProbeReport::junit(cells, u"sandbox"_s, true);
    QXmlStreamReader reader(xml);
    int testcases = 0, failures = 0, suites = 0;
    while (!reader.atEnd()) {
        if (reader.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (reader.name() == u"testsuite")
            ++suites;
        if (reader.name() == u"testcase")
            ++testcases;
        if (reader.name() == u"failure")
            ++failures;
    }
    QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
    QCOMPARE(testcases, cells.size());
    QCOMPARE(failures, 0);
    QCOMPARE(suites, 3);
}

void TestProbe::brokenApis_data()
{
    QTest::addColumn<int>("flaw");
    QTest::addColumn<QStringList>("fails");   // "path case" of every failed cell
    QTest::addColumn<QStringList>("warns");   // and of every warning
    QTest::addColumn<QString>("words");       // in the verdict of the first of them
    QStringList forged;
    for (const QString &path : {u"/api/private"_s, u"/api/private-scoped"_s}) {
        for (const QString &id : {u"signature-altered"_s, u"payload-altered"_s, u"alg-none"_s, u"alg-None"_s, u"alg-NONE"_s, u"alg-nOnE"_s,
                                  u"signature-empty"_s, u"hs256-public-key"_s, u"fresh-key-same-kid"_s, u"embedded-jwk"_s, u"jku"_s, u"x5u"_s,
                                  u"kid-path"_s, u"kid-quotes"_s})
            forged << path + u' ' + id;
    }
    QTest::newRow("never-checks-signature") << int(Flaw::NoSignatureCheck) << forged << QStringList()
        << u"accepted a token whose signature was altered: the API does not verify signatures"_s;
    QTest::newRow("ignores-scope") << int(Flaw::IgnoresScope) << QStringList{u"/api/private-scoped missing-scope"_s} << QStringList()
        << u"accepted a token without read:messages: the API does not check scopes"_s;
    // A refusal in the right direction, against convention: a warning, not a defect.
    QTest::newRow("401-for-missing-scope") << int(Flaw::UnauthorizedForScope) << QStringList() << QStringList{u"/api/private-scoped missing-scope"_s}
        << u"a valid token without the scope is 403 insufficient_scope (RFC 6750 3.1)"_s;
    // Only the exact spelling: the other spellings of none meet the algorithm allow-list.
    QTest::newRow("accepts-alg-none") << int(Flaw::AcceptsAlgNone) << QStringList{u"/api/private alg-none"_s, u"/api/private-scoped alg-none"_s}
        << QStringList() << u"accepted an unsigned token (alg \"none\"): the API takes the algorithm from the token"_s;
}

void TestProbe::brokenApis()
{
    QFETCH(int, flaw);
    QFETCH(QStringList, fails);
    QFETCH(QStringList, warns);
    QFETCH(QString, words);
    const AccessTokenVerifier verifier(m_sandbox->tenant().signingKey().publicJwk(), m_sandbox->tenant().issuer().toString(), 5, systemClock());
    const QString audience = m_sandbox->tenant().audience();
    LocalHttpServer api([&](const HttpRequest &r) { return brokenApi(r, Flaw(flaw), verifier, audience); });
    QVERIFY(api.listen(QHostAddress::LocalHost));
    const QList<ProbeCell> cells = run(QUrl(u"http://127.0.0.1:%1"_s.arg(api.port())));
    QVERIFY(!cells.isEmpty());
    QStringList actualFails;
    QStringList actualWarns;
    QString firstVerdict;
    for (const ProbeCell &c : cells) {
        QVERIFY2(c.grade != ProbeGrade::NotRun, qPrintable(c.probe.id + u": "_s + c.verdict.english()));
        if (c.grade == ProbeGrade::Fail)
            actualFails << c.endpoint.path + u' ' + c.probe.id;
        if (c.grade == ProbeGrade::Warn)
            actualWarns << c.endpoint.path + u' ' + c.probe.id;
        if (c.grade != ProbeGrade::Pass && firstVerdict.isEmpty())
            firstVerdict = c.verdict.english();
    }
    QCOMPARE(actualFails, fails);
    QCOMPARE(actualWarns, warns);
    QVERIFY2(firstVerdict.contains(words), qPrintable(firstVerdict));
    QCOMPARE(ProbeReport::tally(cells).defective(false), !fails.isEmpty());
    QCOMPARE(ProbeReport::tally(cells).defective(true), !fails.isEmpty() || !warns.isEmpty());
    QCOMPARE(int(ProbeReport::junit(cells, u"broken"_s, false).count("<failure ")), fails.size());
    QCOMPARE(int(ProbeReport::junit(cells, u"broken"_s, true).count("<failure ")), fails.size() + warns.size());
}

void TestProbe::answerThatBrokeOffIsRed()
{
    // A 200 status line whose body never fully arrived is no pass, whatever the status says.
    ProbeCell cell;
    cell.probe.id = u"valid-token"_s;
    cell.probe.title = u"the real token"_s;
    cell.probe.expect = ProbeCase::Expect::Accept;
    cell.exchange.status = 200;
    cell.exchange.outcome = ApiOutcome::TransportError;
    cell.exchange.explanation = u"HTTP 200 arrived, but the answer broke off after 50 bytes."_s;
    ProbeReport::judge(cell);
    QCOMPARE(cell.grade, ProbeGrade::Fail);
    QVERIFY2(cell.verdict.english().contains(cell.exchange.explanation.english()), qPrintable(cell.verdict.english()));
}

void TestProbe::grades_data()
{
    QTest::addColumn<int>("expect");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("challenge");
    QTest::addColumn<int>("grade");
    QTest::addColumn<QString>("words");
    using E = ProbeCase::Expect;
    const QByteArray invalid = "Bearer realm=\"api\", error=\"invalid_token\"";
    QTest::newRow("refused as RFC 6750 says") << int(E::Refuse) << 401 << invalid << int(ProbeGrade::Pass) << QString();
    QTest::newRow("refused without a challenge") << int(E::Refuse) << 401 << QByteArray() << int(ProbeGrade::Warn) << u"without a WWW-Authenticate challenge"_s;
    QTest::newRow("refused, challenge without error") << int(E::Refuse) << 401 << QByteArray("Bearer realm=\"api\"") << int(ProbeGrade::Warn) << u"has no error"_s;
    QTest::newRow("refused, wrong error") << int(E::Refuse) << 401 << QByteArray("Bearer error=\"invalid_request\"") << int(ProbeGrade::Warn)
                                          << u"with error=\"invalid_request\" where RFC 6750 3.1 says error=\"invalid_token\""_s;
    QTest::newRow("refused, only a DPoP challenge") << int(E::Refuse) << 401 << QByteArray("DPoP algs=\"ES256\"") << int(ProbeGrade::Warn) << u"without a Bearer challenge"_s;
    QTest::newRow("refused, garbage challenge") << int(E::Refuse) << 401 << QByteArray(",,,=\"") << int(ProbeGrade::Warn) << u"WWW-Authenticate"_s;
    QTest::newRow("refused with 403") << int(E::Refuse) << 403 << QByteArray() << int(ProbeGrade::Warn) << u"401 invalid_token"_s;
    QTest::newRow("refused with 400") << int(E::Refuse) << 400 << QByteArray() << int(ProbeGrade::Warn) << u"400 is for a malformed request"_s;
    QTest::newRow("refused with 500") << int(E::Refuse) << 500 << QByteArray() << int(ProbeGrade::Warn) << u"failed instead of refusing"_s;
    QTest::newRow("refused with a redirect") << int(E::Refuse) << 302 << QByteArray() << int(ProbeGrade::Warn) << u"where 401"_s;
    QTest::newRow("accepted what it must refuse") << int(E::Refuse) << 200 << QByteArray() << int(ProbeGrade::Fail) << u"A secure API answers 401"_s;
    QTest::newRow("accepted with 204") << int(E::Refuse) << 204 << QByteArray() << int(ProbeGrade::Fail) << u"Answered 204"_s;
    QTest::newRow("no answer to a hostile token") << int(E::Refuse) << 0 << QByteArray() << int(ProbeGrade::Warn) << u"No answer"_s;
    QTest::newRow("forbidden as RFC 6750 says") << int(E::Forbid) << 403 << QByteArray("Bearer error=\"insufficient_scope\", scope=\"x\"") << int(ProbeGrade::Pass) << QString();
    QTest::newRow("forbidden without a challenge") << int(E::Forbid) << 403 << QByteArray() << int(ProbeGrade::Warn) << u"insufficient_scope"_s;
    QTest::newRow("401 for a missing scope") << int(E::Forbid) << 401 << invalid << int(ProbeGrade::Warn) << u"log in again in vain"_s;
    QTest::newRow("scope not checked") << int(E::Forbid) << 200 << QByteArray() << int(ProbeGrade::Fail) << u"403 with error=\"insufficient_scope\""_s;
    QTest::newRow("valid token accepted") << int(E::Accept) << 200 << QByteArray() << int(ProbeGrade::Pass) << QString();
    QTest::newRow("valid token refused") << int(E::Accept) << 401 << invalid << int(ProbeGrade::Fail) << u"Answered 401"_s;
    QTest::newRow("valid token, no answer") << int(E::Accept) << 0 << QByteArray() << int(ProbeGrade::Fail) << u"No answer"_s;
    QTest::newRow("either, accepted") << int(E::Either) << 200 << QByteArray() << int(ProbeGrade::Pass) << QString();
    QTest::newRow("either, refused") << int(E::Either) << 403 << QByteArray() << int(ProbeGrade::Pass) << QString();
}

void TestProbe::grades()
{
    QFETCH(int, expect);
    QFETCH(int, status);
    QFETCH(QByteArray, challenge);
    QFETCH(int, grade);
    QFETCH(QString, words);
    ProbeCell cell;
    cell.probe.id = u"case"_s;
    cell.probe.title = u"the case"_s;
    cell.probe.expect = ProbeCase::Expect(expect);
    cell.probe.expectedError = expect == int(ProbeCase::Expect::Forbid) ? u"insufficient_scope"_s : u"invalid_token"_s;
    cell.probe.flaw = u"the flaw"_s;
    cell.exchange.status = status;
    cell.exchange.outcome = status == 0 ? ApiOutcome::TransportError : status < 300 ? ApiOutcome::Success : ApiOutcome::HttpError;
    cell.exchange.transportError = u"Connection refused"_s;
    cell.exchange.challenges = WwwAuthenticate::parse(challenge);
    ProbeReport::judge(cell);
    QCOMPARE(ProbeReport::gradeName(cell.grade), ProbeReport::gradeName(ProbeGrade(grade)));
    QVERIFY2(cell.verdict.english().contains(words), qPrintable(cell.verdict.english()));
    QCOMPARE(cell.verdict.isEmpty(), grade == int(ProbeGrade::Pass));
}

void TestProbe::unfitTokensAreNotUsed()
{
    // A narrow token signed by a key the issuer never had, an expired token
    // offered as other-audience and a valid one offered as expired: none is
    // used, each says why, and the API is blamed for nothing.
    const PrivateKey stranger = PrivateKey::generate(PrivateKey::Type::Rsa2048);
    const DecodedJwt narrow = Jwt::decode(m_tokens.narrow);
    ProbeTokens tokens;
    tokens.good = m_tokens.good;
    tokens.narrow = stranger.signJws({{u"typ"_s, u"JWT"_s}}, narrow.payload);
    tokens.otherAudience = m_tokens.expired;
    tokens.expired = m_tokens.narrow;
    const QList<ProbeCell> cells = run(m_sandbox->tenant().apiBaseUrl(), tokens);
    QHash<QString, QString> notRun;
    QHash<QString, DeferredText> reasons;
    for (const ProbeCell &c : cells) {
        QVERIFY2(c.grade == ProbeGrade::Pass || c.grade == ProbeGrade::NotRun, qPrintable(c.probe.id + u": "_s + c.verdict.english()));
        if (c.grade == ProbeGrade::NotRun && c.endpoint.path == u"/api/private-scoped") {
            notRun.insert(c.probe.id, c.verdict.english());
            reasons.insert(c.probe.id, c.verdict);
        }
    }
    QCOMPARE(notRun.keys().size(), 3);
    // The token's role is a word of the sentence: English in the reports,
    // translated (with its noun, as German needs) where a person reads it.
    const QList<std::pair<QString, std::pair<QString, QString>>> roles{
            {u"missing-scope"_s, {u"The narrow token was not used: "_s, u"Das engere Token wurde nicht verwendet: "_s}},
            {u"other-audience"_s, {u"The other-audience token was not used: "_s, u"Das Token für eine andere Audience wurde nicht verwendet: "_s}},
            {u"expired"_s, {u"The expired token was not used: "_s, u"Das abgelaufene Token wurde nicht verwendet: "_s}}};
    {
        TestLanguage german(QLocale(QLocale::German, QLocale::Germany));
        QVERIFY2(!german.loaded().isEmpty(), "the build has no German translation (build the target tokenlab_translations)");
        for (const auto &[id, sentences] : roles) {
            const DeferredText why = reasons.value(id);
            QVERIFY2(why.english().startsWith(sentences.first), qPrintable(why.english()));
            QVERIFY2(why.text().startsWith(sentences.second), qPrintable(why.text()));
        }
    }
    QVERIFY2(notRun.value(u"missing-scope"_s).contains(u"signature does not verify against the probed issuer's keys"_s), qPrintable(notRun.value(u"missing-scope"_s)));
    QVERIFY2(notRun.value(u"other-audience"_s).contains(u"it is for the audience the probe tests"_s), qPrintable(notRun.value(u"other-audience"_s)));
    QVERIFY2(notRun.value(u"expired"_s).contains(u"has not expired yet"_s), qPrintable(notRun.value(u"expired"_s)));

    // Beside an opaque probed token nothing can be checked: the narrow token is left out, not sent.
    ProbeTokens opaque;
    opaque.good = "an-opaque-access-token";
    opaque.narrow = m_tokens.narrow;
    for (const ProbeCell &c : run(m_sandbox->tenant().apiBaseUrl(), opaque)) {
        if (c.probe.id == u"missing-scope") {
            QCOMPARE(c.grade, ProbeGrade::NotRun);
            QVERIFY2(c.verdict.english().contains(u"the probed token is not a signed JWT"_s), qPrintable(c.verdict.english()));
        }
    }
}

void TestProbe::mintedCasesOnTheSandbox()
{
    // The sandbox's API trusts the sandbox key: every minted case runs and passes.
    ProbeTokens tokens = m_tokens;
    tokens.mintKey = std::shared_ptr<const PrivateKey>(PrivateKey::fromPkcs8Pem(m_sandbox->tenant().signingKey().toPkcs8Pem()));
    QVERIFY(tokens.mintKey);
    const QList<ProbeCell> cells = run(m_sandbox->tenant().apiBaseUrl(), tokens);
    QStringList minted;
    for (const ProbeCell &c : cells) {
        QVERIFY2(c.grade == ProbeGrade::Pass, qPrintable(c.endpoint.path + u' ' + c.probe.id + u": "_s + c.verdict.english()));
        if (c.probe.id.startsWith(u"mint-") && c.endpoint.path == u"/api/private-scoped")
            minted << c.probe.id;
    }
    QCOMPARE(minted, (QStringList{u"mint-valid"_s, u"mint-no-exp"_s, u"mint-expired"_s, u"mint-nbf-future"_s, u"mint-iat-future"_s,
                                  u"mint-other-issuer"_s, u"mint-other-audience"_s, u"mint-audience-array"_s, u"mint-no-sub"_s,
                                  u"mint-scope-substring"_s, u"mint-scope-prefix"_s, u"mint-scope-array"_s, u"mint-scp"_s,
                                  u"mint-permissions"_s, u"mint-oversized"_s}));

    // A key the issuer does not publish: the minted cases do not run, and the probe says why.
    tokens.mintKey = std::make_shared<const PrivateKey>(PrivateKey::generate(PrivateKey::Type::EcP256));
    QNetworkAccessManager network;
    ProbeRunner runner(&network);
    Profile p;
    p.apiBase = m_sandbox->tenant().apiBaseUrl();
    p.issuer = m_sandbox->tenant().issuer();
    p.audience = m_sandbox->tenant().audience();
    QSignalSpy done(&runner, &ProbeRunner::finished);
    runner.start(p, ProbePlan::quickstart(p), tokens);
    QVERIFY(done.wait(60000));
    for (const ProbeCell &c : done.first().at(0).value<QList<ProbeCell>>())
        QVERIFY(!c.probe.id.startsWith(u"mint-"));
    QCOMPARE(runner.notes().size(), 1);
    QVERIFY2(runner.notes().first().english().contains(u"does not publish the TokenLab sandbox key"_s), qPrintable(runner.notes().first().english()));
}

void TestProbe::csvIsData()
{
    ProbeCell cell;
    cell.endpoint.path = u"/a"_s;
    cell.probe.id = u"valid-token"_s;
    cell.probe.expect = ProbeCase::Expect::Accept;
    cell.grade = ProbeGrade::Fail;
    cell.verdict = u"=HYPERLINK(\"http://x\") said \"no\", then\nmore"_s;
    const QByteArray csv = ProbeReport::csv({cell});
    QVERIFY(csv.startsWith("method,path,case,expected,status,error,grade,verdict,note\r\n"));
    QVERIFY2(csv.contains("\"'=HYPERLINK(\"\"http://x\"\") said \"\"no\"\", then\nmore\""), csv.constData());
    QVERIFY(csv.endsWith("\r\n"));
}

void TestProbe::redirectsAreAnswersAndTokensStayHome()
{
    // An API behind a login redirect (as oauth2-proxy does it): the probe grades the 302 itself and
    // no probe token follows it to the login page, which would answer 200 to anything.
    int loginRequests = 0;
    LocalHttpServer login([&](const HttpRequest &) {
        ++loginRequests;
        return HttpResponse::html(200, "<title>Sign in</title>");
    });
    QVERIFY(login.listen(QHostAddress::LocalHost));
    LocalHttpServer api([&](const HttpRequest &) { return HttpResponse::redirect(QUrl(u"http://127.0.0.1:%1/login"_s.arg(login.port()))); });
    QVERIFY(api.listen(QHostAddress::LocalHost));
    const QList<ProbeCell> cells = run(QUrl(u"http://127.0.0.1:%1"_s.arg(api.port())));
    QVERIFY(!cells.isEmpty());
    QCOMPARE(loginRequests, 0);
    for (const ProbeCell &c : cells) {
        if (c.grade == ProbeGrade::NotRun)
            continue;
        QCOMPARE(c.exchange.status, 302);
        QVERIFY2(c.grade != ProbeGrade::Pass, qPrintable(c.probe.id));
    }
}

void TestProbe::verdictsNeverCarryTheToken()
{
    // An API that echoes what it was sent into its error body: the reports quote it without the token.
    LocalHttpServer api([&](const HttpRequest &r) {
        // No challenge: the explanation quotes the body.
        return HttpResponse::json(401, "{\"message\":\"invalid token " + r.header("Authorization") + "\"}");
    });
    QVERIFY(api.listen(QHostAddress::LocalHost));
    const QList<ProbeCell> cells = run(QUrl(u"http://127.0.0.1:%1"_s.arg(api.port())));
    const QByteArray payload = m_tokens.good.split('.').value(1);
    QVERIFY(payload.size() > 20);
    bool quoted = false;
    for (const ProbeCell &c : cells) {
        QVERIFY2(!c.verdict.english().toLatin1().contains(payload), qPrintable(c.probe.id + u": "_s + c.verdict.english()));
        quoted = quoted || c.verdict.english().contains(u"[token]"_s);
    }
    QVERIFY(quoted);
    for (const QByteArray &report : {ProbeReport::json(cells), ProbeReport::csv(cells), ProbeReport::junit(cells, u"echo"_s, true)})
        QVERIFY(!report.contains(payload));
}

QTEST_GUILESS_MAIN(TestProbe)
#include "tst_probe.moc"
