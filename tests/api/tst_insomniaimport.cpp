// SPDX-License-Identifier: MIT
// InsomniaImport over exports written in Insomnia's format 4 (JSON and
// YAML), hostile ones included.
#include "api/insomniaimport.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// Written as plain literals: moc does not read raw strings.
const char sample[] =
    "{\n"
    "  \"_type\": \"export\", \"__export_format\": 4, \"__export_source\": \"insomnia.desktop.app:v2023.5.8\",\n"
    "  \"resources\": [\n"
    "    {\"_id\": \"wrk_1\", \"_type\": \"workspace\", \"parentId\": null, \"name\": \"Orders\"},\n"
    "    {\"_id\": \"env_base\", \"_type\": \"environment\", \"parentId\": \"wrk_1\", \"name\": \"Base Environment\",\n"
    "     \"data\": {\"base_url\": \"https://orders.example.com\", \"client_id\": \"orders-cli\", \"nested\": {\"a\": 1}}},\n"
    "    {\"_id\": \"env_dev\", \"_type\": \"environment\", \"parentId\": \"env_base\", \"name\": \"dev\", \"isPrivate\": true,\n"
    "     \"data\": {\"api_token\": \"tok-very-secret\"}},\n"
    "    {\"_id\": \"env_prod\", \"_type\": \"environment\", \"parentId\": \"env_base\", \"name\": \"prod\", \"data\": {}},\n"
    "    {\"_id\": \"fld_1\", \"_type\": \"request_group\", \"parentId\": \"wrk_1\", \"name\": \"orders\",\n"
    "     \"authentication\": {\"type\": \"oauth2\", \"grantType\": \"authorization_code\", \"usePkce\": true,\n"
    "       \"authorizationUrl\": \"https://dev-9.okta.com/oauth2/aus1/v1/authorize\",\n"
    "       \"accessTokenUrl\": \"https://dev-9.okta.com/oauth2/aus1/v1/token\",\n"
    "       \"clientId\": \"{{ _.client_id }}\", \"clientSecret\": \"cs-hidden\", \"scope\": \"orders.read offline_access\",\n"
    "       \"audience\": \"api://orders\", \"resource\": \"https://orders.example.com\"}},\n"
    "    {\"_id\": \"req_1\", \"_type\": \"request\", \"parentId\": \"fld_1\", \"name\": \"list\", \"method\": \"GET\",\n"
    "     \"url\": \"{{ _.base_url }}/orders\", \"headers\": [{\"name\": \"X-Trace\", \"value\": \"{{ _.api_token }}\"}, {\"name\": \"Off\", \"value\": \"1\", \"disabled\": true}],\n"
    "     \"authentication\": {}, \"body\": {}},\n"
    "    {\"_id\": \"req_2\", \"_type\": \"request\", \"parentId\": \"fld_1\", \"name\": \"create\", \"method\": \"POST\",\n"
    "     \"url\": \"{{ _.base_url }}/orders\", \"headers\": [], \"authentication\": {},\n"
    "     \"body\": {\"mimeType\": \"application/json\", \"text\": \"[1, 2]\"}},\n"
    "    {\"_id\": \"req_3\", \"_type\": \"request\", \"parentId\": \"wrk_1\", \"name\": \"login form\", \"method\": \"POST\",\n"
    "     \"url\": \"https://orders.example.com/form\", \"authentication\": {\"type\": \"none\"},\n"
    "     \"body\": {\"mimeType\": \"application/x-www-form-urlencoded\", \"params\": [{\"name\": \"u\", \"value\": \"x\"}]}},\n"
    "    {\"_id\": \"req_4\", \"_type\": \"request\", \"parentId\": \"wrk_1\", \"name\": \"digest\", \"method\": \"GET\",\n"
    "     \"url\": \"https://orders.example.com/d\", \"authentication\": {\"type\": \"digest\"}}\n"
    "  ]}\n";

} // namespace

class TestInsomniaImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sampleExport();
    void yamlExport();
    void hostile_data();
    void hostile();
};

