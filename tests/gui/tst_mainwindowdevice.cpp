// SPDX-License-Identifier: MIT
// "Log in on another device" (RFC 8628) in the window, driven by
// objectName against the embedded sandbox on the real clock: the code, the
// addresses with their copy buttons, the QR code and the countdown appear;
// the user approves on the sandbox's /device page over HTTP as a phone
// would, and the window ends signed in; Cancel ends the wait.
#include "http/formencoding.h"
#include "support/testhttp.h"
#include "support/windowfixture.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

class TestMainWindowDevice : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void approvedOnAnotherDevice();
    void cancelled();
    void profileSaysSo();
};

namespace {

// The phone: opens the address that carries the code, signs in as alice, allows.
bool approve(const QUrl &complete)
{
    TestHttp http;
    const HttpResult page = http.get(complete);
    const QString txn = QRegularExpression(u"name=\"txn\" value=\"([^\"]+)\""_s).match(QString::fromUtf8(page.body)).captured(1);
    if (txn.isEmpty())
        return false;
    QUrl login = complete;
    login.setPath(u"/authorize/login"_s);
    login.setQuery(QString());
    FormData user;
    user.add(u"txn"_s, txn);
    user.add(u"user"_s, u"alice"_s);
    http.post(login, user.encode());
    QUrl consent = login;
    consent.setPath(u"/authorize/consent"_s);
    FormData allow;
    allow.add(u"txn"_s, txn);
    allow.add(u"action"_s, u"allow"_s);
    for (const QString &s : {u"openid"_s, u"profile"_s, u"email"_s, u"offline_access"_s, u"read:messages"_s})
        allow.add(u"scope"_s, s);
    return http.post(consent, allow.encode()).body.contains("The device is signed in");
}

} // namespace

void TestMainWindowDevice::approvedOnAnotherDevice()
{
    SandboxFixture sandbox(std::nullopt, 3600, true);
    QVERIFY(sandbox.started());
    WindowFixture w(sandbox, {1024, 640});
    auto *view = w.find<QWidget>(u"deviceCodeView"_s);
    QVERIFY(!view->isVisible());
    auto *button = w.find<QPushButton>(u"loginDeviceButton"_s);
    QTRY_VERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);

    QTRY_VERIFY_WITH_TIMEOUT(view->isVisible(), 15000);
    const QString code = w.find<QLabel>(u"deviceUserCode"_s)->text();
    QVERIFY(QRegularExpression(u"^[A-Z]{4}-[A-Z]{4}$"_s).match(code).hasMatch());
    const QString uri = w.find<QLineEdit>(u"deviceVerificationUri"_s)->text();
    QCOMPARE(uri, sandbox.url(u"/device"_s).toString());
    const QString complete = w.find<QLineEdit>(u"deviceVerificationUriComplete"_s)->text();
    QVERIFY(complete.endsWith(u"user_code="_s + code));
    QVERIFY(!w.find<QLabel>(u"deviceQrCode"_s)->pixmap().isNull());
    QVERIFY(w.find<QLabel>(u"deviceCountdown"_s)->text().contains(u"left"_s));
    // click(), not a synthetic mouse press: two presses on two buttons in quick succession can be
    // taken for a double click on a slow (sanitized) build, and the second copy is then lost.
    auto *copyComplete = w.find<QPushButton>(u"copyDeviceUriCompleteButton"_s);
    QTRY_VERIFY(copyComplete->isVisible() && copyComplete->isEnabled());
    copyComplete->click();
    QTRY_COMPARE(QGuiApplication::clipboard()->text(), complete);
    w.find<QPushButton>(u"copyDeviceUriButton"_s)->click();
    QTRY_COMPARE(QGuiApplication::clipboard()->text(), uri);
    QVERIFY(w.find<QPushButton>(u"cancelButton"_s)->isEnabled());
    QVERIFY(!w.find<QPushButton>(u"loginButton"_s)->isEnabled());
    WindowFixture::screenshot(&w.window, u"login-device-1024x640"_s);

    QVERIFY(approve(QUrl(complete)));
    QTRY_VERIFY_WITH_TIMEOUT(w.sessionState().startsWith(u"Signed in"_s), 20000);
    QVERIFY(!view->isVisible());
    QVERIFY(w.flowState().contains(u"sandbox|alice"_s));
}

void TestMainWindowDevice::cancelled()
{
    SandboxFixture sandbox(std::nullopt, 3600, true);
    QVERIFY(sandbox.started());
    WindowFixture w(sandbox);
    auto *view = w.find<QWidget>(u"deviceCodeView"_s);
    QTRY_VERIFY(w.find<QPushButton>(u"loginDeviceButton"_s)->isEnabled());
    w.window.findChild<QAction *>(u"loginDeviceAction"_s)->trigger(); // the Session menu's entry
    QTRY_VERIFY_WITH_TIMEOUT(view->isVisible(), 15000);
    QTest::mouseClick(w.find<QPushButton>(u"cancelButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!view->isVisible());
    QVERIFY2(w.flowState().contains(u"cancelled"_s), qPrintable(w.flowState()));
    QVERIFY(!w.sessionState().startsWith(u"Signed in"_s));
}

void TestMainWindowDevice::profileSaysSo()
{
    // The editor's twin of profile add --device: saved, Log in itself shows the code (auto-approved here).
    SandboxFixture sandbox(AutoApprove{u"alice"_s, {}}, 3600, true);
    QVERIFY(sandbox.started());
    WindowFixture w(sandbox);
    auto *device = w.find<QCheckBox>(u"profileDevice"_s);
    QVERIFY(device->isEnabled());
    device->setChecked(true);
    WindowFixture::screenshot(device->parentWidget(), u"profile-device-setting"_s);
    QTest::mouseClick(w.find<QPushButton>(u"saveProfileButton"_s), Qt::LeftButton);
    QTRY_VERIFY([&w] {
        for (const Profile &p : w.profiles.profiles()) {
            if (p.isSandbox())
                return p.device;
        }
        return false;
    }());
    QTest::mouseClick(w.find<QPushButton>(u"loginButton"_s), Qt::LeftButton);
    auto *view = w.find<QWidget>(u"deviceCodeView"_s);
    QTRY_VERIFY_WITH_TIMEOUT(view->isVisible(), 15000);
    QCOMPARE(w.flow.state(), LoginFlow::State::WaitingForDevice);
    QTRY_VERIFY_WITH_TIMEOUT(w.sessionState().startsWith(u"Signed in"_s), 20000);
    QVERIFY(!view->isVisible());
}

QTEST_MAIN(TestMainWindowDevice)
#include "tst_mainwindowdevice.moc"
