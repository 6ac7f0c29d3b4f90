// SPDX-License-Identifier: MIT
// Saved requests and variables: the tree round-trips through the file,
// renames and removals keep other processes' changes, a secret variable's
// value never reaches the file, hostile files are one sentence each, a
// name is found by path or alone with close names suggested, and a request
// becomes the ApiRequest it says (placeholders, body types, bad fields).
#include "api/savedrequests.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

SavedRequest request(const QString &folder, const QString &name, const QString &url = u"/api/public"_s)
{
    SavedRequest r;
    r.folder = folder;
    r.name = name;
    r.url = url;
    return r;
}

} // namespace

class TestSavedRequests : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void treeRoundTrip();
    void renameAndRemove();
    void twoStoresKeepBoth();
    void secretVariableNotInFile();
    void hostileFiles_data();
    void hostileFiles();
    void hugeFile();
    void find_data();
    void find();
    void toApiRequest_data();
    void toApiRequest();
    void fromApiRequest();
};

void TestSavedRequests::treeRoundTrip()
{
    QTemporaryDir dir;
    SavedRequests store(dir.path(), u"p"_s);
    SavedRequest a = request(u"users/admin"_s, u"list"_s, u"{{base}}/users?page={{page}}"_s);
    a.method = u"GET"_s;
    a.headers = {{u"Accept"_s, u"application/json"_s}};
    SavedRequest b = request(u"users"_s, u"create"_s);
    b.method = u"POST"_s;
    b.bodyType = SavedRequest::BodyType::Form;
    b.form = {{u"name"_s, u"alice"_s}, {u"role"_s, u"admin"_s}};
    SavedRequest c = request(QString(), u"ping"_s);
    c.bodyType = SavedRequest::BodyType::Raw;
    c.body = u"<ping/>"_s;
    c.contentType = u"application/xml"_s;
    c.withToken = false;
    QString error;
    for (const SavedRequest &r : {a, b, c})
        QVERIFY2(store.save(r, QString(), &error), qPrintable(error));
    QVERIFY(store.setVariables({{u"page"_s, u"2"_s, false}}, &error));

    const auto loaded = SavedRequests(dir.path(), u"p"_s).load(&error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->requests.size(), 3);
    QVERIFY(loaded->requests.at(0) == a);
    QVERIFY(loaded->requests.at(1) == b);
    QVERIFY(loaded->requests.at(2) == c);
    QCOMPARE(loaded->requests.at(0).path(), u"users/admin/list"_s);
    QCOMPARE(loaded->variables.size(), 1);
    QCOMPARE(loaded->variables.first().value, u"2"_s);
    // A second request with the same path is refused.
    QVERIFY(!store.save(request(u"users"_s, u"create"_s), QString(), &error));
    QVERIFY2(error.contains(u"already named \"users/create\""_s), qPrintable(error));
}

void TestSavedRequests::renameAndRemove()
{
    QTemporaryDir dir;
    SavedRequests store(dir.path(), u"p"_s);
    QString error;
    QVERIFY(store.save(request(u"a"_s, u"one"_s), QString(), &error));
    QVERIFY(store.save(request(u"a/b"_s, u"two"_s), QString(), &error));
    QVERIFY(store.save(request(u"a"_s, u"uno"_s), u"a/one"_s, &error)); // a rename
    QVERIFY(store.renameFolder(u"a"_s, u"z"_s, &error));
    auto c = store.load(&error);
    QCOMPARE(c->requests.size(), 2);
    QCOMPARE(c->requests.at(0).path(), u"z/uno"_s);
    QCOMPARE(c->requests.at(1).path(), u"z/b/two"_s);
    QVERIFY(store.remove(u"z/uno"_s, &error));
    QVERIFY(!store.remove(u"z/uno"_s, &error));
    QVERIFY(error.contains(u"no saved request \"z/uno\""_s));
    QCOMPARE(store.load(&error)->requests.size(), 1);
    QVERIFY(!store.save(request(u"a//"_s, u"x/y"_s), QString(), &error));
    QVERIFY(error.contains(u"'/'"_s));
}

