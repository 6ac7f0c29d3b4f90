// SPDX-License-Identifier: MIT
// The request history: a real call's entry round-trips through its files,
// the list is bounded and the files of pushed-out entries go, no token from
// a call lands in any file (header, query, form, JSON body, echoed
// response), hostile index and entry files are a sentence, and two
// processes appending at once keep every entry.
#include "api/apiclient.h"
#include "api/redaction.h"
#include "api/requesthistory.h"
#include "http/localhttpserver.h"
#include "support/processes.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {

const QString Token = u"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNlY3JldA"_s;

QByteArray allBytesUnder(const QString &dir)
{
    QByteArray all;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly))
            all += f.readAll();
    }
    return all;
}

ApiExchange exchangeTo(const QString &path, int status = 200)
{
    ApiExchange x;
    x.request.url = QUrl(u"http://127.0.0.1:1"_s + path);
    x.status = status;
    x.outcome = status < 300 ? ApiOutcome::Success : ApiOutcome::HttpError;
    return x;
}

} // namespace

class TestRequestHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void realCallRoundTripWithoutToken();
    void bounded();
    void bodiesCut();
    void profilesApart();
    void hostileIndex_data();
    void hostileIndex();
    void hostileEntry_data();
    void hostileEntry();
    void redactionNames_data();
    void redactionNames();
    void twoProcessesAtOnce();
};

void TestRequestHistory::realCallRoundTripWithoutToken()
{
    // An API that echoes what it got, so the token comes back in the body and a header too.
    LocalHttpServer server([](const HttpRequest &r) {
        HttpResponse response = HttpResponse::json(200, "{\"got\":\"" + r.header("authorization") + "\",\"target\":\"" + r.target + "\"}");
        response.setHeader("X-Echo", r.header("authorization"));
        return response;
    });
    QVERIFY(server.listen(QHostAddress::LocalHost));
    const QUrl base(u"http://127.0.0.1:%1"_s.arg(server.port()));
    QNetworkAccessManager network;
    ApiClient client(&network, systemClock());
    TokenSet tokens;
    tokens.accessToken = Token;
    client.setCredentials(base, tokens);
    ApiRequest request;
    request.method = "POST";
    request.url = QUrl(base.toString() + u"/api/echo?access_token="_s + Token + u"&page=2"_s);
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"X-Trace", "abc"}};
    request.body = "client_assertion=" + Token.toLatin1() + "&name=alice&note=" + Token.toLatin1();
    QSignalSpy done(client.send(request), &ApiCall::finished);
    QVERIFY(done.wait(10000));
    const ApiExchange x = done.first().at(0).value<ApiExchange>();
    QCOMPARE(x.status, 200);
    QVERIFY(x.body.contains(Token.toLatin1())); // the echo really carried it

    QTemporaryDir dir;
    RequestHistory history(dir.path(), u"my profile/../x"_s);
    QVERIFY(history.folder().startsWith(dir.path() + u"/history/"_s));
    QVERIFY(!history.folder().contains(u"/../"_s));
    const HistoryEntry entry = HistoryEntry::from(x, QString(), QDateTime::currentDateTimeUtc());
    QString error;
    QVERIFY2(history.append(entry, &error), qPrintable(error));

    const QByteArray files = allBytesUnder(dir.path());
    QVERIFY(!files.isEmpty());
    QVERIFY2(!files.contains(Token.toLatin1()), files.constData());
    QVERIFY(!files.contains("c2lnbmF0dXJlLXNlY3JldA")); // not even the signature part
    QVERIFY(files.contains("Bearer [redacted]"));

    // A new object, as after a restart: the summary, then the entry with its bodies.
    RequestHistory again(dir.path(), u"my profile/../x"_s);
    const auto list = again.summaries(&error);
    QVERIFY2(list, qPrintable(error));
    QCOMPARE(list->size(), 1);
    QCOMPARE(list->first().method, QByteArray("POST"));
    QCOMPARE(list->first().status, 200);
    QCOMPARE(list->first().url.path(), u"/api/echo"_s);
    QVERIFY(list->first().url.query().contains(u"page=2"_s));
    const auto read = again.entry(list->first().id, &error);
    QVERIFY2(read, qPrintable(error));
    QCOMPARE(read->summary.elapsedMs, x.elapsedMs);
    QVERIFY(read->body.contains("name=alice"));
    QVERIFY(read->body.contains("client_assertion=%5Bredacted%5D"));
    QCOMPARE(firstHeader(read->headers, "X-Trace"), QByteArray("abc"));
    QVERIFY(read->responseBody.contains("[redacted]"));
    // Sent again: the request's own headers, the body as kept.
    const ApiRequest resend = read->request();
    QCOMPARE(resend.method, QByteArray("POST"));
    QCOMPARE(resend.headers.size(), 2);
    QVERIFY(resend.withToken);
}

