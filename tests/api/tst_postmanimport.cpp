// SPDX-License-Identifier: MIT
// PostmanImport over collections and environments written in Postman's
// documented v2.1 format, hostile ones included, and the issuer shapes.
#include "api/postmanimport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QJsonArray kv(std::initializer_list<std::pair<const char *, QJsonValue>> pairs)
{
    QJsonArray a;
    for (const auto &p : pairs)
        a.append(QJsonObject{{u"key"_s, QString::fromLatin1(p.first)}, {u"value"_s, p.second}, {u"type"_s, u"string"_s}});
    return a;
}

QJsonObject oauth2(const QString &grant, const QString &tokenUrl)
{
    QJsonArray tokenParams{QJsonObject{{u"key"_s, u"audience"_s}, {u"value"_s, u"https://api.example.com"_s},
                                       {u"enabled"_s, true}, {u"send_as"_s, u"request_body"_s}}};
    QJsonArray s = kv({{"grant_type", grant}, {"accessTokenUrl", tokenUrl}, {"authUrl", u"{{auth}}/authorize"_s},
                       {"clientId", u"{{client_id}}"_s}, {"clientSecret", u"s3cr3t-value"_s}, {"scope", u"openid read:users"_s}});
    s.append(QJsonObject{{u"key"_s, u"tokenRequestParams"_s}, {u"value"_s, tokenParams}});
    return {{u"type"_s, u"oauth2"_s}, {u"oauth2"_s, s}};
}

QJsonObject request(const QString &name, const QString &method, const QString &url, const QJsonObject &body = {})
{
    QJsonObject r{{u"method"_s, method}, {u"url"_s, QJsonObject{{u"raw"_s, url}}},
                  {u"header"_s, QJsonArray{QJsonObject{{u"key"_s, u"Accept"_s}, {u"value"_s, u"application/json"_s}},
                                           QJsonObject{{u"key"_s, u"X-Off"_s}, {u"value"_s, u"1"_s}, {u"disabled"_s, true}}}}};
    if (!body.isEmpty())
        r.insert(u"body"_s, body);
    return {{u"name"_s, name}, {u"request"_s, r}};
}

QByteArray collection(const QJsonObject &auth, const QJsonArray &items, const QJsonArray &variables = {})
{
    QJsonObject root{{u"info"_s, QJsonObject{{u"name"_s, u"Users API"_s},
                                             {u"schema"_s, u"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"_s}}},
                     {u"item"_s, items},
                     {u"variable"_s, variables.isEmpty() ? kv({{"baseUrl", u"https://api.example.com"_s},
                                                               {"client_id", u"abc123"_s},
                                                               {"auth", u"https://tenant.eu.auth0.com"_s}})
                                                         : variables}};
    if (!auth.isEmpty())
        root.insert(u"auth"_s, auth);
    return QJsonDocument(root).toJson();
}

QJsonArray sampleItems()
{
    QJsonObject json{{u"mode"_s, u"raw"_s}, {u"raw"_s, u"{\"name\": \"ada\"}"_s},
                     {u"options"_s, QJsonObject{{u"raw"_s, QJsonObject{{u"language"_s, u"json"_s}}}}}};
    QJsonObject form{{u"mode"_s, u"urlencoded"_s}, {u"urlencoded"_s, kv({{"a", u"1"_s}})}};
    QJsonObject folder{{u"name"_s, u"users"_s},
                       {u"item"_s, QJsonArray{request(u"list"_s, u"GET"_s, u"{{baseUrl}}/users"_s),
                                              request(u"create"_s, u"POST"_s, u"{{baseUrl}}/users"_s, json)}}};
    QJsonObject pub = request(u"health"_s, u"get"_s, u"{{baseUrl}}/health"_s, form);
    QJsonObject r = pub.value(u"request").toObject();
    r.insert(u"auth"_s, QJsonObject{{u"type"_s, u"noauth"_s}});
    pub.insert(u"request"_s, r);
    return {folder, pub};
}

} // namespace

class TestPostmanImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void collectionDetails();
    void environment();
    void clientAuthentication();
    void issuer_data();
    void issuer();
};

