// SPDX-License-Identifier: MIT
// Several TokenLab processes at once, as a script or a user runs them:
// parallel tokenlab-cli commands on one profile file and one keychain
// (the real gnome-keyring of tests/keyring/with-keyring). Every process
// is started and stopped by the test; no assertion depends on how fast
// the machine is, only on what each process ends with. Their calls all
// land in the profile's history; saved requests made by the app run from
// tokenlab-cli call --saved.
#include "oauth/discoveryclient.h"
#include "session/sessionregistry.h"
#include "storage/keychaintokenstore.h"
#include "api/requesthistory.h"
#include "api/savedrequests.h"
#include "api/secretvariables.h"
#include "storage/profilestore.h"
#include "support/flowhelpers.h"
#include "support/keyringtest.h"
#include "support/processes.h"
#include "storage/keychainsecret.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QJsonDocument>
#include <QProcess>
#include <QDirIterator>
#include <QFileInfo>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

class TestConcurrency : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void parallelProfileAddsKeepEveryProfile();
    void parallelImportsOfOneNameKeepOneWhole();
    void parallelCallsOnAnExpiredTokenRefreshOnce();
    void refreshInOneProcessThenAnother();
    void appSessionAndCliRefreshInterleaved();
    void callSavedRequest();
    void parallelCommandsMakeOneClientKey();

private:
    // A tokenlab-sandbox of the test's own (its refresh tokens rotate, and
    // reusing one revokes the whole login, as Auth0 does), a profile
    // "local" for it, and alice signed in.
    bool signInToOwnSandbox(ChildProcess &sandbox);
    // Rewrites the stored tokens as expired ten seconds ago. Renewed tokens
    // then live an hour, so no renewal is due again however slow the
    // machine is, and exactly one process must renew.
    bool markStoredTokensExpired(const QString &profile);
    static QStringList browserEnv() { return {u"BROWSER="_s + qEnvironmentVariable("TOKENLAB_TEST_BROWSER")}; }
};

namespace {

// Starts every command at once and waits for all of them; the exit codes and stderr in order.
QList<QPair<int, QByteArray>> runTogether(const QList<QStringList> &commands, const QStringList &extraEnv = {})
{
    std::vector<std::unique_ptr<QProcess>> processes;
    for (const QStringList &args : commands) {
        auto p = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &kv : extraEnv)
            env.insert(kv.section(u'=', 0, 0), kv.section(u'=', 1));
        p->setProcessEnvironment(env);
        p->setProgram(tokenlabBinary(u"tokenlab-cli"_s));
        p->setArguments(args);
        p->setStandardInputFile(QProcess::nullDevice());
        processes.push_back(std::move(p));
    }
    for (auto &p : processes)
        p->start();
    QList<QPair<int, QByteArray>> results;
    for (auto &p : processes) {
        if (!p->waitForFinished(60000)) {
            p->kill(); // by its PID; nothing outlives the test
            p->waitForFinished(5000);
            results.append({-1, "did not finish within 60 s"});
            continue;
        }
        results.append({p->exitStatus() == QProcess::NormalExit ? p->exitCode() : -1, p->readAllStandardError()});
    }
    return results;
}

} // namespace

void TestConcurrency::init()
{
    TOKENLAB_REQUIRE_KEYRING();
}

void TestConcurrency::parallelProfileAddsKeepEveryProfile()
{
    constexpr int Count = 12;
    QList<QStringList> commands;
    for (int i = 0; i < Count; ++i)
        commands << QStringList{u"profile"_s, u"add"_s, u"parallel-%1"_s.arg(i), u"--issuer"_s, u"https://issuer.example/"_s,
                                u"--client-id"_s, u"client-%1"_s.arg(i)};
    const auto results = runTogether(commands);
    for (const auto &r : results)
        QVERIFY2(r.first == 0, r.second.constData());

    ProfileStore store;
    QString error;
    QVERIFY2(store.load(&error), qPrintable(error));
    for (int i = 0; i < Count; ++i) {
        const auto p = store.profile(u"parallel-%1"_s.arg(i));
        QVERIFY2(p, qPrintable(u"parallel-%1 was lost"_s.arg(i)));
        QCOMPARE(p->clientId, u"client-%1"_s.arg(i));
    }
}

