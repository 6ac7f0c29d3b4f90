// SPDX-License-Identifier: MIT
// The token vault as a user meets it through tokenlab-cli, against a real
// gnome-keyring (tests/keyring/with-keyring): log in, read the token back
// in a new process, see it in secret-tool, log out, remove a profile, and
// the failure modes (no session bus, a bus without a Secret Service), each
// a clear sentence, no hang and no token in any file under HOME.
#include "jose/jwt.h"
#include "support/keyringtest.h"
#include "support/processes.h"
#include "support/testhttp.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>
#include <QTest>

using namespace Qt::StringLiterals;

class TestKeychainCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void loginThenTokenInNewProcess();
    void sandboxLoginsShareKeyAndPorts();
    void tokenRefusals_data();
    void tokenRefusals();
    void removingAProfileDeletesItsTokens();
    void machineToMachineProfile_data();
    void machineToMachineProfile();
    void refreshAndLogoutWithEndSession();
    void noSessionBus();
    void busWithoutSecretService();

private:
    static QStringList browserEnv() { return {u"BROWSER="_s + qEnvironmentVariable("TOKENLAB_TEST_BROWSER")}; }
};

void TestKeychainCli::init()
{
    TOKENLAB_REQUIRE_KEYRING();
}

void TestKeychainCli::loginThenTokenInNewProcess()
{
    const RunResult login = runProcess(u"tokenlab-cli"_s, {u"login"_s, u"--auto-approve"_s, u"alice"_s}, 30000, browserEnv());
    QCOMPARE(login.exitCode, 0);
    QVERIFY2(!login.err.contains("Warning"), login.err.constData());

    const RunResult token = runProcess(u"tokenlab-cli"_s, {u"token"_s});
    QCOMPARE(token.exitCode, 0);
    const QByteArray accessToken = token.out.trimmed();
    const DecodedJwt jwt = Jwt::decode(accessToken);
    QVERIFY(jwt.ok());
    QCOMPARE(jwt.payload.value(u"sub").toString(), u"sandbox|alice"_s);
    QCOMPARE(token.out.count('\n'), 1); // the token and nothing else on stdout
    const QByteArray idToken = runProcess(u"tokenlab-cli"_s, {u"token"_s, u"--field"_s, u"id_token"_s}).out.trimmed();
    const QByteArray refreshToken = runProcess(u"tokenlab-cli"_s, {u"token"_s, u"--field"_s, u"refresh_token"_s}).out.trimmed();
    QVERIFY(idToken.startsWith("eyJ"));
    QVERIFY(refreshToken.size() >= 32);

    const RunResult status = runProcess(u"tokenlab-cli"_s, {u"status"_s});
    QCOMPARE(status.exitCode, 0);
    QVERIFY2(status.out.contains("* sandbox              signed in, expires in"), status.out.constData());
    QVERIFY(!status.out.contains(accessToken));
    QVERIFY(status.err.contains("Secret Service"));

    // The keychain holds it; no file under HOME does.
    QVERIFY(KeyringTest::secretToolSearch().contains("user = profile:sandbox"));
    QCOMPARE(KeyringTest::filesContaining(QDir::homePath(), accessToken), QStringList());
    QCOMPARE(KeyringTest::filesContaining(QDir::homePath(), accessToken.left(60)), QStringList());
    QCOMPARE(KeyringTest::filesContaining(QDir::homePath(), idToken), QStringList());
    QCOMPARE(KeyringTest::filesContaining(QDir::homePath(), refreshToken), QStringList());

    const RunResult logout = runProcess(u"tokenlab-cli"_s, {u"logout"_s});
    QCOMPARE(logout.exitCode, 0);
    QVERIFY(!KeyringTest::secretToolSearch().contains("profile:sandbox"));
    QVERIFY(runProcess(u"tokenlab-cli"_s, {u"status"_s}).out.contains("* sandbox              not signed in"));
}

