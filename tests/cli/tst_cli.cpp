// SPDX-License-Identifier: MIT
// tokenlab-cli as scripts run it: usage, exit codes, and discover against a
// sandbox served by this test. The command list comes from the registry
// itself, so a new command is held to --help and exit statuses at once.
#include "cli/command.h"
#include "cli/commandcontext.h"
#include "cli/commandregistry.h"
#include "cli/exitstatus.h"
#include "jose/base64url.h"
#include "jose/jwt.h"
#include "storage/tokenstore.h"
#include "support/processes.h"
#include "support/sandboxfixture.h"

#include "sandbox/sandboxconfig.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace {

struct RegisteredCommand
{
    QString name;
    QString summary;
    QStringList options; // every name of every option, as typed after -- or -
};

// What the registry holds, read in this process; nothing runs.
QList<RegisteredCommand> registeredCommands()
{
    QNetworkAccessManager network;
    MemoryTokenStore store;
    QString text;
    QTextStream out(&text);
    QTextStream err(&text);
    CommandContext context(&network, &store, out, err);
    CommandRegistry registry(context);
    QList<RegisteredCommand> commands;
    for (const Command *c : registry.commands()) {
        RegisteredCommand r{c->name(), c->summary(), {}};
        for (const QCommandLineOption &o : c->options())
            r.options << o.names();
        commands << r;
    }
    return commands;
}

QString dashed(const QString &option)
{
    return (option.size() == 1 ? u"-"_s : u"--"_s) + option;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void help();
    void everyCommandAnswersHelp_data();
    void everyCommandAnswersHelp();
    void unknownCommandNamesTheClosest_data();
    void unknownCommandNamesTheClosest();
    void unknownProfileSameStatusEverywhere_data();
    void unknownProfileSameStatusEverywhere();
    void usageErrors_data();
    void usageErrors();
    void discover();
    void discoverFailure();
    void profileLifecycle();
    void profileRefusals_data();
    void profileRefusals();
    void profileImport();
    void profileRename();
    void loginSandboxAutoApprove();
    void loginSandboxWithSwitches();
    void loginThroughPagesWithBrowser_data();
    void loginThroughPagesWithBrowser();
    void loginNoBrowserTimesOut();
    void loginInterrupted();
    void decodeRows_data();
    void decodeRows();
    void decodeEachLine_data();
    void decodeEachLine();
    void decodeEachLineRefusesTokenToo();
};

void TestCli::help()
{
    const RunResult r = runProcess(u"tokenlab-cli"_s, {u"--help"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("Usage: tokenlab-cli COMMAND"));
    QVERIFY(r.out.contains("discover ISSUER"));
    const RunResult sub = runProcess(u"tokenlab-cli"_s, {u"discover"_s, u"--help"_s});
    QCOMPARE(sub.exitCode, 0);
    QVERIFY(sub.out.contains("ISSUER"));
    const RunResult helpLogin = runProcess(u"tokenlab-cli"_s, {u"help"_s, u"login"_s});
    QCOMPARE(helpLogin.exitCode, 0);
    QVERIFY2(helpLogin.out.startsWith("Usage: tokenlab-cli login [options]"), helpLogin.out.constData());
    const RunResult group = runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"--help"_s});
    QCOMPARE(group.exitCode, 0);
    QVERIFY2(group.out.contains("profile add NAME ..."), group.out.constData());
}

void TestCli::everyCommandAnswersHelp_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("summary");
    QTest::addColumn<QStringList>("options");
    const QList<RegisteredCommand> commands = registeredCommands();
    QVERIFY(commands.size() >= 15);
    for (const RegisteredCommand &c : commands)
        QTest::newRow(qPrintable(c.name)) << c.name << c.summary << c.options;
}

