// SPDX-License-Identifier: MIT
// The API tab as a workbench, driven by objectName as a user would: calls
// stay in the history across a restart without their token, any can be
// sent again or opened in the editor; a request with {{variables}} is
// saved in a folder (Ctrl+S), run with Enter, renamed and deleted after a
// confirmation; an unknown variable is a sentence and nothing is sent;
// {{token}} is redacted in the request as sent; bodies are shown by type,
// a large one cut with a way to save it all. Screenshots at 1024×640.
#include "api/requesthistory.h"
#include "gui/apiconsole.h"
#include "http/localhttpserver.h"
#include "session/session.h"
#include "support/windowfixture.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStatusBar>
#include <QTableWidget>
#include <QTabWidget>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

namespace {

const AutoApprove Alice{u"alice"_s, QStringList{u"openid"_s, u"profile"_s, u"email"_s, u"offline_access"_s, u"read:messages"_s}};

QByteArray filesUnder(const QString &dir)
{
    QByteArray all;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly))
            all += f.readAll();
    }
    return all;
}

struct Bench
{
    explicit Bench(WindowFixture &w) : w(w)
    {
        api = w.find<ApiConsole>(u"apiConsole"_s);
        history = w.find<QListView>(u"historyList"_s);
        line = w.find<QLineEdit>(u"requestLine"_s);
        status = w.find<QLabel>(u"apiStatus"_s);
        explanation = w.find<QLabel>(u"apiExplanation"_s);
    }
    int rows() const { return history->model()->rowCount(); }
    QString row(int r) const { return history->model()->index(r, 0).data().toString(); }
    bool click(const QString &button)
    {
        const int before = rows();
        QTest::mouseClick(w.find<QPushButton>(button), Qt::LeftButton);
        return QTest::qWaitFor([&] { return rows() == before + 1; }, 10000);
    }
    void select(int r) { history->setCurrentIndex(history->model()->index(r, 0)); }
    void type(const QString &text)
    {
        line->setFocus();
        line->selectAll();
        QTest::keyClicks(line, text);
    }
    void sidebar(const QString &page)
    {
        auto *tabs = w.find<QTabWidget>(u"apiSidebar"_s);
        tabs->setCurrentWidget(w.find<QWidget>(page));
    }

    WindowFixture &w;
    ApiConsole *api;
    QListView *history;
    QLineEdit *line;
    QLabel *status;
    QLabel *explanation;
};

} // namespace

class TestWorkbench : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void historyResendEditRestart();
    void savedRequestsAndVariables();
    void bodiesByType();
};

