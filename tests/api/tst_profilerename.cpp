// SPDX-License-Identifier: MIT
// A profile's rename takes along what is kept under its name: tokens,
// client secret and keys in the token store, saved requests and history
// beside the profiles file. A store that fails halfway loses nothing.
#include "api/profilerename.h"
#include "storage/profilesecretsmove.h"
#include "storage/tokenstore.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

// A memory store whose writes of one kind of secret fail.
class FailingStore : public MemoryTokenStore
{
public:
    std::optional<SecretKind> failing;

protected:
    void doSaveSecret(TokenStoreJob *job, const QString &secret, SecretKind kind) override
    {
        if (kind == failing)
            return QTimer::singleShot(0, job, [this, job] { complete(job, TokenStoreError::Locked, u"The keyring is locked."_s); });
        MemoryTokenStore::doSaveSecret(job, secret, kind);
    }
};

TokenSet someTokens()
{
    TokenSet t;
    t.accessToken = u"at-1"_s;
    t.refreshToken = u"rt-1"_s;
    t.tokenType = u"DPoP"_s;
    return t;
}

template<typename Job>
bool wait(Job *job)
{
    QSignalSpy done(job, &Job::finished);
    return done.wait(5000);
}

std::optional<TokenSet> loadTokens(TokenStore &store, const QString &profile)
{
    TokenStoreJob *job = store.load(profile);
    std::optional<TokenSet> out;
    QObject::connect(job, &TokenStoreJob::finished, [&out](TokenStoreJob *j) { out = j->tokens(); });
    QSignalSpy done(job, &TokenStoreJob::finished);
    done.wait(5000);
    return out;
}

QString loadSecret(TokenStore &store, const QString &profile, SecretKind kind)
{
    TokenStoreJob *job = store.loadSecret(profile, kind);
    QString out;
    QObject::connect(job, &TokenStoreJob::finished, [&out](TokenStoreJob *j) { out = j->secret(); });
    QSignalSpy done(job, &TokenStoreJob::finished);
    done.wait(5000);
    return out;
}

void fill(TokenStore &store, const QString &profile)
{
    wait(store.save(profile, someTokens()));
    wait(store.saveSecret(profile, u"s3cret"_s, SecretKind::ClientSecret));
    wait(store.saveSecret(profile, u"-----BEGIN PRIVATE KEY-----dpop"_s, SecretKind::DpopKey));
    wait(store.saveSecret(profile, u"-----BEGIN PRIVATE KEY-----client"_s, SecretKind::ClientKey));
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

} // namespace

class TestProfileRename : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void secretsMove();
    void nothingToMove();
    void failingStoreLosesNothing();
    void renameMovesFiles();
    void rollbackKeepsEverything();
};

void TestProfileRename::secretsMove()
{
    MemoryTokenStore store;
    fill(store, u"old"_s);
    auto *job = ProfileSecretsMove::start(&store, u"old"_s, u"new"_s);
    QSignalSpy copied(job, &ProfileSecretsMove::copied);
    QSignalSpy done(job, &ProfileSecretsMove::finished);
    QVERIFY(copied.wait(5000));
    QVERIFY2(job->ok(), qPrintable(job->errorString()));
    // Copied, not yet moved: both names hold the secret until commit().
    QCOMPARE(loadSecret(store, u"old"_s, SecretKind::ClientSecret), u"s3cret"_s);
    QCOMPARE(loadSecret(store, u"new"_s, SecretKind::ClientSecret), u"s3cret"_s);
    job->commit();
    QVERIFY(done.wait(5000));
    QVERIFY2(job->ok(), qPrintable(job->errorString()));
    QCOMPARE(job->moved(), (QStringList{u"tokens"_s, u"client secret"_s, u"DPoP key"_s, u"client key"_s}));
    QCOMPARE(loadTokens(store, u"new"_s)->refreshToken, u"rt-1"_s);
    QCOMPARE(loadSecret(store, u"new"_s, SecretKind::ClientSecret), u"s3cret"_s);
    QCOMPARE(loadSecret(store, u"new"_s, SecretKind::DpopKey), u"-----BEGIN PRIVATE KEY-----dpop"_s);
    QCOMPARE(loadSecret(store, u"new"_s, SecretKind::ClientKey), u"-----BEGIN PRIVATE KEY-----client"_s);
    QVERIFY(!loadTokens(store, u"old"_s));
    for (SecretKind kind : {SecretKind::ClientSecret, SecretKind::DpopKey, SecretKind::ClientKey})
        QVERIFY(loadSecret(store, u"old"_s, kind).isEmpty());
}

void TestProfileRename::nothingToMove()
{
    MemoryTokenStore store;
    auto *job = ProfileSecretsMove::start(&store, u"old"_s, u"new"_s);
    QSignalSpy copied(job, &ProfileSecretsMove::copied);
    QSignalSpy done(job, &ProfileSecretsMove::finished);
    QVERIFY(copied.wait(5000));
    QVERIFY(job->ok());
    job->commit();
    QVERIFY(done.wait(5000));
    QVERIFY(job->moved().isEmpty());
}