void TestCli::everyCommandAnswersHelp()
{
    QFETCH(QString, name);
    QFETCH(QString, summary);
    QFETCH(QStringList, options);
    // The overall usage lists the command with its summary.
    const RunResult usage = runProcess(u"tokenlab-cli"_s, {u"--help"_s});
    QCOMPARE(usage.exitCode, exitStatus(Outcome::Success));
    QVERIFY2(usage.out.contains(QByteArray("  " + name.toUtf8())), usage.out.constData());
    QVERIFY2(usage.out.contains(summary.toUtf8()), usage.out.constData());
    // COMMAND --help: on stdout, naming the command, listing every option.
    const RunResult r = runProcess(u"tokenlab-cli"_s, name.split(u' ') << u"--help"_s);
    QCOMPARE(r.exitCode, exitStatus(Outcome::Success));
    QVERIFY2(r.out.startsWith(QByteArray("Usage: tokenlab-cli " + name.toUtf8() + ' ')), r.out.constData());
    QVERIFY2(r.err.isEmpty(), r.err.constData());
    for (const QString &option : options)
        QVERIFY2(r.out.contains(dashed(option).toUtf8()), qPrintable(dashed(option) + u" missing from:\n"_s + QString::fromUtf8(r.out)));
    QVERIFY(r.out.contains("--help"));
}

void TestCli::unknownCommandNamesTheClosest_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("sentence");
    QTest::newRow("typo-login") << QStringList{u"lgin"_s} << QByteArray("unknown command \"lgin\"; the closest command is \"login\".");
    QTest::newRow("typo-profile") << QStringList{u"profle"_s, u"list"_s}
                                  << QByteArray("unknown command \"profle\"; the closest command is \"profile\".");
    QTest::newRow("typo-decode-case") << QStringList{u"DECODE"_s} << QByteArray("the closest command is \"decode\".");
    QTest::newRow("help-of-unknown") << QStringList{u"help"_s, u"refesh"_s}
                                     << QByteArray("unknown command \"refesh\"; the closest command is \"refresh\".");
    QTest::newRow("far-from-all") << QStringList{u"frobnicate"_s} << QByteArray("unknown command \"frobnicate\"; the closest command is \"");
}

void TestCli::unknownCommandNamesTheClosest()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, sentence);
    const RunResult r = runProcess(u"tokenlab-cli"_s, args);
    QCOMPARE(r.exitCode, exitStatus(Outcome::UsageError));
    QVERIFY2(r.err.contains(sentence), r.err.constData());
    QVERIFY2(r.err.contains("Usage: tokenlab-cli COMMAND"), r.err.constData());
    QVERIFY(r.out.isEmpty());
}

void TestCli::unknownProfileSameStatusEverywhere_data()
{
    QTest::addColumn<QStringList>("args");
    // What a command needs besides --profile to get as far as choosing the profile.
    const QHash<QString, QStringList> needs{{u"call"_s, {u"/api/private"_s}}};
    int rows = 0;
    for (const RegisteredCommand &c : registeredCommands()) {
        if (!c.options.contains(u"profile"_s))
            continue;
        QTest::newRow(qPrintable(c.name)) << c.name.split(u' ') + needs.value(c.name) + QStringList{u"--profile"_s, u"nope"_s};
        ++rows;
    }
    QVERIFY(rows >= 7); // login token refresh logout decode call probe
}

void TestCli::unknownProfileSameStatusEverywhere()
{
    QFETCH(QStringList, args);
    const RunResult r = runProcess(u"tokenlab-cli"_s, args);
    QCOMPARE(r.exitCode, exitStatus(Outcome::UsageError));
    QVERIFY2(r.err.contains("there is no profile named \"nope\""), r.err.constData());
    QVERIFY(r.out.isEmpty());
}

void TestCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("words");
    QTest::newRow("no-command") << QStringList() << QByteArray("Usage:");
    QTest::newRow("unknown-command") << QStringList{u"frobnicate"_s} << QByteArray("unknown command \"frobnicate\"");
    QTest::newRow("discover-no-issuer") << QStringList{u"discover"_s} << QByteArray("exactly one ISSUER");
    QTest::newRow("discover-bad-url") << QStringList{u"discover"_s, u"::::"_s} << QByteArray("is not a URL");
    QTest::newRow("discover-unknown-option") << QStringList{u"discover"_s, u"--frob"_s, u"https://x/"_s} << QByteArray("Unknown option");
}

void TestCli::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, words);
    const RunResult r = runProcess(u"tokenlab-cli"_s, args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(words), r.err.constData());
}

void TestCli::discover()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    const RunResult r = runProcess(u"tokenlab-cli"_s, {u"discover"_s, sandbox.tenant().issuer().toString()});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("token_endpoint"));
    QVERIFY(r.out.contains("pkce                    S256"));
    const RunResult json = runProcess(u"tokenlab-cli"_s, {u"discover"_s, u"--json"_s, sandbox.tenant().issuer().toString()});
    QCOMPARE(json.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(json.out).object().value(u"issuer").toString(), sandbox.tenant().issuer().toString());
}

