// SPDX-License-Identifier: MIT
#include "storage/profilestore.h"
#include "storage/profilewatcher.h"

#include <QSignalSpy>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestProfileStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsToSandbox();
    void saveAndLoad();
    void replaceAndRemove();
    void unreadableFileIsNeverOverwritten_data();
    void unreadableFileIsNeverOverwritten();
    void auth0Config_data();
    void auth0Config();
    void environment();
    void defaultPathUnderXdg();
    void savesMergeWithOtherWriters_data();
    void savesMergeWithOtherWriters();
    void insertClaimsTheName();
    void unreadableEntriesAreKept();
    void watcherSeesOtherWriters();
};

namespace {

Profile named(const QString &name, const QString &clientId = u"client"_s)
{
    Profile p;
    p.name = name;
    p.issuer = QUrl(u"https://issuer.example/"_s);
    p.clientId = clientId;
    return p;
}

QStringList names(const ProfileStore &store)
{
    QStringList out;
    for (const Profile &p : store.profiles())
        out << p.name;
    return out;
}

} // namespace

void TestProfileStore::defaultsToSandbox()
{
    QTemporaryDir dir;
    ProfileStore store(dir.filePath(u"profiles.json"_s));
    QString error;
    QVERIFY(store.load(&error));
    QCOMPARE(store.profiles().size(), 1);
    QVERIFY(store.profiles().first().isSandbox());
    QCOMPARE(store.active(), u"sandbox"_s);
}

void TestProfileStore::saveAndLoad()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"sub/profiles.json"_s);
    ProfileStore store(path);
    QString error;
    Profile p;
    p.name = u"dev"_s;
    p.issuer = QUrl(u"https://dev.eu.auth0.com/"_s);
    p.clientId = u"abc"_s;
    p.extraParams = {{u"connection"_s, u"x"_s}};
    QVERIFY(store.upsert(p, &error));
    QVERIFY(store.setActive(u"dev"_s, &error));
    QVERIFY2(store.save(&error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(text.contains("\"client_id\": \"abc\"")); // readable, indented JSON
    ProfileStore again(path);
    QVERIFY(again.load(&error));
    QCOMPARE(again.profiles().size(), 2);
    QCOMPARE(again.active(), u"dev"_s);
    QCOMPARE(again.profile(u"dev"_s)->extraParams, p.extraParams);
}

void TestProfileStore::replaceAndRemove()
{
    QTemporaryDir dir;
    ProfileStore store(dir.filePath(u"profiles.json"_s));
    QString error;
    Profile p;
    p.name = u"dev"_s;
    p.issuer = QUrl(u"https://a.example/"_s);
    p.clientId = u"one"_s;
    QVERIFY(store.upsert(p, &error));
    p.clientId = u"two"_s;
    QVERIFY(store.upsert(p, &error));
    QCOMPARE(store.profiles().size(), 2);
    QCOMPARE(store.profile(u"dev"_s)->clientId, u"two"_s);
    p.clientId.clear();
    QVERIFY(!store.upsert(p, &error));
    QVERIFY(error.contains(u"Client ID"_s));
    Profile fake = p;
    fake.name = u"sandbox"_s;
    fake.clientId = u"x"_s;
    QVERIFY(!store.upsert(fake, &error));
    QVERIFY(!store.remove(u"sandbox"_s, &error));
    QVERIFY(error.contains(u"built in"_s));
    QVERIFY(!store.remove(u"nope"_s, &error));
    QVERIFY(store.setActive(u"dev"_s, &error));
    QVERIFY(store.remove(u"dev"_s, &error));
    QCOMPARE(store.active(), u"sandbox"_s);
}

void TestProfileStore::unreadableFileIsNeverOverwritten_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("garbage") << QByteArray("\x00\xff garbage", 10);
    QTest::newRow("truncated-json") << QByteArray(R"({"profiles":[{"name":"dev")");
    QTest::newRow("array") << QByteArray("[]");
}

void TestProfileStore::unreadableFileIsNeverOverwritten()
{
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"profiles.json"_s);
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    ProfileStore store(path);
    QString error;
    QVERIFY(!store.load(&error));
    QVERIFY2(error.contains(u"Fix or remove the file"_s), qPrintable(error));
    QCOMPARE(store.profiles().size(), 1); // the sandbox still works
    QVERIFY(!store.save(&error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), content);
}