void TestSavedRequests::twoStoresKeepBoth()
{
    // Two processes' stores, each saving without having seen the other's change.
    QTemporaryDir dir;
    SavedRequests first(dir.path(), u"p"_s);
    SavedRequests second(dir.path(), u"p"_s);
    QString error;
    QVERIFY(first.load(&error));
    QVERIFY(second.load(&error));
    QVERIFY(first.save(request(QString(), u"from-app"_s), QString(), &error));
    QVERIFY(second.save(request(QString(), u"from-cli"_s), QString(), &error));
    QCOMPARE(first.load(&error)->requests.size(), 2);
}

void TestSavedRequests::secretVariableNotInFile()
{
    QTemporaryDir dir;
    SavedRequests store(dir.path(), u"p"_s);
    QString error;
    QVERIFY(store.setVariables({{u"apikey"_s, u"s3cret-value-123"_s, true}, {u"user"_s, u"42"_s, false}}, &error));
    QFile f(store.path());
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    QVERIFY(!bytes.contains("s3cret-value-123"));
    QVERIFY(bytes.contains("\"secret\": true"));
    const auto c = store.load(&error);
    QCOMPARE(c->variables.size(), 2);
    QVERIFY(c->variables.at(0).secret);
    QVERIFY(c->variables.at(0).value.isEmpty());
    QVERIFY(!store.setVariables({{u"base"_s, u"x"_s, false}}, &error));
    QVERIFY(!store.setVariables({{u"a"_s, u"x"_s, false}, {u"a"_s, u"y"_s, false}}, &error));
    QVERIFY(error.contains(u"twice"_s));
}

void TestSavedRequests::hostileFiles_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("sentence");
    QTest::newRow("truncated") << QByteArray(R"({"requests":[{"name":"a","meth)") << u"not valid JSON"_s;
    QTest::newRow("array") << QByteArray("[1,2]") << u"not an object"_s;
    QTest::newRow("requests-object") << QByteArray(R"({"requests":{}})") << u"\"requests\" is not a list"_s;
    QTest::newRow("request-number") << QByteArray(R"({"requests":[5]})") << u"not an object"_s;
    QTest::newRow("name-number") << QByteArray(R"({"requests":[{"name":5,"method":"GET","url":"/"}]})") << u"has no name"_s;
    QTest::newRow("name-slash") << QByteArray(R"({"requests":[{"name":"a/b","method":"GET","url":"/"}]})") << u"'/'"_s;
    QTest::newRow("url-missing") << QByteArray(R"({"requests":[{"name":"a","method":"GET"}]})") << u"no method or URL"_s;
    QTest::newRow("headers-wrong") << QByteArray(R"({"requests":[{"name":"a","method":"GET","url":"/","headers":[["x",1]]}]})") << u"headers of \"a\""_s;
    QTest::newRow("body-string") << QByteArray(R"({"requests":[{"name":"a","method":"GET","url":"/","body":"x"}]})") << u"body of \"a\""_s;
    QTest::newRow("body-type") << QByteArray(R"({"requests":[{"name":"a","method":"GET","url":"/","body":{"type":"graphql"}}]})") << u"\"graphql\""_s;
    QTest::newRow("folder-empty-part") << QByteArray(R"({"requests":[{"name":"a","folder":"x//y","method":"GET","url":"/"}]})") << u"folder of \"a\""_s;
    QTest::newRow("duplicate") << QByteArray(R"({"requests":[{"name":"a","method":"GET","url":"/"},{"name":"a","method":"PUT","url":"/"}]})") << u"both named \"a\""_s;
    QTest::newRow("variable-bad-name") << QByteArray(R"({"variables":[{"name":"a b"}]})") << u"a variable cannot be used"_s;
    QTest::newRow("variable-number") << QByteArray(R"({"variables":[7]})") << u"a variable cannot be used"_s;
    QTest::newRow("variable-value-number") << QByteArray(R"({"variables":[{"name":"a","value":1}]})") << u"not text"_s;
}

