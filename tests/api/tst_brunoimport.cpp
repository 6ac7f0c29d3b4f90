// SPDX-License-Identifier: MIT
// BrunoImport over collection folders written in Bruno's .bru format (as a
// map of files, and once from the disk), hostile ones included.
#include "api/brunoimport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

using Files = QMap<QString, QByteArray>;

namespace {

Files sample()
{
    return {
        {u"bruno.json"_s, R"({"version": "1", "name": "Pets", "type": "collection"})"},
        {u"collection.bru"_s, "auth {\n  mode: oauth2\n}\n\nauth:oauth2 {\n  grant_type: authorization_code\n"
                              "  callback_url: http://localhost/cb\n  authorization_url: {{kc}}/realms/pets/protocol/openid-connect/auth\n"
                              "  access_token_url: {{kc}}/realms/pets/protocol/openid-connect/token\n  client_id: pets-app\n"
                              "  client_secret: {{client_secret}}\n  scope: openid pets\n  pkce: true\n}\n"},
        {u"environments/Local.bru"_s, "vars {\n  baseUrl: http://127.0.0.1:3000\n  kc: https://kc.example.com\n  ~off: 1\n}\n"
                                      "vars:secret [\n  client_secret,\n  apiKey\n]\n"},
        {u"environments/Prod.bru"_s, "vars {\n  baseUrl: https://pets.example.com\n}\n"},
        {u"pets/folder.bru"_s, "meta {\n  name: Pets folder\n}\n"},
        {u"pets/list.bru"_s, "meta {\n  name: List pets\n  type: http\n  seq: 1\n}\n\nget {\n  url: {{baseUrl}}/pets\n  body: none\n"
                             "  auth: inherit\n}\n\nheaders {\n  Accept: application/json\n  ~X-Off: 1\n}\n"},
        {u"pets/create.bru"_s, "meta {\n  name: Create pet\n  type: http\n}\n\npost {\n  url: {{baseUrl}}/pets\n  body: json\n  auth: inherit\n}\n\n"
                               "body:json {\n  {\n    \"name\": \"rex\"\n  }\n}\n"},
        {u"health.bru"_s, "meta {\n  name: Health\n}\n\nget {\n  url: {{baseUrl}}/health\n  auth: none\n}\n"},
        {u"token.bru"_s, "meta {\n  name: Token form\n}\n\npost {\n  url: https://kc.example.com/t\n  body: formUrlEncoded\n  auth: awsv4\n}\n\n"
                         "body:form-urlencoded {\n  grant_type: password\n}\n"},
    };
}

} // namespace

class TestBrunoImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sampleFolder();
    void readFolder();
    void hostile_data();
    void hostile();
};

void TestBrunoImport::sampleFolder()
{
    QString why;
    const auto c = BrunoImport::parse(sample(), &why);
    QVERIFY2(c, qPrintable(why));
    QCOMPARE(c->title, u"Pets"_s);
    QVERIFY(c->hasOAuth);
    QCOMPARE(c->profile.issuer, QUrl(u"https://kc.example.com/realms/pets"_s));
    QCOMPARE(c->profile.clientId, u"pets-app"_s);
    QCOMPARE(c->profile.scope, u"openid pets"_s);
    QCOMPARE(c->profile.apiBase, QUrl(u"http://127.0.0.1:3000"_s));
    QCOMPARE(c->requests.size(), 4);
    QCOMPARE(c->requests.at(0).path(), u"Health"_s);
    QVERIFY(!c->requests.at(0).withToken);
    QCOMPARE(c->requests.at(1).path(), u"Pets folder/Create pet"_s);
    QCOMPARE(c->requests.at(1).body, u"{\n  \"name\": \"rex\"\n}"_s);
    QCOMPARE(c->requests.at(2).url, u"{{base}}/pets"_s);
    QCOMPARE(c->requests.at(2).headers, (SavedRequest::Pairs{{u"Accept"_s, u"application/json"_s}}));
    QCOMPARE(c->requests.at(3).form, (SavedRequest::Pairs{{u"grant_type"_s, u"password"_s}}));
    QVERIFY(c->variables.contains((SavedVariable{u"apiKey"_s, QString(), true})));
    const QString notes = c->notes.join(u'\n');
    QVERIFY2(notes.contains(u"Prod"_s) && notes.contains(u"awsv4"_s) && notes.contains(u"client secret"_s), qPrintable(notes));
}