// Six imports that chose the same new name at once: one wins whole, the
// others are refused with a sentence, and the keychain holds the winner's
// client secret, not one of a refused import.
void TestConcurrency::parallelImportsOfOneNameKeepOneWhole()
{
    constexpr int Count = 6;
    runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"remove"_s, u"shared"_s}); // from an earlier run, if any
    QTemporaryDir dir;
    QList<QStringList> commands;
    for (int i = 0; i < Count; ++i) {
        auto kv = [](const QString &key, const QString &value) { return QJsonObject{{u"key"_s, key}, {u"value"_s, value}, {u"type"_s, u"string"_s}}; };
        const QJsonArray oauth{kv(u"grant_type"_s, u"client_credentials"_s), kv(u"accessTokenUrl"_s, u"https://issuer.example/oauth/token"_s),
                               kv(u"clientId"_s, u"client-%1"_s.arg(i)), kv(u"clientSecret"_s, u"secret-%1"_s.arg(i))};
        const QJsonObject collection{
                {u"info"_s, QJsonObject{{u"name"_s, u"Import %1"_s.arg(i)},
                                        {u"schema"_s, u"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"_s}}},
                {u"auth"_s, QJsonObject{{u"type"_s, u"oauth2"_s}, {u"oauth2"_s, oauth}}},
                {u"item"_s, QJsonArray{}}};
        const QString file = dir.filePath(u"import-%1.postman_collection.json"_s.arg(i));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write(QJsonDocument(collection).toJson()) > 0);
        f.close();
        commands << QStringList{u"profile"_s, u"import"_s, u"shared"_s, u"--from"_s, file, u"--issuer"_s, u"https://issuer.example/"_s,
                                u"--audience"_s, u"https://api.example/"_s};
    }
    const auto results = runTogether(commands);
    int winner = -1;
    for (int i = 0; i < Count; ++i) {
        if (results.at(i).first == 0) {
            QVERIFY2(winner < 0, "two imports of one name both succeeded");
            winner = i;
            continue;
        }
        // Refused at the first look, when claiming the name, or at the save under the file's lock.
        const QByteArray &said = results.at(i).second;
        QVERIFY2(said.contains("already exists") || said.contains("exists already") || said.contains("added a profile named shared meanwhile"),
                 results.at(i).second.constData());
    }
    QVERIFY2(winner >= 0, results.first().second.constData());
    ProfileStore store;
    QString error;
    QVERIFY2(store.load(&error), qPrintable(error));
    QCOMPARE(store.profile(u"shared"_s)->clientId, u"client-%1"_s.arg(winner));
    KeychainTokenStore keychain(QString::fromLatin1(KeychainTokenStore::ServiceName), 15000ms);
    TokenStoreJob *secret = keychain.loadSecret(u"shared"_s);
    QSignalSpy loaded(secret, &TokenStoreJob::finished);
    QVERIFY(loaded.wait(15000));
    QCOMPARE(secret->secret(), u"secret-%1"_s.arg(winner));
}

bool TestConcurrency::signInToOwnSandbox(ChildProcess &sandbox)
{
    if (!sandbox.start(u"tokenlab-sandbox"_s, {u"--auto-approve"_s, u"alice"_s}, true))
        return false;
    const QJsonObject info = sandbox.firstLineJson();
    const RunResult add = runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"add"_s, u"local"_s, u"--issuer"_s, info.value(u"issuer").toString(),
                                                         u"--client-id"_s, info.value(u"client_id").toString(), u"--audience"_s,
                                                         info.value(u"audience").toString(), u"--api-base"_s,
                                                         info.value(u"api_base_url").toString(), u"--scope"_s,
                                                         u"openid profile offline_access read:messages"_s});
    if (add.exitCode != 0) {
        qWarning("%s", add.err.constData());
        return false;
    }
    const RunResult login = runProcess(u"tokenlab-cli"_s, {u"login"_s, u"--profile"_s, u"local"_s}, 30000, browserEnv());
    if (login.exitCode != 0)
        qWarning("%s", login.err.constData());
    return login.exitCode == 0;
}