void TestCli::discoverFailure()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    QUrl wrong = sandbox.tenant().issuer();
    wrong.setPath(u"/not-the-issuer/"_s);
    const RunResult r = runProcess(u"tokenlab-cli"_s, {u"discover"_s, wrong.toString()});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("HTTP 404"), r.err.constData());
    const RunResult insecure = runProcess(u"tokenlab-cli"_s, {u"discover"_s, u"http://tenant.example/"_s});
    QCOMPARE(insecure.exitCode, 1);
    QVERIFY2(insecure.err.contains("not an https URL"), insecure.err.constData());
}

void TestCli::profileLifecycle()
{
    const RunResult add = runProcess(u"tokenlab-cli"_s,
                                     {u"profile"_s, u"add"_s, u"dev"_s, u"--domain"_s, u"dev-1.eu.auth0.com"_s, u"--client-id"_s, u"abc"_s,
                                      u"--audience"_s, u"https://quickstarts/api"_s, u"--scope"_s, u"openid read:messages"_s,
                                      u"--redirect-port"_s, u"53682"_s, u"--param"_s, u"connection=a+b c"_s, u"--api-base"_s,
                                      u"http://localhost:3010"_s});
    QCOMPARE(add.exitCode, 0);
    QVERIFY(add.err.contains("Added profile dev"));
    const RunResult again = runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"add"_s, u"dev"_s, u"--issuer"_s, u"https://dev-1.eu.auth0.com/"_s,
                                                          u"--client-id"_s, u"xyz"_s});
    QCOMPARE(again.exitCode, 0);
    QVERIFY(again.err.contains("Replaced profile dev"));
    const RunResult list = runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"list"_s});
    QCOMPARE(list.exitCode, 0);
    QVERIFY(list.out.contains("* sandbox"));
    QVERIFY(list.out.contains("  dev"));
    QCOMPARE(runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"use"_s, u"dev"_s}).exitCode, 0);
    const RunResult show = runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"show"_s, u"dev"_s});
    QVERIFY(show.out.contains("client_id       xyz"));
    QVERIFY(runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"list"_s}).out.contains("* dev"));
    QCOMPARE(runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"remove"_s, u"dev"_s}).exitCode, 0);
    QVERIFY(runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"list"_s}).out.contains("* sandbox"));
    const RunResult gone = runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"show"_s, u"dev"_s});
    QCOMPARE(gone.exitCode, 1);
    QVERIFY(gone.err.contains("no profile named \"dev\""));
}

void TestCli::profileRefusals_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("words");
    const QStringList base{u"profile"_s, u"add"_s, u"p1"_s};
    QTest::newRow("no-issuer") << base + QStringList{u"--client-id"_s, u"a"_s} << QByteArray("either --issuer URL or --domain HOST");
    QTest::newRow("both-issuer-and-domain") << base + QStringList{u"--issuer"_s, u"https://a.example/"_s, u"--domain"_s, u"a.example"_s, u"--client-id"_s, u"a"_s}
                                           << QByteArray("either --issuer URL or --domain HOST");
    QTest::newRow("issuer-not-url") << base + QStringList{u"--issuer"_s, u"not a url"_s, u"--client-id"_s, u"a"_s} << QByteArray("Issuer:");
    QTest::newRow("empty-client-id") << base + QStringList{u"--domain"_s, u"a.example"_s} << QByteArray("Client ID:");
    QTest::newRow("bad-domain") << base + QStringList{u"--domain"_s, u"no_dots"_s, u"--client-id"_s, u"a"_s} << QByteArray("Domain:");
    QTest::newRow("port-out-of-range") << base + QStringList{u"--domain"_s, u"a.example"_s, u"--client-id"_s, u"a"_s, u"--redirect-port"_s, u"70000"_s}
                                       << QByteArray("Redirect port:");
    QTest::newRow("bad-alg") << base + QStringList{u"--domain"_s, u"a.example"_s, u"--client-id"_s, u"a"_s, u"--alg"_s, u"HS256"_s}
                             << QByteArray("Allowed algorithms:");
    QTest::newRow("bad-param") << base + QStringList{u"--domain"_s, u"a.example"_s, u"--client-id"_s, u"a"_s, u"--param"_s, u"novalue"_s}
                               << QByteArray("is not KEY=VALUE");
    QTest::newRow("bad-name") << QStringList{u"profile"_s, u"add"_s, u"my profile"_s, u"--domain"_s, u"a.example"_s, u"--client-id"_s, u"a"_s}
                              << QByteArray("Name:");
    QTest::newRow("sandbox-name") << QStringList{u"profile"_s, u"add"_s, u"sandbox"_s, u"--domain"_s, u"a.example"_s, u"--client-id"_s, u"a"_s}
                                  << QByteArray("built-in sandbox profile");
    QTest::newRow("remove-sandbox") << QStringList{u"profile"_s, u"remove"_s, u"sandbox"_s} << QByteArray("cannot be removed");
    QTest::newRow("unknown-sub") << QStringList{u"profile"_s, u"frob"_s} << QByteArray("unknown subcommand");
}

