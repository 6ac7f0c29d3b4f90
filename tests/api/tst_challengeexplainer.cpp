// SPDX-License-Identifier: MIT
// The explainer of an API's answer, as a table: every branch of RFC 6750
// 3.1's 401/403 rules (no token, expired, invalid, no error, another
// error; insufficient_scope naming only what the token lacks), the other
// statuses the API console meets, and hostile challenges (garbage, another
// scheme, a lower-case scheme, a description that tries to look like
// TokenLab's own words). Then answers with no Bearer error: the body quoted
// (JSON, problem details, text, HTML, empty) and checked against the token's
// claims (exp, aud, iss, scopes) and the plan's scopes, known apart from
// inferred. ApiClient's use of it over real HTTP is in tst_apiclient.
#include "api/challengeexplainer.h"
#include "jose/base64url.h"
#include "support/language.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;

class TestChallengeExplainer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void explain_data();
    void explain();
    void withoutChallenge_data();
    void withoutChallenge();
    void translatedOnlyWhereShown_data();
    void translatedOnlyWhereShown();
};

namespace {

const QDateTime Now = QDateTime::fromSecsSinceEpoch(1790000000, Qt::UTC);
const QString Issuer = u"https://issuer.example/"_s;
const QString Audience = u"https://api.example"_s;

// "Bearer <unsigned JWT>" with these claims over the defaults (the profile's
// issuer and audience, an hour left); a null value removes a claim.
QByteArray bearer(const QJsonObject &changes)
{
    QJsonObject claims{{u"iss"_s, Issuer}, {u"aud"_s, Audience}, {u"exp"_s, Now.toSecsSinceEpoch() + 3600},
                       {u"scope"_s, u"openid profile email"_s}};
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (it.value().isNull())
            claims.remove(it.key());
        else
            claims.insert(it.key(), it.value());
    }
    const QByteArray header = Base64Url::encode(R"({"alg":"RS256","typ":"at+jwt"})");
    return "Bearer " + header + '.' + Base64Url::encode(QJsonDocument(claims).toJson(QJsonDocument::Compact)) + ".c2ln";
}

} // namespace

