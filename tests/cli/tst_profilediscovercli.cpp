// SPDX-License-Identifier: MIT
// tokenlab-cli profile discover against a sandbox served by this test: from
// the sample API's URL to a registered client, then a login through the
// test browser and a call to /api/private with the discovered profile. The
// registration access token is in the keychain, never in the profile file;
// refusals exit with a sentence and save nothing.
#include "storage/profilestore.h"
#include "support/processes.h"
#include "support/sandboxfixture.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;

class TestProfileDiscoverCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void discoverLoginCall();
    void clientIdAndJson();
    void noTerminalNoFlagRefuses();
    void asksOnATerminal_data();
    void asksOnATerminal();
    void refusals_data();
    void refusals();

private:
    static QByteArray profileFile();
};

QByteArray TestProfileDiscoverCli::profileFile()
{
    QFile file(ProfileStore::defaultPath());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestProfileDiscoverCli::discoverLoginCall()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    const QString url = sandbox.api(u"/api/private"_s).toString();
    const RunResult r = runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"discover"_s, u"found"_s, url, u"--register"_s});
    QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
    QVERIFY2(r.out.contains("names its protected resource metadata"), r.out.constData());
    QVERIFY2(r.out.contains("Found RFC 8414 metadata"), r.out.constData());
    QVERIFY2(r.out.contains("Registered: the client ID is dyn-"), r.out.constData());
    QVERIFY(r.out.contains("Saved the profile found."));

    const QByteArray file = profileFile();
    QVERIFY(file.contains("\"found\""));
    QVERIFY(file.contains(sandbox.api(QString()).toString().toUtf8()));
    QVERIFY(!file.contains("registration_access_token"));

    const RunResult login = runProcess(u"tokenlab-cli"_s, {u"login"_s, u"--profile"_s, u"found"_s}, 30000,
                                       {u"BROWSER="_s + qEnvironmentVariable("TOKENLAB_TEST_BROWSER")});
    QVERIFY2(login.exitCode == 0, QByteArray(login.out + login.err).constData());
    QVERIFY2(login.out.contains("sandbox|alice"), login.out.constData());
    const RunResult call = runProcess(u"tokenlab-cli"_s, {u"call"_s, u"--profile"_s, u"found"_s, u"/api/private"_s});
    QVERIFY2(call.exitCode == 0, QByteArray(call.out + call.err).constData());
    QVERIFY(call.out.contains("Hello from a private endpoint!"));

    // The name is taken now: a second discovery refuses before it sends anything.
    const RunResult again = runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"discover"_s, u"found"_s, url, u"--register"_s});
    QCOMPARE(again.exitCode, 2);
    QVERIFY(again.err.contains("exists already"));
    QCOMPARE(runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"remove"_s, u"found"_s}).exitCode, 0);
}

void TestProfileDiscoverCli::clientIdAndJson()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    const RunResult r = runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"discover"_s, u"mine"_s, sandbox.api(u"/api/private-scoped"_s).toString(),
                                                     u"--client-id"_s, sandbox.tenant().clientId(), u"--json"_s});
    QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
    QVERIFY2(r.err.contains("not registering"), r.err.constData());
    const QJsonObject doc = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(doc.value(u"registered").toBool(true), false);
    const QJsonObject profile = doc.value(u"profile").toObject();
    QCOMPARE(profile.value(u"client_id").toString(), sandbox.tenant().clientId());
    QCOMPARE(profile.value(u"resource").toString(), sandbox.tenant().apiBaseUrl().toString());
    QVERIFY(profileFile().contains("\"mine\""));
    QCOMPARE(runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"remove"_s, u"mine"_s}).exitCode, 0);
}

void TestProfileDiscoverCli::noTerminalNoFlagRefuses()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    const RunResult r = runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"discover"_s, u"asked"_s, sandbox.api(u"/api/private"_s).toString()});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("no terminal to ask"), r.err.constData());
    QVERIFY(!profileFile().contains("\"asked\""));
}

void TestProfileDiscoverCli::asksOnATerminal_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("words");
    QTest::newRow("yes") << QByteArray("y\n") << 0 << QByteArray("Registered: the client ID is dyn-");
    QTest::newRow("no") << QByteArray("n\n") << 1 << QByteArray("because you declined");
}

void TestProfileDiscoverCli::asksOnATerminal()
{
    QFETCH(QByteArray, answer);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, words);
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    // script(1) gives the command a terminal and passes our answer to it.
    const QString command = tokenlabBinary(u"tokenlab-cli"_s) + u" profile discover asked "_s + sandbox.api(u"/api/private"_s).toString();
    QProcess script;
    script.start(u"script"_s, {u"-qec"_s, command, u"/dev/null"_s});
    QVERIFY(script.waitForStarted());
    script.write(answer);
    QByteArray output;
    QVERIFY(QTest::qWaitFor([&] { output += script.readAll(); return script.state() == QProcess::NotRunning; }, 30000));
    output += script.readAll();
    QCOMPARE(script.exitCode(), exitCode);
    QVERIFY2(output.contains("? [y/N]"), output.constData());
    QVERIFY2(output.contains(words), output.constData());
    QCOMPARE(profileFile().contains("\"asked\""), exitCode == 0);
    if (exitCode == 0)
        QCOMPARE(runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"remove"_s, u"asked"_s}).exitCode, 0);
}

void TestProfileDiscoverCli::refusals_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("words");
    QTest::newRow("public-endpoint") << u"/api/public"_s << QStringList{u"--register"_s} << 1
                                     << QByteArray("The resource is");
    QTest::newRow("both-flags") << u"/api/private"_s << QStringList{u"--register"_s, u"--client-id"_s, u"x"_s} << 2
                                << QByteArray("not both");
    QTest::newRow("bad-name") << u"/api/private"_s << QStringList{u"--register"_s} << 2 << QByteArray("Name:");
    QTest::newRow("remote-http") << QString() << QStringList{u"--register"_s} << 1 << QByteArray("is not an https URL");
}

void TestProfileDiscoverCli::refusals()
{
    QFETCH(QString, path);
    QFETCH(QStringList, extra);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, words);
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    const QString name = QString::fromLatin1(QTest::currentDataTag()) == u"bad-name" ? u"bad name!"_s : u"refused"_s;
    const QString url = path.isEmpty() ? u"http://api.example/things"_s : sandbox.api(path).toString();
    const RunResult r = runProcess(u"tokenlab-cli"_s, QStringList{u"profile"_s, u"discover"_s, name, url} + extra);
    if (QString::fromLatin1(QTest::currentDataTag()) == u"public-endpoint") {
        // /api/public answers 200: the well-known document is found anyway, and it is about this API.
        QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
        QVERIFY(r.out.contains("not HTTP 401"));
        QCOMPARE(runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"remove"_s, u"refused"_s}).exitCode, 0);
        return;
    }
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.err.contains(words), r.err.constData());
    QVERIFY(!profileFile().contains("\"refused\""));
}

QTEST_GUILESS_MAIN(TestProfileDiscoverCli)
#include "tst_profilediscovercli.moc"
