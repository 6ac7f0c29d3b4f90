// SPDX-License-Identifier: MIT
// ErrorBody as a table: the JSON shapes real APIs send for 401 and 403
// (Express, Auth0's quickstarts, Google, GraphQL, ASP.NET), RFC 9457
// problem details, plain text, HTML pages, and hostile bodies: huge, deeply
// nested, not UTF-8, control and bidi characters, arrays, numbers where
// strings belong, empty. Every answer is one bounded line.
#include "api/errorbody.h"

#include <QTest>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(ErrorBody::Form)

class TestErrorBody : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void fields();
};

void TestErrorBody::parse_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<ErrorBody::Form>("form");
    QTest::addColumn<QString>("said");   // exactly; "~" + text: contains text

    using F = ErrorBody::Form;
    const QByteArray json = "application/json; charset=utf-8";

    // JSON shapes
    QTest::newRow("express-error-message") << QByteArray(R"({"error":"Forbidden","message":"Insufficient scope"})") << json << F::Json
                                           << u"Forbidden: Insufficient scope"_s;
    QTest::newRow("oauth-error-description") << QByteArray(R"({"error":"invalid_token","error_description":"jwt expired"})") << json
                                             << F::Json << u"invalid_token: jwt expired"_s;
    QTest::newRow("message-only") << QByteArray(R"({"message":"Unauthorized"})") << json << F::Json << u"Unauthorized"_s;
    QTest::newRow("detail-only") << QByteArray(R"({"detail":"Authentication credentials were not provided."})") << json << F::Json
                                 << u"Authentication credentials were not provided."_s;
    QTest::newRow("nested-google") << QByteArray(R"({"error":{"code":403,"message":"Request had insufficient authentication scopes.","status":"PERMISSION_DENIED"}})")
                                   << json << F::Json << u"403: Request had insufficient authentication scopes."_s;
    QTest::newRow("nested-code-string") << QByteArray(R"({"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired."}})")
                                        << json << F::Json << u"InvalidAuthenticationToken: Access token has expired."_s;
    QTest::newRow("graphql-errors") << QByteArray(R"({"errors":[{"message":"Not authorised"}]})") << json << F::Json << u"Not authorised"_s;
    QTest::newRow("aspnet-capitalised") << QByteArray(R"({"Message":"Authorization has been denied for this request."})") << json << F::Json
                                        << u"Authorization has been denied for this request."_s;
    QTest::newRow("code-duplicated-in-message") << QByteArray(R"({"error":"invalid_token","message":"invalid_token: bad signature"})") << json
                                                << F::Json << u"invalid_token: bad signature"_s;
    QTest::newRow("no-content-type-sniffed") << QByteArray(R"(  {"message":"nope"})") << QByteArray() << F::Json << u"nope"_s;
    QTest::newRow("vendor-json") << QByteArray(R"({"message":"nope"})") << QByteArray("application/vnd.api+json") << F::Json << u"nope"_s;
    QTest::newRow("json-string-alone") << QByteArray(R"("Unauthorized")") << json << F::Json << u"Unauthorized"_s;
    QTest::newRow("array-of-objects") << QByteArray(R"([{"message":"first"},{"message":"second"}])") << json << F::Json << u"first"_s;
    QTest::newRow("unknown-fields") << QByteArray(R"({"ok":false,"n":3})") << json << F::Json << QString();

    // RFC 9457 problem details
    QTest::newRow("problem") << QByteArray(R"({"type":"https://example.com/probs/scope","title":"Forbidden","status":403,"detail":"Needs read:messages"})")
                             << QByteArray("application/problem+json") << F::Problem << u"Forbidden: Needs read:messages"_s;
    QTest::newRow("problem-title-only") << QByteArray(R"({"type":"about:blank","title":"Unauthorized","status":401})")
                                        << QByteArray("application/problem+json") << F::Problem << u"Unauthorized"_s;

    // Text and HTML
    QTest::newRow("text") << QByteArray("Unauthorized") << QByteArray("text/plain; charset=utf-8") << F::Text << u"Unauthorized"_s;
    QTest::newRow("text-first-line") << QByteArray("\n\n  invalid signature\n    at verify (jwt.js:10)\n") << QByteArray("text/plain")
                                     << F::Text << u"invalid signature …"_s;
    QTest::newRow("text-latin1") << QByteArray("Zugriff verweigert: ung\xfcltig") << QByteArray("text/plain; charset=ISO-8859-1") << F::Text
                                 << u"Zugriff verweigert: ungültig"_s;
    QTest::newRow("html-title") << QByteArray("<!DOCTYPE html><html><head><TITLE>401 &amp; Authorization Required</TITLE></head><body>x</body></html>")
                                << QByteArray("text/html") << F::Html << u"401 & Authorization Required"_s;
    QTest::newRow("html-no-title") << QByteArray("<html><body><h1>Forbidden</h1></body></html>") << QByteArray("text/html") << F::Html << QString();
    QTest::newRow("html-sniffed") << QByteArray("<!doctype html><title>Login</title>") << QByteArray("text/plain") << F::Html << u"Login"_s;
    QTest::newRow("html-unclosed-title") << QByteArray("<html><title>never closed") << QByteArray("text/html") << F::Html << QString();

    // Hostile
    QTest::newRow("empty") << QByteArray() << json << F::Empty << QString();
    QTest::newRow("white-space") << QByteArray(" \r\n\t ") << QByteArray("text/plain") << F::Empty << QString();
    QTest::newRow("json-broken") << QByteArray(R"({"message":"cut)") << json << F::Unreadable << QString();
    QTest::newRow("json-deep") << QByteArray(100000, '[') << json << F::Unreadable << QString();
    QTest::newRow("json-deep-object") << QByteArray("{\"error\":").repeated(5000) + "1" + QByteArray(5000, '}') << json << F::Unreadable
                                      << QString();
    QTest::newRow("json-numbers-for-strings") << QByteArray(R"({"message":42,"error":true,"error_description":["a"],"detail":{}})") << json
                                              << F::Json << QString();
    QTest::newRow("json-huge-code") << QByteArray(R"({"code":1e308})") << json << F::Json << QString();
    QTest::newRow("json-nan-code") << QByteArray(R"({"code":-0.5})") << json << F::Json << QString();
    QTest::newRow("json-too-large") << QByteArray("{\"message\":\"") + QByteArray(ErrorBody::MaxReadBytes, 'a') + "\"}" << json
                                    << F::Unreadable << QString();
    QTest::newRow("json-long-message") << QByteArray("{\"message\":\"") + QByteArray(10000, 'a') + "\"}" << json << F::Json
                                       << QString(ErrorBody::MaxChars - 1, u'a') + u'…';
    QTest::newRow("json-controls-and-bidi") << QByteArray("{\"message\":\"Log in\\u0000 again\\n\\u202eevil\\u0007 \\ud800x\"}") << json
                                            << F::Json << u"Log in again evil x"_s;
    QTest::newRow("json-empty-strings") << QByteArray(R"({"message":"","error":"   "})") << json << F::Json << QString();
    QTest::newRow("json-not-utf8") << QByteArray("{\"message\":\"\xff\xfe\"}") << json << F::Unreadable << QString();
    QTest::newRow("json-empty-array") << QByteArray("[]") << json << F::Json << QString();
    QTest::newRow("json-errors-not-array") << QByteArray(R"({"errors":"x"})") << json << F::Json << QString();
    QTest::newRow("text-not-utf8") << QByteArray("\xc3\x28 bad") << QByteArray("text/plain") << F::Unreadable << QString();
    QTest::newRow("binary") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0", 11) << QByteArray("image/png") << F::Unreadable << QString();
    QTest::newRow("text-huge-one-line") << QByteArray(4 * 1024 * 1024, 'x') << QByteArray("text/plain") << F::Text
                                        << QString(ErrorBody::MaxChars - 1, u'x') + u'…';
    QTest::newRow("text-cut-inside-code-point") << QByteArray(ErrorBody::MaxReadBytes - 1, ' ') + "\xc3\xbc tail" << QByteArray("text/plain")
                                                << F::Text << QString();
    QTest::newRow("text-only-controls") << QByteArray("\x01\x02\x1b[31m") << QByteArray("text/plain") << F::Text << u"[31m"_s;
    QTest::newRow("content-type-garbage") << QByteArray("denied") << QByteArray(";;;\xff charset=\"") << F::Text << u"denied"_s;
}

