// SPDX-License-Identifier: MIT
// Secret variables in the API tab, with a real keychain (gnome-keyring in a
// private D-Bus session): a value marked secret goes to the keychain only,
// never to requests/*.json or the history; a request that uses it gets the
// value, and the request as sent shows it redacted; after a restart the
// table knows the secret without showing it, and a secret without a value
// is refused with a sentence.
#include "api/requesthistory.h"
#include "api/savedrequests.h"
#include "gui/apiconsole.h"
#include "support/windowfixture.h"

#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QFileInfo>

#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStatusBar>
#include <QTableWidget>
#include <QTabWidget>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString Secret = u"k3y-only-in-the-keychain-7f3a"_s;
const QString ShortSecret = u"q+7/"_s; // under 8 bytes, and a URL encodes it

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

void showVariables(WindowFixture &w)
{
    w.showTab(u"apiTab"_s);
    w.find<QTabWidget>(u"apiSidebar"_s)->setCurrentWidget(w.find<QWidget>(u"variablesEditor"_s));
}

} // namespace

class TestWorkbenchSecrets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void secretVariable();
};

void TestWorkbenchSecrets::secretVariable()
{
    SandboxFixture sandbox(AutoApprove{u"alice"_s, {}});
    QVERIFY(sandbox.started());
    WindowFixture w(sandbox, {1024, 640});
    QVERIFY(w.login());
    showVariables(w);
    auto *vars = w.find<QTableWidget>(u"variablesTable"_s);
    vars->setItem(0, 0, new QTableWidgetItem(u"apikey"_s));
    vars->setItem(0, 1, new QTableWidgetItem(Secret));
    vars->item(0, 2)->setCheckState(Qt::Checked);
    QTest::mouseClick(w.find<QPushButton>(u"variablesApplyButton"_s), Qt::LeftButton);
    QVERIFY2(w.window.statusBar()->currentMessage().contains(u"Saved 1 variable"_s), qPrintable(w.window.statusBar()->currentMessage()));
    QCOMPARE(vars->item(0, 1)->text(), QString()); // known, not shown

    // Used in a header: sent with the value, shown redacted even with the token revealed.
    auto *line = w.find<QLineEdit>(u"requestLine"_s);
    line->setFocus();
    line->selectAll();
    QTest::keyClicks(line, u"/api/private"_s);
    auto *headers = w.find<QTableWidget>(u"requestHeaders"_s);
    headers->setItem(0, 0, new QTableWidgetItem(u"X-Which"_s));
    headers->setItem(0, 1, new QTableWidgetItem(u"{{apikey}}"_s));
    auto *history = w.find<QListView>(u"historyList"_s);
    const int before = history->model()->rowCount();
    QTest::keyClick(line, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(history->model()->rowCount(), before + 1, 15000);
    QVERIFY2(w.find<QLabel>(u"apiStatus"_s)->text().startsWith(u"200"_s), qPrintable(w.find<QLabel>(u"apiStatus"_s)->text()));
    auto *view = w.find<QPlainTextEdit>(u"requestView"_s);
    QVERIFY2(view->toPlainText().contains(u"X-Which: [redacted]"_s), qPrintable(view->toPlainText()));
    w.find<QCheckBox>(u"revealTokenCheck"_s)->setChecked(true);
    QVERIFY2(view->toPlainText().contains(u"X-Which: [redacted]"_s), qPrintable(view->toPlainText()));
    QVERIFY(view->toPlainText().contains(w.sessions.find(u"sandbox"_s)->tokens()->accessToken));
    w.find<QCheckBox>(u"revealTokenCheck"_s)->setChecked(false);
    WindowFixture::screenshot(&w.window, u"workbench-secret-variable"_s);
    // Copy as curl carries the call as sent, and says that a secret is in it.
    QTest::mouseClick(w.find<QPushButton>(u"copyCurlButton"_s), Qt::LeftButton);
    QVERIFY(QGuiApplication::clipboard()->text().contains(Secret));
    QVERIFY2(w.window.statusBar()->currentMessage().contains(u"It holds the value of a secret variable: do not share it."_s),
             qPrintable(w.window.statusBar()->currentMessage()));

    // A short secret with characters a URL encodes, in the query: hidden as sent and as encoded.
    showVariables(w);
    vars->setItem(1, 0, new QTableWidgetItem(u"pin"_s));
    vars->setItem(1, 1, new QTableWidgetItem(ShortSecret));
    vars->item(1, 2)->setCheckState(Qt::Checked);
    QTest::mouseClick(w.find<QPushButton>(u"variablesApplyButton"_s), Qt::LeftButton);
    QVERIFY2(w.window.statusBar()->currentMessage().contains(u"Saved 2 variables"_s), qPrintable(w.window.statusBar()->currentMessage()));
    headers->setItem(0, 1, new QTableWidgetItem(u"static"_s));
    line->setFocus();
    line->selectAll();
    QTest::keyClicks(line, u"/api/public?pin={{pin}}"_s);
    QTest::keyClick(line, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(history->model()->rowCount(), before + 2, 15000);
    const QString shortSent = view->toPlainText();
    QVERIFY2(!shortSent.contains(ShortSecret) && !shortSent.contains(QString::fromLatin1(QUrl::toPercentEncoding(ShortSecret))),
             qPrintable(shortSent));
    QVERIFY2(shortSent.contains(u"pin=[redacted]"_s) || shortSent.contains(u"pin=%5Bredacted%5D"_s), qPrintable(shortSent));

    // Nothing of it in TokenLab's files: the variables file names it, the history does not hold it.
    const QString directory = w.dir.filePath(u"tokenlab"_s);
    const QByteArray files = filesUnder(directory);
    QVERIFY(files.contains("/api/private"));
    QVERIFY(!files.contains(Secret.toUtf8()));
    QVERIFY(!files.contains(ShortSecret.toUtf8()));
    QVERIFY(!files.contains(QUrl::toPercentEncoding(ShortSecret)));
    QFile variables(SavedRequests(directory, u"sandbox"_s).path());
    QVERIFY(variables.open(QIODevice::ReadOnly));
    QVERIFY(variables.readAll().contains("\"apikey\""));

    // A later run: the secret is known without being shown; a new secret without a value is refused.
    ApiConsole later(&w.network);
    later.setDataDirectory(directory);
    later.setKeychainService(w.tokens.scope());
    later.setSession(w.sessions.find(u"sandbox"_s));
    auto *laterVars = later.findChild<QTableWidget *>(u"variablesTable"_s);
    QCOMPARE(laterVars->item(0, 0)->text(), u"apikey"_s);
    QCOMPARE(laterVars->item(0, 2)->checkState(), Qt::Checked);
    QCOMPARE(laterVars->item(0, 1)->text(), QString());
    QCOMPARE(laterVars->item(1, 0)->text(), u"pin"_s);
    laterVars->setItem(2, 0, new QTableWidgetItem(u"other"_s));
    laterVars->item(2, 2)->setCheckState(Qt::Checked);
    QString said;
    connect(&later, &ApiConsole::statusMessage, this, [&said](const QString &s) { said = s; });
    QTest::mouseClick(later.findChild<QPushButton *>(u"variablesApplyButton"_s), Qt::LeftButton);
    QVERIFY2(said.contains(u"The secret variable other needs a value."_s) || later.findChild<QLabel *>(u"apiStatus"_s)->text().contains(u"needs a value"_s),
             qPrintable(said + later.findChild<QLabel *>(u"apiStatus"_s)->text()));
}

QTEST_MAIN(TestWorkbenchSecrets)
#include "tst_workbenchsecrets.moc"
