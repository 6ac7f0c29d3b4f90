// SPDX-License-Identifier: MIT
// Plans from OpenAPI: a document with mixed security (root scopes, an
// operation with security: [], overridden scopes, alternatives, {}, a path
// template, http bearer, openIdConnect, an apiKey-only operation) becomes
// exactly the right plan, from JSON (3.0) and from YAML (3.1); path
// templates get encoded samples; ProbePlan::parse tells a TokenLab plan
// from an OpenAPI document. Hostile documents (billion laughs, alias
// cycles, deep nesting, huge, wrong types everywhere) are refused with one
// sentence naming the line and column.
#include "api/openapiplan.h"
#include "api/probeplan.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;

class TestOpenApiPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mixedSecurity_data();
    void mixedSecurity();
    void pathSamples_data();
    void pathSamples();
    void entryPoint_data();
    void entryPoint();
    void hostile_data();
    void hostile();
    void operationBound();
};

namespace {

QByteArray dataFile(const QString &name)
{
    QFile f(qEnvironmentVariable("TOKENLAB_SOURCE_DIR") + u"/tests/api/data/"_s + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read test data %s", qPrintable(f.fileName()));
    return f.readAll();
}

// "GET /a public", "POST /b scopes:w r", "GET /c token": one line per endpoint.
QStringList describe(const ProbePlan &plan)
{
    QStringList lines;
    for (const ProbeEndpoint &e : plan.endpoints) {
        const QString need = e.need == ProbeEndpoint::Need::Public     ? u"public"_s
                             : e.need == ProbeEndpoint::Need::AnyToken ? u"token"_s
                                                                       : u"scopes:"_s + e.scopes.join(u' ');
        lines << QString::fromLatin1(e.method) + u' ' + e.path + u' ' + need;
    }
    return lines;
}

// A minimal OpenAPI document with one operation under /x/{id} (when given).
QByteArray withOperation(const QByteArray &operation, const QByteArray &pathLevel = {}, const QByteArray &components = {})
{
    return "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /x/{id}:\n" + pathLevel + "    get:\n" + operation
           + "components:\n  securitySchemes:\n    oauth: {type: oauth2, flows: {}}\n    key: {type: apiKey, in: header, name: K}\n"
           + components;
}

} // namespace

void TestOpenApiPlan::mixedSecurity_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::newRow("yaml-3.1") << dataFile(u"openapi-mixed.yaml"_s);
    QTest::newRow("json-3.0") << dataFile(u"openapi-mixed.json"_s);
}

void TestOpenApiPlan::mixedSecurity()
{
    QFETCH(QByteArray, document);
    QString why;
    QStringList notes;
    const auto plan = ProbePlan::parse(document, &why, &notes);
    QVERIFY2(plan, qPrintable(why));
    const QStringList expected{
        u"GET /health public"_s,
        u"GET /items scopes:read:items"_s,
        u"POST /items scopes:write:items read:items"_s,
        u"GET /items/1 scopes:read:items"_s,
        u"DELETE /items/1 token"_s,
        u"GET /search/blue%20shoes public"_s,
        u"GET /profile token"_s,
        u"PUT /both scopes:openid profile"_s,
    };
    QCOMPARE(describe(*plan), expected);
    QCOMPARE(notes.size(), 1);
    QVERIFY2(notes.first().contains(u"GET /admin."_s), qPrintable(notes.first()));
    // The import is a plan like any other: it saves and reads back the same.
    QCOMPARE(describe(*ProbePlan::fromJson(plan->toJson(), &why)), expected);
}