void TestRequestHistory::bounded()
{
    QTemporaryDir dir;
    RequestHistory history(dir.path(), u"p"_s, 5);
    QString error;
    QList<QString> ids;
    for (int i = 0; i < 8; ++i) {
        const HistoryEntry e = HistoryEntry::from(exchangeTo(u"/n/%1"_s.arg(i)), QString(), QDateTime::currentDateTimeUtc());
        ids.append(e.summary.id);
        QVERIFY2(history.append(e, &error), qPrintable(error));
    }
    const auto list = history.summaries(&error);
    QCOMPARE(list->size(), 5);
    QCOMPARE(list->first().url.path(), u"/n/3"_s);
    QCOMPARE(list->last().url.path(), u"/n/7"_s);
    QCOMPARE(QDir(history.folder()).entryList({u"*.json"_s}, QDir::Files).size(), 6); // five entries and the index
    QVERIFY(!history.entry(ids.first(), &error));
    QVERIFY2(error.contains(u"no longer kept"_s), qPrintable(error));
    QCOMPARE(RequestHistory::MaxEntries, 500);
}

void TestRequestHistory::bodiesCut()
{
    QTemporaryDir dir;
    RequestHistory history(dir.path(), u"p"_s);
    ApiExchange x = exchangeTo(u"/big"_s);
    x.body = QByteArray(300 * 1024, 'a');
    x.bodySize = x.body.size();
    x.request.body = QByteArray(100 * 1024, 'b');
    const HistoryEntry e = HistoryEntry::from(x, QString(), QDateTime::currentDateTimeUtc());
    QString error;
    QVERIFY(history.append(e, &error));
    const auto read = history.entry(e.summary.id, &error);
    QVERIFY2(read, qPrintable(error));
    QCOMPARE(read->responseBody.size(), HistoryEntry::MaxBodyBytes);
    QCOMPARE(read->responseSize, 300 * 1024);
    QVERIFY(read->toExchange().bodyTruncated);
    QCOMPARE(read->body.size(), HistoryEntry::MaxBodyBytes);
    QCOMPARE(read->bodySize, 100 * 1024);
    QFile file(history.folder() + u'/' + e.summary.id + u".json"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray onDisk = file.readAll();
    QVERIFY(onDisk.contains("\"bodyCut\": true") && onDisk.contains("\"responseBodyCut\": true"));
    // Binary bodies survive the JSON file.
    x.body = QByteArray("\x00\xff\xfe binary", 10);
    const HistoryEntry bin = HistoryEntry::from(x, QString(), QDateTime::currentDateTimeUtc());
    QVERIFY(history.append(bin, &error));
    QCOMPARE(history.entry(bin.summary.id, &error)->responseBody, x.body);
}

void TestRequestHistory::profilesApart()
{
    QTemporaryDir dir;
    QString error;
    QVERIFY(RequestHistory(dir.path(), u"a"_s).append(HistoryEntry::from(exchangeTo(u"/a"_s), QString(), QDateTime::currentDateTimeUtc()), &error));
    QCOMPARE(RequestHistory(dir.path(), u"a"_s).summaries(&error)->size(), 1);
    QCOMPARE(RequestHistory(dir.path(), u"b"_s).summaries(&error)->size(), 0);
    QVERIFY(RequestHistory(dir.path(), u"a"_s).folder() != RequestHistory(dir.path(), u"A"_s).folder());
}

void TestRequestHistory::hostileIndex_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("entries"); // -1: refused with a sentence
    QTest::newRow("empty") << QByteArray() << 0;
    QTest::newRow("truncated") << QByteArray(R"({"entries":[{"id":"1-a","meth)") << -1;
    QTest::newRow("array") << QByteArray("[]") << -1;
    QTest::newRow("entries-not-list") << QByteArray(R"({"entries":{}})") << -1;
    QTest::newRow("wrong-types") << QByteArray(R"({"entries":[{"id":5,"method":[],"url":{}},"x",7]})") << 0;
    QTest::newRow("path-in-id") << QByteArray(R"({"entries":[{"id":"../../etc/passwd","method":"GET","url":"/"}]})") << 0;
    QTest::newRow("huge-numbers") << QByteArray(R"({"entries":[{"id":"1-a","method":"GET","url":"/","status":1e308,"ms":-1e308}]})") << 1;
    QTest::newRow("one-good-one-bad") << QByteArray(R"({"entries":[{"id":"1-a","method":"GET","url":"/"},{"id":""}]})") << 1;
}