void TestProfileStore::auth0Config_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("words"); // empty: valid
    QTest::newRow("sample") << QByteArray(R"({"domain":"dev-1.eu.auth0.com","clientId":"abc","audience":"https://quickstarts/api","apiUri":"http://localhost:3001"})") << QString();
    QTest::newRow("placeholder-audience") << QByteArray(R"({"domain":"dev-1.eu.auth0.com","clientId":"abc","audience":"YOUR_API_IDENTIFIER"})") << QString();
    QTest::newRow("no-domain") << QByteArray(R"({"clientId":"abc"})") << u"\"domain\""_s;
    QTest::newRow("no-client") << QByteArray(R"({"domain":"dev-1.eu.auth0.com"})") << u"\"clientId\""_s;
    QTest::newRow("bad-domain") << QByteArray(R"({"domain":"not a host","clientId":"abc"})") << u"Domain:"_s;
    QTest::newRow("bad-api-uri") << QByteArray(R"({"domain":"d.auth0.com","clientId":"abc","apiUri":"nope"})") << u"API base URL"_s;
    QTest::newRow("not-json") << QByteArray("domain=x") << u"not a JSON object"_s;
}

void TestProfileStore::auth0Config()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, words);
    QString error;
    const auto p = ProfileStore::fromAuth0Config(json, u"imported"_s, &error);
    QCOMPARE(p.has_value(), words.isEmpty());
    if (p) {
        QCOMPARE(p->issuer.toString(), u"https://dev-1.eu.auth0.com/"_s);
        QCOMPARE(p->clientId, u"abc"_s);
        QVERIFY(p->audience.isEmpty() || p->audience == u"https://quickstarts/api"_s);
    } else {
        QVERIFY2(error.contains(words), qPrintable(error));
    }
}

void TestProfileStore::environment()
{
    QProcessEnvironment env;
    QString error;
    QVERIFY(!ProfileStore::fromEnvironment(env, u"env"_s, &error));
    QVERIFY(error.contains(u"AUTH0_DOMAIN"_s));
    env.insert(u"AUTH0_DOMAIN"_s, u"dev-2.us.auth0.com"_s);
    env.insert(u"AUTH0_CLIENT_ID"_s, u"cid"_s);
    env.insert(u"AUTH0_AUDIENCE"_s, u"https://api.example/"_s);
    const auto p = ProfileStore::fromEnvironment(env, u"env"_s, &error);
    QVERIFY2(p, qPrintable(error));
    QCOMPARE(p->issuer.toString(), u"https://dev-2.us.auth0.com/"_s);
    QCOMPARE(p->audience, u"https://api.example/"_s);
}

void TestProfileStore::defaultPathUnderXdg()
{
    QVERIFY(ProfileStore::defaultPath().startsWith(qEnvironmentVariable("XDG_CONFIG_HOME")));
    QVERIFY(ProfileStore::defaultPath().endsWith(u"/tokenlab/profiles.json"_s));
}

void TestProfileStore::savesMergeWithOtherWriters_data()
{
    // Two processes load the same file; "theirs" saves first, then "mine".
    QTest::addColumn<QString>("theirs");  // add:NAME, edit:NAME, remove:NAME, use:NAME
    QTest::addColumn<QString>("mine");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QString>("active");
    QTest::newRow("both-add") << u"add:b"_s << u"add:a"_s << QStringList{u"sandbox"_s, u"x"_s, u"b"_s, u"a"_s} << u"sandbox"_s;
    QTest::newRow("they-remove-i-add") << u"remove:x"_s << u"add:a"_s << QStringList{u"sandbox"_s, u"a"_s} << u"sandbox"_s;
    QTest::newRow("they-add-i-remove") << u"add:b"_s << u"remove:x"_s << QStringList{u"sandbox"_s, u"b"_s} << u"sandbox"_s;
    QTest::newRow("they-edit-i-add") << u"edit:x"_s << u"add:a"_s << QStringList{u"sandbox"_s, u"x"_s, u"a"_s} << u"sandbox"_s;
    QTest::newRow("they-switch-i-add") << u"use:x"_s << u"add:a"_s << QStringList{u"sandbox"_s, u"x"_s, u"a"_s} << u"x"_s;
    QTest::newRow("they-add-i-switch") << u"add:b"_s << u"use:x"_s << QStringList{u"sandbox"_s, u"x"_s, u"b"_s} << u"x"_s;
    QTest::newRow("they-remove-what-i-use") << u"remove:x"_s << u"use:x"_s << QStringList{u"sandbox"_s} << u"sandbox"_s;
    QTest::newRow("both-edit-same-last-wins") << u"edit:x"_s << u"edit:x"_s << QStringList{u"sandbox"_s, u"x"_s} << u"sandbox"_s;
}