void TestOpenApiPlan::pathSamples_data()
{
    QTest::addColumn<QByteArray>("parameter"); // the path item's parameters, YAML
    QTest::addColumn<QString>("path");
    auto param = [](const QByteArray &rest) -> QByteArray { return "    parameters:\n      - {name: id, in: path, " + rest + "}\n"; };
    QTest::newRow("example") << param("example: 42, schema: {type: integer, example: 7}") << u"/x/42"_s;
    QTest::newRow("schema-example") << param("schema: {type: integer, example: 7, default: 9}") << u"/x/7"_s;
    QTest::newRow("schema-default") << param("schema: {type: string, default: main}") << u"/x/main"_s;
    QTest::newRow("schema-enum") << param("schema: {type: string, enum: [red, blue]}") << u"/x/red"_s;
    QTest::newRow("examples-map") << param("examples: {one: {value: abc}}") << u"/x/abc"_s;
    QTest::newRow("integer") << param("schema: {type: integer}") << u"/x/1"_s;
    QTest::newRow("number") << param("schema: {type: number}") << u"/x/1"_s;
    QTest::newRow("boolean") << param("schema: {type: boolean}") << u"/x/true"_s;
    QTest::newRow("uuid") << param("schema: {type: string, format: uuid}") << u"/x/00000000-0000-4000-8000-000000000001"_s;
    QTest::newRow("string") << param("schema: {type: string}") << u"/x/sample"_s;
    QTest::newRow("type-list-3.1") << param("schema: {type: ['null', integer]}") << u"/x/1"_s;
    QTest::newRow("no-parameter") << QByteArray() << u"/x/sample"_s;
    QTest::newRow("empty-example") << param("example: '', schema: {type: integer}") << u"/x/1"_s;
    QTest::newRow("map-example") << param("example: {a: 1}, schema: {type: boolean}") << u"/x/true"_s;
    QTest::newRow("encoded") << param("example: 'a/b?c#d %'") << u"/x/a%2Fb%3Fc%23d%20%25"_s;
    QTest::newRow("unicode") << param("example: 'café'") << u"/x/caf%C3%A9"_s;
    QTest::newRow("query-parameter-ignored") << "    parameters:\n      - {name: id, in: query, example: 5}\n"_ba << u"/x/sample"_s;
    QTest::newRow("ref") << "    parameters:\n      - $ref: '#/components/parameters/Id'\n"_ba << u"/x/99"_s;
    QTest::newRow("ref-escaped") << "    parameters:\n      - $ref: '#/components/parameters/a~1b%20c'\n"_ba << u"/x/5"_s;
    QTest::newRow("ref-external") << "    parameters:\n      - $ref: 'common.yaml#/Id'\n"_ba << u"/x/sample"_s;
}

void TestOpenApiPlan::pathSamples()
{
    QFETCH(QByteArray, parameter);
    QFETCH(QString, path);
    const QByteArray components = "  parameters:\n    Id: {name: id, in: path, schema: {type: integer, default: 99}}\n"
                                  "    a/b c: {name: id, in: path, example: 5}\n";
    QString why;
    const auto plan = OpenApiPlan::parse(withOperation("      responses: {}\n", parameter, components), &why);
    QVERIFY2(plan, qPrintable(why));
    QCOMPARE(plan->endpoints.size(), 1);
    QCOMPARE(plan->endpoints.first().path, path);
    QCOMPARE(plan->endpoints.first().need, ProbeEndpoint::Need::Public);
}