void TestPostmanImport::parse_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("error");   // a part of the sentence, or empty
    QTest::addColumn<int>("grant");       // Profile::Grant, -1: no OAuth
    QTest::addColumn<QString>("issuer");
    QTest::addColumn<int>("requests");
    QTest::addColumn<QString>("note");    // a part of one note, or empty

    const QString auth0 = u"https://tenant.eu.auth0.com/oauth/token"_s;
    QTest::newRow("auth-code-pkce") << collection(oauth2(u"authorization_code_with_pkce"_s, auth0), sampleItems()) << QString()
                                    << int(Profile::Grant::AuthorizationCode) << u"https://tenant.eu.auth0.com/"_s << 3
                                    << u"was derived from"_s;
    QTest::newRow("client-credentials") << collection(oauth2(u"client_credentials"_s, auth0), sampleItems()) << QString()
                                        << int(Profile::Grant::ClientCredentials) << u"https://tenant.eu.auth0.com/"_s << 3 << QString();
    QTest::newRow("implicit-grant") << collection(oauth2(u"implicit"_s, auth0), {}) << QString()
                                    << int(Profile::Grant::AuthorizationCode) << u"https://tenant.eu.auth0.com/"_s << 0
                                    << u"TokenLab does not do"_s;
    QTest::newRow("no-auth") << collection({}, sampleItems()) << QString() << -1 << QString() << 3 << QString();
    QTest::newRow("unknown-auth-type") << collection(QJsonObject{{u"type"_s, u"hawk"_s}}, sampleItems()) << QString() << -1
                                       << QString() << 3 << u"hawk"_s;
    QTest::newRow("token-url-unresolved") << collection(oauth2(u"authorization_code"_s, u"{{nowhere}}/token"_s), {}) << QString()
                                          << int(Profile::Grant::AuthorizationCode) << u"https://tenant.eu.auth0.com/"_s << 0
                                          << u"PKCE"_s;
    QTest::newRow("not-json") << QByteArray("{\"info\": ") << u"not valid JSON"_s << -1 << QString() << 0 << QString();
    QTest::newRow("array") << QByteArray("[1,2]") << u"not an object"_s << -1 << QString() << 0 << QString();
    QTest::newRow("missing-item") << QByteArray(R"({"info": {"name": "x"}})") << u"\"item\""_s << -1 << QString() << 0 << QString();
    QTest::newRow("v1-collection") << QByteArray(R"({"requests": [], "order": []})") << u"v1"_s << -1 << QString() << 0 << QString();
    QTest::newRow("wrong-schema") << QByteArray(R"({"info": {"schema": "https://example.com/v9"}, "item": []})") << u"schema"_s << -1
                                  << QString() << 0 << QString();
    QTest::newRow("wrong-types") << QByteArray(R"({"info": {}, "item": [1, "x", {"name": 3, "request": 7}, {"request": {"url": 5}}],
                                                  "auth": "oauth2", "variable": "nope"})")
                                 << QString() << -1 << QString() << 0 << u"skipped"_s;
    QTest::newRow("bad-method") << collection({}, {request(u"x"_s, u"GET /etc"_s, u"https://a.example/x"_s)}) << QString() << -1
                                << QString() << 0 << u"not an HTTP method"_s;
    QByteArray deep = "{\"info\": {}, \"item\": [";
    for (int i = 0; i < 40; ++i)
        deep += "{\"name\": \"f\", \"item\": [";
    for (int i = 0; i < 40; ++i)
        deep += "]}";
    deep += "]}";
    QTest::newRow("deep-nesting") << deep << u"nested more than"_s << -1 << QString() << 0 << QString();
    QJsonArray many;
    for (int i = 0; i <= ImportedCollection::MaxRequests; ++i)
        many.append(request(u"r"_s, u"GET"_s, u"https://a.example/"_s));
    QTest::newRow("too-many-requests") << collection({}, many) << u"more than the 2000"_s << -1 << QString() << 0 << QString();
    QTest::newRow("huge-file") << collection({}, {}).append(QByteArray(5 * 1024 * 1024, ' ')) << u"larger than"_s << -1
                               << QString() << 0 << QString();
}

void TestPostmanImport::parse()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, error);
    QFETCH(int, grant);
    QFETCH(QString, issuer);
    QFETCH(int, requests);
    QFETCH(QString, note);
    QString why;
    const auto c = PostmanImport::parse(bytes, &why);
    if (!error.isEmpty()) {
        QVERIFY(!c);
        QVERIFY2(why.contains(error), qPrintable(why));
        QVERIFY(why.endsWith(u'.'));
        return;
    }
    QVERIFY2(c, qPrintable(why));
    QCOMPARE(c->hasOAuth, grant >= 0);
    if (grant >= 0) {
        QCOMPARE(int(c->profile.grant), grant);
        if (!issuer.isEmpty())
            QCOMPARE(c->profile.issuer.toString(), issuer);
    }
    QCOMPARE(c->requests.size(), requests);
    if (!note.isEmpty())
        QVERIFY2(c->notes.join(u' ').contains(note), qPrintable(c->notes.join(u'\n')));
}

