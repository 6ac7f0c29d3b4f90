// SPDX-License-Identifier: MIT
// The Tokens tab after a sandbox login with read:messages withheld: every
// claim shown, the signature verified with the kid that did it, the
// countdown moving, the withheld scope highlighted, the refresh token
// opaque; and a pasted hostile token refused with its reason. A paste of a
// whole "Authorization: Bearer" line, stripped and said so, the token shown
// coloured by part; a token whose signature part was altered, its claims
// shown and its signature check failed, the altered character marked.
#include "http/localhttpserver.h"
#include "jose/base64url.h"
#include "oauth/discoveryclient.h"
#include "session/loginflow.h"
#include "gui/introspectionview.h"
#include "gui/mainwindow.h"
#include "gui/semanticcolors.h"
#include "support/windowfixture.h"
#include "storage/profilestore.h"
#include "support/sandboxfixture.h"
#include "support/testbrowser.h"
#include "storage/tokenstore.h"

#include <QClipboard>
#include <QDir>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextEdit>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

class TestTokenInspector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void inspectsALogin();
    void pastesAHeaderLineAndAnAlteredSignature();
    void pastedTokenAgainstExpectedValues();
    void introspectsTheTokens();
    void introspectsAnUnknownOpaqueToken();
    void asksOncePerTokenOnceShown();
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
    // So do the relative times of the claims: iat's "(N s ago)" and exp's "(in …)".
    const QString iatBefore = row(claims, u"iat"_s)->text(1);
    const QString expBefore = row(claims, u"exp"_s)->text(1);
    QVERIFY2(iatBefore.contains(u" ago)"_s), qPrintable(iatBefore));
    QTRY_VERIFY_WITH_TIMEOUT(row(claims, u"iat"_s)->text(1) != iatBefore, 3000);
    QTRY_VERIFY_WITH_TIMEOUT(row(claims, u"exp"_s)->text(1) != expBefore, 3000);

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

namespace {

// The colour of each character of the encoded view, as the user sees it.
QList<QColor> characterColours(QTextEdit *edit)
{
    QList<QColor> out;
    for (QTextBlock b = edit->document()->begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextFragment f = it.fragment();
            for (int i = 0; i < f.length(); ++i)
                out << f.charFormat().foreground().color();
        }
    }
    return out;
}

} // namespace

