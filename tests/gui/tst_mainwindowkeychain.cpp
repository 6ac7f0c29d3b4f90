// SPDX-License-Identifier: MIT
// The window with the real keychain (tests/keyring/with-keyring): profiles
// restored signed in (or expired) at start without a new login, "Forget
// tokens" deleting the entries, and a keyring that stops answering shown as
// a problem in the status bar instead of a hang.
#include "oauth/discoveryclient.h"
#include "storage/keychaintokenstore.h"
#include "support/flowhelpers.h"
#include "support/keyringtest.h"
#include "support/processes.h"
#include "session/loginflow.h"
#include "session/sessionregistry.h"
#include "gui/mainwindow.h"
#include "storage/profilestore.h"
#include "support/sandboxfixture.h"

#include <QDir>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

class TestMainWindowKeychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void restoresAndForgets();
    void frozenKeyringIsReported();
    void cliRefreshesWhileTheWindowIsOpen();
};

namespace {

TokenSet sample(const QString &tag, qint64 expiresInSeconds)
{
    TokenSet t;
    t.accessToken = u"at-"_s + tag;
    t.tokenType = u"Bearer"_s;
    t.grantedScope = u"openid"_s;
    t.obtainedAt = QDateTime::currentDateTimeUtc();
    t.expiresAt = t.obtainedAt.addSecs(expiresInSeconds);
    return t;
}

bool saveNow(TokenStore &store, const QString &profile, const TokenSet &t)
{
    return awaitStore(store.save(profile, t)).error == TokenStoreError::None;
}

QString itemText(QListWidget *list, const QString &name)
{
    for (int i = 0; i < list->count(); ++i) {
        if (list->item(i)->text().startsWith(name + u'\n'))
            return list->item(i)->text();
    }
    return {};
}

} // namespace

void TestMainWindowKeychain::init()
{
    TOKENLAB_REQUIRE_KEYRING();
}

void TestMainWindowKeychain::restoresAndForgets()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    QTemporaryDir dir;
    ProfileStore profiles(dir.filePath(u"profiles.json"_s));
    Profile old;
    old.name = u"old-login"_s;
    old.issuer = QUrl(u"https://old.example/"_s);
    old.clientId = u"c"_s;
    QVERIFY(profiles.upsert(old, nullptr));

    // What an earlier run left in the keychain.
    {
        KeychainTokenStore earlier;
        QVERIFY(saveNow(earlier, u"sandbox"_s, sample(u"fresh"_s, 3600)));
        QVERIFY(saveNow(earlier, u"old-login"_s, sample(u"stale"_s, -600)));
    }

    QNetworkAccessManager network;
    DiscoveryClient discovery(&network);
    KeychainTokenStore tokens;
    LoginFlow flow(&network, &discovery, &tokens, systemClock());
    SessionRegistry sessions(SessionServices{&network, &discovery, &tokens, systemClock()});
    SandboxTenant *tenant = &sandbox.tenant();
    MainWindow window(&network, &profiles, &tokens, &discovery, &flow, &sessions,
                      [tenant, &sessions](const Profile &stored, QString *) { return sessions.session(tenant->profileFor(stored)); });
    window.reloadProfiles(u"sandbox"_s);
    window.restoreTokens();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    auto *list = window.findChild<QListWidget *>(u"profileList"_s);
    QTRY_VERIFY_WITH_TIMEOUT(itemText(list, u"sandbox"_s).contains(u"signed in · expires"_s), 10000);
    QTRY_VERIFY(itemText(list, u"old-login"_s).contains(u"token expired"_s));
    QTRY_VERIFY(window.findChild<QLabel *>(u"sessionState"_s)->text().startsWith(u"Signed in · expires"_s));
    QVERIFY(window.findChild<QLabel *>(u"storageStatus"_s)->text().contains(u"Secret Service"_s));
    const QString dirShots = qEnvironmentVariable("TOKENLAB_SCREENSHOT_DIR");
    if (!dirShots.isEmpty()) {
        QDir().mkpath(dirShots);
        window.grab().save(dirShots + u"/login-restored.png"_s);
    }

    auto *forget = window.findChild<QPushButton *>(u"forgetTokensButton"_s);
    QVERIFY(forget->isEnabled());
    QTest::mouseClick(forget, Qt::LeftButton);
    // It asks first; these tokens have no refresh token, so there is nothing to revoke.
    QTRY_VERIFY(window.findChild<QWidget *>(u"forgetDialog"_s));
    QVERIFY(!window.findChild<QWidget *>(u"revokeAndForgetButton"_s));
    QTest::mouseClick(window.findChild<QPushButton *>(u"forgetOnlyButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!KeyringTest::secretToolSearch().contains("profile:sandbox"));
    QTRY_COMPARE(itemText(list, u"sandbox"_s), u"sandbox\nlocal tenant, works offline"_s);
    QVERIFY(!forget->isEnabled());
    QVERIFY(!window.findChild<QPushButton *>(u"refreshButton"_s)->isEnabled());
    QVERIFY(!window.findChild<QPushButton *>(u"logoutButton"_s)->isEnabled());
    QCOMPARE(window.findChild<QLabel *>(u"sessionState"_s)->text(), u"Not signed in"_s);
    QVERIFY(KeyringTest::secretToolSearch().contains("profile:old-login")); // only that profile's
}

void TestMainWindowKeychain::frozenKeyringIsReported()
{
    QTemporaryDir dir;
    ProfileStore profiles(dir.filePath(u"profiles.json"_s));
    QNetworkAccessManager network;
    DiscoveryClient discovery(&network);
    KeychainTokenStore tokens(u"TokenLab"_s, 1500ms);
    LoginFlow flow(&network, &discovery, &tokens, systemClock());
    SessionRegistry sessions(SessionServices{&network, &discovery, &tokens, systemClock()});
    MainWindow window(&network, &profiles, &tokens, &discovery, &flow, &sessions,
                      [](const Profile &, QString *error) -> Session * {
                          *error = u"no sandbox in this test"_s;
                          return nullptr;
                      });
    window.reloadProfiles();
    window.show();
    QCOMPARE(::kill(pid_t(KeyringTest::daemonPid()), SIGSTOP), 0);
    window.restoreTokens();
    auto *status = window.findChild<QLabel *>(u"storageStatus"_s);
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(u"Keychain problem: "_s), 10000);
    QCOMPARE(::kill(pid_t(KeyringTest::daemonPid()), SIGCONT), 0);
    QVERIFY2(status->text().contains(u"did not answer"_s), qPrintable(status->text()));
}