void TestPostmanImport::collectionDetails()
{
    QString why;
    const auto c = PostmanImport::parse(collection(oauth2(u"authorization_code_with_pkce"_s, u"https://tenant.eu.auth0.com/oauth/token"_s),
                                                   sampleItems()),
                                        &why);
    QVERIFY2(c, qPrintable(why));
    QCOMPARE(c->title, u"Users API"_s);
    QCOMPARE(c->profile.clientId, u"abc123"_s);
    QCOMPARE(c->profile.scope, u"openid read:users"_s);
    QCOMPARE(c->profile.audience, u"https://api.example.com"_s);
    QCOMPARE(c->profile.apiBase, QUrl(u"https://api.example.com"_s));
    QCOMPARE(c->authorizeUrl, QUrl(u"https://tenant.eu.auth0.com/authorize"_s));
    QCOMPARE(c->requests.at(0).path(), u"users/list"_s);
    QCOMPARE(c->requests.at(0).url, u"{{base}}/users"_s);
    QCOMPARE(c->requests.at(0).headers.size(), 1); // the disabled one is left out
    QCOMPARE(c->requests.at(1).bodyType, SavedRequest::BodyType::Json);
    QCOMPARE(c->requests.at(1).body, u"{\"name\": \"ada\"}"_s);
    QCOMPARE(c->requests.at(2).method, u"GET"_s);
    QCOMPARE(c->requests.at(2).bodyType, SavedRequest::BodyType::Form);
    QVERIFY(!c->requests.at(2).withToken);
    QCOMPARE(c->secrets.size(), 1);
    QCOMPARE(c->secrets.at(0).kind, ImportedSecret::Kind::ClientSecret);
    QCOMPARE(c->secrets.at(0).value, u"s3cr3t-value"_s);
    // Nothing that goes to a file holds the secret.
    QVERIFY(!QJsonDocument(c->profile.toJson()).toJson().contains("s3cr3t"));
    SavedCollection files{c->requests, c->variables};
    QVERIFY(!files.toJson().contains("s3cr3t"));
}

void TestPostmanImport::environment()
{
    const QByteArray env = R"({"id": "1", "name": "staging", "_postman_variable_scope": "environment",
        "values": [{"key": "baseUrl", "value": "https://staging.example.com", "type": "default", "enabled": true},
                   {"key": "apiKey", "value": "k-123", "type": "secret", "enabled": true},
                   {"key": "user", "value": "42", "type": "default", "enabled": true},
                   {"key": "off", "value": "x", "enabled": false},
                   {"key": "bad name!", "value": "x"}]})";
    QString why;
    const auto c = PostmanImport::parse(env, &why);
    QVERIFY2(c, qPrintable(why));
    QVERIFY(!c->hasOAuth);
    QCOMPARE(c->profile.apiBase, QUrl(u"https://staging.example.com"_s));
    QCOMPARE(c->variables.size(), 2);
    QCOMPARE(c->variables.at(0), (SavedVariable{u"apiKey"_s, QString(), true}));
    QCOMPARE(c->variables.at(1), (SavedVariable{u"user"_s, u"42"_s, false}));
    QCOMPARE(c->secrets.size(), 1);
    QCOMPARE(c->secrets.at(0).value, u"k-123"_s);
    QVERIFY(c->notes.join(u' ').contains(u"bad name!"_s));
    QCOMPARE(ImportedCollection::detect(env, &why), ImportedCollection::Format::Postman);
}

void TestPostmanImport::clientAuthentication()
{
    for (const auto &[placement, expected] : {std::pair{u"header"_s, Profile::ClientAuth::Basic}, std::pair{u"body"_s, Profile::ClientAuth::Post}}) {
        QJsonObject auth = oauth2(u"client_credentials"_s, u"https://t.us.auth0.com/oauth/token"_s);
        QJsonArray settings = auth.value(u"oauth2"_s).toArray();
        settings.append(kv({{"client_authentication", placement}}).first());
        auth.insert(u"oauth2"_s, settings);
        QString why;
        const auto c = PostmanImport::parse(collection(auth, {}), &why);
        QVERIFY2(c, qPrintable(why));
        QCOMPARE(c->profile.clientAuth, expected);
        QCOMPARE(c->profile.audience, u"https://api.example.com"_s);
        Profile named = c->profile;
        named.name = u"m2m"_s; // the name the user confirms; everything else came from the file
        QVERIFY2(named.validate().isEmpty(), qPrintable(named.validate().join(u' ')));
    }
}

void TestPostmanImport::issuer_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QString>("issuer");
    QTest::newRow("auth0") << u"https://t.us.auth0.com/oauth/token"_s << u"https://t.us.auth0.com/"_s;
    QTest::newRow("okta") << u"https://dev-1.okta.com/oauth2/default/v1/token"_s << u"https://dev-1.okta.com/oauth2/default"_s;
    QTest::newRow("okta-org") << u"https://dev-1.okta.com/oauth2/v1/token"_s << u"https://dev-1.okta.com"_s;
    QTest::newRow("keycloak") << u"http://localhost:8080/realms/demo/protocol/openid-connect/token"_s
                              << u"http://localhost:8080/realms/demo"_s;
    QTest::newRow("entra") << u"https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"_s
                           << u"https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0"_s;
    QTest::newRow("other") << u"https://id.example.com:8443/connect/token"_s << u"https://id.example.com:8443"_s;
}

void TestPostmanImport::issuer()
{
    QFETCH(QString, endpoint);
    QFETCH(QString, issuer);
    QCOMPARE(ImportedCollection::issuerFor(QUrl(endpoint)).toString(), issuer);
}

QTEST_GUILESS_MAIN(TestPostmanImport)
#include "tst_postmanimport.moc"