void TestCli::profileRefusals()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, words);
    const RunResult r = runProcess(u"tokenlab-cli"_s, args);
    QVERIFY(r.exitCode == 1 || r.exitCode == 2);
    QVERIFY2(r.err.contains(words), r.err.constData());
    QVERIFY(!runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"list"_s}).out.contains("p1"));
}

void TestCli::profileImport()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"auth_config.json"_s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"domain":"dev-9.us.auth0.com","clientId":"cid9","audience":"https://quickstarts/api","apiUri":"http://localhost:3001"})");
    f.close();
    const RunResult file = runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"import"_s, u"sample"_s, u"--auth-config"_s, path});
    QCOMPARE(file.exitCode, 0);
    QVERIFY(runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"show"_s, u"sample"_s}).out.contains("https://dev-9.us.auth0.com/"));
    const RunResult env = runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"import"_s, u"fromenv"_s, u"--from-env"_s}, 30000,
                                     {u"AUTH0_DOMAIN=dev-8.eu.auth0.com"_s, u"AUTH0_CLIENT_ID=cid8"_s, u"AUTH0_AUDIENCE=https://api8/"_s});
    QCOMPARE(env.exitCode, 0);
    QVERIFY(runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"show"_s, u"fromenv"_s}).out.contains("https://api8/"));
    const RunResult missing = runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"import"_s, u"x"_s, u"--auth-config"_s, dir.filePath(u"nope.json"_s)});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(missing.err.contains("cannot read"));
    runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"remove"_s, u"sample"_s});
    runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"remove"_s, u"fromenv"_s});
}

void TestCli::profileRename()
{
    // A private_key_jwt client: its key is what the issuer knows, so it must follow the rename.
    const RunResult added = runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"add"_s, u"svc"_s, u"--issuer"_s, u"https://id.example/"_s,
                                                           u"--client-id"_s, u"svc-1"_s, u"--grant"_s, u"client-credentials"_s, u"--audience"_s, u"https://api.example/"_s,
                                                           u"--client-auth"_s, u"private_key_jwt"_s});
    QCOMPARE(added.exitCode, 0);
    const RunResult key = runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"key"_s, u"svc"_s});
    QCOMPARE(key.exitCode, 0);
    QVERIFY(key.out.contains("\"kid\""));
    const RunResult renamed = runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"rename"_s, u"svc"_s, u"svc-nightly"_s});
    QCOMPARE(renamed.exitCode, 0);
    QVERIFY2(renamed.err.contains("Renamed svc to svc-nightly, with its client key."), renamed.err.constData());
    QCOMPARE(runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"key"_s, u"svc-nightly"_s}).out, key.out);
    QVERIFY(runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"show"_s, u"svc-nightly"_s}).out.contains("svc-1"));
    QCOMPARE(runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"show"_s, u"svc"_s}).exitCode, 1);

    struct Refusal { QStringList args; QByteArray says; };
    const QList<Refusal> refusals{
            {{u"svc-nightly"_s}, "give the profile's NAME and its NEW name"},
            {{u"nobody"_s, u"x"_s}, "there is no profile named \"nobody\""},
            {{u"sandbox"_s, u"x"_s}, "the sandbox profile is built in"},
            {{u"svc-nightly"_s, u"sandbox"_s}, "the sandbox profile is built in"},
            {{u"svc-nightly"_s, u"svc nightly"_s}, "Name: use 1 to 64 letters"},
    };
    for (const Refusal &r : refusals) {
        const RunResult refused = runProcess(u"tokenlab-cli"_s, QStringList{u"profile"_s, u"rename"_s} + r.args);
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(r.says), refused.err.constData());
    }
    runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"add"_s, u"other"_s, u"--issuer"_s, u"https://id.example/"_s, u"--client-id"_s, u"o"_s});
    const RunResult taken = runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"rename"_s, u"svc-nightly"_s, u"other"_s});
    QCOMPARE(taken.exitCode, 2);
    QVERIFY2(taken.err.contains("a profile named \"other\" exists already"), taken.err.constData());
    runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"remove"_s, u"svc-nightly"_s});
    runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"remove"_s, u"other"_s});
}

