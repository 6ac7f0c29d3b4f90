// SPDX-License-Identifier: MIT
// "New from an API URL…" in the window, against an in-process sandbox: the
// dialog opened from the Profiles panel's menu, filled in with the keyboard,
// shows every step, enables Save only after the whole chain succeeded, and
// the saved profile appears in the list and logs in. A refused URL shows a
// sentence and keeps Save disabled. Screenshots go to TOKENLAB_SCREENSHOT_DIR.
#include "gui/discoverprofiledialog.h"
#include "support/windowfixture.h"

#include <QAction>
#include <QApplication>
#include <QMessageBox>
#include <QTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QTest>

using namespace Qt::StringLiterals;

class TestDiscoverProfileDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void discoverSaveAndLogIn();
    void refusalKeepsSaveDisabled();
    void declinedRegistrationSavesNothing();
    void closingAfterRegisteringAsks();

private:
    static DiscoverProfileDialog *open(WindowFixture &w);
};

DiscoverProfileDialog *TestDiscoverProfileDialog::open(WindowFixture &w)
{
    w.find<QAction>(u"discoverProfileAction"_s)->trigger();
    DiscoverProfileDialog *dialog = nullptr;
    const bool shown = QTest::qWaitFor(
            [&] { return (dialog = w.window.findChild<DiscoverProfileDialog *>(u"discoverProfileDialog"_s)) && dialog->isVisible(); }, 5000);
    return shown ? dialog : nullptr;
}

void TestDiscoverProfileDialog::discoverSaveAndLogIn()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    WindowFixture w(sandbox, {1024, 640});
    DiscoverProfileDialog *dialog = open(w);
    QVERIFY(dialog);
    auto *save = dialog->findChild<QPushButton *>(u"discoverSaveButton"_s);
    auto *start = dialog->findChild<QPushButton *>(u"discoverStartButton"_s);
    auto *steps = dialog->findChild<QPlainTextEdit *>(u"discoverSteps"_s);
    QVERIFY(save && start && steps);
    QVERIFY(!start->isEnabled());
    QVERIFY(dialog->findChild<QRadioButton *>(u"discoverRegister"_s)->isChecked());

    auto *name = dialog->findChild<QLineEdit *>(u"discoverName"_s);
    name->setFocus();
    QTest::keyClicks(name, u"found"_s);
    QTest::keyClick(name, Qt::Key_Tab);
    auto *url = dialog->findChild<QLineEdit *>(u"discoverUrl"_s);
    QTRY_VERIFY(url->hasFocus());
    QTest::keyClicks(url, sandbox.api(u"/api/private"_s).toString());
    QVERIFY(start->isEnabled());
    QTest::keyClick(url, Qt::Key_Return); // Discover is the default button
    // Nothing is registered before the user saw where: the chain stops and asks.
    auto *consent = dialog->findChild<QWidget *>(u"discoverConsent"_s);
    QTRY_VERIFY_WITH_TIMEOUT(consent->isVisible(), 20000);
    const QString question = dialog->findChild<QLabel *>(u"discoverConsentQuestion"_s)->text();
    QVERIFY2(question.contains(sandbox.url(u"/oidc/register"_s).toString()), qPrintable(question));
    QVERIFY(!save->isEnabled());
    QVERIFY(start->isEnabled()); // another URL may be tried instead of answering
    WindowFixture::screenshot(dialog, u"discover-profile-consent"_s);
    // A stray Return must not register: the focus rests on Decline, and nothing is the default.
    QTRY_VERIFY(dialog->findChild<QPushButton *>(u"discoverConsentNo"_s)->hasFocus());
    auto *yes = dialog->findChild<QPushButton *>(u"discoverConsentYes"_s);
    QVERIFY(!yes->isDefault());
    QTest::keyClick(yes, Qt::Key_Space); // pressed on purpose
    QTRY_VERIFY2_WITH_TIMEOUT(save->isEnabled(), qPrintable(dialog->findChild<QLabel *>(u"discoverError"_s)->text() + u" / steps: "_s
                                                              + QString::number(steps->blockCount())),
                              20000);
    const QStringList lines = steps->toPlainText().split(u'\n');
    QVERIFY(lines.size() >= 5);
    QVERIFY(lines.at(1).contains(u"names its protected resource metadata"_s));
    QVERIFY(lines.last().contains(u"is ready"_s));
    // The sandbox's API publishes one document for all its paths, naming its origin: said where the user looks.
    auto *note = dialog->findChild<QLabel *>(u"discoverError"_s);
    QVERIFY(note->isVisible());
    QVERIFY2(note->text().contains(u"wider than the URL you gave"_s), qPrintable(note->text()));
    WindowFixture::screenshot(dialog, u"discover-profile-dialog"_s);
    const QString registered = lines.last();

    // Discovering again (a changed name, say) reuses the client just registered, rather than leaving it orphaned.
    name->selectAll();
    QTest::keyClicks(name, u"found"_s);
    QTest::mouseClick(start, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(save->isEnabled() && steps->toPlainText().contains(u"is ready"_s), 20000);
    QVERIFY2(steps->toPlainText().contains(u"not registering again"_s), qPrintable(steps->toPlainText()));
    QVERIFY(!consent->isVisible());
    QCOMPARE(steps->toPlainText().split(u'\n').last(), registered);

    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_VERIFY(!w.window.findChild<DiscoverProfileDialog *>(u"discoverProfileDialog"_s)
                || !w.window.findChild<DiscoverProfileDialog *>(u"discoverProfileDialog"_s)->isVisible());
    QString error;
    QVERIFY(w.profiles.load(&error));
    const auto profile = w.profiles.profile(u"found"_s);
    QVERIFY(profile);
    QCOMPARE(profile->resource, sandbox.tenant().apiBaseUrl().toString());
    QVERIFY(profile->clientId.startsWith(u"dyn-"_s));
    QTRY_VERIFY(!w.listEntry(u"found"_s).isEmpty());
    w.selectProfile(u"found"_s);
    QVERIFY(w.login());
}

