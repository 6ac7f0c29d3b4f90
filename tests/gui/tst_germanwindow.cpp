// SPDX-License-Identifier: MIT
// The main window in German, as LANG=de_DE.UTF-8 shows it: the translation
// is installed the way the executables install it (TestLanguage), the
// window signs in to the sandbox, and each main tab is shown at 1024x640
// and saved as a screenshot (german-login.png, ...) to look at. On every
// tab, no visible label, button, check box, tab or column title still shows
// an English text the German translation has another word for, and no
// button or check box is narrower than its text. After a probe run, the
// Probe tab's case titles, verdicts and summary are German too, while the
// JSON export stays English (german-probe-run.png).
#include "support/language.h"
#include "support/windowfixture.h"
#include "gui/probepanel.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenuBar>
#include <QPushButton>
#include <QSet>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

class TestGermanWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tabsSpeakGerman_data();
    void tabsSpeakGerman();
    void probeRunSpeaksGerman();
};

namespace {

QString plain(QString text)
{
    return text.remove(u'&');
}

// The English texts the German translation says otherwise, without mnemonics.
QSet<QString> englishWithAGermanWord()
{
    QSet<QString> english;
    const QHash<QString, QString> pairs = TestLanguage::shippedPairs(u"de"_s);
    for (auto it = pairs.begin(); it != pairs.end(); ++it) {
        if (plain(it.key()) != plain(it.value()))
            english.insert(plain(it.key()));
    }
    return english;
}

// Every text a user sees on the window as it stands: "what: text".
QStringList visibleTexts(QWidget *window)
{
    QStringList texts;
    auto add = [&texts](const QString &what, const QString &text) {
        if (!text.trimmed().isEmpty())
            texts << what + u": "_s + text;
    };
    if (auto *main = qobject_cast<QMainWindow *>(window)) {
        for (QAction *menu : main->menuBar()->actions())
            add(u"menu"_s, menu->text());
    }
    for (QWidget *w : window->findChildren<QWidget *>()) {
        if (!w->isVisibleTo(window))
            continue;
        const QString name = w->objectName().isEmpty() ? QString::fromLatin1(w->metaObject()->className()) : w->objectName();
        if (auto *b = qobject_cast<QAbstractButton *>(w))
            add(name, b->text());
        else if (auto *l = qobject_cast<QLabel *>(w); l && l->textFormat() != Qt::RichText)
            add(name, l->text());
        else if (auto *g = qobject_cast<QGroupBox *>(w))
            add(name, g->title());
        else if (auto *e = qobject_cast<QLineEdit *>(w))
            add(name + u" placeholder"_s, e->placeholderText());
        else if (auto *bar = qobject_cast<QTabBar *>(w)) {
            for (int i = 0; i < bar->count(); ++i)
                add(name + u" tab"_s, bar->tabText(i));
        } else if (auto *tree = qobject_cast<QTreeWidget *>(w)) {
            for (int c = 0; c < tree->columnCount(); ++c)
                add(name + u" column"_s, tree->headerItem()->text(c));
        }
        if (!w->toolTip().isEmpty())
            add(name + u" tooltip"_s, w->toolTip());
    }
    return texts;
}

} // namespace

void TestGermanWindow::tabsSpeakGerman_data()
{
    QTest::addColumn<QString>("tab");
    QTest::addColumn<QString>("shot");
    QTest::newRow("Login") << u"loginTab"_s << u"german-login"_s;
    QTest::newRow("Tokens") << u"tokensTab"_s << u"german-tokens"_s;
    QTest::newRow("API") << u"apiTab"_s << u"german-api"_s;
    QTest::newRow("Probe") << u"probeTab"_s << u"german-probe"_s;
}

