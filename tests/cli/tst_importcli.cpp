// SPDX-License-Identifier: MIT
// tokenlab-cli profile import --from, as a user coming from Postman or Bruno
// runs it: the preview, the save, a saved request sent to a sandbox's API
// with an imported secret variable from the keychain, and no secret in any
// of TokenLab's files.
#include "storage/keychaintokenstore.h"
#include "storage/profilestore.h"
#include "support/processes.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QJsonObject kv(const QString &key, const QString &value, const QString &type = u"default"_s)
{
    return {{u"key"_s, key}, {u"value"_s, value}, {u"type"_s, type}};
}

bool write(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// Every file under TokenLab's config directory, with the secret it must not hold.
QString fileHolding(const QByteArray &secret)
{
    QDirIterator files(QFileInfo(ProfileStore::defaultPath()).absolutePath(), QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile f(files.next());
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(secret))
            return f.fileName();
    }
    return {};
}

} // namespace

class TestImportCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void postmanCollectionToSandbox();
    void brunoFolderAndRefusals();
};

void TestImportCli::postmanCollectionToSandbox()
{
    ChildProcess sandbox;
    QVERIFY(sandbox.start(u"tokenlab-sandbox"_s, {u"--auto-approve"_s, u"alice"_s}, true));
    const QJsonObject info = sandbox.firstLineJson();
    const QString stamp = QString::number(QDateTime::currentMSecsSinceEpoch());
    const QString clientSecret = u"cs-import-"_s + stamp;
    const QString apiKey = u"key-import-"_s + stamp;

    const QJsonArray oauth{kv(u"grant_type"_s, u"authorization_code_with_pkce"_s),
                           kv(u"accessTokenUrl"_s, info.value(u"issuer").toString() + u"/oauth/token"_s),
                           kv(u"clientId"_s, u"{{clientId}}"_s), kv(u"clientSecret"_s, clientSecret),
                           kv(u"scope"_s, u"openid profile read:messages"_s)};
    const QJsonObject publicRequest{
            {u"name"_s, u"public"_s},
            {u"request"_s, QJsonObject{{u"method"_s, u"GET"_s}, {u"url"_s, QJsonObject{{u"raw"_s, u"{{baseUrl}}/api/public"_s}}},
                                       {u"header"_s, QJsonArray{QJsonObject{{u"key"_s, u"X-Api-Key"_s}, {u"value"_s, u"{{apiKey}}"_s}}}},
                                       {u"auth"_s, QJsonObject{{u"type"_s, u"noauth"_s}}}}}};
    const QJsonObject collection{
            {u"info"_s, QJsonObject{{u"name"_s, u"Sandbox"_s},
                                    {u"schema"_s, u"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"_s}}},
            {u"auth"_s, QJsonObject{{u"type"_s, u"oauth2"_s}, {u"oauth2"_s, oauth}}},
            {u"variable"_s, QJsonArray{kv(u"baseUrl"_s, info.value(u"api_base_url").toString()),
                                       kv(u"clientId"_s, info.value(u"client_id").toString()), kv(u"apiKey"_s, apiKey, u"secret"_s)}},
            {u"item"_s, QJsonArray{QJsonObject{{u"name"_s, u"checks"_s}, {u"item"_s, QJsonArray{publicRequest}}}}}};
    QTemporaryDir dir;
    const QString file = dir.filePath(u"sandbox.postman_collection.json"_s);
    QVERIFY(write(file, QJsonDocument(collection).toJson()));

    const QStringList import{u"profile"_s, u"import"_s, u"imp"_s, u"--from"_s, file, u"--issuer"_s, info.value(u"issuer").toString()};
    const RunResult preview = runProcess(u"tokenlab-cli"_s, import + QStringList{u"--dry-run"_s});
    QVERIFY2(preview.exitCode == 0, preview.err.constData());
    QVERIFY2(preview.out.contains("Saved requests (1):") && preview.out.contains("checks/public")
                     && preview.out.contains("client secret -> client-secret:imp") && preview.out.contains("variable apiKey -> ")
                     && preview.out.contains("{{base}}/api/public"),
             preview.out.constData());
    QVERIFY(!preview.out.contains(clientSecret.toUtf8()) && !preview.out.contains(apiKey.toUtf8()));
    QCOMPARE(runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"show"_s, u"imp"_s}).exitCode, 1); // a dry run saves nothing

    const RunResult saved = runProcess(u"tokenlab-cli"_s, import);
    QVERIFY2(saved.exitCode == 0, saved.err.constData());
    QVERIFY2(saved.err.contains("In the keychain: ") && saved.err.contains("client secret: keychain entry client-secret:imp")
                     && saved.err.contains("variable apiKey: keychain entry variable:imp:apiKey"),
             saved.err.constData());
    for (const QString &secret : {clientSecret, apiKey})
        QVERIFY(!saved.out.contains(secret.toUtf8()) && !saved.err.contains(secret.toUtf8())); // named, never printed
    const RunResult shown = runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"show"_s, u"imp"_s});
    QVERIFY(shown.out.contains(info.value(u"client_id").toString().toUtf8()));
    QVERIFY(shown.out.contains(info.value(u"api_base_url").toString().toUtf8()));

    // The saved request runs, its secret variable read from the keychain.
    const RunResult called = runProcess(u"tokenlab-cli"_s, {u"call"_s, u"--saved"_s, u"checks/public"_s, u"--profile"_s, u"imp"_s});
    QVERIFY2(called.exitCode == 0, called.err.constData());
    QVERIFY(fileHolding(clientSecret.toUtf8()).isEmpty());
    QVERIFY2(fileHolding(apiKey.toUtf8()).isEmpty(), qPrintable(fileHolding(apiKey.toUtf8())));

    // The client secret is in the keychain under the profile's name.
    KeychainTokenStore store;
    TokenStoreJob *job = store.loadSecret(u"imp"_s);
    QSignalSpy loaded(job, &TokenStoreJob::finished);
    QVERIFY(loaded.wait(15000));
    QCOMPARE(job->secret(), clientSecret);

    // The same name again: refused before anything is written.
    const RunResult again = runProcess(u"tokenlab-cli"_s, import);
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains("A profile named imp already exists"), again.err.constData());

    // An environment without OAuth settings joins the existing profile.
    const QString env = dir.filePath(u"staging.postman_environment.json"_s);
    QVERIFY(write(env, QJsonDocument(QJsonObject{{u"name"_s, u"staging"_s}, {u"_postman_variable_scope"_s, u"environment"_s},
                                                  {u"values"_s, QJsonArray{kv(u"user"_s, u"42"_s)}}})
                               .toJson()));
    const RunResult joined = runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"import"_s, u"imp"_s, u"--from"_s, env});
    QVERIFY2(joined.exitCode == 0, joined.err.constData());
    const RunResult lonely = runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"import"_s, u"nobody"_s, u"--from"_s, env});
    QCOMPARE(lonely.exitCode, 1);
    QVERIFY2(lonely.err.contains("no profile named nobody"), lonely.err.constData());
    runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"remove"_s, u"imp"_s});
    QCOMPARE(sandbox.stop(), 0);
}