void TestCli::loginSandboxAutoApprove()
{
    const RunResult r = runProcess(u"tokenlab-cli"_s, {u"login"_s, u"--profile"_s, u"sandbox"_s, u"--auto-approve"_s, u"alice:openid,profile"_s},
                                   30000, {u"BROWSER="_s + qEnvironmentVariable("TOKENLAB_TEST_BROWSER")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("subject       sandbox|alice"));
    QVERIFY(r.out.contains("scopes        openid profile\n"));
    QVERIFY(r.out.contains("not in scope  email offline_access read:messages"));
    QVERIFY(r.out.contains("nonce ok"));
    // Never a token on stdout or stderr.
    QVERIFY(!r.out.contains("eyJ"));
    QVERIFY(!r.err.contains("eyJ"));
}

void TestCli::loginSandboxWithSwitches()
{
    // The window's Sandbox menu saves the switches; the CLI's tenant starts with them.
    const QString path = SandboxContinuity::forCurrentUser().switchesFile;
    SandboxSwitches strict;
    strict.requirePar = true;
    strict.dpopNonce = true;
    QVERIFY(strict.save(path));
    const RunResult r = runProcess(u"tokenlab-cli"_s, {u"login"_s, u"--profile"_s, u"sandbox"_s, u"--auto-approve"_s, u"alice"_s}, 30000,
                                   {u"BROWSER="_s + qEnvironmentVariable("TOKENLAB_TEST_BROWSER")});
    QFile::remove(path);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("request       pushed first (PAR, RFC 9126)"), r.out.constData());
    QVERIFY2(r.err.contains("the issuer requires it"), r.err.constData());
}

void TestCli::loginThroughPagesWithBrowser_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<bool>("deny");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("words");
    QTest::newRow("alice") << u"alice"_s << false << 0 << QByteArray("subject       sandbox|alice");
    QTest::newRow("bob") << u"bob"_s << false << 0 << QByteArray("not in scope  read:messages");
    QTest::newRow("denied") << u"alice"_s << true << 1 << QByteArray("The user denied access");
}

void TestCli::loginThroughPagesWithBrowser()
{
    QFETCH(QString, user);
    QFETCH(bool, deny);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, words);
    QStringList env{u"BROWSER="_s + qEnvironmentVariable("TOKENLAB_TEST_BROWSER"), u"TOKENLAB_TEST_USER="_s + user};
    if (deny)
        env << u"TOKENLAB_TEST_DENY=1"_s;
    const RunResult r = runProcess(u"tokenlab-cli"_s, {u"login"_s}, 30000, env);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2((exitCode == 0 ? r.out : r.err).contains(words), QByteArray(r.out + r.err).constData());
}

void TestCli::loginNoBrowserTimesOut()
{
    const RunResult r = runProcess(u"tokenlab-cli"_s, {u"login"_s, u"--no-browser"_s, u"--timeout"_s, u"1"_s}, 30000);
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains("visit:\n  http://127.0.0.1:"));
    QVERIFY(r.err.contains("timed out"));
    const RunResult bad = runProcess(u"tokenlab-cli"_s, {u"login"_s, u"--timeout"_s, u"0"_s});
    QCOMPARE(bad.exitCode, 2);
    const RunResult notSandbox = runProcess(u"tokenlab-cli"_s, {u"login"_s, u"--profile"_s, u"nope"_s});
    QCOMPARE(notSandbox.exitCode, 2);
}