void TestInsomniaImport::sampleExport()
{
    QString why;
    const auto c = InsomniaImport::parse(sample, &why);
    QVERIFY2(c, qPrintable(why));
    QCOMPARE(c->title, u"Orders"_s);
    QVERIFY(c->hasOAuth);
    QCOMPARE(c->profile.issuer, QUrl(u"https://dev-9.okta.com/oauth2/aus1"_s));
    QCOMPARE(c->profile.clientId, u"orders-cli"_s);
    QCOMPARE(c->profile.scope, u"orders.read offline_access"_s);
    QCOMPARE(c->profile.audience, u"api://orders"_s);
    QCOMPARE(c->profile.resource, u"https://orders.example.com"_s);
    QCOMPARE(c->profile.apiBase, QUrl(u"https://orders.example.com"_s));
    QCOMPARE(c->requests.size(), 4);
    QCOMPARE(c->requests.at(0).path(), u"orders/list"_s);
    QCOMPARE(c->requests.at(0).url, u"{{base}}/orders"_s);
    QCOMPARE(c->requests.at(0).headers, (SavedRequest::Pairs{{u"X-Trace"_s, u"{{api_token}}"_s}}));
    QCOMPARE(c->requests.at(1).bodyType, SavedRequest::BodyType::Json);
    QCOMPARE(c->requests.at(2).bodyType, SavedRequest::BodyType::Form);
    QVERIFY(!c->requests.at(2).withToken);
    const QString notes = c->notes.join(u'\n');
    QVERIFY2(notes.contains(u"digest"_s) && notes.contains(u"prod"_s) && notes.contains(u"nested"_s), qPrintable(notes));
    // The private environment's value and the client secret are secrets only.
    QCOMPARE(c->secrets.size(), 2);
    QVERIFY(c->variables.contains((SavedVariable{u"api_token"_s, QString(), true})));
    QVERIFY(!(SavedCollection{c->requests, c->variables}).toJson().contains("tok-very-secret"));
    QVERIFY(!QJsonDocument(c->profile.toJson()).toJson().contains("cs-hidden"));
    QCOMPARE(ImportedCollection::detect(sample, &why), ImportedCollection::Format::Insomnia);
}

void TestInsomniaImport::yamlExport()
{
    const QByteArray yaml = R"(_type: export
__export_format: 4
resources:
  - _id: wrk_1
    _type: workspace
    name: Y
  - _id: req_1
    _type: request
    parentId: wrk_1
    name: me
    method: GET
    url: https://auth.example.com/realms/r1/me
    authentication:
      type: oauth2
      grantType: client_credentials
      accessTokenUrl: https://auth.example.com/realms/r1/protocol/openid-connect/token
      clientId: svc
      audience: api
)";
    QString why;
    const auto c = InsomniaImport::parse(yaml, &why);
    QVERIFY2(c, qPrintable(why));
    QCOMPARE(c->profile.grant, Profile::Grant::ClientCredentials);
    QCOMPARE(c->profile.issuer, QUrl(u"https://auth.example.com/realms/r1"_s));
    QCOMPARE(c->requests.size(), 1);
}

void TestInsomniaImport::hostile_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("error");
    QTest::newRow("not-json") << QByteArray("{\"_type\": ") << u"not valid JSON"_s;
    QTest::newRow("format-3") << QByteArray(R"({"_type": "export", "__export_format": 3, "resources": []})") << u"__export_format"_s;
    QTest::newRow("resources-not-list") << QByteArray(R"({"__export_format": 4, "resources": {}})") << u"resources"_s;
    QTest::newRow("insomnia-5") << QByteArray("type: collection.insomnia.rest/5.0\nname: x\n") << u"Insomnia 5"_s;
    QTest::newRow("group-loop") << QByteArray(R"({"__export_format": 4, "resources": [
        {"_id": "a", "_type": "request_group", "parentId": "b", "name": "a"},
        {"_id": "b", "_type": "request_group", "parentId": "a", "name": "b"},
        {"_id": "r", "_type": "request", "parentId": "a", "name": "r", "url": "https://x.example/"}]})")
                                << u"loop"_s;
    QTest::newRow("yaml-bomb") << QByteArray("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                                             "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                                             "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n")
                               << u"node"_s;
    QTest::newRow("huge") << QByteArray(5 * 1024 * 1024, 'x') << u"larger than"_s;
}

void TestInsomniaImport::hostile()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, error);
    QString why;
    QVERIFY(!InsomniaImport::parse(bytes, &why));
    QVERIFY2(why.contains(error, Qt::CaseInsensitive), qPrintable(why));
}

QTEST_GUILESS_MAIN(TestInsomniaImport)
#include "tst_insomniaimport.moc"