void TestSavedRequests::hostileFiles()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, sentence);
    QString error;
    QVERIFY(!SavedCollection::parse(bytes, &error));
    QVERIFY2(error.contains(sentence), qPrintable(error));
    // On disk: the sentence names the file, and a save leaves the file as it was.
    QTemporaryDir dir;
    SavedRequests store(dir.path(), u"p"_s);
    QVERIFY(store.save(request(QString(), u"first"_s), QString(), &error));
    QFile f(store.path());
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
    f.close();
    QVERIFY(!store.load(&error));
    QVERIFY2(error.contains(store.path()) && error.contains(sentence), qPrintable(error));
    QVERIFY(!store.save(request(QString(), u"second"_s), QString(), &error));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), bytes);
}

void TestSavedRequests::hugeFile()
{
    QTemporaryDir dir;
    SavedRequests store(dir.path(), u"p"_s);
    QString error;
    QVERIFY(store.save(request(QString(), u"first"_s), QString(), &error));
    QFile f(store.path());
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(SavedCollection::MaxFileBytes + 10, '['));
    f.close();
    QVERIFY(!store.load(&error));
    QVERIFY2(error.contains(u"larger than"_s), qPrintable(error));
    QVERIFY(!SavedCollection::parse(QByteArray(SavedCollection::MaxFileBytes + 10, ' ') + "{}", &error));
}

void TestSavedRequests::find_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("found");
    QTest::addColumn<QString>("error");
    QTest::newRow("path") << u"users/list"_s << u"users/list"_s << QString();
    QTest::newRow("name-alone") << u"create"_s << u"users/create"_s << QString();
    QTest::newRow("ambiguous") << u"list"_s << QString() << u"Several saved requests are named \"list\": \"users/list\", \"orders/list\""_s;
    QTest::newRow("typo") << u"users/lsit"_s << QString() << u"did you mean \"users/list\""_s;
    QTest::newRow("far") << u"zzzzzzzzzzzzzzzz"_s << QString() << u"There is no saved request \"zzzzzzzzzzzzzzzz\"."_s;
}

void TestSavedRequests::find()
{
    QFETCH(QString, name);
    QFETCH(QString, found);
    QFETCH(QString, error);
    SavedCollection c;
    c.requests = {request(u"users"_s, u"list"_s), request(u"users"_s, u"create"_s), request(u"orders"_s, u"list"_s)};
    QString why;
    const SavedRequest *r = c.find(name, &why);
    if (found.isEmpty()) {
        QVERIFY(!r);
        QVERIFY2(why.contains(error), qPrintable(why));
    } else {
        QVERIFY(r);
        QCOMPARE(r->path(), found);
    }
    QVERIFY(!SavedCollection().find(u"x"_s, &why));
    QVERIFY(why.contains(u"no saved requests yet"_s));
}

