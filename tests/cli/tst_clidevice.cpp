// SPDX-License-Identifier: MIT
// tokenlab-cli login --device (RFC 8628) as a user on a machine without a
// browser runs it: against the sandbox tenant the command starts itself,
// auto-approved, approved by this test on the sandbox's /device page over
// HTTP as a phone would, chosen by itself where there is no display, with
// and without the QR code, and cancelled. Every process is stopped by PID.
#include "http/formencoding.h"
#include "support/processes.h"
#include "support/sandboxfixture.h"
#include "support/testhttp.h"

#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

class TestCliDevice : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void autoApprovedWithQr();
    void noQrWhenPiped();
    void chosenWithoutDisplay();
    void approvedOnThePage();
    void interrupted();
    void profileSaysSo();
    void usage();
};

namespace {

const QByteArray FullBlock = "\xe2\x96\x88"; // U+2588, the QR code's dark and light pairs

// No display and no $BROWSER, as over SSH.
QStringList headless()
{
    return {u"DISPLAY="_s, u"WAYLAND_DISPLAY="_s, u"BROWSER="_s};
}

QString userCodeOf(const QByteArray &out)
{
    return QRegularExpression(u"\\n    ([A-Z]{4}-[A-Z]{4})\\n"_s).match(QString::fromUtf8(out)).captured(1);
}

QUrl verificationUriOf(const QByteArray &out)
{
    return QUrl(QRegularExpression(u"open (http://127\\.0\\.0\\.1:\\d+/device) on a phone"_s).match(QString::fromUtf8(out)).captured(1));
}

} // namespace

void TestCliDevice::autoApprovedWithQr()
{
    const RunResult r = runProcess(u"tokenlab-cli"_s, {u"login"_s, u"--device"_s, u"--qr"_s, u"--auto-approve"_s, u"alice"_s}, 60000, headless());
    QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
    const QString code = userCodeOf(r.out);
    QVERIFY2(!code.isEmpty(), r.out.constData());
    QVERIFY(!verificationUriOf(r.out).isEmpty());
    QVERIFY(r.out.contains(QByteArray("/device?user_code=" + code.toLatin1() + ", which carries the code")));
    QVERIFY(r.out.contains(FullBlock));
    QVERIFY(r.out.contains("subject       sandbox|alice"));
    QVERIFY(r.out.contains("signed in     on another device (RFC 8628)"));
    QVERIFY(r.out.contains("id_token      "));
    QVERIFY(!r.out.contains("FAILED"));
    QVERIFY(r.err.contains("Waiting for the sign-in on the other device"));
    QVERIFY(!r.err.contains("so TokenLab signs in on another device")); // asked for, not chosen
    // Never a token, never the device code.
    QVERIFY(!r.out.contains("eyJ"));
    QVERIFY(!r.err.contains("eyJ"));
    QVERIFY(!r.err.contains("device_code"));
}

void TestCliDevice::noQrWhenPiped()
{
    const RunResult r = runProcess(u"tokenlab-cli"_s, {u"login"_s, u"--device"_s, u"--auto-approve"_s, u"alice"_s}, 60000);
    QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
    QVERIFY(!userCodeOf(r.out).isEmpty());
    QVERIFY(!r.out.contains(FullBlock)); // stdout is a pipe here
}

void TestCliDevice::chosenWithoutDisplay()
{
    const RunResult r = runProcess(u"tokenlab-cli"_s, {u"login"_s, u"--auto-approve"_s, u"alice"_s}, 60000, headless());
    QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
    QVERIFY2(r.err.contains("There is no display ($DISPLAY and $WAYLAND_DISPLAY are not set) and no $BROWSER, so TokenLab signs in on another device"),
             r.err.constData());
    QVERIFY(r.out.contains("signed in     on another device (RFC 8628)"));
    // With --no-browser the user keeps the browser URL.
    ChildProcess cli;
    QVERIFY(cli.start(u"tokenlab-cli"_s, {u"login"_s, u"--no-browser"_s, u"--timeout"_s, u"60"_s}));
    QByteArray err;
    QTRY_VERIFY_WITH_TIMEOUT((err += cli.process().readAllStandardError()).contains("Listening for the browser"), 30000);
    QVERIFY(!err.contains("so TokenLab signs in on another device"));
    QCOMPARE(cli.stop(), 130);
}