void TestKeychainCli::sandboxLoginsShareKeyAndPorts()
{
    // Two logins in a row, each with its own in-process tenant: the second
    // comes back with the first's signing key (from the keychain) and ports
    // (from $XDG_DATA_HOME/tokenlab/sandbox.json), so the issuer and kid match.
    QStringList issuers;
    QStringList kids;
    for (int run = 0; run < 2; ++run) {
        const RunResult login = runProcess(u"tokenlab-cli"_s, {u"login"_s, u"--profile"_s, u"sandbox"_s, u"--auto-approve"_s, u"alice"_s},
                                           30000, browserEnv());
        QVERIFY2(login.exitCode == 0, login.err.constData());
        const DecodedJwt jwt = Jwt::decode(runProcess(u"tokenlab-cli"_s, {u"token"_s}).out.trimmed());
        QVERIFY(jwt.ok());
        issuers << jwt.payload.value(u"iss").toString();
        kids << jwt.header.value(u"kid").toString();
        QVERIFY2(login.err.contains(u"Started the sandbox tenant at %1"_s.arg(issuers.last()).toUtf8()), login.err.constData());
    }
    QCOMPARE(issuers.at(1), issuers.at(0));
    QCOMPARE(kids.at(1), kids.at(0));
    QVERIFY(!kids.at(0).isEmpty());
    // The key is in the keychain and in no file; the state file holds the ports only.
    QVERIFY(KeyringTest::secretToolSearch().contains("user = sandbox-signing-key"));
    QCOMPARE(KeyringTest::filesContaining(QDir::homePath(), "PRIVATE KEY"), QStringList());
    QFile state(qEnvironmentVariable("XDG_DATA_HOME") + u"/tokenlab/sandbox.json"_s);
    QVERIFY(state.open(QIODevice::ReadOnly));
    QVERIFY(state.readAll().contains(QByteArray::number(QUrl(issuers.at(0)).port())));
    QCOMPARE(runProcess(u"tokenlab-cli"_s, {u"logout"_s}).exitCode, 0);
}

void TestKeychainCli::tokenRefusals_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("words");
    QTest::newRow("nothing-stored") << QStringList{u"token"_s} << 1 << QByteArray("run tokenlab-cli login --profile sandbox");
    QTest::newRow("unknown-profile") << QStringList{u"token"_s, u"--profile"_s, u"nope"_s} << 2 << QByteArray("no profile named");
    QTest::newRow("bad-field") << QStringList{u"token"_s, u"--field"_s, u"password"_s} << 2 << QByteArray("--field must be");
    QTest::newRow("logout-unknown") << QStringList{u"logout"_s, u"--profile"_s, u"nope"_s} << 2 << QByteArray("no profile named");
}

void TestKeychainCli::tokenRefusals()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, words);
    runProcess(u"tokenlab-cli"_s, {u"logout"_s});
    const RunResult r = runProcess(u"tokenlab-cli"_s, args);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.err.contains(words), r.err.constData());
    QVERIFY(r.out.isEmpty());
}

void TestKeychainCli::removingAProfileDeletesItsTokens()
{
    // A sandbox of its own, reached through an ordinary profile.
    ChildProcess sandbox;
    QVERIFY(sandbox.start(u"tokenlab-sandbox"_s, {u"--auto-approve"_s, u"bob"_s}, true));
    const QJsonObject info = sandbox.firstLineJson();
    QCOMPARE(runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"add"_s, u"local"_s, u"--issuer"_s, info.value(u"issuer").toString(),
                                            u"--client-id"_s, info.value(u"client_id").toString(), u"--audience"_s,
                                            info.value(u"audience").toString()}).exitCode, 0);
    QCOMPARE(runProcess(u"tokenlab-cli"_s, {u"login"_s, u"--profile"_s, u"local"_s}, 30000, browserEnv()).exitCode, 0);
    QVERIFY(KeyringTest::secretToolSearch().contains("user = profile:local"));
    const RunResult removed = runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"remove"_s, u"local"_s});
    QCOMPARE(removed.exitCode, 0);
    QVERIFY(removed.err.contains("deleted its tokens"));
    QVERIFY(!KeyringTest::secretToolSearch().contains("profile:local"));
    QCOMPARE(sandbox.stop(), 0);
}

void TestKeychainCli::machineToMachineProfile_data()
{
    QTest::addColumn<QString>("auth");
    QTest::newRow("client_secret_post") << u"client_secret_post"_s;
    QTest::newRow("client_secret_basic") << u"client_secret_basic"_s;
}

