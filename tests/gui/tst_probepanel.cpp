// SPDX-License-Identifier: MIT
// The Probe tab: after a sandbox login the whole grid is green, a click on
// a cell opens that exchange in the API tab, saying which case it was;
// against an API that accepts alg none and a token sent two ways at once,
// exactly those cells are red and amber, saying why; the reports export.
#include "sandbox/accesstokenverifier.h"
#include "oauth/discoveryclient.h"
#include "jose/jwt.h"
#include "http/localhttpserver.h"
#include "session/loginflow.h"
#include "session/sessionregistry.h"
#include "gui/mainwindow.h"
#include "support/windowfixture.h"
#include "gui/probepanel.h"
#include "storage/profilestore.h"
#include "support/sandboxfixture.h"
#include "support/testbrowser.h"
#include "storage/tokenstore.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QLineEdit>
#include <QListView>
#include <QTest>

using namespace Qt::StringLiterals;

class TestProbePanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void gridAfterLogin();
    void brokenApiTurnsCellsRed();
};

void TestProbePanel::gridAfterLogin()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    WindowFixture w(sandbox);
    MainWindow &window = w.window;
    QTest::mouseClick(window.findChild<QPushButton *>(u"loginButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QLabel *>(u"sessionState"_s)->text().startsWith(u"Signed in"_s), 15000);

    auto *tabs = window.findChild<QTabWidget *>(u"mainTabs"_s);
    tabs->setCurrentWidget(window.findChild<QWidget *>(u"probeTab"_s));
    QTest::mouseClick(window.findChild<QPushButton *>(u"runProbeButton"_s), Qt::LeftButton);
    auto *summary = window.findChild<QLabel *>(u"probeSummary"_s);
    QTRY_VERIFY_WITH_TIMEOUT(summary->text().contains(u" failed"_s), 30000);
    // No narrow token was chosen: the missing-scope cell is the only one not run.
    QVERIFY2(summary->text().contains(u" passed, 0 failed, 1 not run."_s), qPrintable(summary->text()));
    auto *grid = window.findChild<QTableWidget *>(u"probeGrid"_s);
    QCOMPARE(grid->columnCount(), 3);
    QCOMPARE(grid->horizontalHeaderItem(2)->text(), u"GET /api/private-scoped"_s);
    WindowFixture::screenshot(&window, u"probe-green"_s);

    // A click opens the exchange in the API tab.
    int signatureRow = -1;
    for (int r = 0; r < grid->rowCount(); ++r) {
        if (grid->verticalHeaderItem(r)->text() == u"signature-altered")
            signatureRow = r;
    }
    QVERIFY(signatureRow >= 0);
    QCOMPARE(grid->item(signatureRow, 1)->text(), u"✔ 401"_s);
    const QRect cell = grid->visualRect(grid->model()->index(signatureRow, 1));
    QTest::mouseClick(grid->viewport(), Qt::LeftButton, {}, cell.center());
    QTRY_COMPARE(tabs->currentWidget()->objectName(), u"apiTab"_s);
    QVERIFY(window.findChild<QLabel *>(u"apiStatus"_s)->text().startsWith(u"401"_s));
    QVERIFY(window.findChild<QListView *>(u"historyList"_s)->model()->index(0, 0).data().toString().contains(u"(probe)"_s));
    // The cell's request is in the editor, to change and send again.
    QCOMPARE(window.findChild<QLineEdit *>(u"requestLine"_s)->text(), u"/api/private"_s);
    const QString notes = window.findChild<QLabel *>(u"apiNotes"_s)->text();
    QVERIFY2(notes.startsWith(u"Probe case \"signature-altered\" on GET /api/private: the real token with its signature altered. Expected 401; got 401: pass."_s),
             qPrintable(notes));
}

void TestProbePanel::brokenApiTurnsCellsRed()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    const QByteArray token = sandbox.login().tokens.value(u"access_token").toString().toLatin1();
    const AccessTokenVerifier verifier(sandbox.tenant().signingKey().publicJwk(), sandbox.tenant().issuer().toString(), 5, systemClock());
    // Accepts alg none: trusts an unsigned token's claims.
    LocalHttpServer api([&](const HttpRequest &r) {
        if (r.path == "/api/public")
            return HttpResponse::json(200, "{}");
        const auto t = AccessTokenVerifier::bearerToken(r);
        const DecodedJwt jwt = t ? Jwt::decode(*t) : DecodedJwt();
        const bool unsignedOk = t && jwt.ok() && jwt.header.value(u"alg").toString() == u"none";
        const bool ok = unsignedOk || (t && verifier.verify(*t, sandbox.tenant().audience()).ok);
        HttpResponse res = HttpResponse::json(ok ? 200 : 401, "{}");
        if (!ok)
            res.setHeader("WWW-Authenticate", AccessTokenVerifier::challenge(t ? u"invalid_token"_s : QString(), t ? u"bad"_s : QString()));
        return res;
    });
    QVERIFY(api.listen(QHostAddress::LocalHost));
    QNetworkAccessManager network;
    DiscoveryClient discovery(&network);
    MemoryTokenStore store;
    SessionRegistry sessions(SessionServices{&network, &discovery, &store, systemClock()});
    ProbePanel panel(&network, &sessions);
    Profile p;
    p.name = u"broken"_s;
    p.apiBase = QUrl(u"http://127.0.0.1:%1"_s.arg(api.port()));
    TokenSet tokens;
    tokens.accessToken = QString::fromLatin1(token);
    tokens.obtainedAt = QDateTime::currentDateTimeUtc();
    tokens.expiresAt = tokens.obtainedAt.addSecs(3600);
    Session *session = sessions.session(p);
    session->signedIn(tokens); // the probe reads the token from the session when it runs
    panel.setSession(session);
    panel.resize(1200, 500);
    panel.show();
    QTest::mouseClick(panel.findChild<QPushButton *>(u"runProbeButton"_s), Qt::LeftButton);
    auto *summary = panel.findChild<QLabel *>(u"probeSummary"_s);
    QTRY_VERIFY_WITH_TIMEOUT(summary->text().contains(u" failed"_s), 30000);
    QVERIFY2(summary->text().contains(u"2 warnings, 2 failed"_s), qPrintable(summary->text()));
    QVERIFY(summary->text().contains(u"alg-none"_s));
    auto *grid = panel.findChild<QTableWidget *>(u"probeGrid"_s);
    QStringList red;
    QStringList amber;
    for (int r = 0; r < grid->rowCount(); ++r) {
        for (int c = 0; c < grid->columnCount(); ++c) {
            QTableWidgetItem *item = grid->item(r, c);
            if (item && item->text().startsWith(u"✘"_s)) {
                red << grid->verticalHeaderItem(r)->text();
                QVERIFY(item->toolTip().contains(u"the API takes the algorithm from the token"_s));
            }
            if (item && item->text().startsWith(u"⚠"_s)) {
                amber << grid->verticalHeaderItem(r)->text();
                QVERIFY(item->toolTip().contains(u"RFC 6750 3.1 says such a request is invalid_request"_s));
            }
        }
    }
    QCOMPARE(red, (QStringList{u"alg-none"_s, u"alg-none"_s}));
    QCOMPARE(amber, (QStringList{u"header-and-query"_s, u"header-and-query"_s}));
    WindowFixture::screenshot(&panel, u"probe-broken"_s);

    // The reports export: JSON with the grades, CSV with a row per cell.
    QTemporaryDir dir;
    QString why;
    QVERIFY2(panel.exportTo(u"json"_s, dir.filePath(u"cells.json"_s), &why), qPrintable(why));
    QFile json(dir.filePath(u"cells.json"_s));
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonObject summaryJson = QJsonDocument::fromJson(json.readAll()).object().value(u"summary").toObject();
    QCOMPARE(summaryJson.value(u"fail").toInt(), 2);
    QCOMPARE(summaryJson.value(u"warn").toInt(), 2);
    QVERIFY2(panel.exportTo(u"csv"_s, dir.filePath(u"cells.csv"_s), &why), qPrintable(why));
    QVERIFY(!panel.exportTo(u"junit"_s, dir.filePath(u"missing/dir/cells.xml"_s), &why));
    QVERIFY2(why.startsWith(u"Cannot write "_s), qPrintable(why));
    QVERIFY(panel.findChild<QPushButton *>(u"probeExport_junit"_s)->isEnabled());
}

QTEST_MAIN(TestProbePanel)
#include "tst_probepanel.moc"