void TestProfileStore::savesMergeWithOtherWriters()
{
    QFETCH(QString, theirs);
    QFETCH(QString, mine);
    QFETCH(QStringList, expected);
    QFETCH(QString, active);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"profiles.json"_s);
    QString error;
    {
        ProfileStore seed(path);
        QVERIFY(seed.upsert(named(u"x"_s), &error) && seed.save(&error));
    }
    ProfileStore a(path), b(path);
    QVERIFY(a.load(&error) && b.load(&error));
    auto change = [&error](ProfileStore &store, const QString &what, const QString &who) {
        const QString verb = what.section(u':', 0, 0), name = what.section(u':', 1);
        bool ok = false;
        if (verb == u"add" || verb == u"edit")
            ok = store.upsert(named(name, who), &error);
        else if (verb == u"remove")
            ok = store.remove(name, &error);
        else
            ok = store.setActive(name, &error);
        return ok && store.save(&error);
    };
    QVERIFY2(change(b, theirs, u"theirs"_s), qPrintable(error));
    QVERIFY2(change(a, mine, u"mine"_s), qPrintable(error));
    ProfileStore fresh(path);
    QVERIFY(fresh.load(&error));
    QCOMPARE(names(fresh), expected);
    QCOMPARE(names(a), expected); // the saver's copy is what is on disk
    QCOMPARE(fresh.active(), active);
    if (QString::fromUtf8(QTest::currentDataTag()) == u"both-edit-same-last-wins")
        QCOMPARE(fresh.profile(u"x"_s)->clientId, u"mine"_s);
    if (QString::fromUtf8(QTest::currentDataTag()) == u"they-edit-i-add")
        QCOMPARE(fresh.profile(u"x"_s)->clientId, u"theirs"_s); // not overwritten by a stale copy
}

// insert() claims a name: here, and in the file at save(), so the second of
// two processes that chose the same new name is refused and writes nothing.
void TestProfileStore::insertClaimsTheName()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"profiles.json"_s);
    QString error;
    ProfileStore a(path), b(path);
    QVERIFY(a.load(&error) && b.load(&error));
    QVERIFY2(b.insert(named(u"new"_s, u"theirs"_s), &error) && b.save(&error), qPrintable(error));
    // This copy does not know of it yet: insert() passes, save() sees the file and refuses.
    QVERIFY(a.upsert(named(u"other"_s), &error));
    QVERIFY(a.insert(named(u"new"_s, u"mine"_s), &error));
    QVERIFY(!a.save(&error));
    QVERIFY2(error.contains(u"Another TokenLab process added a profile named new meanwhile"_s), qPrintable(error));
    // The refused copy is the file's again: the next save does not fail the same way.
    QCOMPARE(a.profile(u"new"_s)->clientId, u"theirs"_s);
    QVERIFY(!a.profile(u"other"_s));
    QVERIFY2(a.upsert(named(u"other"_s), &error) && a.save(&error), qPrintable(error));
    QVERIFY(a.remove(u"other"_s, &error) && a.save(&error));
    ProfileStore fresh(path);
    QVERIFY(fresh.load(&error));
    QCOMPARE(names(fresh), (QStringList{u"sandbox"_s, u"new"_s})); // nothing of the refused save
    QCOMPARE(fresh.profile(u"new"_s)->clientId, u"theirs"_s);
    // A name this copy knows is refused at once; the sandbox's too.
    QVERIFY(!fresh.insert(named(u"new"_s), &error));
    QVERIFY2(error.contains(u"exists already"_s), qPrintable(error));
    QVERIFY(!fresh.insert(named(u"sandbox"_s), &error));
}

void TestProfileStore::unreadableEntriesAreKept()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"profiles.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"version":1,"active":"sandbox","profiles":[{"name":"odd","issuer":42},{"name":"x","issuer":"https://issuer.example/","clientId":"c"}]})");
    file.close();
    ProfileStore store(path);
    QString error;
    QVERIFY(!store.load(&error));
    QVERIFY2(error.contains(u"kept in the file"_s), qPrintable(error));
    QVERIFY(store.upsert(named(u"a"_s), &error) && store.save(&error));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray saved = file.readAll();
    QVERIFY2(saved.contains("\"odd\""), saved.constData()); // written back as it was
    QVERIFY(saved.contains("\"a\""));
}

void TestProfileStore::watcherSeesOtherWriters()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"cfg/profiles.json"_s);
    ProfileWatcher watcher(path);
    QSignalSpy changed(&watcher, &ProfileWatcher::changed);
    ProfileStore other(path);
    QString error;
    QVERIFY(other.upsert(named(u"new"_s), &error) && other.save(&error));
    QVERIFY(changed.wait(2000)); // created
    QVERIFY(other.upsert(named(u"second"_s), &error) && other.save(&error));
    QVERIFY(changed.wait(2000)); // replaced atomically
    QTest::qWait(200);
    const int seen = changed.count();
    QVERIFY(other.save(&error)); // the same content again: nothing to tell
    QTest::qWait(300);
    QCOMPARE(changed.count(), seen);
}

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_profilestore.moc"
