// SPDX-License-Identifier: MIT
// The hardened clients from the window, against the in-process sandbox made
// strict from its Sandbox menu: a login pushed through PAR, a sample API
// that takes DPoP only (with nonces demanded), and a client-credentials
// token with private_key_jwt whose key the profile editor made and copied.
#include "sandbox/sandboxswitches.h"
#include "support/windowfixture.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

class TestHardenedWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parRequiredBySandbox();
    void dpopRequiredApi();
    void privateKeyJwtClientCredentials();

private:
    static void tick(WindowFixture &w, const QString &action, bool on)
    {
        QAction *a = w.find<QAction>(action);
        QVERIFY(a->isCheckable());
        if (a->isChecked() != on)
            a->trigger(); // as a click in the Sandbox menu does
        QCOMPARE(a->isChecked(), on);
    }
    // Clicks Log in and waits for this login's own outcome (the session may be signed in already).
    static bool logIn(WindowFixture &w)
    {
        QTest::mouseClick(w.find<QPushButton>(u"loginButton"_s), Qt::LeftButton);
        if (w.flowState().startsWith(u"Logged in as"_s))
            return false; // the click started nothing
        return QTest::qWaitFor([&] { return w.flowState().startsWith(u"Logged in as"_s) && w.sessionState().startsWith(u"Signed in"_s); },
                               15000);
    }
    // Clicks the API tab's button and waits for the history to grow; the status line.
    static QString call(WindowFixture &w, const QString &button)
    {
        auto *api = w.find<QWidget>(u"apiTab"_s);
        w.showTab(u"apiTab"_s);
        auto *history = api->findChild<QListView *>(u"historyList"_s);
        const int before = history->model()->rowCount();
        QTest::mouseClick(api->findChild<QPushButton *>(button), Qt::LeftButton);
        if (!QTest::qWaitFor([&] { return history->model()->rowCount() == before + 1; }, 10000))
            return u"(no answer)"_s;
        return api->findChild<QLabel *>(u"apiStatus"_s)->text();
    }
};

void TestHardenedWindow::parRequiredBySandbox()
{
    SandboxFixture sandbox(AutoApprove{u"alice"_s, {}});
    QVERIFY(sandbox.started());
    WindowFixture w(sandbox);
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    auto *menu = w.find<QMenu>(u"sandboxMenu"_s);
    QVERIFY(w.window.menuBar()->actions().constFirst()->menu()->actions().contains(menu->menuAction())); // File ▸ Sandbox tenant
    tick(w, u"sandboxRequirePar"_s, true);
    QVERIFY(sandbox.tenant().switches().requirePar);

    // The profile does not ask for PAR: the issuer's metadata makes the login push.
    QVERIFY(!w.find<QCheckBox>(u"profilePar"_s)->isChecked());
    QSignalSpy visited(&w.browser, &TestBrowser::visited);
    QVERIFY2(logIn(w), qPrintable(w.flowState()));
    QVERIFY2(w.flowState().contains(u"the authorization request was pushed first (PAR)"_s), qPrintable(w.flowState()));
    QVERIFY(!visited.isEmpty());
    const QUrl opened = visited.first().first().toUrl(); // what the browser was given
    QCOMPARE(opened.path(), u"/authorize"_s);
    QVERIFY2(QUrlQuery(opened).hasQueryItem(u"request_uri"_s), qPrintable(opened.toString()));
    QVERIFY2(!QUrlQuery(opened).hasQueryItem(u"code_challenge"_s), qPrintable(opened.toString()));
    WindowFixture::screenshot(&w.window, u"login-par"_s);

    // Switched off again: the next login goes the plain way.
    tick(w, u"sandboxRequirePar"_s, false);
    QVERIFY(!sandbox.tenant().switches().requirePar);
    QVERIFY2(logIn(w), qPrintable(w.flowState()));
    QVERIFY2(!w.flowState().contains(u"PAR"_s), qPrintable(w.flowState()));
}

void TestHardenedWindow::dpopRequiredApi()
{
    SandboxFixture sandbox(AutoApprove{u"alice"_s, {}});
    QVERIFY(sandbox.started());
    WindowFixture w(sandbox);
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    tick(w, u"sandboxApiDpop"_s, true);
    tick(w, u"sandboxDpopNonce"_s, true);
    QCOMPARE(sandbox.tenant().switches().apiDpop, ApiDpopMode::Required);

    // A Bearer token: refused, and the window says the API takes DPoP only.
    QVERIFY2(logIn(w), qPrintable(w.flowState()));
    const QString refused = call(w, u"privateButton"_s);
    QVERIFY2(refused.startsWith(u"401"_s), qPrintable(refused));
    auto *explanation = w.find<QWidget>(u"apiTab"_s)->findChild<QLabel *>(u"apiExplanation"_s);
    QVERIFY(explanation);
    QVERIFY2(explanation->text().contains(u"DPoP"_s), qPrintable(explanation->text()));
    WindowFixture::screenshot(&w.window, u"api-dpop-required-bearer"_s);

    // DPoP ticked in the profile: a bound login (nonce demanded at the token
    // endpoint), and the API answers 200 after its own nonce round.
    w.find<QTabWidget>(u"mainTabs"_s)->setCurrentIndex(0);
    w.find<QCheckBox>(u"profileDpop"_s)->setChecked(true);
    QTest::mouseClick(w.find<QPushButton>(u"saveProfileButton"_s), Qt::LeftButton);
    QVERIFY2(logIn(w), qPrintable(w.flowState()));
    QVERIFY2(w.flowState().contains(u"bound to the profile's DPoP key"_s), qPrintable(w.flowState()));
    const QString ok = call(w, u"privateButton"_s);
    QVERIFY2(ok.startsWith(u"200"_s), qPrintable(ok));
    const QString sent = w.find<QPlainTextEdit>(u"requestView"_s)->toPlainText();
    QVERIFY2(sent.contains(u"Authorization: DPoP ••••"_s), qPrintable(sent));
    QVERIFY2(sent.contains(u"nonce"_s), qPrintable(sent));
    WindowFixture::screenshot(&w.window, u"api-dpop-required"_s);
}