void TestChallengeExplainer::explain_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("header");       // WWW-Authenticate
    QTest::addColumn<bool>("tokenSent");
    QTest::addColumn<QStringList>("scopes");      // the token's
    QTest::addColumn<QString>("sentence");        // a part of it; empty: no sentence
    QTest::addColumn<QString>("missingScope");

    const QStringList openid{u"openid"_s, u"profile"_s};
    const QByteArray scoped = R"(Bearer realm="api", error="insufficient_scope", error_description="Insufficient Scope", scope="read:messages")";

    QTest::newRow("200") << 200 << QByteArray() << true << openid << QString() << QString();
    QTest::newRow("204-with-challenge") << 204 << QByteArray(R"(Bearer error="invalid_token")") << true << openid << QString() << QString();

    QTest::newRow("401-no-token") << 401 << QByteArray(R"(Bearer realm="api")") << false << QStringList() << u"No token was sent"_s << QString();
    QTest::newRow("401-no-token-ignores-error") << 401 << QByteArray(R"(Bearer error="invalid_token")") << false << QStringList()
                                                << u"No token was sent, and this endpoint needs one (401). Log in"_s << QString();
    QTest::newRow("401-expired") << 401 << QByteArray(R"(Bearer error="invalid_token", error_description="jwt expired")") << true << openid
                                 << u"The API says the token has expired (the API says: \"jwt expired\"). Log in again"_s << QString();
    QTest::newRow("401-exp-claim") << 401 << QByteArray(R"(Bearer error="invalid_token", error_description="\"exp\" claim timestamp check failed")")
                                   << true << openid << u"has expired"_s << QString();
    QTest::newRow("401-unexpected-is-not-expiry") << 401 << QByteArray(R"(Bearer error="invalid_token", error_description="unexpected \"iss\" claim value")")
                                                  << true << openid << u"refused the token as invalid (the API says: \"unexpected \"iss\" claim value\")"_s
                                                  << QString();
    QTest::newRow("401-expected-is-not-expiry") << 401 << QByteArray(R"(Bearer error="invalid_token", error_description="expected audience mismatch")")
                                                << true << openid << u"refused the token as invalid"_s << QString();
    QTest::newRow("401-token-expired-error") << 401 << QByteArray(R"(Bearer error="invalid_token", error_description="TokenExpiredError")")
                                             << true << openid << u"has expired"_s << QString();
    QTest::newRow("401-token-has-expired") << 401 << QByteArray(R"(Bearer error="invalid_token", error_description="Token has EXPIRED")")
                                           << true << openid << u"has expired"_s << QString();
    QTest::newRow("401-invalid-token") << 401 << QByteArray(R"(Bearer error="invalid_token", error_description="signature verification failed")")
                                       << true << openid << u"refused the token as invalid (the API says: \"signature verification failed\"). Check"_s
                                       << QString();
    QTest::newRow("401-invalid-token-no-description") << 401 << QByteArray(R"(Bearer error="invalid_token")") << true << openid
                                                      << u"refused the token as invalid. Check that it was issued for this API's audience"_s << QString();
    QTest::newRow("401-without-error") << 401 << QByteArray(R"(Bearer realm="api")") << true << openid
                                       << u"as if no token had been sent (401 without an error)"_s << QString();
    QTest::newRow("401-no-header") << 401 << QByteArray() << true << openid << u"as if no token had been sent"_s << QString();
    QTest::newRow("401-other-error") << 401 << QByteArray(R"(Bearer error="invalid_request", error_description="two tokens")") << true << openid
                                     << u"The API refused the credentials (401, invalid_request) (the API says: \"two tokens\")."_s << QString();
    QTest::newRow("401-lowercase-scheme") << 401 << QByteArray(R"(bearer error="invalid_token")") << true << openid << u"as invalid"_s << QString();
    QTest::newRow("401-dpop-only") << 401 << QByteArray(R"(DPoP algs="ES256", error="invalid_token")") << true << openid
                                   << u"with a DPoP error (HTTP 401, invalid_token)"_s << QString();
    QTest::newRow("401-dpop-proof") << 401 << QByteArray(R"(DPoP error="invalid_dpop_proof", error_description="htu mismatch")") << true << openid
                                    << u"refused the DPoP proof (invalid_dpop_proof) (the API says: \"htu mismatch\")"_s << QString();
    QTest::newRow("401-dpop-nonce") << 401 << QByteArray(R"(DPoP error="use_dpop_nonce")") << true << openid
                                    << u"wants its nonce"_s << QString();
    QTest::newRow("401-bearer-after-basic") << 401 << QByteArray(R"(Basic realm="x", Bearer error="invalid_token")") << true << openid
                                            << u"as invalid"_s << QString();
    QTest::newRow("401-garbage") << 401 << QByteArray("\"\"\",,=,=\x01\xff") << true << openid << u"as if no token had been sent"_s << QString();
    QTest::newRow("401-unterminated-quote") << 401 << QByteArray(R"(Bearer error="invalid_token", error_description="never closed)") << true
                                            << openid << u"refused the token as invalid"_s << QString();
    QTest::newRow("401-description-mimics-us") << 401
                                               << QByteArray(R"(Bearer error="invalid_token", error_description="Log in again. Send your password to evil.example")")
                                               << true << openid << u"(the API says: \"Log in again. Send your password to evil.example\")"_s << QString();

    QTest::newRow("403-insufficient-scope") << 403 << scoped << true << openid
                                            << u"The token lacks the scope read:messages that this endpoint needs (403 insufficient_scope); it carries openid profile. "
                                               "Log in again asking for read:messages"_s
                                            << u"read:messages"_s;
    QTest::newRow("403-names-only-what-is-lacking") << 403 << QByteArray(R"(Bearer error="insufficient_scope", scope="openid read:messages write:messages")")
                                                    << true << openid << u"lacks the scope read:messages write:messages that"_s
                                                    << u"openid read:messages write:messages"_s;
    QTest::newRow("403-token-has-every-scope") << 403 << QByteArray(R"(Bearer error="insufficient_scope", scope="openid")") << true << openid
                                               << u"lacks the scope openid that"_s << u"openid"_s;
    QTest::newRow("403-no-scope-named") << 403 << QByteArray(R"(Bearer error="insufficient_scope")") << true << QStringList()
                                        << u"lacks the scope the API names that this endpoint needs (403 insufficient_scope); it carries no scopes."_s
                                        << QString();
    QTest::newRow("403-without-challenge") << 403 << QByteArray() << true << openid
                                           << u"The API forbids this request (403) without naming a missing scope"_s << QString();
    QTest::newRow("403-invalid-token") << 403 << QByteArray(R"(Bearer error="invalid_token", error_description="bad")") << true << openid
                                       << u"forbids this request (403) (the API says: \"bad\")"_s << QString();

    QTest::newRow("400-invalid-request") << 400 << QByteArray(R"(Bearer error="invalid_request")") << true << openid
                                         << u"malformed (invalid_request). Send the token once"_s << QString();
    QTest::newRow("400-plain") << 400 << QByteArray() << true << openid << u"The API refused the request as malformed (400)."_s << QString();
    QTest::newRow("404") << 404 << QByteArray() << true << openid << u"Nothing is at /missing (404)"_s << QString();
    QTest::newRow("405") << 405 << QByteArray() << true << openid << u"does not accept POST (405); it allows GET, HEAD"_s << QString();
    QTest::newRow("500") << 500 << QByteArray() << true << openid << u"The API failed (HTTP 500): the problem is on the server's side"_s << QString();
    QTest::newRow("503-with-challenge") << 503 << QByteArray(R"(Bearer error="invalid_token")") << true << openid << u"on the server's side"_s
                                        << QString();
    QTest::newRow("302") << 302 << QByteArray() << true << openid << u"redirect (HTTP 302) that TokenLab did not follow"_s << QString();
    QTest::newRow("418") << 418 << QByteArray(R"(Bearer error_description="teapot")") << true << openid
                         << u"The API answered HTTP 418 (the API says: \"teapot\")."_s << QString();
}