void TestRequestHistory::hostileIndex()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, entries);
    QString error;
    const auto list = RequestHistory::parseIndex(bytes, &error);
    if (entries < 0) {
        QVERIFY(!list);
        QVERIFY(error.endsWith(u'.'));
    } else {
        QVERIFY2(list, qPrintable(error));
        QCOMPARE(list->size(), entries);
    }
    // On disk: an index that cannot be read is never overwritten, and the sentence names the file.
    QTemporaryDir dir;
    RequestHistory history(dir.path(), u"p"_s);
    QDir().mkpath(history.folder());
    QFile f(history.folder() + u"/index.json"_s);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
    f.close();
    const bool appended = history.append(HistoryEntry::from(exchangeTo(u"/x"_s), QString(), QDateTime::currentDateTimeUtc()), &error);
    QCOMPARE(appended, entries >= 0);
    if (!appended) {
        QVERIFY2(error.contains(u"index.json"_s) && error.contains(u"remove it"_s), qPrintable(error));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), bytes);
    }
}

void TestRequestHistory::hostileEntry_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("ok");
    QTest::newRow("truncated") << QByteArray(R"({"id":"1-a","method":"GET","url":"/","headers":[["a")") << false;
    QTest::newRow("headers-not-pairs") << QByteArray(R"({"id":"1-a","method":"GET","url":"/","headers":[["a"]]})") << false;
    QTest::newRow("headers-object") << QByteArray(R"({"id":"1-a","method":"GET","url":"/","sentHeaders":{"a":"b"}})") << false;
    QTest::newRow("bad-base64") << QByteArray(R"({"id":"1-a","method":"GET","url":"/","responseBodyBase64":"!!!"})") << true;
    QTest::newRow("huge-sizes") << QByteArray(R"({"id":"1-a","method":"GET","url":"/","bodySize":1e300,"responseSize":-5})") << true;
    QTest::newRow("number") << QByteArray("42") << false;
}

void TestRequestHistory::hostileEntry()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, ok);
    QString error;
    const auto e = RequestHistory::parseEntry(bytes, &error);
    QCOMPARE(e.has_value(), ok);
    QCOMPARE(error.isEmpty(), ok);
    // A huge entry file is refused before it is read.
    QTemporaryDir dir;
    RequestHistory history(dir.path(), u"p"_s);
    QDir().mkpath(history.folder());
    QFile f(history.folder() + u"/1-a.json"_s);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(RequestHistory::MaxEntryBytes + 1, ' '));
    f.close();
    QVERIFY(!history.entry(u"1-a"_s, &error));
    QVERIFY2(error.contains(u"larger than"_s), qPrintable(error));
}

void TestRequestHistory::redactionNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("sensitive");
    for (const char *name : {"Authorization", "authorization", "Cookie", "DPoP", "X-Api-Key", "access_token", "refresh_token",
                             "client_secret", "client_assertion", "password", "code_verifier", "id_token_hint", "X-Auth-Token", "code"})
        QTest::newRow(name) << QString::fromLatin1(name) << true;
    for (const char *name : {"Accept", "Content-Type", "page", "name", "scope", "X-Trace"})
        QTest::newRow(name) << QString::fromLatin1(name) << false;
}

void TestRequestHistory::redactionNames()
{
    QFETCH(QString, name);
    QFETCH(bool, sensitive);
    QCOMPARE(Redaction::isSensitiveName(name), sensitive);
}

void TestRequestHistory::twoProcessesAtOnce()
{
    QTemporaryDir dir;
    constexpr int Each = 25;
    ChildProcess a, b;
    QVERIFY(a.start(u"tokenlab-test-saver"_s, {u"history"_s, dir.path(), u"shared"_s, QString::number(Each)}));
    QVERIFY(b.start(u"tokenlab-test-saver"_s, {u"history"_s, dir.path(), u"shared"_s, QString::number(Each)}));
    QVERIFY(a.process().waitForFinished(60000));
    QVERIFY(b.process().waitForFinished(60000));
    QCOMPARE(a.process().exitCode(), 0);
    QCOMPARE(b.process().exitCode(), 0);
    QString error;
    const auto list = RequestHistory(dir.path(), u"shared"_s).summaries(&error);
    QVERIFY2(list, qPrintable(error));
    QCOMPARE(list->size(), 2 * Each);
    QSet<QString> pids;
    for (const HistorySummary &s : *list)
        pids.insert(QUrlQuery(s.url).queryItemValue(u"pid"_s));
    QCOMPARE(pids.size(), 2);
}

QTEST_GUILESS_MAIN(TestRequestHistory)
#include "tst_requesthistory.moc"