void TestGermanWindow::tabsSpeakGerman()
{
    QFETCH(QString, tab);
    QFETCH(QString, shot);
    TestLanguage german(QLocale(QLocale::German, QLocale::Germany));
    QVERIFY2(!german.loaded().isEmpty(), "the build has no German translation (build the target tokenlab_translations)");
    const QSet<QString> english = englishWithAGermanWord();
    QVERIFY2(english.contains(u"Log in"_s), "the shipped German .ts was not found or not read");

    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    WindowFixture w(sandbox, {1024, 640});
    QTest::mouseClick(w.find<QPushButton>(u"loginButton"_s), Qt::LeftButton);
    // The session's line, in German: "Angemeldet · läuft ab ...".
    QTRY_VERIFY_WITH_TIMEOUT(w.sessionState().startsWith(u"Angemeldet"_s), 15000);

    w.showTab(tab);
    QTest::qWait(50);
    WindowFixture::screenshot(&w.window, shot);

    QStringList left;
    for (const QString &entry : visibleTexts(&w.window)) {
        const QString text = entry.mid(entry.indexOf(u": "_s) + 2);
        if (english.contains(plain(text)))
            left << entry;
    }
    QVERIFY2(left.isEmpty(), qPrintable(u"English left on the %1 tab: %2"_s.arg(tab, left.join(u" | "_s))));

    QStringList clipped;
    for (QAbstractButton *b : w.window.findChildren<QAbstractButton *>()) {
        if (!b->isVisibleTo(&w.window) || b->text().isEmpty() || !(qobject_cast<QPushButton *>(b) || qobject_cast<QCheckBox *>(b)))
            continue;
        if (b->width() < b->sizeHint().width())
            clipped << u"%1 \"%2\" (%3 of %4 px)"_s.arg(b->objectName(), b->text()).arg(b->width()).arg(b->sizeHint().width());
    }
    QVERIFY2(clipped.isEmpty(), qPrintable(u"Clipped on the %1 tab: %2"_s.arg(tab, clipped.join(u" | "_s))));
    // German's longer words still fit a 1024-pixel screen: wide tabs stack their panes instead.
    QVERIFY2(w.window.width() <= 1024, qPrintable(u"the %1 tab needs a window %2 pixels wide"_s.arg(tab).arg(w.window.width())));
}

void TestGermanWindow::probeRunSpeaksGerman()
{
    TestLanguage german(QLocale(QLocale::German, QLocale::Germany));
    QVERIFY2(!german.loaded().isEmpty(), "the build has no German translation (build the target tokenlab_translations)");
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    WindowFixture w(sandbox, {1024, 640});
    QTest::mouseClick(w.find<QPushButton>(u"loginButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(w.sessionState().startsWith(u"Angemeldet"_s), 15000);
    w.showTab(u"probeTab"_s);
    QTest::mouseClick(w.find<QPushButton>(u"runProbeButton"_s), Qt::LeftButton);
    auto *summary = w.find<QLabel>(u"probeSummary"_s);
    QTRY_VERIFY_WITH_TIMEOUT(summary->text().contains(u" fehlgeschlagen"_s), 30000);
    // No narrow token was chosen: the missing-scope cell is the only one not run.
    QVERIFY2(summary->text().contains(u" bestanden, 0 fehlgeschlagen, 1 nicht gelaufen."_s), qPrintable(summary->text()));
    QTest::qWait(50);
    WindowFixture::screenshot(&w.window, u"german-probe-run"_s);

    auto *grid = w.find<QTableWidget>(u"probeGrid"_s);
    QHash<QString, int> rows;
    for (int r = 0; r < grid->rowCount(); ++r)
        rows.insert(grid->verticalHeaderItem(r)->text(), r); // case ids: the same in every language
    QVERIFY(rows.contains(u"signature-altered"_s) && rows.contains(u"missing-scope"_s) && rows.contains(u"no-token"_s));
    QCOMPARE(grid->verticalHeaderItem(rows.value(u"signature-altered"_s))->toolTip(), u"das echte Token mit veränderter Signatur"_s);
    QCOMPARE(grid->verticalHeaderItem(rows.value(u"no-token"_s))->toolTip(), u"kein Authorization-Header"_s);
    QTableWidgetItem *passed = grid->item(rows.value(u"signature-altered"_s), 1);
    QVERIFY2(passed->toolTip().startsWith(u"das echte Token mit veränderter Signatur\n"_s), qPrintable(passed->toolTip()));
    QVERIFY2(passed->toolTip().contains(u"(bestanden)"_s), qPrintable(passed->toolTip()));
    QTableWidgetItem *notRun = grid->item(rows.value(u"missing-scope"_s), 2);
    QVERIFY2(notRun->toolTip().contains(u"Es wurde kein engeres Token angegeben"_s), qPrintable(notRun->toolTip()));

    // The export is for programs: English whatever the window speaks.
    QTemporaryDir dir;
    QString error;
    const QString json = dir.filePath(u"probe.json"_s);
    auto *panel = w.window.findChild<ProbePanel *>();
    QVERIFY(panel);
    QVERIFY2(panel->exportTo(u"json"_s, json, &error), qPrintable(error));
    QFile file(json);
    QVERIFY(file.open(QIODevice::ReadOnly));
    bool seen = false;
    for (const QJsonValue &cell : QJsonDocument::fromJson(file.readAll()).object().value(u"cells").toArray()) {
        const QJsonObject o = cell.toObject();
        if (o.value(u"case").toString() == u"signature-altered") {
            QCOMPARE(o.value(u"title").toString(), u"the real token with its signature altered"_s);
            seen = true;
        }
        if (o.value(u"case").toString() == u"missing-scope")
            QCOMPARE(o.value(u"verdict").toString(), u"no narrow token was given"_s);
    }
    QVERIFY(seen);
}

QTEST_MAIN(TestGermanWindow)
#include "tst_germanwindow.moc"