void TestChallengeExplainer::explain()
{
    QFETCH(int, status);
    QFETCH(QByteArray, header);
    QFETCH(bool, tokenSent);
    QFETCH(QStringList, scopes);
    QFETCH(QString, sentence);
    QFETCH(QString, missingScope);

    ChallengeContext answer;
    answer.status = status;
    answer.challenges = WwwAuthenticate::parse(header);
    answer.tokenSent = tokenSent;
    answer.tokenScopes = scopes;
    answer.method = status == 405 ? QByteArray("POST") : QByteArray("GET");
    answer.path = u"/missing"_s;
    answer.allow = "GET, HEAD";
    const ChallengeExplanation out = ChallengeExplainer::explain(answer);
    const QString said = out.sentence.english();
    // No translation installed: what a person reads is the same.
    QCOMPARE(out.sentence.text(), said);
    if (sentence.isEmpty())
        QVERIFY2(out.sentence.isEmpty(), qPrintable(said));
    else
        QVERIFY2(said.contains(sentence), qPrintable(said));
    QCOMPARE(out.missingScope, missingScope);
}

void TestChallengeExplainer::withoutChallenge_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("header");       // WWW-Authenticate
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("authorization"); // as sent; empty: no token sent
    QTest::addColumn<QStringList>("neededScopes"); // the plan's, for this endpoint
    QTest::addColumn<QStringList>("parts");        // each in the sentence
    QTest::addColumn<QStringList>("absent");       // none in the sentence
    QTest::addColumn<QString>("missingScope");

    const QByteArray json = "application/json; charset=utf-8";
    const QByteArray insufficient = R"({"error":"Forbidden","message":"Insufficient scope"})";
    const QStringList messages{u"read:messages"_s};
    const QByteArray good = bearer({});
    const QString lacks = u"Known: the token carries openid profile email, and the profile's probe plan says this endpoint needs read:messages: "
                          "it lacks read:messages."_s;
    const QString reconsent = u"Inferred: that is why it was refused. Log in again asking for read:messages"_s;

    QTest::newRow("403-json-insufficient-scope")
            << 403 << QByteArray() << insufficient << json << good << messages
            << QStringList{u"The API forbids this request (403). The API says: \"Forbidden: Insufficient scope\"."_s, lacks, reconsent}
            << QStringList{u"without naming a missing scope"_s, u"may lack a permission"_s} << u"read:messages"_s;
    QTest::newRow("403-bearer-without-error-json")
            << 403 << QByteArray(R"(Bearer realm="api")") << insufficient << json << good << messages << QStringList{lacks, reconsent}
            << QStringList() << u"read:messages"_s;
    QTest::newRow("403-names-only-lacking-scopes")
            << 403 << QByteArray() << insufficient << json << good << QStringList{u"openid"_s, u"read:messages"_s, u"write:messages"_s}
            << QStringList{u"needs openid read:messages write:messages: it lacks read:messages write:messages."_s}
            << QStringList() << u"read:messages write:messages"_s;
    QTest::newRow("403-scope-words-plan-unknown")
            << 403 << QByteArray() << insufficient << json << good << QStringList()
            << QStringList{u"The API says: \"Forbidden: Insufficient scope\"."_s, u"Inferred: from the API's words, the token lacks a scope, but the probe plan names none"_s}
            << QStringList{u"it lacks"_s} << QString();
    QTest::newRow("403-problem-json-scopes-all-there")
            << 403 << QByteArray() << QByteArray(R"({"type":"about:blank","title":"Forbidden","status":403,"detail":"Admins only"})")
            << QByteArray("application/problem+json") << good << QStringList{u"openid"_s}
            << QStringList{u"The API says: \"Forbidden: Admins only\"."_s,
                           u"Known: the token has not expired (it expires in 1 h 0 min), comes from the profile's issuer, is meant for the profile's audience, "
                           "carries every scope the probe plan names for this endpoint (openid)."_s,
                           u"Inferred: the user or client may lack a permission the API checks besides scopes."_s}
            << QStringList() << QString();
    QTest::newRow("401-plain-text")
            << 401 << QByteArray() << QByteArray("Unauthorized") << QByteArray("text/plain") << good << messages
            << QStringList{u"The API refused the request (401) without an error in a Bearer challenge. The API says: \"Unauthorized\"."_s,
                           u"Known: the token has not expired"_s, u"Inferred: the API may not trust the key that signed the token"_s}
            << QStringList{u"read:messages"_s} << QString();
    QTest::newRow("401-html-page")
            << 401 << QByteArray() << QByteArray("<!DOCTYPE html><html><head><title>Sign in</title></head></html>") << QByteArray("text/html")
            << good << QStringList() << QStringList{u"Its body is an HTML page titled \"Sign in\", perhaps from a proxy"_s}
            << QStringList{u"The API says"_s} << QString();
    QTest::newRow("401-html-page-no-title")
            << 401 << QByteArray() << QByteArray("<html><body>denied</body></html>") << QByteArray("text/html") << QByteArray("Bearer opaque")
            << QStringList() << QStringList{u"Its body is an HTML page, perhaps"_s, u"cannot read this token's claims"_s} << QStringList() << QString();
    QTest::newRow("401-empty-body-good-token")
            << 401 << QByteArray() << QByteArray() << json << good << QStringList()
            << QStringList{u"The API answered as if no token had been sent (401 without an error). Known: the token has not expired"_s}
            << QStringList{u"The API says"_s} << QString();
    QTest::newRow("403-empty-body-opaque-token")
            << 403 << QByteArray() << QByteArray() << json << QByteArray("Bearer opaque") << QStringList()
            << QStringList{u"The API forbids this request (403) without naming a missing scope; the user or client may lack a permission."_s}
            << QStringList{u"Known:"_s} << QString();
    QTest::newRow("401-expired")
            << 401 << QByteArray() << QByteArray(R"({"message":"Unauthorized"})") << json << bearer({{u"exp"_s, Now.toSecsSinceEpoch() - 120}})
            << messages
            << QStringList{u"The API says: \"Unauthorized\". Known: the token expired at %1, 2 min 0 s ago (its exp claim)."_s.arg(
                                   Now.addSecs(-120).toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s)),
                           u"Inferred: the API refused the token because it has expired. Log in again"_s}
            << QStringList{u"has not expired"_s} << QString();
    QTest::newRow("401-wrong-audience")
            << 401 << QByteArray() << QByteArray(R"({"message":"jwt audience invalid"})") << json
            << bearer({{u"aud"_s, QJsonArray{u"https://other.example"_s, u"https://issuer.example/userinfo"_s}}}) << QStringList()
            << QStringList{u"Known: it is meant for \"https://other.example\", \"https://issuer.example/userinfo\", not for the profile's audience \"https://api.example\" (its aud claim)."_s,
                           u"Inferred: the API wants tokens for https://api.example."_s}
            << QStringList() << QString();
    QTest::newRow("401-no-audience")
            << 401 << QByteArray() << QByteArray(R"({"message":"bad"})") << json << bearer({{u"aud"_s, QJsonValue()}}) << QStringList()
            << QStringList{u"it names no audience, and the profile's audience is \"https://api.example\""_s} << QStringList() << QString();
    QTest::newRow("401-wrong-issuer")
            << 401 << QByteArray() << QByteArray("invalid issuer") << QByteArray("text/plain") << bearer({{u"iss"_s, u"https://evil.example/"_s}})
            << QStringList()
            << QStringList{u"Known: it was issued by \"https://evil.example/\", not by the profile's issuer \"https://issuer.example/\" (its iss claim)."_s,
                           u"Inferred: the API does not trust this issuer."_s}
            << QStringList() << QString();
    QTest::newRow("401-no-token-sent")
            << 401 << QByteArray() << QByteArray(R"({"message":"No authorization token was found"})") << json << QByteArray() << messages
            << QStringList{u"No token was sent, and this endpoint needs one (401). Log in, and send with the token. The API says: \"No authorization token was found\"."_s}
            << QStringList{u"Known:"_s, u"Inferred:"_s} << QString();
    QTest::newRow("401-says-expired-clock-disagrees")
            << 401 << QByteArray() << QByteArray(R"({"message":"jwt expired"})") << json << good << QStringList()
            << QStringList{u"by this computer's clock it has not"_s} << QStringList() << QString();
    QTest::newRow("401-says-expired-opaque")
            << 401 << QByteArray() << QByteArray(R"({"message":"Token has expired"})") << json << QByteArray("Bearer opaque") << QStringList()
            << QStringList{u"Inferred: from the API's words, the token has expired."_s} << QStringList{u"Known:"_s} << QString();
    QTest::newRow("401-body-speaks-of-scope")
            << 401 << QByteArray() << QByteArray(R"({"message":"missing required scope"})") << json << good << messages
            << QStringList{lacks, reconsent} << QStringList() << u"read:messages"_s;
    QTest::newRow("403-scope-before-expiry")
            << 403 << QByteArray() << insufficient << json << bearer({{u"exp"_s, Now.toSecsSinceEpoch() - 10}}) << messages
            << QStringList{u"the token expired at"_s, u"it lacks read:messages"_s, reconsent} << QStringList() << u"read:messages"_s;
    QTest::newRow("403-body-mimics-us")
            << 403 << QByteArray() << QByteArray("{\"message\":\"Known: all fine.\\u202e Inferred: send your password\"}") << json << good
            << QStringList() << QStringList{u"The API says: \"Known: all fine. Inferred: send your password\"."_s} << QStringList() << QString();
    QTest::newRow("403-hostile-body")
            << 403 << QByteArray() << QByteArray(100000, '{') << json << good << messages << QStringList{lacks} << QStringList{u"The API says"_s}
            << u"read:messages"_s;
    // With a Bearer error, the challenge speaks and the body is not read.
    QTest::newRow("403-challenge-wins")
            << 403 << QByteArray(R"(Bearer error="insufficient_scope", scope="write:messages")") << insufficient << json << good << messages
            << QStringList{u"lacks the scope write:messages that this endpoint needs (403 insufficient_scope)"_s}
            << QStringList{u"Known:"_s, u"Insufficient scope\""_s} << u"write:messages"_s;
    QTest::newRow("401-invalid-token-challenge-wins")
            << 401 << QByteArray(R"(Bearer error="invalid_token", error_description="jwt expired")") << QByteArray(R"({"message":"x"})") << json
            << bearer({{u"iss"_s, u"https://evil.example/"_s}}) << QStringList()
            << QStringList{u"The API says the token has expired (the API says: \"jwt expired\")"_s} << QStringList{u"Known:"_s} << QString();
}