void TestOpenApiPlan::entryPoint_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QStringList>("plan");
    QTest::newRow("tokenlab-plan") << QByteArray(R"({"endpoints":[{"path":"/a","expect":"public"},{"method":"post","path":"/b","header_only":true}]})")
                                   << QStringList{u"GET /a public"_s, u"POST /b token"_s};
    QTest::newRow("tokenlab-plan-with-bom") << QByteArray("\xEF\xBB\xBF" R"({"endpoints":[{"path":"/a"}]})") << QStringList{u"GET /a token"_s};
    QTest::newRow("openapi-json") << QByteArray(R"({"openapi":"3.0.0","paths":{"/a":{"get":{}}}})") << QStringList{u"GET /a public"_s};
    QTest::newRow("openapi-yaml") << QByteArray("openapi: 3.1.0\npaths:\n  /a:\n    head: {}\n    options: {}\n    trace: {}\n")
                                  << QStringList{u"HEAD /a public"_s, u"OPTIONS /a public"_s};
    QTest::newRow("openapi-yaml-bom-crlf") << QByteArray("\xEF\xBB\xBFopenapi: 3.0.0\r\npaths:\r\n  /a:\r\n    get: {}\r\n")
                                          << QStringList{u"GET /a public"_s};
    QTest::newRow("openapi-anchors") << QByteArray("openapi: 3.0.0\ncomponents: {securitySchemes: {o: {type: oauth2}}}\n"
                                                   "x-sec: &sec [{o: [r]}]\npaths:\n  /a: {get: {security: *sec}, put: {security: *sec}}\n")
                                     << QStringList{u"GET /a scopes:r"_s, u"PUT /a scopes:r"_s};
    QTest::newRow("openapi-path-item-ref") << QByteArray("openapi: 3.1.0\npaths:\n  /a: {$ref: '#/components/pathItems/A'}\n"
                                                         "components: {pathItems: {A: {delete: {}}}}\n")
                                           << QStringList{u"DELETE /a public"_s};
    QTest::newRow("non-operation-keys") << QByteArray("openapi: 3.0.0\npaths:\n  /a: {summary: s, GET: {}, x-get: {}, servers: [], post: {}}\n")
                                        << QStringList{u"POST /a public"_s};
    QTest::newRow("security-scheme-ref") << QByteArray("openapi: 3.0.0\nsecurity: [{b: []}]\npaths: {/a: {get: {}}}\ncomponents:\n  securitySchemes:\n"
                                                       "    b: {$ref: '#/components/securitySchemes/c'}\n    c: {type: http, scheme: bEaReR}\n")
                                         << QStringList{u"GET /a token"_s};
    QTest::newRow("http-basic-left-out") << QByteArray("openapi: 3.0.0\nsecurity: [{b: []}]\npaths: {/a: {get: {}}, /p: {get: {security: []}}}\n"
                                                       "components: {securitySchemes: {b: {type: http, scheme: basic}}}\n")
                                         << QStringList{u"GET /p public"_s};
    QTest::newRow("bearer-roles-not-scopes") << QByteArray("openapi: 3.1.0\nsecurity: [{b: [admin]}]\npaths: {/a: {get: {}}}\n"
                                                           "components: {securitySchemes: {b: {type: http, scheme: bearer}}}\n")
                                             << QStringList{u"GET /a token"_s};
    QTest::newRow("scopes-merged-deduplicated") << QByteArray("openapi: 3.0.0\nsecurity: [{o: [a, b], i: [b, c]}]\npaths: {/a: {get: {}}}\n"
                                                              "components: {securitySchemes: {o: {type: oauth2}, i: {type: openIdConnect}}}\n")
                                                << QStringList{u"GET /a scopes:a b c"_s};
}

void TestOpenApiPlan::entryPoint()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QStringList, plan);
    QString why;
    const auto parsed = ProbePlan::parse(bytes, &why);
    QVERIFY2(parsed, qPrintable(why));
    QCOMPARE(describe(*parsed), plan);
}

