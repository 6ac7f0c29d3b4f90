// SPDX-License-Identifier: MIT
// The API tab after a sandbox login that withheld read:messages: public and
// private answer 200, private-scoped 403 with a sentence naming
// read:messages and a button to log in again asking for it; the request as
// sent shows the Authorization header redacted until revealed; every call
// is in the history, and copies as curl asking tokenlab-cli for the token. And an answer from an
// API that sends no WWW-Authenticate: the missing scope found from the
// body and the plan gets the same button.
#include "api/apiclient.h"
#include "gui/apiconsole.h"
#include "http/localhttpserver.h"
#include "jose/base64url.h"
#include "oauth/discoveryclient.h"
#include "session/loginflow.h"
#include "gui/mainwindow.h"
#include "support/windowfixture.h"
#include "storage/profilestore.h"
#include "support/sandboxfixture.h"
#include "support/testbrowser.h"
#include "storage/tokenstore.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QStatusBar>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

class TestApiConsole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quickstartEndpoints();
    void reconsentWithoutChallenge();
    void dpopFromTheWindow();
};

void TestApiConsole::quickstartEndpoints()
{
    SandboxFixture sandbox(AutoApprove{u"alice"_s, QStringList{u"openid"_s, u"profile"_s, u"email"_s, u"offline_access"_s}});
    QVERIFY(sandbox.started());
    WindowFixture w(sandbox);
    MainWindow &window = w.window;
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    auto *api = window.findChild<QWidget *>(u"apiTab"_s);
    auto *status = api->findChild<QLabel *>(u"apiStatus"_s);
    auto *explanation = api->findChild<QLabel *>(u"apiExplanation"_s);
    auto *history = api->findChild<QListView *>(u"historyList"_s);
    auto click = [&](const QString &button) {
        const int before = history->model()->rowCount();
        QTest::mouseClick(api->findChild<QPushButton *>(button), Qt::LeftButton);
        return QTest::qWaitFor([&] { return history->model()->rowCount() == before + 1; }, 10000);
    };

    // Before logging in: the private endpoint is refused and the reason is said.
    window.findChild<QTabWidget *>(u"mainTabs"_s)->setCurrentWidget(api);
    QVERIFY(click(u"publicButton"_s));
    QVERIFY2(status->text().startsWith(u"200 OK"_s), qPrintable(status->text()));
    QVERIFY(click(u"privateButton"_s));
    QVERIFY2(status->text().startsWith(u"401 Unauthorized"_s), qPrintable(status->text()));
    QVERIFY(explanation->text().contains(u"No token was sent"_s));
    QVERIFY(api->findChild<QLabel *>(u"apiNotes"_s)->text().contains(u"no access token for this profile yet"_s));

    window.findChild<QTabWidget *>(u"mainTabs"_s)->setCurrentIndex(0);
    QTest::mouseClick(window.findChild<QPushButton *>(u"loginButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QLabel *>(u"sessionState"_s)->text().startsWith(u"Signed in"_s), 15000);
    window.findChild<QTabWidget *>(u"mainTabs"_s)->setCurrentWidget(api);

    QVERIFY(click(u"publicButton"_s));
    QVERIFY(status->text().startsWith(u"200 OK"_s));
    QVERIFY(click(u"privateButton"_s));
    QVERIFY2(status->text().startsWith(u"200 OK"_s), qPrintable(status->text() + explanation->text()));
    QVERIFY(api->findChild<QPlainTextEdit *>(u"responseBody"_s)->toPlainText().contains(u"Hello from a private endpoint"_s));
    QVERIFY(click(u"scopedButton"_s));
    QVERIFY2(status->text().startsWith(u"403 Forbidden"_s), qPrintable(status->text()));
    QVERIFY2(explanation->text().contains(u"The token lacks the scope read:messages"_s), qPrintable(explanation->text()));
    QVERIFY(explanation->text().contains(u"it carries openid profile email offline_access"_s));
    auto *again = api->findChild<QPushButton *>(u"loginForScopeButton"_s);
    QVERIFY(again->isVisible());
    QCOMPARE(again->text(), u"Log in again asking for read:messages"_s);

    // The request as sent: the token redacted until revealed.
    auto *requestView = api->findChild<QPlainTextEdit *>(u"requestView"_s);
    QVERIFY(requestView->toPlainText().contains(u"Authorization: Bearer ••••"_s));
    QVERIFY(!requestView->toPlainText().contains(u"eyJ"_s));
    const QString dirShots = qEnvironmentVariable("TOKENLAB_SCREENSHOT_DIR");
    if (!dirShots.isEmpty()) {
        QDir().mkpath(dirShots);
        window.grab().save(dirShots + u"/api-403.png"_s);
    }
    api->findChild<QCheckBox *>(u"revealTokenCheck"_s)->setChecked(true);
    QVERIFY(requestView->toPlainText().contains(u"Authorization: Bearer eyJ"_s));

    QCOMPARE(history->model()->rowCount(), 5);
    QTest::mouseClick(api->findChild<QPushButton *>(u"copyCurlButton"_s), Qt::LeftButton);
    const QString curl = QGuiApplication::clipboard()->text();
    QVERIFY2(curl.startsWith(u"curl -X GET '"_s) && curl.contains(u"\"Authorization: Bearer $(tokenlab-cli token --profile 'sandbox')\""_s)
                     && !curl.contains(u"eyJ"_s),
             qPrintable(curl));
    QVERIFY2(window.statusBar()->currentMessage().startsWith(u"Copied a curl command for GET /api/private-scoped"_s),
             qPrintable(window.statusBar()->currentMessage()));
    QTest::mouseClick(api->findChild<QPushButton *>(u"copyCurlWithTokenButton"_s), Qt::LeftButton);
    QVERIFY(QGuiApplication::clipboard()->text().contains(u"-H 'Authorization: Bearer eyJ"_s));
    QVERIFY(window.statusBar()->currentMessage().contains(u"with the access token itself"_s));

    // Picking an earlier call from the history shows it again.
    history->setCurrentIndex(history->model()->index(2, 0));
    QVERIFY(status->text().startsWith(u"200 OK"_s));

    // The free request line, with Ctrl+Enter.
    auto *line = api->findChild<QLineEdit *>(u"requestLine"_s);
    QCOMPARE(line->text(), u"/api/private-scoped"_s); // the endpoint buttons fill the editor
    line->setFocus();
    line->selectAll();
    QTest::keyClicks(line, u"/api/nothing"_s);
    QTest::keyClick(line, Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE(history->model()->rowCount(), 6);
    QVERIFY(explanation->text().contains(u"Nothing is at /api/nothing (404)"_s));
}

void TestApiConsole::reconsentWithoutChallenge()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    WindowFixture w(sandbox);
    MainWindow &window = w.window;
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *api = window.findChild<ApiConsole *>(u"apiConsole"_s);
    w.showTab(u"apiTab"_s);

    // A real call to an API that puts the reason in the body only.
    LocalHttpServer server([](const HttpRequest &) { return HttpResponse::json(403, R"({"error":"Forbidden","message":"Insufficient scope"})"); });
    QVERIFY(server.listen(QHostAddress::LocalHost));
    Profile profile;
    profile.apiBase = QUrl(u"http://127.0.0.1:%1"_s.arg(server.port()));
    const QJsonObject claims{{u"scope"_s, u"openid profile"_s}, {u"exp"_s, QDateTime::currentSecsSinceEpoch() + 600}};
    TokenSet tokens;
    tokens.accessToken = QString::fromLatin1(Base64Url::encode(R"({"alg":"RS256"})") + '.'
                                             + Base64Url::encode(QJsonDocument(claims).toJson(QJsonDocument::Compact)) + ".c2ln");
    ApiClient client(&w.network, systemClock());
    client.setCredentials(profile.apiBase, tokens);
    ApiRequest request;
    request.url = profile.apiUrl(profile.scopedPath);
    request.expected = ApiExpectations::of(profile, request.method, request.url);
    QSignalSpy done(client.send(request), &ApiCall::finished);
    QVERIFY(done.wait(10000));
    api->showExchange(done.first().at(0).value<ApiExchange>());

    auto *explanation = api->findChild<QLabel *>(u"apiExplanation"_s);
    QVERIFY2(explanation->text().contains(u"The API says: \"Forbidden: Insufficient scope\""_s), qPrintable(explanation->text()));
    QVERIFY(explanation->text().contains(u"it lacks read:messages"_s));
    auto *again = api->findChild<QPushButton *>(u"loginForScopeButton"_s);
    QTRY_VERIFY(again->isVisible());
    QCOMPARE(again->text(), u"Log in again asking for read:messages"_s);
    WindowFixture::screenshot(&window, u"api-403-no-challenge"_s);
    // The window would start that login; here only the request is checked.
    QObject::disconnect(api, &ApiConsole::loginWithScopeRequested, &window, nullptr);
    QSignalSpy asked(api, &ApiConsole::loginWithScopeRequested);
    QTest::mouseClick(again, Qt::LeftButton);
    QCOMPARE(asked.count(), 1);
    QCOMPARE(asked.first().at(0).toString(), u"read:messages"_s);
}

void TestApiConsole::dpopFromTheWindow()
{
    // The sandbox profile with DPoP ticked: a bound login, the Tokens tab says so, the API tab sends proofs.
    SandboxFixture sandbox(AutoApprove{u"alice"_s, {}});
    QVERIFY(sandbox.started());
    WindowFixture w(sandbox);
    MainWindow &window = w.window;
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *tabs = window.findChild<QTabWidget *>(u"mainTabs"_s);
    tabs->setCurrentIndex(0);
    window.findChild<QCheckBox *>(u"profileDpop"_s)->setChecked(true);
    QTest::mouseClick(window.findChild<QPushButton *>(u"saveProfileButton"_s), Qt::LeftButton);
    QTest::mouseClick(window.findChild<QPushButton *>(u"loginButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QLabel *>(u"sessionState"_s)->text().startsWith(u"Signed in"_s), 15000);

    auto *tokenTabs = window.findChild<QTabWidget *>(u"tokenTabs"_s);
    QTRY_COMPARE(tokenTabs->tabText(0), u"A&ccess token (DPoP-bound)"_s);

    auto *api = window.findChild<QWidget *>(u"apiTab"_s);
    tabs->setCurrentWidget(api);
    auto *status = api->findChild<QLabel *>(u"apiStatus"_s);
    auto *history = api->findChild<QListView *>(u"historyList"_s);
    const int before = history->model()->rowCount();
    QTest::mouseClick(api->findChild<QPushButton *>(u"privateButton"_s), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return history->model()->rowCount() == before + 1; }, 10000));
    QVERIFY2(status->text().startsWith(u"200 OK"_s), qPrintable(status->text()));
    const QString sent = api->findChild<QPlainTextEdit *>(u"requestView"_s)->toPlainText();
    QVERIFY2(sent.contains(u"Authorization: DPoP ••••"_s), qPrintable(sent));
    QVERIFY2(sent.contains(u"DPoP: proof  (dpop+jwt ES256, key "_s), qPrintable(sent));
    QVERIFY(sent.contains(u"htm GET"_s) && sent.contains(u"ath "_s));
    // No token or proof in the clear: nothing JWT-shaped (a random jti or thumbprint may hold "eyJ" by chance).
    QVERIFY2(!sent.contains(QRegularExpression(u"eyJ[A-Za-z0-9_-]{8,}\\.eyJ"_s)), qPrintable(sent));
    const QString dirShots = qEnvironmentVariable("TOKENLAB_SCREENSHOT_DIR");
    if (!dirShots.isEmpty()) {
        QDir().mkpath(dirShots);
        window.grab().save(dirShots + u"/api-dpop.png"_s);
    }

    // Copy as curl: a proof made at copy time, and the status bar says how long it is good.
    QTest::mouseClick(api->findChild<QPushButton *>(u"copyCurlButton"_s), Qt::LeftButton);
    const QString curl = QGuiApplication::clipboard()->text();
    QVERIFY2(curl.contains(u"Authorization: DPoP $(tokenlab-cli token"_s), qPrintable(curl));
    QVERIFY2(curl.contains(u"-H 'DPoP: eyJ"_s), qPrintable(curl));
    QVERIFY(window.statusBar()->currentMessage().contains(u"DPoP proof was made now"_s));
}

QTEST_MAIN(TestApiConsole)
#include "tst_apiconsole.moc"