void TestKeychainCli::machineToMachineProfile()
{
    QFETCH(QString, auth);
    ChildProcess sandbox;
    QVERIFY(sandbox.start(u"tokenlab-sandbox"_s, {}, true));
    const QJsonObject info = sandbox.firstLineJson();
    const QByteArray secret = info.value(u"m2m_client_secret").toString().toLatin1();
    const QStringList add{u"profile"_s, u"add"_s, u"m2m"_s, u"--grant"_s, u"client-credentials"_s,
                          u"--issuer"_s, info.value(u"issuer").toString(), u"--client-id"_s, info.value(u"m2m_client_id").toString(),
                          u"--audience"_s, info.value(u"audience").toString(), u"--api-base"_s, info.value(u"api_base_url").toString(),
                          u"--client-auth"_s, auth, u"--client-secret-stdin"_s};
    // The secret arrives on stdin: it is in no argument list, by construction.
    const RunResult added = runProcess(u"tokenlab-cli"_s, add, 30000, {}, secret + '\n');
    QCOMPARE(added.exitCode, 0);
    QVERIFY2(added.err.contains("Kept the client secret"), added.err.constData());

    const RunResult login = runProcess(u"tokenlab-cli"_s, {u"login"_s, u"--profile"_s, u"m2m"_s});
    QCOMPARE(login.exitCode, 0);
    QVERIFY2(login.out.contains("subject       tokenlab-m2m@clients"), login.out.constData());
    QVERIFY(login.out.contains("scopes        read:messages"));
    const RunResult call = runProcess(u"tokenlab-cli"_s, {u"call"_s, u"/api/private-scoped"_s, u"--profile"_s, u"m2m"_s});
    QCOMPARE(call.exitCode, 0);
    QVERIFY(call.out.contains("read:messages to see this"));
    const RunResult refreshed = runProcess(u"tokenlab-cli"_s, {u"refresh"_s, u"--profile"_s, u"m2m"_s});
    QCOMPARE(refreshed.exitCode, 0);

    // The secret is nowhere but the keychain: no file, no output, no profile view.
    const QByteArray everything = added.out + added.err + login.out + login.err + call.out + call.err + refreshed.out + refreshed.err
            + runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"show"_s, u"m2m"_s}).out;
    QVERIFY(!everything.contains(secret));
    QCOMPARE(KeyringTest::filesContaining(QDir::homePath(), secret), QStringList());
    QVERIFY(KeyringTest::secretToolSearch().contains("user = client-secret:m2m"));

    // A wrong secret is a clear error.
    QCOMPARE(runProcess(u"tokenlab-cli"_s, add, 30000, {}, "not-the-secret\n").exitCode, 0);
    const RunResult wrong = runProcess(u"tokenlab-cli"_s, {u"login"_s, u"--profile"_s, u"m2m"_s});
    QCOMPARE(wrong.exitCode, 1);
    QVERIFY2(wrong.err.contains("Wrong client secret"), wrong.err.constData());

    // Logging out leaves nothing of the profile in the keychain.
    QCOMPARE(runProcess(u"tokenlab-cli"_s, {u"logout"_s, u"--profile"_s, u"m2m"_s}).exitCode, 0);
    QVERIFY(!KeyringTest::secretToolSearch().contains("m2m"));
    QCOMPARE(runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"remove"_s, u"m2m"_s}).exitCode, 0);
    QCOMPARE(sandbox.stop(), 0);
}

