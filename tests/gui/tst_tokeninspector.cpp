// The Tokens tab after a sandbox login with read:messages withheld: every
// claim shown, the signature verified with the kid that did it, the
// countdown moving, the withheld scope highlighted, the refresh token
// opaque; and a pasted hostile token refused with its reason.
#include "jose/base64url.h"
#include "oauth/discoveryclient.h"
#include "session/loginflow.h"
#include "gui/mainwindow.h"
#include "support/windowfixture.h"
#include "storage/profilestore.h"
#include "support/sandboxfixture.h"
#include "support/testbrowser.h"
#include "storage/tokenstore.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

class TestTokenInspector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void inspectsALogin();
};

namespace {

QStringList column(QTreeWidget *tree, int col)
{
    QStringList out;
    for (QTreeWidgetItemIterator it(tree); *it; ++it)
        out << (*it)->text(col);
    return out;
}

QTreeWidgetItem *row(QTreeWidget *tree, const QString &name)
{
    for (QTreeWidgetItemIterator it(tree); *it; ++it) {
        if ((*it)->text(0) == name)
            return *it;
    }
    return nullptr;
}

} // namespace

void TestTokenInspector::inspectsALogin()
{
    SandboxFixture sandbox(AutoApprove{u"alice"_s, QStringList{u"openid"_s, u"profile"_s, u"email"_s, u"offline_access"_s}});
    QVERIFY(sandbox.started());
    WindowFixture w(sandbox);
    MainWindow &window = w.window;
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QTest::mouseClick(window.findChild<QPushButton *>(u"loginButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QLabel *>(u"sessionState"_s)->text().startsWith(u"Signed in"_s), 15000);
    auto *tabs = window.findChild<QTabWidget *>(u"mainTabs"_s);
    tabs->setCurrentWidget(window.findChild<QWidget *>(u"tokensTab"_s));

    auto *access = window.findChild<QWidget *>(u"accessTokenView"_s);
    auto *summary = access->findChild<QLabel *>(u"tokenSummary"_s);
    QTRY_VERIFY_WITH_TIMEOUT(summary->text().contains(u"signature verified"_s), 10000);
    QVERIFY2(summary->text().contains(sandbox.tenant().signingKey().kid()), qPrintable(summary->text()));

    auto *claims = access->findChild<QTreeWidget *>(u"claimsTable"_s);
    const QStringList names = column(claims, 0);
    for (const QString &claim : {u"alg"_s, u"kid"_s, u"typ"_s, u"iss"_s, u"sub"_s, u"aud"_s, u"iat"_s, u"exp"_s, u"scope"_s, u"azp"_s, u"jti"_s})
        QVERIFY2(names.contains(claim), qPrintable(claim));
    QTreeWidgetItem *iss = row(claims, u"iss"_s);
    QCOMPARE(iss->text(2), u"issuer"_s);
    QVERIFY(iss->toolTip(0).contains(u"RFC 7519"_s));
    QTreeWidgetItem *scope = row(claims, u"scope"_s);
    QCOMPARE(scope->childCount(), 4); // openid profile email offline_access, as a list
    QCOMPARE(row(claims, u"aud"_s)->childCount(), 2);
    QVERIFY(row(claims, u"exp"_s)->text(1).contains(u"(in 59 min"_s));

    auto *checks = access->findChild<QTreeWidget *>(u"checksList"_s);
    for (const QString &name : {u"signature"_s, u"iss"_s, u"aud"_s, u"exp"_s, u"typ"_s})
        QVERIFY2(row(checks, name) && row(checks, name)->text(1) == u"✔ passed"_s, qPrintable(name));

    // The countdown moves.
    auto *countdown = access->findChild<QLabel *>(u"tokenCountdown"_s);
    const QString before = countdown->text();
    QVERIFY(before.startsWith(u"Expires in 59 min"_s) || before.startsWith(u"Expires in 1 h"_s));
    QTRY_VERIFY_WITH_TIMEOUT(countdown->text() != before, 3000);

    // read:messages was asked for and withheld: obvious.
    auto *scopes = window.findChild<QTreeWidget *>(u"scopeComparison"_s);
    QTreeWidgetItem *withheld = row(scopes, u"read:messages"_s);
    QVERIFY(withheld);
    QCOMPARE(withheld->text(2), u"✘ withheld"_s);
    QCOMPARE(withheld->foreground(0).color(), QColor(0xc0, 0x39, 0x2b));
    QVERIFY(withheld->font(0).bold());
    WindowFixture::screenshot(&window, u"tokens-access"_s);

    auto *idView = window.findChild<QWidget *>(u"idTokenView"_s);
    QTRY_VERIFY_WITH_TIMEOUT(idView->findChild<QLabel *>(u"tokenSummary"_s)->text().contains(u"signature verified"_s), 10000);
    auto *idChecks = idView->findChild<QTreeWidget *>(u"checksList"_s);
    QCOMPARE(row(idChecks, u"nonce"_s)->text(1), u"✔ passed"_s);
    QCOMPARE(row(idChecks, u"aud"_s)->text(1), u"✔ passed"_s);
    auto *refresh = window.findChild<QWidget *>(u"refreshTokenView"_s);
    QVERIFY(refresh->findChild<QLabel *>(u"tokenSummary"_s)->text().startsWith(u"An opaque token"_s));

    // Paste a hostile token: alg none with alice's claims.
    auto *paste = window.findChild<QPlainTextEdit *>(u"pasteInput"_s);
    const QByteArray payload = Base64Url::encode(
            QJsonDocument(QJsonObject{{u"iss"_s, sandbox.tenant().issuer().toString()}, {u"sub"_s, u"mallory"_s}, {u"exp"_s, 4102444800.0}})
                    .toJson(QJsonDocument::Compact));
    QTest::keyClicks(paste, QString::fromLatin1(Base64Url::encode(R"({"alg":"none"})") + '.' + payload + '.'));
    auto *pasted = window.findChild<QWidget *>(u"pastedTokenView"_s);
    QTRY_VERIFY(row(pasted->findChild<QTreeWidget *>(u"checksList"_s), u"signature"_s));
    QTreeWidgetItem *sig = row(pasted->findChild<QTreeWidget *>(u"checksList"_s), u"signature"_s);
    QCOMPARE(sig->text(1), u"✘ failed"_s);
    QVERIFY(sig->text(2).contains(u"never valid"_s));
    // A real token checked against keys the user names: the sandbox's JWKS URL.
    auto *keys = window.findChild<QLineEdit *>(u"pasteKeys"_s);
    QUrl jwks = sandbox.tenant().issuer();
    jwks.setPath(u"/.well-known/jwks.json"_s);
    keys->setText(jwks.toString());
    const QByteArray real = sandbox.sign(sandbox.validAccessClaims(), {{u"typ"_s, u"at+jwt"_s}});
    paste->setPlainText(QString::fromLatin1(real));
    QTRY_VERIFY_WITH_TIMEOUT(pasted->findChild<QLabel *>(u"tokenSummary"_s)->text().contains(u"signature verified"_s), 10000);
    QVERIFY(pasted->findChild<QLabel *>(u"tokenSummary"_s)->text().contains(sandbox.tenant().signingKey().kid()));
    paste->setPlainText(u"not.a"_s);
    QTRY_VERIFY(pasted->findChild<QLabel *>(u"tokenSummary"_s)->text().contains(u"2 dot-separated parts"_s));
}

QTEST_MAIN(TestTokenInspector)
#include "tst_tokeninspector.moc"