void TestOpenApiPlan::hostile_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("error"); // the sentence starts with this

    QByteArray laughs = "openapi: 3.0.0\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (char c = 'b'; c <= 'j'; ++c)
        laughs += QByteArray(1, c) + ": &" + c + " [" + QByteArray("*").append(char(c - 1)) + QByteArray(", *").append(char(c - 1)).repeated(9) + "]\n";
    laughs += "paths: {/a: {get: {security: *j}}}\n";
    QByteArray huge = "openapi: 3.0.0\npaths:\n";
    while (huge.size() <= ProbePlan::maxDocumentBytes)
        huge += "  /a" + QByteArray::number(huge.size()) + ": {get: {}}\n";
    QByteArray manyNodes = "openapi: 3.0.0\nx: [";
    for (int i = 0; i < 260000; ++i)
        manyNodes += "1,";
    manyNodes += "1]\npaths: {/a: {get: {}}}\n";

    QTest::newRow("empty") << QByteArray() << u"The plan is empty."_s;
    QTest::newRow("whitespace") << QByteArray(" \n\t\n") << u"The plan is empty."_s;
    QTest::newRow("binary") << QByteArray("\x00\xff\xfe\x01openapi", 11) << u"Line 1, column 3: the YAML does not parse"_s;
    QTest::newRow("yaml-syntax") << QByteArray("openapi: 3.0.0\npaths:\n  /a: [\n") << u"Line 4, column 1: the YAML does not parse"_s;
    QTest::newRow("yaml-bad-indent") << QByteArray("openapi: 3.0.0\npaths:\n  /a:\n    get: {}\n   post: {}\n") << u"Line 5, column 4: the YAML does not parse"_s;
    QTest::newRow("json-trailing-comma") << QByteArray("{\"openapi\": \"3.0.0\",\n \"paths\": {},\n}") << u"Line 3, column 1: the JSON does not parse (object is missing after a comma)."_s;
    QTest::newRow("json-truncated") << QByteArray("{\"openapi\": \"3.0.0\", \"paths\": {\"/a\"") << u"Line 1, column 35: the JSON does not parse"_s;
    QTest::newRow("swagger-2") << QByteArray("swagger: '2.0'\npaths: {}\n") << u"Line 1, column 10: this is a Swagger 2.0 document"_s;
    QTest::newRow("swagger-2-json") << QByteArray(R"({"swagger":"2.0"})") << u"Line 1, column 12: this is a Swagger 2.0 document"_s;
    QTest::newRow("yaml-tokenlab-plan") << QByteArray("endpoints:\n  - path: /a\n") << u"Line 1, column 1: this is neither a TokenLab plan"_s;
    QTest::newRow("yaml-scalar") << QByteArray("hello") << u"Line 1, column 1: this is neither"_s;
    QTest::newRow("yaml-list") << QByteArray("- openapi: 3.0.0\n") << u"Line 1, column 1: this is neither"_s;
    QTest::newRow("openapi-4") << QByteArray("openapi: 4.0.0\n") << u"Line 1, column 10: \"openapi\" is \"4.0.0\""_s;
    QTest::newRow("openapi-list") << QByteArray("openapi: [3]\n") << u"Line 1, column 10: \"openapi\" is a list"_s;
    QTest::newRow("paths-list") << QByteArray("openapi: 3.0.0\npaths: [/a]\n") << u"Line 2, column 8: \"paths\" must be a map"_s;
    QTest::newRow("no-paths") << QByteArray("openapi: 3.1.0\ninfo: {title: t}\n") << u"Line 1, column 1: the document has no operations"_s;
    QTest::newRow("path-no-slash") << QByteArray("openapi: 3.0.0\npaths:\n  items: {get: {}}\n") << u"Line 3, column 3: the path \"items\" must start with a slash"_s;
    QTest::newRow("path-item-scalar") << QByteArray("openapi: 3.0.0\npaths:\n  /a: 5\n") << u"Line 3, column 7: the path item of /a must be a map"_s;
    QTest::newRow("operation-scalar") << QByteArray("openapi: 3.0.0\npaths:\n  /a: {get: 5}\n") << u"Line 3, column 13: the get operation must be a map"_s;
    QTest::newRow("path-control-char") << QByteArray("{\"openapi\":\"3.0.0\",\"paths\":{\"/a\\u0001\":{\"get\":{}}}}") << u"Line 1, column 47: this operation cannot be probed: the path contains a control character"_s;
    QTest::newRow("root-security-map") << QByteArray("openapi: 3.0.0\nsecurity: {oauth: []}\npaths: {/a: {get: {}}}\n") << u"Line 2, column 11: \"security\" must be a list"_s;
    QTest::newRow("security-string") << withOperation("      security: oauth\n") << u"Line 6, column 17: \"security\" must be a list of security requirements, not \"oauth\""_s;
    QTest::newRow("requirement-list") << withOperation("      security: [[oauth]]\n") << u"Line 6, column 18: a security requirement must be a map"_s;
    QTest::newRow("unknown-scheme") << withOperation("      security: [{nope: []}]\n") << u"Line 6, column 19: the security requirement names \"nope\", which components.securitySchemes does not declare"_s;
    QTest::newRow("scopes-string") << withOperation("      security: [{oauth: read}]\n") << u"Line 6, column 26: the scopes of \"oauth\" must be a list"_s;
    QTest::newRow("scope-map") << withOperation("      security: [{oauth: [{a: b}]}]\n") << u"Line 6, column 27: a scope must be a string"_s;
    QTest::newRow("scope-with-space") << withOperation("      security: [{oauth: ['read items']}]\n") << u"Line 6, column 7: this operation cannot be probed: \"read items\" is not one scope"_s;
    QTest::newRow("scheme-without-type") << withOperation("      security: [{t: []}]\n", {}, "    t: {scheme: bearer}\n") << u"Line 11, column 8: the security scheme \"t\" has no \"type\""_s;
    QTest::newRow("scheme-ref-cycle") << withOperation("      security: [{a: []}]\n", {}, "    a: {$ref: '#/components/securitySchemes/b'}\n    b: {$ref: '#/components/securitySchemes/a'}\n")
                                      << u"Line 11, column 15: this \"$ref\" chain is longer than 16 hops"_s;
    QTest::newRow("scheme-ref-external") << withOperation("      security: [{a: []}]\n", {}, "    a: {$ref: 'other.yaml#/a'}\n")
                                         << u"Line 11, column 15: \"$ref\" is \"other.yaml#/a\", but only references inside this document"_s;
    QTest::newRow("scheme-ref-dangling") << withOperation("      security: [{a: []}]\n", {}, "    a: {$ref: '#/components/securitySchemes/zz'}\n")
                                         << u"Line 11, column 15: \"$ref\" points at #/components/securitySchemes/zz"_s;
    QTest::newRow("parameters-map") << withOperation("      parameters: {id: 1}\n") << u"Line 6, column 19: \"parameters\" must be a list"_s;
    QTest::newRow("only-api-key") << withOperation("      security: [{key: []}]\n") << u"Line 4, column 3: none of its 1 operations takes a Bearer token"_s;
    QTest::newRow("billion-laughs") << laughs << u"Line 7, column 12: with its aliases expanded the document has more than 250,000 nodes"_s;
    QTest::newRow("alias-cycle") << QByteArray("openapi: 3.0.0\npaths: &p {/a: *p}\n") << u"Line 2, column 16: an alias refers to a node that contains it"_s;
    QTest::newRow("undefined-alias") << QByteArray("openapi: 3.0.0\npaths: *p\n") << u"Line 2, column 8: the YAML does not parse"_s;
    QTest::newRow("deep-yaml") << "openapi: 3.0.0\nx: " + QByteArray(5000, '[') + QByteArray(5000, ']') + "\n" << u"Line 2, column "_s;
    QTest::newRow("deep-json") << R"({"openapi":"3.0.0","x":)" + QByteArray(5000, '[') + QByteArray(5000, ']') + "}" << u"Line 1, column "_s;
    QTest::newRow("huge") << huge << u"The plan is 2049 KiB; TokenLab reads plans of up to 2048 KiB."_s;
    QTest::newRow("many-nodes") << manyNodes << u"Line 2, column "_s;
}