void TestCliDevice::approvedOnThePage()
{
    ChildProcess cli;
    QVERIFY(cli.start(u"tokenlab-cli"_s, {u"login"_s, u"--device"_s}));
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT(!userCodeOf(out += cli.process().readAllStandardOutput()).isEmpty(), 30000);
    const QString code = userCodeOf(out);
    const QUrl page = verificationUriOf(out);
    QVERIFY2(page.isValid() && !page.isEmpty(), out.constData());

    // The phone: the code page, the user code typed in lower case, alice, allow.
    TestHttp http;
    QUrl entered = page;
    entered.setQuery(u"user_code="_s + code.toLower());
    const HttpResult signIn = http.get(entered);
    QCOMPARE(signIn.status, 200);
    const QString txn = QRegularExpression(u"name=\"txn\" value=\"([^\"]+)\""_s).match(QString::fromUtf8(signIn.body)).captured(1);
    QVERIFY(!txn.isEmpty());
    QUrl login = page;
    login.setPath(u"/authorize/login"_s);
    FormData user;
    user.add(u"txn"_s, txn);
    user.add(u"user"_s, u"alice"_s);
    QCOMPARE(http.post(login, user.encode()).status, 303);
    QUrl consent = page;
    consent.setPath(u"/authorize/consent"_s);
    FormData allow;
    allow.add(u"txn"_s, txn);
    allow.add(u"action"_s, u"allow"_s);
    allow.add(u"scope"_s, u"openid"_s);
    allow.add(u"scope"_s, u"profile"_s);
    const HttpResult done = http.post(consent, allow.encode());
    QVERIFY(done.body.contains("The device is signed in"));

    QTRY_VERIFY_WITH_TIMEOUT(cli.process().state() == QProcess::NotRunning, 30000);
    out += cli.process().readAllStandardOutput();
    QCOMPARE(cli.process().exitCode(), 0);
    QVERIFY2(out.contains("subject       sandbox|alice"), out.constData());
    QVERIFY(out.contains("scopes        openid profile\n"));
}

void TestCliDevice::interrupted()
{
    ChildProcess cli;
    QVERIFY(cli.start(u"tokenlab-cli"_s, {u"login"_s, u"--device"_s}));
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT(!userCodeOf(out += cli.process().readAllStandardOutput()).isEmpty(), 30000);
    QCOMPARE(cli.stop(), 130); // SIGTERM, as Ctrl+C would
    QVERIFY(cli.process().readAllStandardError().contains("cancelled"));
}

void TestCliDevice::profileSaysSo()
{
    // A profile added with --device logs in on another device even where a browser could run.
    SandboxFixture sandbox(AutoApprove{u"alice"_s, std::nullopt}, 3600, true);
    QVERIFY(sandbox.started());
    const RunResult add = runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"add"_s, u"tv"_s, u"--issuer"_s, sandbox.tenant().issuer().toString(),
                                                        u"--client-id"_s, sandbox.tenant().clientId(), u"--scope"_s, u"openid profile"_s,
                                                        u"--device"_s});
    QVERIFY2(add.exitCode == 0, add.err.constData());
    const RunResult r = runProcess(u"tokenlab-cli"_s, {u"login"_s, u"--profile"_s, u"tv"_s}, 60000,
                                   {u"BROWSER="_s + qEnvironmentVariable("TOKENLAB_TEST_BROWSER"), u"DISPLAY=:99"_s});
    QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
    QVERIFY(r.err.contains("The profile logs in on another device (its device setting, RFC 8628)."));
    QVERIFY(r.out.contains("signed in     on another device (RFC 8628)"));
    QVERIFY(!userCodeOf(r.out).isEmpty());
    runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"remove"_s, u"tv"_s});
    // discover names the issuer's device endpoint.
    const RunResult discover = runProcess(u"tokenlab-cli"_s, {u"discover"_s, sandbox.tenant().issuer().toString()});
    QVERIFY2(discover.out.contains(QByteArray(QByteArray("device_endpoint         ") + sandbox.url(u"/oauth/device/code"_s).toString().toLatin1())),
             discover.out.constData());
    // A machine-to-machine profile cannot say so.
    const RunResult m2m = runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"add"_s, u"m2m-tv"_s, u"--grant"_s, u"client-credentials"_s,
                                                        u"--issuer"_s, sandbox.tenant().issuer().toString(), u"--client-id"_s, u"x"_s,
                                                        u"--client-secret-env"_s, u"TV_SECRET"_s, u"--device"_s},
                                     30000, {u"TV_SECRET=s3cret"_s});
    QCOMPARE(m2m.exitCode, 2);
    QVERIFY2(m2m.err.contains("Sign-in:"), m2m.err.constData());
}

void TestCliDevice::usage()
{
    const RunResult qr = runProcess(u"tokenlab-cli"_s, {u"login"_s, u"--qr"_s, u"--no-browser"_s});
    QCOMPARE(qr.exitCode, 2);
    QVERIFY(qr.err.contains("--qr goes with --device"));
    const RunResult help = runProcess(u"tokenlab-cli"_s, {u"help"_s, u"login"_s});
    QVERIFY(help.out.contains("--device"));
    QVERIFY(help.out.contains("RFC 8628"));
}

QTEST_GUILESS_MAIN(TestCliDevice)
#include "tst_clidevice.moc"