void TestTokenInspector::pastesAHeaderLineAndAnAlteredSignature()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    WindowFixture w(sandbox, {1024, 640});
    MainWindow &window = w.window;
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.findChild<QTabWidget *>(u"mainTabs"_s)->setCurrentWidget(window.findChild<QWidget *>(u"tokensTab"_s));
    auto *tokenTabs = window.findChild<QTabWidget *>(u"tokenTabs"_s);
    tokenTabs->setCurrentIndex(tokenTabs->count() - 1);

    auto *paste = window.findChild<QPlainTextEdit *>(u"pasteInput"_s);
    auto *stripped = window.findChild<QLabel *>(u"pasteStripped"_s);
    auto *encoded = window.findChild<QTextEdit *>(u"pasteEncoded"_s);
    auto *pasted = window.findChild<QWidget *>(u"pastedTokenView"_s);
    auto *summary = pasted->findChild<QLabel *>(u"tokenSummary"_s);
    auto *checks = pasted->findChild<QTreeWidget *>(u"checksList"_s);
    auto *claims = pasted->findChild<QTreeWidget *>(u"claimsTable"_s);
    QVERIFY(paste && stripped && encoded && summary && checks);
    QVERIFY(stripped->isHidden());
    QUrl jwks = sandbox.tenant().issuer();
    jwks.setPath(u"/.well-known/jwks.json"_s);
    window.findChild<QLineEdit *>(u"pasteKeys"_s)->setText(jwks.toString());

    // The header line as copied from a request: stripped, said so, and verified.
    const QByteArray token = sandbox.sign(sandbox.validAccessClaims(), {{u"typ"_s, u"at+jwt"_s}});
    // Pasted as the user pastes: from the clipboard, with the paste shortcut.
    QGuiApplication::clipboard()->setText(u"Authorization: Bearer "_s + QString::fromLatin1(token));
    paste->setFocus();
    QTest::keySequence(paste, QKeySequence::Paste);
    QTRY_VERIFY_WITH_TIMEOUT(summary->text().contains(u"signature verified"_s), 10000);
    QVERIFY(stripped->isVisible());
    QCOMPARE(stripped->text(), u"Stripped the Authorization: header name and the Bearer scheme."_s);
    QCOMPARE(encoded->toPlainText(), QString::fromLatin1(token));
    // Header, payload and signature each in their own colour, the dots plain.
    const QList<QColor> colours = characterColours(encoded);
    QCOMPARE(colours.size(), token.size());
    const QPalette &pal = encoded->palette();
    const int dot1 = int(token.indexOf('.')), dot2 = int(token.indexOf('.', dot1 + 1));
    QCOMPARE(colours.first(), SemanticColors::color(TokenPart::Header, pal));
    QCOMPARE(colours.at(dot1 + 1), SemanticColors::color(TokenPart::Payload, pal));
    QCOMPARE(colours.last(), SemanticColors::color(TokenPart::Signature, pal));
    QVERIFY(colours.at(dot1) != colours.first() && colours.at(dot2) != colours.last());
    WindowFixture::screenshot(&window, u"tokens-paste-header-line"_s);

    // The same token with its signature's last character edited by hand (RS256:
    // 4 bits past the end, so the bytes read the same to a lenient decoder).
    QByteArray altered = token;
    QVERIFY(QByteArrayView("AQgw").contains(altered.back()));
    altered.back() = char(altered.back() + 1);
    paste->setPlainText(u"\""_s + QString::fromLatin1(altered) + u"\"\n"_s);
    QTRY_VERIFY(row(checks, u"signature"_s));
    QTreeWidgetItem *sig = row(checks, u"signature"_s);
    QCOMPARE(sig->text(1), u"✘ failed"_s);
    QVERIFY2(sig->text(2).startsWith(u"The signature part was altered: its last character"_s), qPrintable(sig->text(2)));
    QVERIFY(sig->text(2).contains(u"position %1 "_s.arg(altered.size())));
    QVERIFY2(summary->text().contains(u"signature not verified"_s), qPrintable(summary->text()));
    QCOMPARE(stripped->text(), u"Stripped whitespace and quotes."_s);
    QVERIFY(row(claims, u"sub"_s));
    QCOMPARE(row(claims, u"sub"_s)->text(1), u"sandbox|alice"_s);
    const QList<QColor> marked = characterColours(encoded);
    QCOMPARE(marked.last(), SemanticColors::color(Tone::Error, pal));
    QCOMPARE(marked.at(marked.size() - 2), SemanticColors::color(TokenPart::Signature, pal));
    WindowFixture::screenshot(&window, u"tokens-paste-altered-signature"_s);

    // A bad character in the payload: not decoded, its position named and marked.
    QByteArray broken = token;
    broken[dot1 + 6] = '!';
    paste->setPlainText(QString::fromLatin1(broken));
    QTRY_VERIFY(summary->text().contains(u"'!' at position %1 of the token"_s.arg(dot1 + 7)));
    QVERIFY(stripped->isHidden());
    QCOMPARE(characterColours(encoded).at(dot1 + 6), SemanticColors::color(Tone::Error, pal));
}

void TestTokenInspector::pastedTokenAgainstExpectedValues()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    WindowFixture w(sandbox, {1024, 640});
    MainWindow &window = w.window;
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.findChild<QTabWidget *>(u"mainTabs"_s)->setCurrentWidget(window.findChild<QWidget *>(u"tokensTab"_s));
    auto *tokenTabs = window.findChild<QTabWidget *>(u"tokenTabs"_s);
    tokenTabs->setCurrentIndex(tokenTabs->count() - 1);
    auto *paste = window.findChild<QPlainTextEdit *>(u"pasteInput"_s);
    auto *pasted = window.findChild<QWidget *>(u"pastedTokenView"_s);
    auto *checks = pasted->findChild<QTreeWidget *>(u"checksList"_s);
    auto *issuer = window.findChild<QLineEdit *>(u"pasteExpectIssuer"_s);
    auto *audience = window.findChild<QLineEdit *>(u"pasteExpectAudience"_s);
    auto *client = window.findChild<QLineEdit *>(u"pasteExpectClient"_s);
    QVERIFY(issuer && audience && client);

    QJsonObject claims = sandbox.validAccessClaims();
    claims.insert(u"azp"_s, u"tokenlab-native"_s);
    const QByteArray token = sandbox.sign(claims, {{u"typ"_s, u"at+jwt"_s}});
    // Typed as a user types them: each field applies when it loses focus.
    auto type = [](QLineEdit *edit, const QString &text) {
        edit->setFocus();
        edit->selectAll();
        QTest::keyClicks(edit, text);
        QTest::keyClick(edit, Qt::Key_Return);
    };
    type(issuer, sandbox.tenant().issuer().toString());
    type(audience, sandbox.tenant().audience());
    type(client, u"tokenlab-native"_s);
    paste->setPlainText(QString::fromLatin1(token));
    QTRY_VERIFY_WITH_TIMEOUT(row(checks, u"signature"_s) && row(checks, u"signature"_s)->text(1) == u"✔ passed"_s, 10000);
    QCOMPARE(row(checks, u"iss"_s)->text(1), u"✔ passed"_s);
    QCOMPARE(row(checks, u"aud"_s)->text(1), u"✔ passed"_s);
    QCOMPARE(row(checks, u"azp"_s)->text(1), u"✔ passed"_s);
    WindowFixture::screenshot(&window, u"tokens-paste-expected"_s);

    // Another audience and client expected: those checks fail, with the values in the sentence.
    type(audience, u"https://another.api/"_s);
    QTRY_VERIFY_WITH_TIMEOUT(row(checks, u"aud"_s) && row(checks, u"aud"_s)->text(1) == u"✘ failed"_s, 10000);
    type(client, u"someone-else"_s);
    QTRY_VERIFY_WITH_TIMEOUT(row(checks, u"azp"_s) && row(checks, u"azp"_s)->text(1) == u"✘ failed"_s, 10000);
    QVERIFY2(row(checks, u"azp"_s)->text(2).contains(u"someone-else"_s), qPrintable(row(checks, u"azp"_s)->text(2)));

    // An issuer expected that the token does not name: iss fails, and the keys are that issuer's, not the token's.
    type(issuer, u"http://127.0.0.1:1/"_s);
    QTRY_VERIFY_WITH_TIMEOUT(row(checks, u"iss"_s) && row(checks, u"iss"_s)->text(1) == u"✘ failed"_s, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(row(checks, u"signature"_s) && row(checks, u"signature"_s)->text(1) != u"✔ passed"_s, 15000);
}