void TestCli::loginInterrupted()
{
    QProcess cli;
    cli.start(tokenlabBinary(u"tokenlab-cli"_s), {u"login"_s, u"--no-browser"_s});
    QVERIFY(cli.waitForStarted());
    QByteArray err;
    QTRY_VERIFY_WITH_TIMEOUT((err += cli.readAllStandardError()).contains("Listening for the browser") || cli.state() != QProcess::Running, 10000);
    cli.terminate(); // SIGTERM, as Ctrl+C would
    QVERIFY(cli.waitForFinished(5000));
    QCOMPARE(cli.exitCode(), 130);
    QVERIFY(QByteArray(err + cli.readAllStandardError()).contains("cancelled"));
}

void TestCli::decodeRows_data()
{
    QTest::addColumn<QString>("variant");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("words");
    QTest::newRow("valid") << u"valid"_s << 0 << QByteArray("ok   signature Verified (RS256) with the key");
    QTest::newRow("decode-only-expired") << u"expired-no-verify"_s << 0 << QByteArray("FAIL exp");
    QTest::newRow("expired") << u"expired"_s << 1 << QByteArray("exp: Expired");
    QTest::newRow("tampered") << u"tampered"_s << 1 << QByteArray("signature: The signature does not match");
    QTest::newRow("alg-none") << u"none"_s << 1 << QByteArray("never valid");
    QTest::newRow("wrong-audience") << u"audience"_s << 1 << QByteArray("aud: Meant for");
    QTest::newRow("stdin") << u"stdin"_s << 0 << QByteArray("ok   signature");
    QTest::newRow("malformed") << u"malformed"_s << 2 << QByteArray("2 dot-separated parts");
    QTest::newRow("jwks-and-key") << u"both-sources"_s << 2 << QByteArray("not both");
    // Pasted as copied from a request (issue 18): stripped, said on stderr, then verified.
    QTest::newRow("bearer") << u"bearer"_s << 0 << QByteArray("Stripped the Bearer scheme.");
    QTest::newRow("authorization-bearer") << u"authorization"_s << 0
                                          << QByteArray("Stripped the Authorization: header name and the Bearer scheme.");
    QTest::newRow("quoted") << u"quoted"_s << 0 << QByteArray("Stripped quotes.");
    QTest::newRow("stdin-header-line") << u"stdin-header"_s << 0 << QByteArray("ok   signature Verified");
    // An altered signature part: header and claims shown, the check fails (1, not 2).
    QTest::newRow("altered-signature") << u"altered"_s << 1 << QByteArray("signature: The signature part was altered: its last character");
    QTest::newRow("altered-signature-no-verify") << u"altered-no-verify"_s << 1 << QByteArray("FAIL signature The signature part was altered");
    QTest::newRow("payload-bad-character") << u"payload-bad-char"_s << 2 << QByteArray("The payload is not valid base64url: '!' at position");
}

