// SPDX-License-Identifier: MIT
// The session's lifecycle in the window, against the sandbox on the real
// clock: 4-second tokens renewed by the profile's Session while the API tab
// keeps calling; switching user; logging out with every step shown; a
// revoked login shown as "session ended"; and a machine-to-machine profile
// made in the editor, its secret kept out of the profile file.
#include "oauth/discoveryclient.h"
#include "support/flowhelpers.h"
#include "session/loginflow.h"
#include "session/sessionregistry.h"
#include <QPlainTextEdit>
#include "gui/mainwindow.h"
#include "support/windowfixture.h"
#include "storage/profilestore.h"
#include "support/sandboxfixture.h"
#include "support/testbrowser.h"
#include "storage/tokenstore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestLifecycleWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void userSession();
    void machineToMachineProfile();
};

namespace {

struct Window : WindowFixture
{
    explicit Window(SandboxFixture &sandbox) : WindowFixture(sandbox, {1280, 900}) { }
    bool clickAndWaitForCall(const QString &button)
    {
        auto *history = find<QListView>(u"historyList"_s);
        const int before = history->model()->rowCount();
        QTest::mouseClick(find<QWidget>(u"apiTab"_s)->findChild<QPushButton *>(button), Qt::LeftButton);
        return QTest::qWaitFor([&] { return history->model()->rowCount() == before + 1; }, 10000);
    }
};

} // namespace