void TestChallengeExplainer::withoutChallenge()
{
    QFETCH(int, status);
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, authorization);
    QFETCH(QStringList, neededScopes);
    QFETCH(QStringList, parts);
    QFETCH(QStringList, absent);
    QFETCH(QString, missingScope);

    ChallengeContext answer;
    answer.status = status;
    answer.challenges = WwwAuthenticate::parse(header);
    answer.tokenSent = !authorization.isEmpty();
    answer.token = SentToken::fromAuthorization(authorization);
    answer.tokenScopes = answer.token.scopes.value_or(QStringList());
    answer.method = "GET";
    answer.path = u"/api/private-scoped"_s;
    answer.body = body;
    answer.contentType = contentType;
    answer.expected.neededScopes = neededScopes;
    answer.expected.issuer = Issuer;
    answer.expected.audience = Audience;
    answer.now = Now;
    const ChallengeExplanation out = ChallengeExplainer::explain(answer);
    const QString said = out.sentence.english();
    QCOMPARE(out.sentence.text(), said);
    for (const QString &part : parts)
        QVERIFY2(said.contains(part), qPrintable(u"missing «"_s + part + u"» in: "_s + said));
    for (const QString &part : absent)
        QVERIFY2(!said.contains(part), qPrintable(u"unwanted «"_s + part + u"» in: "_s + said));
    QCOMPARE(out.missingScope, missingScope);
}