void TestOpenApiPlan::hostile()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, error);
    QString why;
    const auto plan = ProbePlan::parse(bytes, &why);
    QVERIFY2(!plan, qPrintable(plan ? describe(*plan).join(u", "_s) : QString()));
    QVERIFY2(why.startsWith(error), qPrintable(why));
    // One sentence, that says something after where it happened.
    QVERIFY2(why.endsWith(u'.') && why.count(u". "_s) == 0 && why.size() > error.size() - 1, qPrintable(why));
    // The importer alone refuses it too (the TokenLab format aside).
    if (!bytes.trimmed().isEmpty())
        QVERIFY(!OpenApiPlan::parse(bytes, nullptr));
}

void TestOpenApiPlan::operationBound()
{
    auto document = [](int operations) {
        QByteArray d = "openapi: 3.0.0\npaths:\n";
        for (int i = 0; i < operations; ++i)
            d += "  /a" + QByteArray::number(i) + ": {get: {}}\n";
        return d;
    };
    QString why;
    const auto most = OpenApiPlan::parse(document(ProbePlan::maxEndpoints), &why);
    QVERIFY2(most, qPrintable(why));
    QCOMPARE(most->endpoints.size(), ProbePlan::maxEndpoints);
    QVERIFY(!OpenApiPlan::parse(document(ProbePlan::maxEndpoints + 1), &why));
    QCOMPARE(why, u"Line 2003, column 12: this is operation 2,001; TokenLab probes at most 2,000 endpoints in one plan."_s);
}

QTEST_GUILESS_MAIN(TestOpenApiPlan)
#include "tst_openapiplan.moc"