void TestErrorBody::parse()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(ErrorBody::Form, form);
    QFETCH(QString, said);

    const ErrorBody parsed = ErrorBody::parse(body, contentType);
    QCOMPARE(parsed.form, form);
    QCOMPARE(parsed.said(), said);
    for (const QString &s : {parsed.said(), parsed.code, parsed.title, parsed.message, parsed.type}) {
        QVERIFY2(s.size() <= ErrorBody::MaxChars, qPrintable(QString::number(s.size())));
        for (const QChar c : s)
            QVERIFY2(c.category() != QChar::Other_Control && c.category() != QChar::Other_Format, qPrintable(s));
    }
}

void TestErrorBody::fields()
{
    // The parts stay apart, so the explainer can weigh a code apart from a message.
    const ErrorBody problem = ErrorBody::parse(R"({"type":"https://example.com/probs/expired","title":"Unauthorized","status":401,"detail":"Token expired"})",
                                               "application/problem+json; charset=utf-8");
    QCOMPARE(problem.form, ErrorBody::Form::Problem);
    QCOMPARE(problem.type, u"https://example.com/probs/expired"_s);
    QCOMPARE(problem.title, u"Unauthorized"_s);
    QCOMPARE(problem.message, u"Token expired"_s);
    QCOMPARE(problem.status, 401);
    const ErrorBody blank = ErrorBody::parse(R"({"type":"about:blank","status":"999"})", "application/problem+json");
    QVERIFY(blank.type.isEmpty());
    QCOMPARE(blank.status, 0);
    const ErrorBody express = ErrorBody::parse(R"({"error":"Forbidden","message":"Insufficient scope"})", "application/json");
    QCOMPARE(express.code, u"Forbidden"_s);
    QCOMPARE(express.message, u"Insufficient scope"_s);
}

QTEST_GUILESS_MAIN(TestErrorBody)
#include "tst_errorbody.moc"