void TestChallengeExplainer::translatedOnlyWhereShown_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<QString>("english");  // the whole sentence, as the probe's reports quote it
    QTest::addColumn<QString>("shown");    // the same through the translator
    const QByteArray good = bearer({});
    QTest::newRow("403-api-words-and-known")
            << 403 << QByteArray() << QByteArray(R"({"message":"Insufficient scope for eyJ.x"})") << good
            << u"The API forbids this request (403). The API says: \"Insufficient scope for eyJ.x\". Known: the token carries openid profile email, "
               "and the profile's probe plan says this endpoint needs read:messages: it lacks read:messages. Inferred: that is why it was refused. "
               "Log in again asking for read:messages, and consent to it (the user must also be allowed to have it)."_s
            << u"THE API FORBIDS THIS REQUEST (403). THE API SAYS: \"Insufficient scope for eyJ.x\". KNOWN: THE TOKEN CARRIES openid profile email, "
               "AND THE PROFILE'S PROBE PLAN SAYS THIS ENDPOINT NEEDS read:messages: IT LACKS read:messages. INFERRED: THAT IS WHY IT WAS REFUSED. "
               "LOG IN AGAIN ASKING FOR read:messages, AND CONSENT TO IT (THE USER MUST ALSO BE ALLOWED TO HAVE IT)."_s;
    // The API's description is its own words, even when they look like a placeholder.
    QTest::newRow("401-description-with-placeholder")
            << 401 << QByteArray(R"(Bearer error="invalid_token", error_description="bad %1 token")") << QByteArray() << good
            << u"The API refused the token as invalid (the API says: \"bad %1 token\"). Check that it was issued for this API's audience by the issuer "
               "the API trusts, and that it was not altered."_s
            << u"THE API REFUSED THE TOKEN AS INVALID (THE API SAYS: \"bad %1 token\"). CHECK THAT IT WAS ISSUED FOR THIS API'S AUDIENCE BY THE ISSUER "
               "THE API TRUSTS, AND THAT IT WAS NOT ALTERED."_s;
    QTest::newRow("401-html-titled")
            << 401 << QByteArray() << QByteArray("<html><title>Login</title></html>") << good
            << u"The API refused the request (401) without an error in a Bearer challenge. Its body is an HTML page titled \"Login\", perhaps from a proxy "
               "or a framework rather than the API's own code. Known: the token has not expired (it expires in 1 h 0 min), comes from the profile's "
               "issuer, is meant for the profile's audience. Inferred: the API may not trust the key that signed the token, expect another scheme "
               "or header, or check a claim TokenLab does not know."_s
            << u"THE API REFUSED THE REQUEST (401) WITHOUT AN ERROR IN A BEARER CHALLENGE. ITS BODY IS AN HTML PAGE TITLED \"Login\", PERHAPS FROM A PROXY "
               "OR A FRAMEWORK RATHER THAN THE API'S OWN CODE. KNOWN: THE TOKEN HAS NOT EXPIRED (IT EXPIRES IN 1 h 0 min), COMES FROM THE PROFILE'S "
               "ISSUER, IS MEANT FOR THE PROFILE'S AUDIENCE. INFERRED: THE API MAY NOT TRUST THE KEY THAT SIGNED THE TOKEN, EXPECT ANOTHER SCHEME "
               "OR HEADER, OR CHECK A CLAIM TOKENLAB DOES NOT KNOW."_s;
}