void TestBrunoImport::readFolder()
{
    QTemporaryDir dir;
    const Files files = sample();
    for (auto it = files.begin(); it != files.end(); ++it) {
        QDir(dir.path()).mkpath(QFileInfo(it.key()).path());
        QFile f(dir.filePath(it.key()));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(*it);
    }
    QDir(dir.path()).mkpath(u"node_modules/x"_s);
    QFile skipped(dir.filePath(u"node_modules/x/a.bru"_s));
    QVERIFY(skipped.open(QIODevice::WriteOnly));
    QVERIFY(QFile::link(dir.filePath(u"health.bru"_s), dir.filePath(u"link.bru"_s)));
    QString why;
    const auto read = BrunoImport::readFolder(dir.path(), &why);
    QVERIFY2(read, qPrintable(why));
    QCOMPARE(*read, files);
    QTemporaryDir empty;
    QVERIFY(!BrunoImport::readFolder(empty.path(), &why));
    QVERIFY(why.contains(u"bruno.json"_s));
}

void TestBrunoImport::hostile_data()
{
    QTest::addColumn<Files>("files");
    QTest::addColumn<QString>("error");
    const QByteArray meta = R"({"name": "x"})";
    QTest::newRow("no-bruno-json") << Files{{u"a.bru"_s, "get {\n  url: x\n}\n"}} << u"bruno.json"_s;
    QTest::newRow("bruno-json-not-json") << Files{{u"bruno.json"_s, "nope"}} << u"not a JSON object"_s;
    QTest::newRow("path-traversal") << Files{{u"bruno.json"_s, meta}, {u"../../etc/passwd.bru"_s, "get {\n}\n"}} << u"plain path"_s;
    QTest::newRow("absolute-path") << Files{{u"bruno.json"_s, meta}, {u"/etc/x.bru"_s, "get {\n}\n"}} << u"plain path"_s;
    QTest::newRow("backslash-path") << Files{{u"bruno.json"_s, meta}, {u"..\\x.bru"_s, "get {\n}\n"}} << u"plain path"_s;
    QTest::newRow("unclosed-block") << Files{{u"bruno.json"_s, meta}, {u"a.bru"_s, "get {\n  url: https://x.example\n"}} << u"never closed"_s;
    QTest::newRow("not-a-block") << Files{{u"bruno.json"_s, meta}, {u"a.bru"_s, "hello\n"}} << u"not the start of a block"_s;
    QTest::newRow("bad-pair") << Files{{u"bruno.json"_s, meta}, {u"a.bru"_s, "headers {\n  novalue\n}\n"}} << u"key: value"_s;
    QString deep;
    for (int i = 0; i < 40; ++i)
        deep += u"d/"_s;
    QTest::newRow("deep-nesting") << Files{{u"bruno.json"_s, meta}, {deep + u"a.bru"_s, "get {\n}\n"}} << u"nested"_s;
    QTest::newRow("huge-file") << Files{{u"bruno.json"_s, meta}, {u"a.bru"_s, QByteArray(5 * 1024 * 1024, 'x')}} << u"larger than"_s;
    Files many{{u"bruno.json"_s, meta}};
    for (int i = 0; i <= BrunoImport::MaxFiles; ++i)
        many.insert(u"r%1.bru"_s.arg(i), "get {\n  url: https://x.example\n}\n");
    QTest::newRow("too-many-files") << many << u"more than"_s;
}

void TestBrunoImport::hostile()
{
    QFETCH(Files, files);
    QFETCH(QString, error);
    QString why;
    QVERIFY(!BrunoImport::parse(files, &why));
    QVERIFY2(why.contains(error), qPrintable(why));
}

QTEST_GUILESS_MAIN(TestBrunoImport)
#include "tst_brunoimport.moc"
