// The explainer of an API's answer, as a table: every branch of RFC 6750
// 3.1's 401/403 rules (no token, expired, invalid, no error, another
// error; insufficient_scope naming only what the token lacks), the other
// statuses the API console meets, and hostile challenges (garbage, another
// scheme, a lower-case scheme, a description that tries to look like
// TokenLab's own words). ApiClient's use of it over real HTTP is in
// tst_apiclient.
#include "api/challengeexplainer.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestChallengeExplainer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void explain_data();
    void explain();
};

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
                                   << u"as if no token had been sent"_s << QString();
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
    if (sentence.isEmpty())
        QVERIFY2(out.sentence.isEmpty(), qPrintable(out.sentence));
    else
        QVERIFY2(out.sentence.contains(sentence), qPrintable(out.sentence));
    QCOMPARE(out.missingScope, missingScope);
}

QTEST_GUILESS_MAIN(TestChallengeExplainer)
#include "tst_challengeexplainer.moc"