void TestImportCli::brunoFolderAndRefusals()
{
    QTemporaryDir dir;
    QVERIFY(write(dir.filePath(u"bruno.json"_s), R"({"version": "1", "name": "Kc", "type": "collection"})"));
    QVERIFY(write(dir.filePath(u"collection.bru"_s),
                  "auth:oauth2 {\n  grant_type: client_credentials\n"
                  "  access_token_url: https://kc.example.com/realms/r/protocol/openid-connect/token\n"
                  "  client_id: svc\n  scope: api\n}\n"));
    QVERIFY(write(dir.filePath(u"users/get.bru"_s), "meta {\n  name: get user\n}\n\nget {\n  url: https://api.example.com/users/1\n}\n"));
    const QStringList args{u"profile"_s, u"import"_s, u"kc"_s, u"--from"_s, dir.path()};
    // A client credentials profile needs the API it asks tokens for: the import says so and saves nothing.
    const RunResult refused = runProcess(u"tokenlab-cli"_s, args);
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains("Audience"), refused.err.constData());
    QCOMPARE(runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"show"_s, u"kc"_s}).exitCode, 1);
    QVERIFY(write(dir.filePath(u"collection.bru"_s),
                  "auth:oauth2 {\n  grant_type: client_credentials\n"
                  "  access_token_url: https://kc.example.com/realms/r/protocol/openid-connect/token\n"
                  "  client_id: svc\n  scope: api\n  audience: https://api.example.com\n}\n"));
    const RunResult ok = runProcess(u"tokenlab-cli"_s, args);
    QVERIFY2(ok.exitCode == 0, ok.err.constData());
    QVERIFY2(ok.out.contains("issuer:    https://kc.example.com/realms/r"), ok.out.constData());
    QVERIFY(runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"show"_s, u"kc"_s}).out.contains("https://kc.example.com/realms/r"));
    runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"remove"_s, u"kc"_s});

    // An OpenAPI document names no client or audience: the user gives them.
    QVERIFY(write(dir.filePath(u"api/openapi.yaml"_s),
                  "openapi: 3.0.0\ninfo: {title: Pets, version: \"1\"}\nservers: [{url: \"https://pets.example.com\"}]\n"
                  "components:\n  securitySchemes:\n    kc: {type: oauth2, flows: {clientCredentials: {tokenUrl: "
                  "\"https://kc.example.com/realms/pets/protocol/openid-connect/token\", scopes: {pets.read: r}}}}\n"
                  "paths:\n  /pets: {get: {summary: List pets, tags: [pets]}}\n"));
    const QStringList openapi{u"profile"_s, u"import"_s, u"pets"_s, u"--from"_s, dir.filePath(u"api/openapi.yaml"_s)};
    const RunResult noClient = runProcess(u"tokenlab-cli"_s, openapi);
    QCOMPARE(noClient.exitCode, 2);
    QVERIFY2(noClient.err.contains("--client-id"), noClient.err.constData());
    const RunResult pets = runProcess(u"tokenlab-cli"_s, openapi + QStringList{u"--client-id"_s, u"pets-cli"_s, u"--audience"_s, u"https://pets.example.com"_s});
    QVERIFY2(pets.exitCode == 0, pets.err.constData());
    const RunResult shown = runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"show"_s, u"pets"_s});
    QVERIFY2(shown.out.contains("pets-cli") && shown.out.contains("https://kc.example.com/realms/pets"), shown.out.constData());
    runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"remove"_s, u"pets"_s});

    const RunResult badFormat = runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"import"_s, u"x"_s, u"--from"_s, dir.path(), u"--format"_s, u"har"_s});
    QCOMPARE(badFormat.exitCode, 2);
    QVERIFY(write(dir.filePath(u"notes.txt"_s), "hello"));
    const RunResult unknown = runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"import"_s, u"x"_s, u"--from"_s, dir.filePath(u"notes.txt"_s)});
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY2(unknown.err.contains("cannot tell which tool"), unknown.err.constData());
    const RunResult both = runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"import"_s, u"x"_s, u"--from"_s, dir.path(), u"--from-env"_s});
    QCOMPARE(both.exitCode, 2);
}

QTEST_GUILESS_MAIN(TestImportCli)
#include "tst_importcli.moc"