void TestCli::decodeRows()
{
    QFETCH(QString, variant);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, words);
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    QUrl jwks = sandbox.tenant().issuer();
    jwks.setPath(u"/.well-known/jwks.json"_s);
    const QString issuer = sandbox.tenant().issuer().toString();
    QJsonObject claims = sandbox.validAccessClaims();
    QByteArray token = sandbox.sign(claims, {{u"typ"_s, u"at+jwt"_s}});
    QStringList args{u"decode"_s, QString::fromLatin1(token), u"--jwks"_s, jwks.toString(), u"--issuer"_s, issuer,
                     u"--audience"_s, sandbox.tenant().audience()};
    QByteArray input;
    if (variant.startsWith(u"expired")) {
        claims[u"exp"_s] = sandbox.clock().now().toSecsSinceEpoch() - 600;
        args[1] = QString::fromLatin1(sandbox.sign(claims));
        if (variant == u"expired-no-verify")
            args = args.mid(0, 2);
    } else if (variant == u"tampered") {
        const QList<QByteArray> p = token.split('.');
        claims[u"sub"_s] = u"sandbox|mallory"_s;
        args[1] = QString::fromLatin1(p.at(0) + '.' + Base64Url::encode(QJsonDocument(claims).toJson(QJsonDocument::Compact)) + '.' + p.at(2));
    } else if (variant == u"none") {
        args[1] = QString::fromLatin1(Base64Url::encode(R"({"alg":"none"})") + '.' + token.split('.').at(1) + '.');
    } else if (variant == u"audience") {
        args[7] = u"https://other.example/"_s;
    } else if (variant == u"stdin") {
        args[1] = u"-"_s;
        input = token + '\n';
    } else if (variant == u"malformed") {
        args[1] = u"a.b"_s;
    } else if (variant == u"bearer") {
        args[1] = u"Bearer "_s + args[1];
    } else if (variant == u"authorization") {
        args[1] = u"authorization: bearer "_s + args[1];
    } else if (variant == u"quoted") {
        args[1] = u"\""_s + args[1] + u"\""_s;
    } else if (variant == u"stdin-header") {
        args[1] = u"-"_s;
        input = "Authorization: Bearer " + token + "\r\n";
    } else if (variant.startsWith(u"altered")) {
        // RS256: the last of 342 characters carries 4 bits past the signature's end; flip one of them.
        QVERIFY(QByteArrayView("AQgw").contains(token.back()));
        token.back() = char(token.back() + 1);
        args[1] = QString::fromLatin1(token);
        if (variant == u"altered-no-verify")
            args = args.mid(0, 2);
    } else if (variant == u"payload-bad-char") {
        token[token.indexOf('.') + 6] = '!';
        args[1] = QString::fromLatin1(token);
    } else if (variant == u"both-sources") {
        args << u"--key"_s << u"/dev/null"_s;
    }
    const RunResult r = runProcess(u"tokenlab-cli"_s, args, 30000, {}, input);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(QByteArray(r.out + r.err).contains(words), QByteArray(r.out + r.err).constData());
    if (variant.startsWith(u"altered")) {
        // Still read: the header and the claims are shown.
        QVERIFY2(r.out.contains("Header") && r.out.contains("Payload") && r.out.contains("sandbox|alice"), r.out.constData());
        QVERIFY(r.err.contains(QByteArray("position " + QByteArray::number(token.size()))));
    }
    if (variant == u"payload-bad-char") {
        QVERIFY2(r.err.contains(QByteArray("at position " + QByteArray::number(token.indexOf('!') + 1) + " of the token")), r.err.constData());
        QVERIFY(!r.out.contains("Payload"));
    }
    if (variant == u"valid") {
        const RunResult json = runProcess(u"tokenlab-cli"_s, args << u"--json"_s);
        const QJsonObject report = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(report.value(u"passed"_s).toBool(), true);
        QCOMPARE(report.value(u"verified_kid"_s).toString(), sandbox.tenant().signingKey().kid());
        QCOMPARE(report.value(u"token_type"_s).toString(), u"access"_s);
        QVERIFY(report.value(u"checks"_s).toArray().size() >= 5);
    }
}

void TestCli::decodeEachLine_data()
{
    // What the file holds, token by token; "valid", "expired" and "bearer"
    // are signed by the sandbox, the rest are written as they are.
    QTest::addColumn<QStringList>("lines");
    QTest::addColumn<bool>("fromStdin");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QStringList>("expected"); // one result line per token, in order
    QTest::newRow("all-valid") << QStringList{u"valid"_s, u"valid"_s, u"valid"_s} << false << 0
                               << QStringList{u"1 passed"_s, u"2 passed"_s, u"3 passed"_s};
    QTest::newRow("stdin") << QStringList{u"valid"_s, u"valid"_s} << true << 0 << QStringList{u"1 passed"_s, u"2 passed"_s};
    QTest::newRow("empty-lines-skipped") << QStringList{u""_s, u"valid"_s, u"   "_s, u"valid"_s, u""_s} << false << 0
                                         << QStringList{u"2 passed"_s, u"4 passed"_s};
    QTest::newRow("pasted-as-header") << QStringList{u"bearer"_s} << false << 0 << QStringList{u"1 passed"_s};
    QTest::newRow("garbage") << QStringList{u"valid"_s, u"garbage"_s, u"valid"_s} << false << 1
                             << QStringList{u"1 passed"_s, u"2 malformed: "_s, u"3 passed"_s};
    QTest::newRow("binary") << QStringList{u"binary"_s, u"valid"_s} << false << 1
                            << QStringList{u"1 malformed: "_s, u"2 passed"_s};
    QTest::newRow("huge-line") << QStringList{u"huge"_s, u"valid"_s} << false << 1
                               << QStringList{u"1 malformed: The line is longer than"_s, u"2 passed"_s};
    QTest::newRow("expired") << QStringList{u"valid"_s, u"expired"_s} << false << 1
                             << QStringList{u"1 passed"_s, u"2 failed: exp"_s};
    QTest::newRow("no-token-at-all") << QStringList{u""_s, u""_s} << false << 2 << QStringList{};
}