void TestHardenedWindow::privateKeyJwtClientCredentials()
{
    SandboxFixture sandbox(AutoApprove{u"alice"_s, {}});
    QVERIFY(sandbox.started());
    WindowFixture w(sandbox);
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));

    // A new machine-to-machine profile whose client proves itself with a key.
    QTest::mouseClick(w.find<QPushButton>(u"newProfileButton"_s), Qt::LeftButton);
    auto *name = w.find<QLineEdit>(u"profileName"_s);
    name->clear();
    QTest::keyClicks(name, u"batch"_s);
    QTest::keyClicks(w.find<QLineEdit>(u"profileIssuer"_s), sandbox.tenant().issuer().toString());
    QTest::keyClicks(w.find<QLineEdit>(u"profileClientId"_s), u"to-be-registered"_s);
    QTest::keyClicks(w.find<QLineEdit>(u"profileAudience"_s), sandbox.tenant().audience());
    QTest::keyClicks(w.find<QLineEdit>(u"profileApiBase"_s), sandbox.tenant().apiBaseUrl().toString());
    w.find<QComboBox>(u"profileGrant"_s)->setCurrentIndex(1);
    w.find<QComboBox>(u"profileClientAuth"_s)->setCurrentIndex(2); // private_key_jwt
    QTest::mouseClick(w.find<QPushButton>(u"saveProfileButton"_s), Qt::LeftButton);
    QTRY_VERIFY(w.profiles.profile(u"batch"_s));

    // Copy public key, and register it at the sandbox as a user would at their issuer.
    QGuiApplication::clipboard()->clear();
    QTest::mouseClick(w.find<QPushButton>(u"profileClientKey"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!QGuiApplication::clipboard()->text().isEmpty(), 15000);
    const QJsonObject jwk = QJsonDocument::fromJson(QGuiApplication::clipboard()->text().toUtf8()).object();
    QVERIFY(!jwk.contains(u"d"_s));
    const QJsonObject metadata{{u"client_name"_s, u"batch"_s},
                               {u"token_endpoint_auth_method"_s, u"private_key_jwt"_s},
                               {u"grant_types"_s, QJsonArray{u"client_credentials"_s}},
                               {u"jwks"_s, QJsonObject{{u"keys"_s, QJsonArray{jwk}}}}};
    const HttpResult registered = sandbox.http().post(sandbox.url(u"/oidc/register"_s),
                                                      QJsonDocument(metadata).toJson(QJsonDocument::Compact), "application/json");
    QCOMPARE(registered.status, 201);
    const QString clientId = registered.json().value(u"client_id"_s).toString();
    auto *client = w.find<QLineEdit>(u"profileClientId"_s);
    client->clear();
    QTest::keyClicks(client, clientId);
    QTest::mouseClick(w.find<QPushButton>(u"saveProfileButton"_s), Qt::LeftButton);
    QTRY_COMPARE(w.profiles.profile(u"batch"_s)->clientId, clientId);

    // Get a token: a fresh assertion signed with that key, no secret anywhere.
    QVERIFY2(logIn(w), qPrintable(w.flowState()));
    const QString ok = call(w, u"privateButton"_s);
    QVERIFY2(ok.startsWith(u"200"_s), qPrintable(ok));
    WindowFixture::screenshot(&w.window, u"client-credentials-private-key-jwt"_s);

    // Renamed: the key (registered at the issuer) and the tokens go along, so
    // the profile is still signed in and its next token needs no new registration.
    w.find<QTabWidget>(u"mainTabs"_s)->setCurrentIndex(0);
    name = w.find<QLineEdit>(u"profileName"_s);
    name->clear();
    QTest::keyClicks(name, u"nightly-batch"_s);
    QTest::mouseClick(w.find<QPushButton>(u"saveProfileButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(w.profiles.profile(u"nightly-batch"_s), 10000);
    QVERIFY(!w.profiles.profile(u"batch"_s));
    QTRY_VERIFY_WITH_TIMEOUT(w.listEntry(u"nightly-batch"_s).contains(u"signed in"_s), 10000);
    QTRY_VERIFY2(w.find<QPlainTextEdit>(u"activityLog"_s)->toPlainText().contains(u"Moved the tokens, client key, history of batch to nightly-batch"_s),
                 qPrintable(w.find<QPlainTextEdit>(u"activityLog"_s)->toPlainText()));
    QVERIFY2(logIn(w), qPrintable(w.flowState()));
    QVERIFY2(call(w, u"privateButton"_s).startsWith(u"200"_s), qPrintable(w.flowState()));
}

QTEST_MAIN(TestHardenedWindow)
#include "tst_hardenedwindow.moc"