// The sentence keeps its English source: english() ignores the translation
// (the probe's reports), text() has every sentence of TokenLab's own
// translated and the API's words, scopes and durations as they were.
void TestChallengeExplainer::translatedOnlyWhereShown()
{
    QFETCH(int, status);
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, authorization);
    QFETCH(QString, english);
    QFETCH(QString, shown);
    ChallengeContext answer;
    answer.status = status;
    answer.challenges = WwwAuthenticate::parse(header);
    answer.tokenSent = true;
    answer.token = SentToken::fromAuthorization(authorization);
    answer.tokenScopes = answer.token.scopes.value_or(QStringList());
    answer.method = "GET";
    answer.path = u"/api/private-scoped"_s;
    answer.body = body;
    answer.contentType = body.startsWith('{') ? QByteArray("application/json") : QByteArray("text/html");
    answer.expected.neededScopes = {u"read:messages"_s};
    answer.expected.issuer = Issuer;
    answer.expected.audience = Audience;
    answer.now = Now;
    const ChallengeExplanation out = ChallengeExplainer::explain(answer);
    ShoutingTranslator shouting("ChallengeExplainer");
    QVERIFY(QCoreApplication::installTranslator(&shouting));
    const QString translated = out.sentence.text();
    const QString untranslated = out.sentence.english();
    QCoreApplication::removeTranslator(&shouting);
    QCOMPARE(untranslated, english);
    QCOMPARE(translated, shown);
    QCOMPARE(out.sentence.text(), english);
}

QTEST_GUILESS_MAIN(TestChallengeExplainer)
#include "tst_challengeexplainer.moc"
