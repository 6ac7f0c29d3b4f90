// SPDX-License-Identifier: MIT
// RFC 9728: protected resource metadata becomes the resource, its
// authorization servers and scopes, or one sentence; a document about
// another resource, or with members of the wrong type, is never used.
#include "oauth/resourcemetadata.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestResourceMetadata : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void readsTheMembers();
    void identifies_data();
    void identifies();
    void matches_data();
    void matches();
    void wellKnownUrls_data();
    void wellKnownUrls();
};

void TestResourceMetadata::parse_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("apiUrl");
    QTest::addColumn<QString>("words"); // empty: accepted

    const QString api = u"https://api.example.com/v1/things"_s;
    QTest::newRow("minimal") << QByteArray(R"({"resource":"https://api.example.com/v1","authorization_servers":["https://as.example.com"]})")
                             << api << QString();
    QTest::newRow("origin-resource") << QByteArray(R"({"resource":"https://api.example.com","authorization_servers":["https://as.example.com"]})")
                                     << api << QString();
    QTest::newRow("loopback-http") << QByteArray(R"({"resource":"http://127.0.0.1:8080/","authorization_servers":["http://127.0.0.1:9000/"]})")
                                   << u"http://127.0.0.1:8080/api/private"_s << QString();
    QTest::newRow("wrong-resource-host")
            << QByteArray(R"({"resource":"https://evil.example.net/v1","authorization_servers":["https://as.example.com"]})") << api
            << u"is about \"https://evil.example.net/v1\", which is not the API"_s;
    QTest::newRow("wrong-resource-path")
            << QByteArray(R"({"resource":"https://api.example.com/v2","authorization_servers":["https://as.example.com"]})") << api
            << u"which is not the API"_s;
    QTest::newRow("resource-prefix-not-segment")
            << QByteArray(R"({"resource":"https://api.example.com/v","authorization_servers":["https://as.example.com"]})") << api
            << u"which is not the API"_s;
    QTest::newRow("wrong-resource-port")
            << QByteArray(R"({"resource":"https://api.example.com:8443/v1","authorization_servers":["https://as.example.com"]})") << api
            << u"which is not the API"_s;
    QTest::newRow("wrong-resource-scheme")
            << QByteArray(R"({"resource":"http://127.0.0.1:8080/","authorization_servers":["http://127.0.0.1:9000/"]})")
            << u"https://127.0.0.1:8080/x"_s << u"which is not the API"_s;
    QTest::newRow("resource-http-remote")
            << QByteArray(R"({"resource":"http://api.example.com/v1","authorization_servers":["https://as.example.com"]})")
            << u"http://api.example.com/v1"_s << u"is not an https URL"_s;
    QTest::newRow("resource-fragment")
            << QByteArray(R"({"resource":"https://api.example.com/v1#x","authorization_servers":["https://as.example.com"]})") << api
            << u"without a fragment"_s;
    QTest::newRow("no-resource") << QByteArray(R"({"authorization_servers":["https://as.example.com"]})") << api
                                 << u"has no \"resource\" string"_s;
    QTest::newRow("resource-number") << QByteArray(R"({"resource":42,"authorization_servers":["https://as.example.com"]})") << api
                                     << u"has no \"resource\" string"_s;
    QTest::newRow("no-servers") << QByteArray(R"({"resource":"https://api.example.com"})") << api << u"names no \"authorization_servers\""_s;
    QTest::newRow("empty-servers") << QByteArray(R"({"resource":"https://api.example.com","authorization_servers":[]})") << api
                                   << u"names no \"authorization_servers\""_s;
    QTest::newRow("servers-string") << QByteArray(R"({"resource":"https://api.example.com","authorization_servers":"https://as.example.com"})")
                                    << api << u"\"authorization_servers\" is not an array of strings"_s;
    QTest::newRow("servers-number") << QByteArray(R"({"resource":"https://api.example.com","authorization_servers":[1]})") << api
                                    << u"not a non-empty string"_s;
    QTest::newRow("server-http-remote") << QByteArray(R"({"resource":"https://api.example.com","authorization_servers":["http://as.example.com"]})")
                                        << api << u"The authorization server \"http://as.example.com\" is not an https URL"_s;
    QTest::newRow("server-javascript") << QByteArray(R"x({"resource":"https://api.example.com","authorization_servers":["javascript:alert(1)"]})x")
                                       << api << u"is not an https URL"_s;
    QTest::newRow("server-query") << QByteArray(R"({"resource":"https://api.example.com","authorization_servers":["https://as.example.com/?a=b"]})")
                                  << api << u"without query or fragment"_s;
    QTest::newRow("scopes-object") << QByteArray(R"({"resource":"https://api.example.com","authorization_servers":["https://as.example.com"],"scopes_supported":{}})")
                                   << api << u"\"scopes_supported\" is not an array of strings"_s;
    QTest::newRow("scopes-mixed") << QByteArray(R"({"resource":"https://api.example.com","authorization_servers":["https://as.example.com"],"scopes_supported":["a",null]})")
                                  << api << u"\"scopes_supported\" holds something"_s;
    QTest::newRow("bearer-method-unknown")
            << QByteArray(R"({"resource":"https://api.example.com","authorization_servers":["https://as.example.com"],"bearer_methods_supported":["cookie"]})")
            << api << u"names \"cookie\""_s;
    QTest::newRow("dpop-required-string")
            << QByteArray(R"({"resource":"https://api.example.com","authorization_servers":["https://as.example.com"],"dpop_bound_access_tokens_required":"yes"})")
            << api << u"is not true or false"_s;
    QTest::newRow("jwks-http") << QByteArray(R"({"resource":"https://api.example.com","authorization_servers":["https://as.example.com"],"jwks_uri":"http://x.example/j"})")
                               << api << u"\"jwks_uri\" is not an https URL"_s;
    QTest::newRow("name-array") << QByteArray(R"({"resource":"https://api.example.com","authorization_servers":["https://as.example.com"],"resource_name":[]})")
                                << api << u"\"resource_name\" is not a string"_s;
    QTest::newRow("not-json") << QByteArray("<html>Sign in</html>") << api << u"is not valid JSON"_s;
    QTest::newRow("empty") << QByteArray() << api << u"is not valid JSON"_s;
    QTest::newRow("array") << QByteArray(R"([{"resource":"https://api.example.com"}])") << api << u"is not a JSON object"_s;
    QByteArray huge = R"({"resource":"https://api.example.com","authorization_servers":["https://as.example.com"],"pad":")";
    huge += QByteArray(ResourceMetadata::MaxDocumentBytes, 'a') + "\"}";
    QTest::newRow("oversized") << huge << api << u"is larger than 65536 bytes"_s;
    QByteArray many = R"({"resource":"https://api.example.com","authorization_servers":["https://as.example.com"],"scopes_supported":[)";
    for (int i = 0; i < 200; ++i)
        many += (i ? ",\"s" : "\"s") + QByteArray::number(i) + '"';
    QTest::newRow("too-many-scopes") << many + "]}" << api << u"has 200 entries"_s;
}

void TestResourceMetadata::parse()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, apiUrl);
    QFETCH(QString, words);
    QString error;
    const auto m = ResourceMetadata::parse(json, QUrl(apiUrl), &error);
    if (words.isEmpty()) {
        QVERIFY2(m, qPrintable(error));
        QVERIFY(error.isEmpty());
    } else {
        QVERIFY(!m);
        QVERIFY2(error.contains(words), qPrintable(error));
        QVERIFY(error.endsWith(u'.') || error.endsWith(u')'));
    }
}

void TestResourceMetadata::readsTheMembers()
{
    const QByteArray json = R"({"resource":"https://api.example.com/v1","authorization_servers":["https://as.example.com/t1","https://b.example"],
        "scopes_supported":["read","write"],"bearer_methods_supported":["header"],"dpop_signing_alg_values_supported":["ES256"],
        "dpop_bound_access_tokens_required":true,"resource_name":"Things API","unknown":{"ignored":true}})";
    QString error;
    const auto m = ResourceMetadata::parse(json, QUrl(u"https://api.example.com/v1/"_s), &error);
    QVERIFY2(m, qPrintable(error));
    QCOMPARE(m->resource, QUrl(u"https://api.example.com/v1"_s));
    QCOMPARE(m->authorizationServers, (QList<QUrl>{QUrl(u"https://as.example.com/t1"_s), QUrl(u"https://b.example"_s)}));
    QCOMPARE(m->scopesSupported, (QStringList{u"read"_s, u"write"_s}));
    QCOMPARE(m->bearerMethodsSupported, QStringList{u"header"_s});
    QCOMPARE(m->dpopSigningAlgs, QStringList{u"ES256"_s});
    QVERIFY(m->dpopBoundAccessTokensRequired);
    QCOMPARE(m->resourceName, u"Things API"_s);
}

void TestResourceMetadata::identifies_data()
{
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("api");
    QTest::addColumn<bool>("expected");
    QTest::newRow("same") << u"https://a.example/api"_s << u"https://a.example/api"_s << true;
    QTest::newRow("trailing-slash") << u"https://a.example/api/"_s << u"https://a.example/api"_s << true;
    QTest::newRow("below") << u"https://a.example/api"_s << u"https://a.example/api/private"_s << true;
    QTest::newRow("origin") << u"https://a.example"_s << u"https://a.example/api/private"_s << true;
    QTest::newRow("default-port") << u"https://a.example:443/api"_s << u"https://a.example/api"_s << true;
    QTest::newRow("host-case") << u"https://A.example/api"_s << u"https://a.example/api"_s << true;
    QTest::newRow("sibling") << u"https://a.example/api2"_s << u"https://a.example/api/x"_s << false;
    QTest::newRow("above-api") << u"https://a.example/api/private/more"_s << u"https://a.example/api/private"_s << false;
    QTest::newRow("other-host") << u"https://b.example/api"_s << u"https://a.example/api"_s << false;
    QTest::newRow("subdomain") << u"https://x.a.example/api"_s << u"https://a.example/api"_s << false;
    QTest::newRow("query") << u"https://a.example/api?x=1"_s << u"https://a.example/api"_s << false;
}

void TestResourceMetadata::identifies()
{
    QFETCH(QString, resource);
    QFETCH(QString, api);
    QFETCH(bool, expected);
    QCOMPARE(ResourceMetadata::identifies(QUrl(resource), QUrl(api)), expected);
}

// RFC 9728 3.3: identical to what was expected, or (used with a warning) a
// same-origin path prefix of the API URL, or another resource.
void TestResourceMetadata::matches_data()
{
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("api");
    QTest::addColumn<int>("match");
    const int none = int(ResourceMetadata::Match::None);
    const int identical = int(ResourceMetadata::Match::Identical);
    const int prefix = int(ResourceMetadata::Match::PathPrefix);
    const QString api = u"https://a.example/api/private"_s;
    QTest::newRow("identical") << api << api << api << identical;
    QTest::newRow("identical-slash") << api + u'/' << api << api << identical;
    QTest::newRow("prefix") << u"https://a.example/api"_s << api << api << prefix;
    QTest::newRow("origin-document") << u"https://a.example"_s << u"https://a.example"_s << api << prefix; // wider than the API
    QTest::newRow("origin-document-slash") << u"https://a.example/"_s << u"https://a.example"_s << api << prefix;
    QTest::newRow("origin-api") << u"https://a.example/"_s << u"https://a.example"_s << u"https://a.example"_s << identical;
    QTest::newRow("origin-document-names-path") << u"https://a.example/api"_s << u"https://a.example"_s << api << prefix;
    QTest::newRow("query-identical") << u"https://a.example/api?tenant=t1"_s << u"https://a.example/api?tenant=t1"_s
                                     << u"https://a.example/api?tenant=t1"_s << identical;
    QTest::newRow("query-other") << u"https://a.example/api?tenant=t2"_s << u"https://a.example/api?tenant=t1"_s
                                 << u"https://a.example/api?tenant=t1"_s << none;
    QTest::newRow("query-dropped") << u"https://a.example/api"_s << u"https://a.example/api?tenant=t1"_s
                                   << u"https://a.example/api?tenant=t1"_s << prefix;
    QTest::newRow("below-api") << u"https://a.example/api/private/x"_s << api << api << none;
    QTest::newRow("sibling") << u"https://a.example/apix"_s << api << api << none;
    QTest::newRow("other-host") << u"https://b.example/api/private"_s << api << api << none;
    QTest::newRow("other-port") << u"https://a.example:444/api/private"_s << api << api << none;
    QTest::newRow("fragment") << api + u"#x"_s << api << api << none;
}

void TestResourceMetadata::matches()
{
    QFETCH(QString, resource);
    QFETCH(QString, expected);
    QFETCH(QString, api);
    QFETCH(int, match);
    QCOMPARE(int(ResourceMetadata::matches(QUrl(resource), QUrl(expected), QUrl(api))), match);
    // parse() keeps the verdict, and refuses "None" with the RFC's section.
    const QByteArray json = R"({"resource":")" + resource.toUtf8() + R"(","authorization_servers":["https://as.example"]})";
    QString error;
    const auto m = ResourceMetadata::parse(json, QUrl(expected), QUrl(api), &error);
    if (match == int(ResourceMetadata::Match::None)) {
        QVERIFY(!m);
        QVERIFY2(error.contains(resource.contains(u'#') ? u"without a fragment"_s : u"RFC 9728 3.3"_s), qPrintable(error));
    } else {
        QVERIFY2(m, qPrintable(error));
        QCOMPARE(int(m->match), match);
    }
}

void TestResourceMetadata::wellKnownUrls_data()
{
    QTest::addColumn<QString>("api");
    QTest::addColumn<QStringList>("expected"); // the URL, then the resource it must name
    QTest::newRow("origin") << u"https://a.example"_s
                            << QStringList{u"https://a.example/.well-known/oauth-protected-resource"_s, u"https://a.example"_s};
    QTest::newRow("root-slash") << u"https://a.example/"_s
                                << QStringList{u"https://a.example/.well-known/oauth-protected-resource"_s, u"https://a.example"_s};
    QTest::newRow("path") << u"https://a.example:8443/api/private"_s
                          << QStringList{u"https://a.example:8443/.well-known/oauth-protected-resource/api/private"_s,
                                         u"https://a.example:8443/api/private"_s,
                                         u"https://a.example:8443/.well-known/oauth-protected-resource"_s, u"https://a.example:8443"_s};
    // RFC 9728 3.1: the query stays, after the inserted path; a fragment is never sent.
    QTest::newRow("path-query") << u"https://a.example/api/private?tenant=t1&x=%2F#f"_s
                                << QStringList{u"https://a.example/.well-known/oauth-protected-resource/api/private?tenant=t1&x=%2F"_s,
                                               u"https://a.example/api/private?tenant=t1&x=%2F"_s,
                                               u"https://a.example/.well-known/oauth-protected-resource"_s, u"https://a.example"_s};
    // Only the slash right after the host goes (RFC 9728 3.1); the API's own trailing slash stays.
    QTest::newRow("trailing-slash") << u"https://a.example/api/"_s
                                    << QStringList{u"https://a.example/.well-known/oauth-protected-resource/api/"_s, u"https://a.example/api/"_s,
                                                   u"https://a.example/.well-known/oauth-protected-resource"_s, u"https://a.example"_s};
    QTest::newRow("query-only") << u"https://a.example/?tenant=t1"_s
                                << QStringList{u"https://a.example/.well-known/oauth-protected-resource?tenant=t1"_s,
                                               u"https://a.example/?tenant=t1"_s,
                                               u"https://a.example/.well-known/oauth-protected-resource"_s, u"https://a.example"_s};
}

void TestResourceMetadata::wellKnownUrls()
{
    QFETCH(QString, api);
    QFETCH(QStringList, expected);
    QStringList got;
    for (const ResourceMetadata::WellKnown &w : ResourceMetadata::wellKnownUrls(QUrl(api)))
        got << w.url.toString(QUrl::FullyEncoded) << w.resource.toString(QUrl::FullyEncoded);
    QCOMPARE(got, expected);
}

QTEST_GUILESS_MAIN(TestResourceMetadata)
#include "tst_resourcemetadata.moc"
