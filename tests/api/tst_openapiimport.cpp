// SPDX-License-Identifier: MIT
// OpenApiImport over OpenAPI 3 documents in YAML and JSON, hostile ones included.
#include "api/openapiimport.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestOpenApiImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void yamlDocument();
    void openIdConnect();
    void hostile_data();
    void hostile();
};

void TestOpenApiImport::yamlDocument()
{
    const QByteArray yaml = R"(openapi: 3.0.3
info:
  title: Billing
  version: "1"
servers:
  - url: https://billing.example.com/v1
security:
  - oauth: [invoices.read]
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        authorizationCode:
          authorizationUrl: https://login.example.com/oauth2/default/v1/authorize
          tokenUrl: https://login.example.com/oauth2/default/v1/token
          scopes:
            invoices.read: Read invoices
            invoices.write: Write invoices
paths:
  /invoices/{invoiceId}:
    get:
      tags: [invoices]
      summary: Get an invoice
  /invoices:
    post:
      tags: [invoices]
      operationId: createInvoice
      requestBody:
        content:
          application/json:
            example: {amount: 10}
  /health:
    get:
      security: []
)";
    QString why;
    const auto c = OpenApiImport::parse(yaml, &why);
    QVERIFY2(c, qPrintable(why));
    QCOMPARE(c->title, u"Billing"_s);
    QVERIFY(c->hasOAuth);
    QCOMPARE(c->profile.issuer, QUrl(u"https://login.example.com/oauth2/default"_s));
    QCOMPARE(c->profile.scope, u"invoices.read invoices.write"_s);
    QCOMPARE(c->profile.apiBase, QUrl(u"https://billing.example.com/v1"_s));
    QCOMPARE(c->requests.size(), 3);
    QCOMPARE(c->requests.at(0).path(), u"GET -health"_s); // a name holds no slash
    QVERIFY(!c->requests.at(0).withToken);
    QCOMPARE(c->requests.at(1).path(), u"invoices/createInvoice"_s);
    QCOMPARE(c->requests.at(1).bodyType, SavedRequest::BodyType::Json);
    QVERIFY(c->requests.at(1).body.contains(u"\"amount\": 10"_s));
    QCOMPARE(c->requests.at(2).url, u"{{base}}/invoices/{{invoiceId}}"_s);
    QVERIFY(c->requests.at(2).withToken);
    QVERIFY(c->variables.contains((SavedVariable{u"invoiceId"_s, QString(), false})));
    QVERIFY(c->notes.join(u' ').contains(u"client"_s));
    QCOMPARE(ImportedCollection::detect(yaml, &why), ImportedCollection::Format::OpenApi);
}

void TestOpenApiImport::openIdConnect()
{
    const QByteArray json = R"({"openapi": "3.1.0", "info": {"title": "T"}, "paths": {},
        "components": {"securitySchemes": {"oidc": {"type": "openIdConnect",
            "openIdConnectUrl": "https://id.example.com/tenant/.well-known/openid-configuration"}}}})";
    QString why;
    const auto c = OpenApiImport::parse(json, &why);
    QVERIFY2(c, qPrintable(why));
    QCOMPARE(c->profile.issuer, QUrl(u"https://id.example.com/tenant"_s));
}

void TestOpenApiImport::hostile_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("error");
    QTest::newRow("swagger-2") << QByteArray(R"({"swagger": "2.0"})") << u"Swagger 2.0"_s;
    QTest::newRow("no-version") << QByteArray("info:\n  title: x\n") << u"openapi"_s;
    QTest::newRow("paths-list") << QByteArray("openapi: 3.0.0\npaths: [1]\n") << u"paths"_s;
    QTest::newRow("bad-yaml") << QByteArray("openapi: [3.0\n") << u"YAML"_s;
    QTest::newRow("bad-json") << QByteArray(R"({"openapi": "3.0.0",})") << u"JSON"_s;
    QTest::newRow("huge") << QByteArray("openapi: 3.0.0\n").append(QByteArray(5 * 1024 * 1024, '#')) << u"larger than"_s;
}

void TestOpenApiImport::hostile()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, error);
    QString why;
    QVERIFY(!OpenApiImport::parse(bytes, &why));
    QVERIFY2(why.contains(error), qPrintable(why));
}

QTEST_GUILESS_MAIN(TestOpenApiImport)
#include "tst_openapiimport.moc"