void TestWorkbench::historyResendEditRestart()
{
    SandboxFixture sandbox(Alice);
    QVERIFY(sandbox.started());
    WindowFixture w(sandbox, {1024, 640});
    QVERIFY(w.login());
    w.showTab(u"apiTab"_s);
    Bench b(w);
    WindowFixture::screenshot(&w.window, u"workbench-empty"_s);

    QVERIFY(b.click(u"publicButton"_s));
    QVERIFY(b.click(u"privateButton"_s));
    QVERIFY2(b.status->text().startsWith(u"200 OK"_s), qPrintable(b.status->text()));
    QCOMPARE(b.line->text(), u"/api/private"_s);

    // Re-send the first call as it was.
    b.select(0);
    QVERIFY(b.click(u"resendButton"_s));
    QVERIFY2(b.row(2).contains(u"GET /api/public"_s), qPrintable(b.row(2)));
    // Open the second in the editor, change it, send it.
    b.select(1);
    QVERIFY(b.status->text().startsWith(u"200 OK"_s));
    QTest::mouseClick(w.find<QPushButton>(u"editButton"_s), Qt::LeftButton);
    QCOMPARE(b.line->text(), u"/api/private"_s);
    QCOMPARE(w.find<QComboBox>(u"methodCombo"_s)->currentText(), u"GET"_s);
    b.type(u"/api/nothing"_s);
    const int before = b.rows();
    QTest::keyClick(b.line, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(b.rows(), before + 1, 10000);
    QVERIFY2(b.explanation->text().contains(u"Nothing is at /api/nothing (404)"_s), qPrintable(b.explanation->text()));
    WindowFixture::screenshot(&w.window, u"workbench-history"_s);

    // A call another process adds (tokenlab-cli call) shows without any click.
    ApiExchange fromCli;
    fromCli.request.url = QUrl(sandbox.tenant().apiBaseUrl().toString() + u"/api/public"_s);
    fromCli.status = 200;
    fromCli.outcome = ApiOutcome::Success;
    QString error;
    QVERIFY(RequestHistory(w.dir.filePath(u"tokenlab"_s), u"sandbox"_s)
                    .append(HistoryEntry::from(fromCli, u"(cli)"_s, QDateTime::currentDateTimeUtc()), &error));
    QTRY_COMPARE(b.rows(), before + 2);
    QVERIFY(b.row(b.rows() - 1).contains(u"(cli)"_s));
    QVERIFY(b.status->text().startsWith(u"404"_s)); // what was shown stays shown

    // No token in the files, though every call carried one.
    const QString token = w.sessions.find(u"sandbox"_s)->tokens()->accessToken;
    const QByteArray files = filesUnder(w.dir.filePath(u"tokenlab/history"_s));
    QVERIFY(files.contains("/api/private"));
    QVERIFY(!files.contains(token.toLatin1()));
    QVERIFY(!files.contains(token.section(u'.', 2).toLatin1()));

    // A later run of TokenLab shows the same calls, read from the files.
    ApiConsole later(&w.network);
    later.setDataDirectory(w.dir.filePath(u"tokenlab"_s));
    later.setSession(w.sessions.find(u"sandbox"_s));
    auto *laterList = later.findChild<QListView *>(u"historyList"_s);
    QCOMPARE(laterList->model()->rowCount(), 5);
    laterList->setCurrentIndex(laterList->model()->index(1, 0));
    QVERIFY(later.findChild<QLabel *>(u"apiStatus"_s)->text().startsWith(u"200 OK"_s));
    QVERIFY(later.findChild<QPlainTextEdit *>(u"responseBody"_s)->toPlainText().contains(u"Hello from a private endpoint"_s));
    const QString laterSent = later.findChild<QPlainTextEdit *>(u"requestView"_s)->toPlainText();
    QVERIFY2(laterSent.contains(u"Authorization: Bearer [redacted]"_s), qPrintable(laterSent));
    QVERIFY(!later.findChild<QCheckBox *>(u"revealTokenCheck"_s)->isEnabled());
}

void TestWorkbench::savedRequestsAndVariables()
{
    SandboxFixture sandbox(Alice);
    QVERIFY(sandbox.started());
    WindowFixture w(sandbox, {1024, 640});
    QVERIFY(w.login());
    w.showTab(u"apiTab"_s);
    Bench b(w);

    // A variable of the profile.
    b.sidebar(u"variablesEditor"_s);
    auto *vars = w.find<QTableWidget>(u"variablesTable"_s);
    vars->item(0, 0) ? vars->item(0, 0)->setText(u"which"_s) : vars->setItem(0, 0, new QTableWidgetItem(u"which"_s));
    vars->setItem(0, 1, new QTableWidgetItem(u"private"_s));
    QTest::mouseClick(w.find<QPushButton>(u"variablesApplyButton"_s), Qt::LeftButton);
    QVERIFY2(w.window.statusBar()->currentMessage().contains(u"Saved 1 variable"_s), qPrintable(w.window.statusBar()->currentMessage()));
    WindowFixture::screenshot(&w.window, u"workbench-variables"_s);

    // An unknown one is a sentence, and nothing is sent.
    const int before = b.rows();
    b.type(u"{{base}}/api/{{wich}}"_s);
    QTest::keyClick(b.line, Qt::Key_Return);
    QTRY_VERIFY2(b.explanation->text().contains(u"The variable {{wich}} is not defined for this profile (defined: base, token, which)"_s),
                 qPrintable(b.explanation->text()));
    QTest::qWait(200);
    QCOMPARE(b.rows(), before);

    // Compose, save in a folder with Ctrl+S.
    b.type(u"{{base}}/api/{{which}}"_s);
    auto *headers = w.find<QTableWidget>(u"requestHeaders"_s);
    headers->setItem(0, 0, new QTableWidgetItem(u"X-Which"_s));
    headers->setItem(0, 1, new QTableWidgetItem(u"{{which}}"_s));
    b.sidebar(u"savedPanel"_s);
    auto *name = w.find<QLineEdit>(u"savedNameLine"_s);
    name->setText(u"team/private call"_s);
    b.line->setFocus();
    QTest::keySequence(&w.window, QKeySequence::Save);
    auto *tree = w.find<QTreeWidget>(u"savedTree"_s);
    QTRY_COMPARE(tree->topLevelItemCount(), 1);
    QCOMPARE(tree->topLevelItem(0)->text(0), u"team"_s);
    QCOMPARE(tree->topLevelItem(0)->child(0)->text(0), u"GET  private call"_s);
    QVERIFY(w.window.statusBar()->currentMessage().contains(u"Saved the request \"team/private call\""_s));

    // Another request in the editor, then the saved one opened and run with Enter.
    b.type(u"/api/public"_s);
    tree->setFocus();
    tree->setCurrentItem(tree->topLevelItem(0));
    QTest::keyClick(tree, Qt::Key_Down);
    QCOMPARE(b.line->text(), u"{{base}}/api/{{which}}"_s);
    QTest::keyClick(tree, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(b.rows(), before + 1, 10000);
    QVERIFY2(b.status->text().startsWith(u"200 OK"_s), qPrintable(b.status->text() + b.explanation->text()));
    QVERIFY2(b.row(b.rows() - 1).contains(u"team/private call"_s), qPrintable(b.row(b.rows() - 1)));
    const QString sent = w.find<QPlainTextEdit>(u"requestView"_s)->toPlainText();
    QVERIFY2(sent.startsWith(u"GET "_s + sandbox.tenant().apiBaseUrl().toString() + u"/api/private\n"_s), qPrintable(sent));
    QVERIFY(sent.contains(u"X-Which: private"_s));
    WindowFixture::screenshot(&w.window, u"workbench-saved"_s);

    // {{token}} in a body is the token, and the request as sent redacts it.
    auto *bodyType = w.find<QComboBox>(u"bodyTypeCombo"_s);
    bodyType->setCurrentIndex(bodyType->findText(u"JSON"_s));
    w.find<QComboBox>(u"methodCombo"_s)->setCurrentText(u"POST"_s);
    w.find<QPlainTextEdit>(u"requestBody"_s)->setPlainText(u"{\"t\": \"{{token}}\"}"_s);
    b.type(u"/api/public"_s);
    QTest::keyClick(b.line, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(b.rows(), before + 2, 10000);
    const QString token = w.sessions.find(u"sandbox"_s)->tokens()->accessToken;
    const QString posted = w.find<QPlainTextEdit>(u"requestView"_s)->toPlainText();
    QVERIFY2(posted.contains(u"{\"t\": \"[redacted]\"}"_s) && !posted.contains(token), qPrintable(posted));
    QVERIFY(posted.contains(u"Content-Type: application/json"_s));

    // Rename, then Delete with a confirmation.
    tree->setCurrentItem(tree->topLevelItem(0)->child(0));
    name->setText(u"team/renamed"_s);
    QTest::mouseClick(w.find<QPushButton>(u"savedRenameButton"_s), Qt::LeftButton);
    QTRY_COMPARE(tree->topLevelItem(0)->child(0)->text(0), u"GET  renamed"_s);
    QVERIFY(w.window.statusBar()->currentMessage().contains(u"Renamed \"team/private call\" to \"team/renamed\""_s));
    // A folder renamed moves what it holds.
    tree->setCurrentItem(tree->topLevelItem(0));
    QCOMPARE(name->text(), u"team"_s);
    name->setText(u"qa/team"_s);
    QTest::mouseClick(w.find<QPushButton>(u"savedRenameButton"_s), Qt::LeftButton);
    QTRY_COMPARE(tree->topLevelItem(0)->text(0), u"qa"_s);
    QCOMPARE(tree->topLevelItem(0)->child(0)->child(0)->text(0), u"GET  renamed"_s);
    tree->setCurrentItem(tree->topLevelItem(0)->child(0)->child(0));
    bool asked = false;
    QTimer::singleShot(100, this, [&asked] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box || box->objectName() != u"confirmDeleteSaved"_s)
            return;
        asked = box->text().contains(u"\"qa/team/renamed\""_s);
        box->button(QMessageBox::Yes)->click();
    });
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_Delete);
    QVERIFY(asked);
    QTRY_COMPARE(tree->topLevelItemCount(), 0);
}