void TestKeychainCli::refreshAndLogoutWithEndSession()
{
    ChildProcess sandbox;
    QVERIFY(sandbox.start(u"tokenlab-sandbox"_s, {}, true));
    const QJsonObject info = sandbox.firstLineJson();
    QCOMPARE(runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"add"_s, u"user"_s, u"--issuer"_s, info.value(u"issuer").toString(),
                                            u"--client-id"_s, info.value(u"client_id").toString(), u"--audience"_s,
                                            info.value(u"audience").toString(), u"--scope"_s, u"openid profile offline_access"_s,
                                            u"--api-base"_s, info.value(u"api_base_url").toString()}).exitCode, 0);
    QCOMPARE(runProcess(u"tokenlab-cli"_s, {u"login"_s, u"--profile"_s, u"user"_s}, 30000, browserEnv()).exitCode, 0);
    const QByteArray firstRefresh = runProcess(u"tokenlab-cli"_s, {u"token"_s, u"--profile"_s, u"user"_s, u"--field"_s, u"refresh_token"_s}).out.trimmed();
    const QByteArray firstAccess = runProcess(u"tokenlab-cli"_s, {u"token"_s, u"--profile"_s, u"user"_s}).out.trimmed();
    QTest::qWait(1100); // a new iat, so a new token
    const RunResult refreshed = runProcess(u"tokenlab-cli"_s, {u"refresh"_s, u"--profile"_s, u"user"_s});
    QCOMPARE(refreshed.exitCode, 0);
    const QByteArray secondRefresh = runProcess(u"tokenlab-cli"_s, {u"token"_s, u"--profile"_s, u"user"_s, u"--field"_s, u"refresh_token"_s}).out.trimmed();
    QVERIFY(secondRefresh != firstRefresh); // rotated, and the new one kept in the keychain
    QVERIFY(runProcess(u"tokenlab-cli"_s, {u"token"_s, u"--profile"_s, u"user"_s}).out.trimmed() != firstAccess);

    // --switch-user shows the sandbox's user chooser again: bob this time.
    const RunResult bob = runProcess(u"tokenlab-cli"_s, {u"login"_s, u"--profile"_s, u"user"_s, u"--switch-user"_s}, 30000,
                                     {u"BROWSER="_s + qEnvironmentVariable("TOKENLAB_TEST_BROWSER"), u"TOKENLAB_TEST_USER=bob"_s});
    QCOMPARE(bob.exitCode, 0);
    QVERIFY(bob.out.contains("subject       sandbox|bob"));

    const QByteArray bobRefresh = runProcess(u"tokenlab-cli"_s, {u"token"_s, u"--profile"_s, u"user"_s, u"--field"_s, u"refresh_token"_s}).out.trimmed();
    const QByteArray bobId = runProcess(u"tokenlab-cli"_s, {u"token"_s, u"--profile"_s, u"user"_s, u"--field"_s, u"id_token"_s}).out.trimmed();
    QVERIFY(bobId.startsWith("eyJ"));
    const RunResult out = runProcess(u"tokenlab-cli"_s, {u"logout"_s, u"--profile"_s, u"user"_s, u"--end-session"_s}, 30000, browserEnv());
    QCOMPARE(out.exitCode, 0);
    // The end-session URL goes to the browser whole, but stderr shows it without its id_token_hint.
    QVERIFY2(out.err.contains("Ending the browser session"), out.err.constData());
    QVERIFY(!out.err.contains(bobId) && !out.out.contains(bobId));
    QVERIFY(!out.err.contains("id_token_hint"));
    QVERIFY2(out.out.contains("ok   revoke") && out.out.contains("ok   forget") && out.out.contains("ok   end session"), out.out.constData());
    QVERIFY(!KeyringTest::secretToolSearch().contains("profile:user"));
    // The sandbox saw the revocation: its refresh token is refused now.
    QUrl tokenUrl(info.value(u"issuer").toString());
    tokenUrl.setPath(u"/oauth/token"_s);
    TestHttp http;
    const HttpResult refused = http.post(tokenUrl, "grant_type=refresh_token&client_id=tokenlab-native&refresh_token=" + bobRefresh);
    QCOMPARE(refused.json().value(u"error").toString(), u"invalid_grant"_s);
    QCOMPARE(sandbox.stop(), 0);
}

void TestKeychainCli::noSessionBus()
{
    const QStringList noBus{u"DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/tokenlab-no-bus"_s,
                            u"BROWSER="_s + qEnvironmentVariable("TOKENLAB_TEST_BROWSER")};
    QElapsedTimer timer;
    timer.start();
    const RunResult status = runProcess(u"tokenlab-cli"_s, {u"status"_s}, 30000, noBus);
    QVERIFY(status.finished);
    QCOMPARE(status.exitCode, 1);
    QVERIFY2(status.err.contains("No keychain could be reached") && status.err.contains("GNOME Keyring"), status.err.constData());
    QVERIFY(timer.elapsed() < 20000);

    // A login still works; the user is told the tokens were not kept.
    const RunResult login = runProcess(u"tokenlab-cli"_s, {u"login"_s, u"--auto-approve"_s, u"alice"_s}, 60000, noBus);
    QCOMPARE(login.exitCode, 0);
    QVERIFY2(login.err.contains("Warning: ") && login.err.contains("memory for this run"), login.err.constData());
    QCOMPARE(KeyringTest::filesContaining(QDir::homePath(), "eyJ"), QStringList());
}

void TestKeychainCli::busWithoutSecretService()
{
    // A session bus of our own with no service files: nothing can provide org.freedesktop.secrets.
    QTemporaryDir dir;
    QFile config(dir.filePath(u"bus.conf"_s));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(R"(<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=)" + dir.path().toUtf8() + R"(</listen>
  <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>
)");
    config.close();
    QProcess bus;
    bus.start(u"dbus-daemon"_s, {u"--config-file="_s + config.fileName(), u"--print-address=1"_s, u"--nofork"_s});
    QVERIFY(bus.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(bus.canReadLine(), 5000);
    const QString address = QString::fromUtf8(bus.readLine().trimmed());
    const RunResult status = runProcess(u"tokenlab-cli"_s, {u"status"_s}, 30000, {u"DBUS_SESSION_BUS_ADDRESS="_s + address});
    bus.terminate(); // by its PID
    QVERIFY(bus.waitForFinished(5000));
    QVERIFY(status.finished);
    QCOMPARE(status.exitCode, 1);
    QVERIFY2(status.err.contains("No keychain could be reached") && status.err.contains("GNOME Keyring"), status.err.constData());
}

QTEST_GUILESS_MAIN(TestKeychainCli)
#include "tst_keychaincli.moc"