bool TestConcurrency::markStoredTokensExpired(const QString &profile)
{
    KeychainTokenStore store(QString::fromLatin1(KeychainTokenStore::ServiceName), 15000ms);
    std::optional<TokenSet> tokens = storedTokens(store, profile);
    if (!tokens)
        return false;
    tokens->expiresAt = QDateTime::currentDateTimeUtc().addSecs(-10);
    return awaitStore(store.save(profile, *tokens)).error == TokenStoreError::None;
}

void TestConcurrency::parallelCallsOnAnExpiredTokenRefreshOnce()
{
    ChildProcess sandbox;
    QVERIFY(signInToOwnSandbox(sandbox));
    QVERIFY(markStoredTokensExpired(u"local"_s));

    constexpr int Count = 6;
    QList<QStringList> calls;
    for (int i = 0; i < Count; ++i)
        calls << QStringList{u"call"_s, u"/api/private"_s, u"--profile"_s, u"local"_s};
    const auto results = runTogether(calls);
    int renewedHere = 0;
    for (const auto &r : results) {
        QVERIFY2(r.first == 0, r.second.constData()); // all six succeed
        renewedHere += r.second.contains("Renewed the tokens") ? 1 : 0;
    }
    QCOMPARE(renewedHere, 1); // one refresh for six processes

    // Each call is in the profile's history, written by six processes at once, and no token is.
    const QString directory = QFileInfo(ProfileStore::defaultPath()).absolutePath();
    QString error;
    const auto history = RequestHistory(directory, u"local"_s).summaries(&error);
    QVERIFY2(history, qPrintable(error));
    QCOMPARE(history->size(), Count);
    KeychainTokenStore keychain(QString::fromLatin1(KeychainTokenStore::ServiceName), 15000ms);
    const auto tokens = storedTokens(keychain, u"local"_s);
    QVERIFY(tokens);
    QDirIterator files(directory + u"/history"_s, QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile f(files.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY2(!f.readAll().contains(tokens->accessToken.toLatin1()), qPrintable(f.fileName()));
    }

    // The login survived: no refresh token was sent twice, so the issuer did not revoke it.
    const RunResult refresh = runProcess(u"tokenlab-cli"_s, {u"refresh"_s, u"--profile"_s, u"local"_s});
    QVERIFY2(refresh.exitCode == 0, refresh.err.constData());
    QCOMPARE(runProcess(u"tokenlab-cli"_s, {u"call"_s, u"/api/private"_s, u"--profile"_s, u"local"_s}).exitCode, 0);
    QCOMPARE(sandbox.stop(), 0);
}

void TestConcurrency::refreshInOneProcessThenAnother()
{
    // Each refresh starts from the refresh token the last one stored, so
    // alternating processes never send a rotated-away token.
    ChildProcess sandbox;
    QVERIFY(signInToOwnSandbox(sandbox));
    for (int i = 0; i < 4; ++i) {
        const RunResult r = runProcess(u"tokenlab-cli"_s, {u"refresh"_s, u"--profile"_s, u"local"_s});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }
    const QList<QStringList> both{{u"refresh"_s, u"--profile"_s, u"local"_s}, {u"refresh"_s, u"--profile"_s, u"local"_s}};
    for (const auto &r : runTogether(both))
        QVERIFY2(r.first == 0, r.second.constData());
    QCOMPARE(runProcess(u"tokenlab-cli"_s, {u"call"_s, u"/api/private"_s, u"--profile"_s, u"local"_s}).exitCode, 0);
    QCOMPARE(sandbox.stop(), 0);
}

void TestConcurrency::appSessionAndCliRefreshInterleaved()
{
    // This test process plays the app: a SessionRegistry over the same
    // keychain service as tokenlab-cli, as the window has one.
    ChildProcess sandbox;
    QVERIFY(signInToOwnSandbox(sandbox));
    ProfileStore profiles;
    QString error;
    QVERIFY(profiles.load(&error));
    QNetworkAccessManager network;
    DiscoveryClient discovery(&network);
    KeychainTokenStore store(QString::fromLatin1(KeychainTokenStore::ServiceName), 15000ms);
    SessionRegistry app(SessionServices{&network, &discovery, &store, systemClock()});
    Session *session = app.session(*profiles.profile(u"local"_s));
    session->setAutoRefresh(false);
    QSignalSpy loaded(session->reload(), &SessionJob::finished);
    QVERIFY(loaded.wait(20000));
    QCOMPARE(session->state(), Session::State::SignedIn); // signed in by the CLI, read from the keychain

    for (int round = 0; round < 3; ++round) {
        const QString before = session->tokens()->refreshToken;
        // The CLI rotates the refresh token; the app hears of it and reads the keychain again.
        const RunResult cli = runProcess(u"tokenlab-cli"_s, {u"refresh"_s, u"--profile"_s, u"local"_s});
        QVERIFY2(cli.exitCode == 0, cli.err.constData());
        QTRY_VERIFY_WITH_TIMEOUT(session->tokens() && session->tokens()->refreshToken != before, 5000);
        // The app's Refresh then uses the rotated token, and the session lives on.
        QSignalSpy refreshed(session->refresh(), &SessionJob::finished);
        QVERIFY(refreshed.wait(20000));
        const SessionResult r = refreshed.first().at(0).value<SessionResult>();
        QVERIFY2(r.ok(), qPrintable(r.sentence));
    }
    QCOMPARE(runProcess(u"tokenlab-cli"_s, {u"call"_s, u"/api/private"_s, u"--profile"_s, u"local"_s}).exitCode, 0);
    QCOMPARE(sandbox.stop(), 0);
}

void TestConcurrency::callSavedRequest()
{
    // Requests saved as the app saves them, sent by tokenlab-cli call --saved.
    ChildProcess sandbox;
    QVERIFY(signInToOwnSandbox(sandbox));
    SavedRequests saved(QFileInfo(ProfileStore::defaultPath()).absolutePath(), u"local"_s);
    QString error;
    SavedRequest r;
    r.folder = u"checks"_s;
    r.name = u"private"_s;
    r.url = u"{{base}}/api/{{which}}"_s;
    r.headers = {{u"X-Which"_s, u"{{which}}"_s}};
    QVERIFY2(saved.save(r, QString(), &error), qPrintable(error));
    r.name = u"missing"_s;
    r.url = u"/api/{{nobody}}"_s;
    QVERIFY(saved.save(r, QString(), &error));
    r.name = u"nothing"_s;
    r.url = u"/api/nothing"_s;
    QVERIFY(saved.save(r, QString(), &error));
    QVERIFY(saved.setVariables({{u"which"_s, u"private"_s, false}}, &error));

    auto call = [](const QStringList &args) { return runProcess(u"tokenlab-cli"_s, QStringList{u"call"_s} + args + QStringList{u"--profile"_s, u"local"_s}); };
    RunResult ok = call({u"--saved"_s, u"checks/private"_s});
    QVERIFY2(ok.exitCode == 0, ok.err.constData());
    QVERIFY(ok.out.contains("Hello from a private endpoint"));
    ok = call({u"--saved"_s, u"private"_s}); // the name alone, as only one request has it
    QCOMPARE(ok.exitCode, 0);

    const RunResult typo = call({u"--saved"_s, u"checks/privte"_s});
    QCOMPARE(typo.exitCode, 2);
    QVERIFY2(typo.err.contains("There is no saved request \"checks/privte\"; did you mean \"checks/private\"?"), typo.err.constData());
    const RunResult unknown = call({u"--saved"_s, u"missing"_s});
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY2(unknown.err.contains("The variable {{nobody}} is not defined for this profile"), unknown.err.constData());
    QCOMPARE(call({u"--saved"_s, u"nothing"_s}).exitCode, 1);
    QCOMPARE(call({u"--saved"_s, u"private"_s, u"/api/public"_s}).exitCode, 2);

    // A secret variable: its value comes from the keychain, and lands in no file.
    const QByteArray secret = "s3cret-api-key-" + QByteArray::number(QDateTime::currentMSecsSinceEpoch());
    r.name = u"with key"_s;
    r.url = u"/api/public"_s;
    r.headers = {{u"X-Api-Key"_s, u"{{apikey}}"_s}, {u"X-Note"_s, u"key {{apikey}}"_s}};
    QVERIFY(saved.save(r, QString(), &error));
    QVERIFY(saved.setVariables({{u"which"_s, u"private"_s, false}, {u"apikey"_s, QString(), true}}, &error));
    const RunResult noSecret = call({u"--saved"_s, u"with key"_s});
    QCOMPARE(noSecret.exitCode, 2);
    QVERIFY2(noSecret.err.contains("The secret variable {{apikey}} has no value in the keychain"), noSecret.err.constData());
    KeychainSecret *write = SecretVariablesJob::write(QString::fromLatin1(KeychainTokenStore::ServiceName), u"local"_s, u"apikey"_s,
                                                      QString::fromLatin1(secret));
    QSignalSpy written(write, &KeychainSecret::finished);
    write->start();
    QVERIFY(written.wait(15000));
    QCOMPARE(write->error(), TokenStoreError::None);
    delete write;
    const RunResult withSecret = call({u"--saved"_s, u"with key"_s});
    QVERIFY2(withSecret.exitCode == 0, withSecret.err.constData());
    QDirIterator files(QFileInfo(ProfileStore::defaultPath()).absolutePath(), QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile f(files.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY2(!f.readAll().contains(secret), qPrintable(f.fileName()));
    }

    // The calls are in the history under the saved request's name.
    const auto history = RequestHistory(QFileInfo(ProfileStore::defaultPath()).absolutePath(), u"local"_s).summaries(&error);
    QVERIFY(history && !history->isEmpty());
    QCOMPARE(history->last().label, u"checks/with key"_s);
    QCOMPARE(sandbox.stop(), 0);
}

void TestConcurrency::parallelCommandsMakeOneClientKey()
{
    // Six processes find no client key at once: one makes it under the profile's Keys lock, the others read it.
    constexpr int Count = 6;
    QList<QStringList> commands;
    for (int i = 0; i < Count; ++i)
        commands << QStringList{u"profile"_s, u"add"_s, u"keyed"_s, u"--grant"_s, u"client-credentials"_s, u"--issuer"_s,
                                u"https://issuer.example/"_s, u"--client-id"_s, u"batch-1"_s, u"--audience"_s, u"https://api.example/"_s,
                                u"--client-auth"_s, u"private_key_jwt"_s};
    const auto results = runTogether(commands);
    int made = 0;
    for (const auto &r : results) {
        QVERIFY2(r.first == 0, r.second.constData());
        made += r.second.contains("Made a client key for keyed") ? 1 : 0;
    }
    QCOMPARE(made, 1);
    const RunResult key = runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"key"_s, u"keyed"_s});
    QCOMPARE(key.exitCode, 0);
    QVERIFY(!QJsonDocument::fromJson(key.out).object().value(u"kid"_s).toString().isEmpty());
    QVERIFY2(!key.err.contains("Made"), key.err.constData());

    // Removing the profile removes its key from the keychain too.
    QCOMPARE(runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"remove"_s, u"keyed"_s}).exitCode, 0);
    KeychainSecret *read = KeychainSecret::read(QString::fromLatin1(KeychainTokenStore::ServiceName), u"client-key:keyed"_s);
    QSignalSpy done(read, &KeychainSecret::finished);
    read->start();
    QVERIFY(done.count() || done.wait(10000));
    QCOMPARE(read->error(), TokenStoreError::NotFound);
    read->deleteLater();
}

QTEST_GUILESS_MAIN(TestConcurrency)
#include "tst_concurrency.moc"