void TestCli::decodeEachLine()
{
    QFETCH(QStringList, lines);
    QFETCH(bool, fromStdin);
    QFETCH(int, exitCode);
    QFETCH(QStringList, expected);
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    QUrl jwks = sandbox.tenant().issuer();
    jwks.setPath(u"/.well-known/jwks.json"_s);
    QJsonObject claims = sandbox.validAccessClaims();
    const QByteArray valid = sandbox.sign(claims, {{u"typ"_s, u"at+jwt"_s}});
    claims[u"exp"_s] = sandbox.clock().now().toSecsSinceEpoch() - 600;
    const QByteArray expired = sandbox.sign(claims, {{u"typ"_s, u"at+jwt"_s}});
    QByteArray file;
    for (const QString &line : lines) {
        if (line == u"valid")
            file += valid;
        else if (line == u"expired")
            file += expired;
        else if (line == u"bearer")
            file += "Authorization: Bearer " + valid + '\r';
        else if (line == u"garbage")
            file += "not.a.token";
        else if (line == u"binary")
            file += QByteArray("\x00\xff\xfe.\x01\x02.", 8);
        else if (line == u"huge")
            file += QByteArray(Jwt::MaxTokenBytes + 100 * 1024, 'A');
        else
            file += line.toUtf8();
        file += '\n';
    }
    QTemporaryDir dir;
    QFile tokens(dir.filePath(u"tokens.txt"_s));
    QVERIFY(tokens.open(QIODevice::WriteOnly));
    tokens.write(file);
    tokens.close();
    const QStringList args{u"decode"_s, u"--each-line"_s, fromStdin ? u"-"_s : tokens.fileName(), u"--jwks"_s, jwks.toString(),
                           u"--issuer"_s, sandbox.tenant().issuer().toString(), u"--audience"_s, sandbox.tenant().audience()};
    const RunResult r = runProcess(u"tokenlab-cli"_s, args, 30000, {}, fromStdin ? file : QByteArray());
    QVERIFY2(r.exitCode == exitCode, QByteArray(r.out + r.err).constData());
    const QList<QByteArray> got = r.out.split('\n').mid(0, r.out.count('\n'));
    QCOMPARE(got.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i)
        QVERIFY2(got.at(i).startsWith(expected.at(i).toUtf8()), got.at(i).left(200).constData());
    // Never a token on stdout or stderr: results name lines, not tokens.
    QVERIFY(!r.out.contains(valid.split('.').at(1)) && !r.err.contains(valid.split('.').at(1)));
    if (exitCode == 2)
        QVERIFY2(r.err.contains("holds no token"), r.err.constData());

    // --json: one object per token, the same verdicts.
    const RunResult json = runProcess(u"tokenlab-cli"_s, QStringList(args) << u"--json"_s, 30000, {}, fromStdin ? file : QByteArray());
    QCOMPARE(json.exitCode, exitCode);
    const QList<QByteArray> objects = json.out.split('\n').mid(0, json.out.count('\n'));
    QCOMPARE(objects.size(), expected.size());
    for (qsizetype i = 0; i < objects.size(); ++i) {
        const QJsonObject o = QJsonDocument::fromJson(objects.at(i)).object();
        QCOMPARE(QString::number(o.value(u"line"_s).toInteger()) + u' ' + o.value(u"result"_s).toString(),
                 expected.at(i).section(u':', 0, 0));
        QCOMPARE(o.value(u"passed"_s).toBool(), expected.at(i).contains(u"passed"));
    }
}

void TestCli::decodeEachLineRefusesTokenToo()
{
    const RunResult r = runProcess(u"tokenlab-cli"_s, {u"decode"_s, u"a.b.c"_s, u"--each-line"_s, u"-"_s});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("not both"), r.err.constData());
    const RunResult missing = runProcess(u"tokenlab-cli"_s, {u"decode"_s, u"--each-line"_s, u"/nonexistent/tokens.txt"_s});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains("cannot read /nonexistent/tokens.txt"), missing.err.constData());
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