// RFC 7662 in the window: the opaque refresh token is asked about as soon as
// it is shown, the access token on request, each answer beside what the
// token says of itself.
void TestTokenInspector::introspectsTheTokens()
{
    SandboxFixture sandbox(AutoApprove{u"alice"_s, QStringList{u"openid"_s, u"profile"_s, u"email"_s, u"offline_access"_s}});
    QVERIFY(sandbox.started());
    WindowFixture w(sandbox);
    MainWindow &window = w.window;
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(w.login());
    w.showTab(u"tokensTab"_s);
    auto *tabs = w.find<QTabWidget>(u"tokenTabs"_s);

    // The refresh token says nothing of itself: the issuer was asked at once.
    tabs->setCurrentIndex(2);
    auto *refreshStatus = w.find<QLabel>(u"refreshIntrospectStatus"_s);
    QTRY_VERIFY_WITH_TIMEOUT(refreshStatus->text().startsWith(u"Active:"_s), 10000);
    auto *refreshTable = w.find<QTreeWidget>(u"refreshIntrospectTable"_s);
    QVERIFY(refreshTable->isVisible());
    QCOMPARE(row(refreshTable, u"active"_s)->text(1), u"yes"_s);
    QCOMPARE(row(refreshTable, u"active"_s)->text(2), u"(opaque: nothing)"_s);
    QCOMPARE(row(refreshTable, u"client_id"_s)->text(1), sandbox.tenant().clientId());
    WindowFixture::screenshot(&window, u"tokens-refresh-introspected"_s);

    // The access token is a JWT: asked on request, the issuer's answer beside its claims.
    tabs->setCurrentIndex(0);
    auto *accessStatus = w.find<QLabel>(u"accessIntrospectStatus"_s);
    QVERIFY2(accessStatus->text().contains(u"ask the issuer"_s), qPrintable(accessStatus->text()));
    auto *ask = w.find<QPushButton>(u"accessIntrospectButton"_s);
    QVERIFY(ask->isEnabled());
    QTest::mouseClick(ask, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(accessStatus->text().startsWith(u"Active:"_s), 10000);
    auto *table = w.find<QTreeWidget>(u"accessIntrospectTable"_s);
    QTreeWidgetItem *sub = row(table, u"sub"_s);
    QVERIFY(sub);
    QVERIFY(!sub->text(1).isEmpty());
    QCOMPARE(sub->text(1), sub->text(2)); // the issuer and the token agree
    QTreeWidgetItem *scope = row(table, u"scope"_s);
    QVERIFY(scope && scope->text(1).contains(u"openid"_s) && scope->text(2).contains(u"openid"_s));
    QVERIFY(row(table, u"exp"_s) && row(table, u"exp"_s)->text(1).contains(u"(in "_s));
    WindowFixture::screenshot(&window, u"tokens-access-introspected"_s);
}

// A token the issuer does not know, opaque, as an API gateway might hand out:
// asked about at once and reported not active; an issuer that cannot be
// read is named.
void TestTokenInspector::introspectsAnUnknownOpaqueToken()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    QNetworkAccessManager network;
    DiscoveryClient discovery(&network);
    MemoryTokenStore store;
    IntrospectionView view(u"access_token"_s, &network, &discovery);
    view.setTokenStore(&store);
    view.resize(640, 320);
    view.show();
    Profile p;
    p.name = u"gateway"_s;
    p.issuer = sandbox.tenant().issuer();
    p.clientId = sandbox.tenant().clientId();
    view.setToken(p, u"2YotnFZFEjr1zCsicMWpAA"_s);
    auto *status = view.findChild<QLabel *>(u"accessIntrospectStatus"_s);
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(u"Not active:"_s), 10000);
    QCOMPARE(row(view.findChild<QTreeWidget *>(u"accessIntrospectTable"_s), u"active"_s)->text(1), u"no"_s);
    QCOMPARE(status->palette().color(QPalette::WindowText), SemanticColors::color(Tone::Error, view.palette()));
    WindowFixture::screenshot(&view, u"tokens-opaque-inactive"_s);

    // An issuer that cannot be read: said, with its address, not failed silently.
    p.issuer = QUrl(u"http://127.0.0.1:9/"_s);
    view.setToken(p, u"another-opaque-token"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!status->text().startsWith(u"Reading"_s), 10000);
    QVERIFY2(status->text().contains(u"127.0.0.1:9"_s), qPrintable(status->text()));
}