void TestMainWindowKeychain::cliRefreshesWhileTheWindowIsOpen()
{
    // A tokenlab-sandbox process rotates refresh tokens and revokes a login
    // whose rotated-away token comes back; tokenlab-cli and the window take
    // turns refreshing one profile, and the login must survive.
    ChildProcess sandbox;
    QVERIFY(sandbox.start(u"tokenlab-sandbox"_s, {u"--auto-approve"_s, u"alice"_s}, true));
    const QJsonObject info = sandbox.firstLineJson();
    const QStringList browser{u"BROWSER="_s + qEnvironmentVariable("TOKENLAB_TEST_BROWSER")};
    QCOMPARE(runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"add"_s, u"shared"_s, u"--issuer"_s, info.value(u"issuer").toString(),
                                            u"--client-id"_s, info.value(u"client_id").toString(), u"--audience"_s,
                                            info.value(u"audience").toString(), u"--api-base"_s, info.value(u"api_base_url").toString(),
                                            u"--scope"_s, u"openid profile offline_access"_s}).exitCode, 0);
    QCOMPARE(runProcess(u"tokenlab-cli"_s, {u"login"_s, u"--profile"_s, u"shared"_s}, 30000, browser).exitCode, 0);

    ProfileStore profiles;
    QVERIFY(profiles.load(nullptr));
    QNetworkAccessManager network;
    DiscoveryClient discovery(&network);
    KeychainTokenStore tokens;
    LoginFlow flow(&network, &discovery, &tokens, systemClock());
    SessionRegistry sessions(SessionServices{&network, &discovery, &tokens, systemClock()});
    MainWindow window(&network, &profiles, &tokens, &discovery, &flow, &sessions,
                      [&sessions](const Profile &stored, QString *) { return sessions.session(stored); });
    window.reloadProfiles(u"shared"_s);
    window.restoreTokens();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *state = window.findChild<QLabel *>(u"sessionState"_s);
    QTRY_VERIFY_WITH_TIMEOUT(state->text().startsWith(u"Signed in · expires"_s), 10000);
    Session *session = sessions.find(u"shared"_s);
    QVERIFY(session);
    auto *refresh = window.findChild<QPushButton *>(u"refreshButton"_s);

    for (int round = 0; round < 3; ++round) {
        const QString before = session->tokens()->refreshToken;
        const RunResult cli = runProcess(u"tokenlab-cli"_s, {u"refresh"_s, u"--profile"_s, u"shared"_s});
        QVERIFY2(cli.exitCode == 0, cli.err.constData());
        // The window hears of the CLI's save and reads the keychain again.
        QTRY_VERIFY_WITH_TIMEOUT(session->tokens() && session->tokens()->refreshToken != before, 5000);
        QSignalSpy refreshed(session, &Session::refreshed);
        QTRY_VERIFY(refresh->isEnabled());
        QTest::mouseClick(refresh, Qt::LeftButton);
        QVERIFY(refreshed.wait(20000));
        const SessionResult r = refreshed.first().at(0).value<SessionResult>();
        QVERIFY2(r.ok() && r.renewed, qPrintable(r.sentence));
        QTRY_VERIFY(state->text().startsWith(u"Signed in · expires"_s));
    }
    const RunResult call = runProcess(u"tokenlab-cli"_s, {u"call"_s, u"/api/private"_s, u"--profile"_s, u"shared"_s});
    QVERIFY2(call.exitCode == 0, call.err.constData());
    QCOMPARE(sandbox.stop(), 0);
}

QTEST_MAIN(TestMainWindowKeychain)
#include "tst_mainwindowkeychain.moc"