void TestSavedRequests::toApiRequest_data()
{
    QTest::addColumn<SavedRequest>("saved");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error");

    SavedRequest r = request(QString(), u"n"_s, u"/users/{{user}}"_s);
    QTest::newRow("relative") << r << u"http://127.0.0.1:9/api/users/42"_s << QByteArray() << QByteArray() << QString();
    r.url = u"{{base}}/x?q={{user}}"_s;
    QTest::newRow("base") << r << u"http://127.0.0.1:9/api/x?q=42"_s << QByteArray() << QByteArray() << QString();
    r.url = u"https://other.example/x"_s;
    QTest::newRow("full-url") << r << u"https://other.example/x"_s << QByteArray() << QByteArray() << QString();
    r.url = u"/x"_s;
    r.bodyType = SavedRequest::BodyType::Json;
    r.body = u"{\"id\": {{user}}}"_s;
    QTest::newRow("json") << r << u"http://127.0.0.1:9/api/x"_s << QByteArray("application/json") << QByteArray("{\"id\": 42}") << QString();
    r.body = u"{\"id\": "_s;
    QTest::newRow("json-invalid") << r << QString() << QByteArray() << QByteArray() << u"not valid JSON"_s;
    r.bodyType = SavedRequest::BodyType::Form;
    r.form = {{u"a b"_s, u"{{user}}&x"_s}, {QString(), QString()}};
    QTest::newRow("form") << r << u"http://127.0.0.1:9/api/x"_s << QByteArray("application/x-www-form-urlencoded") << QByteArray("a%20b=42%26x") << QString();
    r.bodyType = SavedRequest::BodyType::Raw;
    r.body = u"hello {{user}}"_s;
    r.contentType = u"text/csv"_s;
    QTest::newRow("raw") << r << u"http://127.0.0.1:9/api/x"_s << QByteArray("text/csv") << QByteArray("hello 42") << QString();
    r.contentType.clear();
    QTest::newRow("raw-default") << r << u"http://127.0.0.1:9/api/x"_s << QByteArray("text/plain; charset=utf-8") << QByteArray("hello 42") << QString();
    r.headers = {{u"Content-Type"_s, u"text/x-own"_s}};
    QTest::newRow("own-content-type") << r << u"http://127.0.0.1:9/api/x"_s << QByteArray("text/x-own") << QByteArray("hello 42") << QString();
    SavedRequest bad = request(QString(), u"n"_s, u"/x/{{missing}}"_s);
    QTest::newRow("unknown-variable") << bad << QString() << QByteArray() << QByteArray() << u"URL: The variable {{missing}} is not defined"_s;
    bad.url = u"/x"_s;
    bad.headers = {{u"X-A"_s, u"{{"_s}};
    QTest::newRow("header-unterminated") << bad << QString() << QByteArray() << QByteArray() << u"Header X-A: A \"{{\""_s;
    bad.headers = {{u"Bad Name"_s, u"v"_s}};
    QTest::newRow("header-name") << bad << QString() << QByteArray() << QByteArray() << u"\"Bad Name\" is not valid"_s;
    bad.headers = {{u"X-A"_s, u"a\r\nX-Injected: 1"_s}};
    QTest::newRow("header-injection") << bad << QString() << QByteArray() << QByteArray() << u"line break"_s;
    bad.headers.clear();
    bad.method = u"GE T"_s;
    QTest::newRow("method") << bad << QString() << QByteArray() << QByteArray() << u"not an HTTP method"_s;
    bad.method = u"GET"_s;
    bad.url = QString();
    QTest::newRow("empty-url") << bad << QString() << QByteArray() << QByteArray() << u"Type a path"_s;
    bad.url = u"http://"_s;
    QTest::newRow("bad-url") << bad << QString() << QByteArray() << QByteArray() << u"is not valid"_s;
}

void TestSavedRequests::toApiRequest()
{
    QFETCH(SavedRequest, saved);
    QFETCH(QString, url);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(QString, error);
    RequestVariables v;
    v.set(u"user"_s, u"42"_s);
    v.set(u"token"_s, u"tok"_s);
    QString why;
    const auto r = saved.toApiRequest(v, QUrl(u"http://127.0.0.1:9/api/"_s), &why);
    if (!error.isEmpty()) {
        QVERIFY(!r);
        QVERIFY2(why.contains(error), qPrintable(why));
        return;
    }
    QVERIFY2(r, qPrintable(why));
    QCOMPARE(r->url.toString(), url);
    QCOMPARE(firstHeader(r->headers, "content-type"), contentType);
    QCOMPARE(r->body, body);
}

void TestSavedRequests::fromApiRequest()
{
    ApiRequest r;
    r.method = "POST";
    r.url = QUrl(u"http://127.0.0.1:9/api/x?y=1"_s);
    r.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"X-A", "b"}};
    r.body = "a=1&b=2";
    const SavedRequest s = SavedRequest::fromApiRequest(r, QUrl(u"http://127.0.0.1:9/api"_s));
    QCOMPARE(s.url, u"/x?y=1"_s);
    QCOMPARE(s.bodyType, SavedRequest::BodyType::Form);
    QCOMPARE(s.form.size(), 2);
    QCOMPARE(s.headers.size(), 1);
    QString why;
    const auto back = s.toApiRequest({}, QUrl(u"http://127.0.0.1:9/api"_s), &why);
    QVERIFY2(back, qPrintable(why));
    QCOMPARE(back->url, r.url);
    QCOMPARE(back->body, r.body);
}

QTEST_GUILESS_MAIN(TestSavedRequests)
#include "tst_savedrequests.moc"