// An issuer of the test's own counts the introspection requests: an opaque
// token is sent once its view is on screen, once per token however often it
// is shown again; an issuer without an endpoint is named, in a plain tone.
void TestTokenInspector::asksOncePerTokenOnceShown()
{
    int asked = 0;
    bool offersEndpoint = true;
    std::unique_ptr<LocalHttpServer> issuer;
    issuer = std::make_unique<LocalHttpServer>([&](const HttpRequest &r) {
        const QString base = u"http://127.0.0.1:%1"_s.arg(issuer->port());
        if (r.path == "/.well-known/openid-configuration") {
            QJsonObject m{{u"issuer"_s, base}, {u"authorization_endpoint"_s, QString(base + u"/authorize"_s)},
                          {u"token_endpoint"_s, QString(base + u"/token"_s)}, {u"jwks_uri"_s, QString(base + u"/jwks"_s)}};
            if (offersEndpoint)
                m.insert(u"introspection_endpoint"_s, QString(base + u"/introspect"_s));
            return HttpResponse::json(200, QJsonDocument(m).toJson(QJsonDocument::Compact));
        }
        if (r.path == "/introspect" && r.method == "POST") {
            ++asked;
            return HttpResponse::json(200, R"({"active":true,"scope":"read write","client_id":"gateway-client"})");
        }
        return HttpResponse::json(404, R"({"error":"not_found"})");
    });
    QVERIFY(issuer->listen(QHostAddress::LocalHost));
    QNetworkAccessManager network;
    DiscoveryClient discovery(&network);
    MemoryTokenStore store;
    QWidget page; // the Tokens tab's page, hidden at first
    auto *view = new IntrospectionView(u"access_token"_s, &network, &discovery, &page);
    view->setTokenStore(&store);
    Profile p;
    p.name = u"gateway"_s;
    p.issuer = QUrl(u"http://127.0.0.1:%1"_s.arg(issuer->port()));
    p.clientId = u"gateway-client"_s;
    auto *status = view->findChild<QLabel *>(u"accessIntrospectStatus"_s);

    view->setToken(p, u"opaque-one"_s);
    QTest::qWait(200);
    QCOMPARE(asked, 0); // not on screen: nothing sent
    QVERIFY2(status->text().contains(u"when this page is shown"_s), qPrintable(status->text()));
    page.show();
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(u"Active:"_s), 10000);
    QCOMPARE(asked, 1);
    // Shown again with the same token (a refresh of the tab, a profile clicked twice): no second request.
    view->setToken(p, u"opaque-one"_s);
    page.hide();
    page.show();
    QTest::qWait(200);
    QCOMPARE(asked, 1);
    view->setToken(p, u"opaque-two"_s);
    QTRY_COMPARE_WITH_TIMEOUT(asked, 2, 10000);

    // An issuer that offers no introspection is named, in a plain tone: nothing is wrong with the token.
    offersEndpoint = false;
    discovery.clearCache();
    view->setToken(p, u"opaque-three"_s);
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(u"names no introspection_endpoint"_s), 10000);
    QCOMPARE(asked, 2);
    QCOMPARE(status->palette().color(QPalette::WindowText), SemanticColors::color(Tone::Plain, view->palette()));
}

QTEST_MAIN(TestTokenInspector)
#include "tst_tokeninspector.moc"
