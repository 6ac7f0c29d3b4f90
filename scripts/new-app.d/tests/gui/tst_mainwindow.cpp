// SPDX-License-Identifier: MIT
// The main window under the offscreen platform, driven by objectName: it
// shows the app's name, saves what is typed, and opens its About box.
// Screenshots go to %NAME%_SCREENSHOT_DIR.
#include "gui/mainwindow.h"
#include "storage/documentstore.h"

#include "appinfo.h"

#include <QAction>
#include <QDir>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    static void screenshot(QWidget *widget, const QString &name)
    {
        const QString dir = qEnvironmentVariable("%NAME%_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QDir().mkpath(dir);
        QVERIFY(widget->grab().save(dir + u'/' + name + u".png"_s));
    }

private Q_SLOTS:
    void showsTheName()
    {
        QTemporaryDir dir;
        DocumentStore store(dir.filePath(u"document.txt"_s));
        MainWindow window(&store);
        window.resize(1024, 640);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QString(AppInfo::DisplayName));
        auto *title = window.findChild<QLabel *>(u"titleLabel"_s);
        QVERIFY(title);
        QCOMPARE(title->text(), QString(AppInfo::DisplayName));
        screenshot(&window, u"main-window"_s);
    }

    void savesWhatIsTyped()
    {
        QTemporaryDir dir;
        DocumentStore store(dir.filePath(u"document.txt"_s));
        MainWindow window(&store);
        window.show();
        auto *editor = window.findChild<QPlainTextEdit *>(u"editor"_s);
        QVERIFY(editor);
        QTest::keyClicks(editor, u"Hello"_s);
        auto *save = window.findChild<QAction *>(u"saveAction"_s);
        QVERIFY(save);
        save->trigger();
        QString error;
        QCOMPARE(store.load(&error).value_or(QString()), u"Hello"_s);
        // A new window shows what was saved.
        MainWindow again(&store);
        QCOMPARE(again.findChild<QPlainTextEdit *>(u"editor"_s)->toPlainText(), u"Hello"_s);
    }

    void aboutBox()
    {
        QTemporaryDir dir;
        DocumentStore store(dir.filePath(u"document.txt"_s));
        MainWindow window(&store);
        window.show();
        auto *about = window.findChild<QAction *>(u"aboutAction"_s);
        QVERIFY(about);
        about->trigger();
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = window.findChild<QMessageBox *>(u"aboutBox"_s)) && box->isVisible());
        QVERIFY(box->text().contains(AppInfo::Version));
        QVERIFY(QTest::qWaitForWindowExposed(box));
        screenshot(box, u"about"_s);
        box->close();
        QTRY_VERIFY(!window.findChild<QMessageBox *>(u"aboutBox"_s));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