void TestProfileRename::failingStoreLosesNothing()
{
    FailingStore store;
    fill(store, u"old"_s);
    store.failing = SecretKind::DpopKey; // fails after the tokens and the secret were copied
    auto *job = ProfileSecretsMove::start(&store, u"old"_s, u"new"_s);
    QSignalSpy done(job, &ProfileSecretsMove::copied);
    QVERIFY(done.wait(5000));
    QVERIFY(!job->ok());
    QVERIFY(job->moved().isEmpty());
    QCOMPARE(job->errorString(), u"The DPoP key could not be kept under \"new\": The keyring is locked."_s);
    // The old name keeps everything; the copies made before the failure were taken back.
    QCOMPARE(loadTokens(store, u"old"_s)->accessToken, u"at-1"_s);
    QCOMPARE(loadSecret(store, u"old"_s, SecretKind::ClientSecret), u"s3cret"_s);
    QCOMPARE(loadSecret(store, u"old"_s, SecretKind::ClientKey), u"-----BEGIN PRIVATE KEY-----client"_s);
    QVERIFY(!loadTokens(store, u"new"_s));
    QVERIFY(loadSecret(store, u"new"_s, SecretKind::ClientSecret).isEmpty());

    // The whole rename refuses too, and leaves the files where they were.
    QTemporaryDir dir;
    writeFile(dir.filePath(u"requests/old.json"_s), R"({"requests":[],"variables":[]})");
    auto *rename = ProfileRenameJob::start(&store, {}, dir.path(), u"old"_s, u"new"_s);
    QSignalSpy renamed(rename, &ProfileRenameJob::copied);
    QVERIFY(renamed.wait(5000));
    QVERIFY(!rename->ok());
    QVERIFY(QFile::exists(dir.filePath(u"requests/old.json"_s)));
    QVERIFY(!QFile::exists(dir.filePath(u"requests/new.json"_s)));
}

void TestProfileRename::renameMovesFiles()
{
    MemoryTokenStore store;
    fill(store, u"old"_s);
    QTemporaryDir dir;
    writeFile(dir.filePath(u"requests/old.json"_s), R"({"requests":[],"variables":[{"name":"user","value":"42"}]})");
    writeFile(dir.filePath(u"history/old/index.json"_s), "[]");
    writeFile(dir.filePath(u"requests/new.json"_s), "left over by a removed profile");
    auto *job = ProfileRenameJob::start(&store, {}, dir.path(), u"old"_s, u"new"_s);
    QSignalSpy copied(job, &ProfileRenameJob::copied);
    QSignalSpy done(job, &ProfileRenameJob::finished);
    QVERIFY(copied.wait(5000));
    QVERIFY2(job->ok(), qPrintable(job->errorString()));
    job->commit();
    QVERIFY(done.wait(5000));
    QVERIFY2(job->notes().isEmpty(), qPrintable(job->notes().join(u'\n')));
    QCOMPARE(job->moved(), (QStringList{u"tokens"_s, u"client secret"_s, u"DPoP key"_s, u"client key"_s, u"saved requests"_s, u"history"_s}));
    QFile moved(dir.filePath(u"requests/new.json"_s));
    QVERIFY(moved.open(QIODevice::ReadOnly));
    QVERIFY(moved.readAll().contains("\"42\""));
    QVERIFY(!QFile::exists(dir.filePath(u"requests/old.json"_s)));
    QVERIFY(QFile::exists(dir.filePath(u"history/new/index.json"_s)));
    QVERIFY(!QFileInfo::exists(dir.filePath(u"history/old"_s)));
}

void TestProfileRename::rollbackKeepsEverything()
{
    // The profile file could not be rewritten: the copies go, the old name keeps all.
    MemoryTokenStore store;
    fill(store, u"old"_s);
    QTemporaryDir dir;
    writeFile(dir.filePath(u"requests/old.json"_s), R"({"requests":[],"variables":[]})");
    auto *job = ProfileRenameJob::start(&store, {}, dir.path(), u"old"_s, u"new"_s);
    QSignalSpy copied(job, &ProfileRenameJob::copied);
    QSignalSpy done(job, &ProfileRenameJob::finished);
    QVERIFY(copied.wait(5000));
    QVERIFY(job->ok());
    QCOMPARE(loadSecret(store, u"new"_s, SecretKind::ClientKey), u"-----BEGIN PRIVATE KEY-----client"_s);
    job->rollback();
    QVERIFY(done.wait(5000));
    QVERIFY(!loadTokens(store, u"new"_s));
    for (SecretKind kind : {SecretKind::ClientSecret, SecretKind::DpopKey, SecretKind::ClientKey})
        QVERIFY(loadSecret(store, u"new"_s, kind).isEmpty());
    QCOMPARE(loadTokens(store, u"old"_s)->refreshToken, u"rt-1"_s);
    QCOMPARE(loadSecret(store, u"old"_s, SecretKind::ClientSecret), u"s3cret"_s);
    QCOMPARE(loadSecret(store, u"old"_s, SecretKind::DpopKey), u"-----BEGIN PRIVATE KEY-----dpop"_s);
    QVERIFY(QFile::exists(dir.filePath(u"requests/old.json"_s)));
    QVERIFY(!QFile::exists(dir.filePath(u"requests/new.json"_s)));
}

QTEST_MAIN(TestProfileRename)
#include "tst_profilerename.moc"