void TestDiscoverProfileDialog::refusalKeepsSaveDisabled()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    WindowFixture w(sandbox, {1024, 640});
    DiscoverProfileDialog *dialog = open(w);
    QVERIFY(dialog);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"discoverName"_s), u"nothing"_s);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"discoverUrl"_s), sandbox.url(u"/authorize"_s).toString());
    dialog->findChild<QRadioButton *>(u"discoverUseClientId"_s)->setChecked(true);
    auto *start = dialog->findChild<QPushButton *>(u"discoverStartButton"_s);
    QVERIFY(!start->isEnabled()); // a client ID is needed first
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"discoverClientId"_s), u"mine"_s);
    QVERIFY(start->isEnabled());
    QTest::mouseClick(start, Qt::LeftButton);
    auto *error = dialog->findChild<QLabel *>(u"discoverError"_s);
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 20000);
    QVERIFY2(error->text().contains(u"protected resource metadata"_s), qPrintable(error->text()));
    QVERIFY(!dialog->findChild<QPushButton *>(u"discoverSaveButton"_s)->isEnabled());
    WindowFixture::screenshot(dialog, u"discover-profile-dialog-refused"_s);
    QString why;
    QVERIFY(w.profiles.load(&why));
    QVERIFY(!w.profiles.profile(u"nothing"_s));
    dialog->reject();
}

void TestDiscoverProfileDialog::declinedRegistrationSavesNothing()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    WindowFixture w(sandbox, {1024, 640});
    DiscoverProfileDialog *dialog = open(w);
    QVERIFY(dialog);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"discoverName"_s), u"declined"_s);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"discoverUrl"_s), sandbox.api(u"/api/private"_s).toString());
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"discoverStartButton"_s), Qt::LeftButton);
    auto *consent = dialog->findChild<QWidget *>(u"discoverConsent"_s);
    QTRY_VERIFY_WITH_TIMEOUT(consent->isVisible(), 20000);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"discoverConsentNo"_s), Qt::LeftButton);
    auto *error = dialog->findChild<QLabel *>(u"discoverError"_s);
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 10000);
    QVERIFY2(error->text().contains(u"because you declined"_s), qPrintable(error->text()));
    QVERIFY(!consent->isVisible());
    QVERIFY(!dialog->findChild<QPushButton *>(u"discoverSaveButton"_s)->isEnabled());
    QVERIFY(dialog->findChild<QPushButton *>(u"discoverStartButton"_s)->isEnabled());
    dialog->reject();
}

namespace {

// Answers the question a closing dialog asks with the named button, once it shows.
void answerCloseQuestion(const QString &button, bool *asked)
{
    QTimer::singleShot(0, [button, asked] {
        QTRY_VERIFY(qobject_cast<QMessageBox *>(QApplication::activeModalWidget()));
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QCOMPARE(box->objectName(), u"discoverCloseQuestion"_s);
        *asked = true;
        WindowFixture::screenshot(box, u"discover-profile-close-question"_s);
        if (button.isEmpty())
            QTest::keyClick(box, Qt::Key_Escape);
        else
            QTest::mouseClick(box->findChild<QPushButton *>(button), Qt::LeftButton);
    });
}

} // namespace

// A client registered and not saved stays registered at the issuer: closing asks first.
void TestDiscoverProfileDialog::closingAfterRegisteringAsks()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    WindowFixture w(sandbox, {1024, 640});
    DiscoverProfileDialog *dialog = open(w);
    QVERIFY(dialog);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"discoverName"_s), u"unsaved"_s);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"discoverUrl"_s), sandbox.api(u"/api/private"_s).toString());
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"discoverStartButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->findChild<QWidget *>(u"discoverConsent"_s)->isVisible(), 20000);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"discoverConsentYes"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->findChild<QPushButton *>(u"discoverSaveButton"_s)->isEnabled(), 20000);

    bool asked = false;
    answerCloseQuestion(QString(), &asked); // Escape: keep the dialog
    QTest::keyClick(dialog, Qt::Key_Escape);
    QTRY_VERIFY(asked);
    QTest::qWait(50);
    QVERIFY(dialog->isVisible());

    asked = false;
    answerCloseQuestion(u"discoverCloseAnyway"_s, &asked);
    const QPointer<DiscoverProfileDialog> closing = dialog; // it deletes itself once closed
    QTest::mouseClick(w.find<QPushButton>(u"discoverCancelButton"_s), Qt::LeftButton);
    QTRY_VERIFY(asked);
    QTRY_VERIFY(!closing || !closing->isVisible());
    QString error;
    QVERIFY(w.profiles.load(&error));
    QVERIFY(!w.profiles.profile(u"unsaved"_s));
}

QTEST_MAIN(TestDiscoverProfileDialog)
#include "tst_discoverprofiledialog.moc"