void TestLifecycleWindow::userSession()
{
    SandboxFixture sandbox(std::nullopt, 4, true);
    QVERIFY(sandbox.started());
    Window w(sandbox);
    QVERIFY(w.login());
    QVERIFY(w.find<QPushButton>(u"refreshButton"_s)->isEnabled());

    // Ten seconds of calls over 4-second tokens: every one answered 200.
    w.find<QTabWidget>(u"mainTabs"_s)->setCurrentWidget(w.find<QWidget>(u"apiTab"_s));
    auto *status = w.find<QLabel>(u"apiStatus"_s);
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 10000) {
        QVERIFY(w.clickAndWaitForCall(u"privateButton"_s));
        QVERIFY2(status->text().startsWith(u"200 OK"_s), qPrintable(status->text()));
        QTest::qWait(500);
    }
    // The session renewed them on its own, and the window says so.
    QVERIFY(w.sessionState().startsWith(u"Signed in · expires"_s));
    QVERIFY(w.find<QPlainTextEdit>(u"activityLog"_s)->toPlainText().contains(u"Refreshed the tokens of sandbox"_s));

    // Switch user: the sandbox shows its user chooser again, and bob signs in.
    w.find<QTabWidget>(u"mainTabs"_s)->setCurrentIndex(0);
    TestBrowser::Script bob;
    bob.user = u"bob"_s;
    w.browser.setScript(bob);
    QTest::mouseClick(w.find<QPushButton>(u"switchUserButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(w.find<QLabel>(u"loginSummary"_s)->text().contains(u"sandbox|bob"_s), 15000);

    // Log out, ending the browser session too: each step is shown.
    w.find<QCheckBox>(u"endSessionCheck"_s)->setChecked(true);
    QTest::mouseClick(w.find<QPushButton>(u"logoutButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(w.flowState(), u"Logged out"_s, 15000);
    QCOMPARE(w.sessionState(), u"Not signed in"_s);
    QVERIFY(!w.find<QPushButton>(u"refreshButton"_s)->isEnabled());
    QVERIFY(!w.find<QPushButton>(u"logoutButton"_s)->isEnabled());
    const QString steps = w.find<QLabel>(u"loginSummary"_s)->text();
    for (const QString &step : {u"✔ <b>revoke</b>"_s, u"✔ <b>forget</b>"_s, u"✔ <b>end session</b>"_s})
        QVERIFY2(steps.contains(step), qPrintable(steps));
    QCOMPARE(w.find<QListWidget>(u"profileList"_s)->item(0)->text(), u"sandbox\nlocal tenant, works offline"_s);
    WindowFixture::screenshot(&w.window, u"logout"_s);

    // Log in again, then revoke behind TokenLab's back: a refresh ends the session, visibly.
    // (No timer renewal this time, so the revoked refresh token is the one the session holds.)
    QVERIFY(w.login());
    w.sessions.find(u"sandbox"_s)->setAutoRefresh(false);
    FormData revoke;
    revoke.add(u"client_id"_s, u"tokenlab-native"_s);
    const std::optional<TokenSet> kept = storedTokens(w.tokens, u"sandbox"_s);
    QVERIFY(kept);
    revoke.add(u"token"_s, kept->refreshToken);
    QCOMPARE(sandbox.http().post(sandbox.url(u"/oauth/revoke"_s), revoke.encode()).status, 200);
    QTest::mouseClick(w.find<QPushButton>(u"refreshButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(w.sessionState(), u"Session ended: log in again"_s, 10000);
    QVERIFY(w.flowState().startsWith(u"Refresh failed: "_s));
    QVERIFY(w.find<QListWidget>(u"profileList"_s)->item(0)->text().contains(u"session ended, log in again"_s));
    QVERIFY(!w.find<QPushButton>(u"refreshButton"_s)->isEnabled());
    QVERIFY(w.find<QPushButton>(u"logoutButton"_s)->isEnabled()); // the tokens are still there to revoke and delete
    QVERIFY(w.find<QPushButton>(u"loginButton"_s)->isEnabled());
}

void TestLifecycleWindow::machineToMachineProfile()
{
    SandboxFixture sandbox(std::nullopt, 3600, true);
    QVERIFY(sandbox.started());
    Window w(sandbox);
    QTest::mouseClick(w.find<QPushButton>(u"newProfileButton"_s), Qt::LeftButton);
    w.find<QLineEdit>(u"profileName"_s)->setText(u"machine"_s);
    w.find<QComboBox>(u"profileGrant"_s)->setCurrentIndex(1);
    w.find<QComboBox>(u"profileClientAuth"_s)->setCurrentIndex(1); // client_secret_basic
    QTest::keyClicks(w.find<QLineEdit>(u"profileIssuer"_s), sandbox.tenant().issuer().toString());
    QTest::keyClicks(w.find<QLineEdit>(u"profileClientId"_s), sandbox.tenant().m2mClientId());
    QTest::keyClicks(w.find<QLineEdit>(u"profileClientSecret"_s), sandbox.tenant().m2mClientSecret());
    QTest::keyClicks(w.find<QLineEdit>(u"profileAudience"_s), sandbox.tenant().audience());
    QTest::keyClicks(w.find<QLineEdit>(u"profileApiBase"_s), sandbox.tenant().apiBaseUrl().toString());
    QTest::mouseClick(w.find<QPushButton>(u"saveProfileButton"_s), Qt::LeftButton);
    QTRY_COMPARE(w.find<QListWidget>(u"profileList"_s)->count(), 2);
    QVERIFY(!w.find<QPushButton>(u"switchUserButton"_s)->isEnabled());

    QVERIFY(w.login());
    QVERIFY(w.find<QLabel>(u"loginSummary"_s)->text().contains(u"tokenlab-m2m@clients"_s));
    QVERIFY(w.browser.lastUrl().isEmpty()); // no browser for a machine
    w.find<QTabWidget>(u"mainTabs"_s)->setCurrentWidget(w.find<QWidget>(u"apiTab"_s));
    QVERIFY(w.clickAndWaitForCall(u"scopedButton"_s));
    QVERIFY2(w.find<QLabel>(u"apiStatus"_s)->text().startsWith(u"200 OK"_s), qPrintable(w.find<QLabel>(u"apiStatus"_s)->text()));

    QFile file(w.profiles.path());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(text.contains("\"grant\": \"client_credentials\""));
    QVERIFY(text.contains("\"client_auth\": \"client_secret_basic\""));
    QVERIFY(!text.contains(sandbox.tenant().m2mClientSecret().toUtf8()));
}

QTEST_MAIN(TestLifecycleWindow)
#include "tst_lifecyclewindow.moc"