void TestWorkbench::bodiesByType()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    WindowFixture w(sandbox, {1024, 640});
    w.showTab(u"apiTab"_s);
    Bench b(w);
    QByteArray big = "[";
    for (int i = 0; i < 60000; ++i)
        big += "{\"n\":" + QByteArray::number(i) + ",\"name\":\"item\"},";
    big += "{}]";
    LocalHttpServer server([&big](const HttpRequest &r) {
        if (r.path == "/big")
            return HttpResponse::json(200, big);
        if (r.path == "/form") {
            HttpResponse f = HttpResponse::text(200, "a=1&b=x%20y");
            f.setHeader("Content-Type", "application/x-www-form-urlencoded");
            return f;
        }
        HttpResponse png = HttpResponse::text(200, QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
        png.setHeader("Content-Type", "image/png");
        return png;
    });
    QVERIFY(server.listen(QHostAddress::LocalHost));
    const QString origin = u"http://127.0.0.1:%1"_s.arg(server.port());
    auto send = [&](const QString &path) {
        const int before = b.rows();
        b.type(origin + path);
        QTest::keyClick(b.line, Qt::Key_Return);
        return QTest::qWaitFor([&] { return b.rows() == before + 1; }, 10000);
    };
    auto *summary = w.find<QLabel>(u"bodySummary"_s);
    auto *body = w.find<QPlainTextEdit>(u"responseBody"_s);
    QVERIFY(send(u"/big"_s));
    QVERIFY2(summary->text().contains(u"JSON, too large to indent"_s) && summary->text().contains(u"save the body"_s), qPrintable(summary->text()));
    QVERIFY(w.find<QPushButton>(u"saveBodyButton"_s)->isVisible());
    QCOMPARE(body->toPlainText().size(), 256 * 1024);
    WindowFixture::screenshot(&w.window, u"workbench-large-body"_s);
    QVERIFY(send(u"/form"_s));
    QCOMPARE(body->toPlainText(), u"a = 1\nb = x y\n"_s);
    QVERIFY(send(u"/png"_s));
    QVERIFY2(summary->text().startsWith(u"binary (image/png) · 16 bytes"_s), qPrintable(summary->text()));
    QVERIFY(body->toPlainText().startsWith(u"00000000  89 50 4e 47"_s));
    // From the history, the big body is what the history keeps.
    b.select(0);
    QVERIFY2(summary->text().contains(u"the history keeps the first 64 KiB"_s), qPrintable(summary->text()));
    QVERIFY(!w.find<QPushButton>(u"saveBodyButton"_s)->isVisible());
}

QTEST_MAIN(TestWorkbench)
#include "tst_workbench.moc"
