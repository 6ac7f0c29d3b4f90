// SPDX-License-Identifier: MIT
// ImportApplyJob over a private profiles file and an in-memory token
// store: a new profile with its requests and client secret (the secret in
// the store only), requests joining an existing profile, and refusals that
// leave every file and the store as they were.
#include "api/importapply.h"
#include "storage/profilestore.h"
#include "storage/tokenstore.h"

#include <QDirIterator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

ImportedCollection sample()
{
    ImportedCollection c;
    c.hasOAuth = true;
    c.profile.issuer = QUrl(u"https://id.example.com/"_s);
    c.profile.clientId = u"cid"_s;
    c.profile.grant = Profile::Grant::ClientCredentials;
    c.profile.audience = u"https://api.example.com"_s;
    SavedRequest r;
    r.folder = u"users"_s;
    r.name = u"list"_s;
    r.url = u"https://api.example.com/users"_s;
    c.requests << r;
    c.variables << SavedVariable{u"user"_s, u"42"_s, false};
    c.secrets << ImportedSecret{ImportedSecret::Kind::ClientSecret, u"client secret"_s, u"apply-secret-77"_s};
    return c;
}

QByteArray filesUnder(const QString &dir)
{
    QByteArray all;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly))
            all += f.readAll();
    }
    return all;
}

// What a finished job said; the job itself deletes itself.
struct Applied
{
    bool ok = false;
    QString error;
    QStringList kept;
};

} // namespace

class TestImportApply : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newProfile();
    void refusals();
    void failureTakesEverythingBack();

private:
    Applied run(const ImportedCollection &c, const QString &name);

    QTemporaryDir m_dir;
    MemoryTokenStore m_store;
};

Applied TestImportApply::run(const ImportedCollection &c, const QString &name)
{
    Applied a{false, u"no answer"_s, {}};
    auto *job = ImportApplyJob::start(&m_store, m_dir.filePath(u"profiles.json"_s), c, name);
    connect(job, &ImportApplyJob::finished, this, [&a](ImportApplyJob *done) {
        a = Applied{done->ok(), done->errorString(), done->keptSecrets()};
    });
    QSignalSpy done(job, &ImportApplyJob::finished);
    done.wait(5000);
    return a;
}

void TestImportApply::newProfile()
{
    Applied job = run(sample(), u"imp"_s);
    QVERIFY2(job.ok, qPrintable(job.error));
    QCOMPARE(job.kept, QStringList{u"client secret: keychain entry client-secret:imp"_s});
    ProfileStore profiles(m_dir.filePath(u"profiles.json"_s));
    QString why;
    QVERIFY(profiles.load(&why));
    QCOMPARE(profiles.profile(u"imp"_s)->clientId, u"cid"_s);
    const auto saved = SavedRequests(m_dir.path(), u"imp"_s).load(&why);
    QVERIFY2(saved, qPrintable(why));
    QCOMPARE(saved->requests.size(), 1);
    QCOMPARE(saved->variables.size(), 1);
    TokenStoreJob *secret = m_store.loadSecret(u"imp"_s);
    QSignalSpy loaded(secret, &TokenStoreJob::finished);
    QVERIFY(loaded.wait(5000));
    QCOMPARE(secret->secret(), u"apply-secret-77"_s);
    QVERIFY(!filesUnder(m_dir.path()).contains("apply-secret-77"));

    // Requests without OAuth settings join the existing profile.
    ImportedCollection more;
    SavedRequest r;
    r.name = u"health"_s;
    r.url = u"/health"_s;
    more.requests << r;
    more.profile.apiBase = QUrl(u"https://staging.example.com"_s); // a Postman environment's baseUrl
    more.baseVariable = u"baseUrl"_s;
    job = run(more, u"imp"_s);
    QVERIFY2(job.ok, qPrintable(job.error));
    const auto joined = SavedRequests(m_dir.path(), u"imp"_s).load(&why);
    QCOMPARE(joined->requests.size(), 2);
    // The profile keeps its API base; the file's base stays a variable by its name.
    QVERIFY(joined->variables.contains((SavedVariable{u"baseUrl"_s, u"https://staging.example.com"_s, false})));
    QVERIFY(profiles.load(&why));
    QCOMPARE(profiles.profile(u"imp"_s)->apiBase, QUrl());
}

// A secret variable cannot be kept (this test has no keychain for them):
// the client secret kept a moment before is removed, and then the profile,
// before finished() says the import failed.
void TestImportApply::failureTakesEverythingBack()
{
    const QString name = u"blocked"_s;
    ImportedCollection c = sample();
    c.secrets << ImportedSecret{ImportedSecret::Kind::Variable, u"apiKey"_s, u"variable-secret-5"_s};
    const Applied job = run(c, name);
    QVERIFY(!job.ok);
    QVERIFY2(job.error.contains(u"apiKey"_s), qPrintable(job.error));
    QVERIFY(job.kept.isEmpty());
    ProfileStore profiles(m_dir.filePath(u"profiles.json"_s));
    QString why;
    QVERIFY(profiles.load(&why));
    QVERIFY(!profiles.profile(name));
    TokenStoreJob *secret = m_store.loadSecret(name);
    QSignalSpy loaded(secret, &TokenStoreJob::finished);
    QVERIFY(loaded.wait(5000));
    QVERIFY(secret->secret().isEmpty());
}

void TestImportApply::refusals()
{
    QVERIFY(run(sample(), u"taken"_s).ok);
    const QByteArray before = filesUnder(m_dir.path());

    Applied job = run(sample(), u"taken"_s);
    QVERIFY(!job.ok);
    QVERIFY2(job.error.contains(u"already exists"_s), qPrintable(job.error));

    ImportedCollection noClient = sample();
    noClient.profile.clientId.clear();
    job = run(noClient, u"fresh"_s);
    QVERIFY(!job.ok);
    QVERIFY2(job.error.contains(u"Client ID"_s), qPrintable(job.error));
    TokenStoreJob *secret = m_store.loadSecret(u"fresh"_s);
    QSignalSpy loaded(secret, &TokenStoreJob::finished);
    QVERIFY(loaded.wait(5000));
    QVERIFY(secret->secret().isEmpty()); // refused before the keychain was written

    ImportedCollection requestsOnly;
    requestsOnly.requests = sample().requests;
    job = run(requestsOnly, u"taken"_s);
    QVERIFY(!job.ok);
    QVERIFY2(job.error.contains(u"already has a saved request \"users/list\""_s), qPrintable(job.error));
    job = run(requestsOnly, u"nobody"_s);
    QVERIFY(!job.ok);
    QVERIFY2(job.error.contains(u"no profile named nobody"_s), qPrintable(job.error));

    ImportedCollection badName = sample();
    job = run(badName, u"bad name"_s);
    QVERIFY(!job.ok);
    QCOMPARE(filesUnder(m_dir.path()), before);
}

QTEST_GUILESS_MAIN(TestImportApply)
#include "tst_importapply.moc"
