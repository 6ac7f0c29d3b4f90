// SPDX-License-Identifier: MIT
// The window over several profiles' Sessions. A table of states (signed
// out, signed in, expired, ended, stale, after Forget tokens, after
// Refresh) for one profile beside a second profile: switching between the
// two never shows the other profile's state in the Login panel, the Session
// menu, the profile list, the Tokens tab or the API tab's response and
// history. Profiles written by another ProfileStore and by a real
// tokenlab-cli appear in the running window and survive its next save.
// The Session menu's keys work from every tab, no Alt+letter reaches two
// things on one tab, the window's layout comes back from QSettings, and
// the Help menu shows the shortcuts and the versions.
#include "gui/sessiontext.h"
#include "gui/tokenview.h"
#include "support/flowhelpers.h"
#include "support/language.h"
#include "support/processes.h"
#include "support/windowfixture.h"

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QGroupBox>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QListView>
#include <QTest>

#include <optional>

using namespace Qt::StringLiterals;

class TestMainWindowSessions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void switchingShowsOnlyTheSelectedSession_data();
    void switchingShowsOnlyTheSelectedSession();
    void profilesAddedElsewhereAppear();
    void sessionKeysWorkOnEveryTab();
    void mnemonicsAreUniquePerTab_data();
    void mnemonicsAreUniquePerTab();
    void remembersTheLayout();
    void helpMenu();
};

namespace {

const QString Alpha = u"alpha"_s;
const QString Beta = u"beta"_s;

Profile sandboxProfile(SandboxFixture &sandbox, const QString &name)
{
    Profile p;
    p.name = name;
    p.issuer = sandbox.tenant().issuer();
    p.clientId = sandbox.tenant().clientId();
    p.audience = sandbox.tenant().audience();
    p.scope = u"openid profile email offline_access read:messages"_s;
    p.apiBase = sandbox.tenant().apiBaseUrl();
    return p;
}

// Real tokens from the sandbox (an auto-approved login over HTTP).
TokenSet realTokens(SandboxFixture &sandbox)
{
    const QString scope = u"openid profile email offline_access read:messages"_s;
    const SandboxFixture::Login login = sandbox.login(scope);
    QString error;
    const auto t = TokenResponse::parse(200, QJsonDocument(login.tokens).toJson(), QDateTime::currentDateTimeUtc(), scope, &error);
    if (!t)
        qFatal("no sandbox tokens: %s", qPrintable(error));
    return *t;
}

bool store(TokenStore &tokens, const QString &profile, const TokenSet &t)
{
    TokenStoreJob *job = tokens.save(profile, t);
    QSignalSpy spy(job, &TokenStoreJob::finished);
    return spy.wait(5000);
}

bool finished(SessionJob *job, SessionResult *result = nullptr)
{
    QSignalSpy spy(job, &SessionJob::finished);
    if (!spy.wait(10000))
        return false;
    if (result)
        *result = spy.first().at(0).value<SessionResult>();
    return true;
}

QAction *action(WindowFixture &w, const QString &name)
{
    auto *a = w.window.findChild<QAction *>(name);
    if (!a)
        qFatal("no action named %s", qPrintable(name));
    return a;
}

} // namespace

void TestMainWindowSessions::switchingShowsOnlyTheSelectedSession_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("alphaText");     // how the Login panel's state line starts
    QTest::addColumn<QString>("alphaSubtitle"); // how the list's second line starts
    QTest::addColumn<bool>("canRefresh");
    QTest::addColumn<bool>("hasTokens");        // Log out and Forget tokens

    QTest::newRow("signed-out") << u"signed-out"_s << u"Not signed in"_s << u"127.0.0.1"_s << false << false;
    QTest::newRow("signed-in") << u"signed-in"_s << u"Signed in · expires"_s << u"signed in · expires"_s << true << true;
    QTest::newRow("expired") << u"expired"_s << u"Token expired at"_s << u"token expired"_s << true << true;
    QTest::newRow("ended") << u"ended"_s << u"Session ended: log in again"_s << u"session ended, log in again"_s << false << true;
    QTest::newRow("stale") << u"stale"_s << u"These tokens are from an earlier sandbox run"_s << u"stale tokens, log in again"_s
                           << false << true;
    QTest::newRow("after-forget") << u"after-forget"_s << u"Not signed in"_s << u"127.0.0.1"_s << false << false;
    QTest::newRow("after-refresh") << u"after-refresh"_s << u"Signed in · expires"_s << u"signed in · expires"_s << true << true;
}

void TestMainWindowSessions::switchingShowsOnlyTheSelectedSession()
{
    QFETCH(QString, state);
    QFETCH(QString, alphaText);
    QFETCH(QString, alphaSubtitle);
    QFETCH(bool, canRefresh);
    QFETCH(bool, hasTokens);

    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    WindowFixture w(sandbox, {1024, 640});
    QVERIFY(QTest::qWaitForWindowActive(&w.window));
    QVERIFY(w.profiles.upsert(sandboxProfile(sandbox, Alpha), nullptr));
    QVERIFY(w.profiles.upsert(sandboxProfile(sandbox, Beta), nullptr));
    QVERIFY(w.profiles.save(nullptr));
    w.window.reloadProfiles(Alpha);
    Session *alpha = w.sessions.find(Alpha);
    Session *beta = w.sessions.find(Beta);
    QVERIFY(alpha && beta);

    // Each profile calls its own endpoint first: the API tab keeps one history per profile.
    w.showTab(u"apiTab"_s);
    auto *history = w.find<QListView>(u"historyList"_s)->model();
    w.selectProfile(Alpha);
    QTest::mouseClick(w.find<QPushButton>(u"publicButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(history->rowCount(), 1, 10000);
    w.selectProfile(Beta);
    QTRY_COMPARE(history->rowCount(), 0);
    QTest::mouseClick(w.find<QPushButton>(u"privateButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(history->rowCount(), 1, 10000);

    // Beta is the contrast: signed out when alpha is signed in, else signed in with its own expiry.
    const bool betaSignedIn = state != u"signed-in"_s;
    TokenSet betaTokens;
    if (betaSignedIn) {
        betaTokens = realTokens(sandbox);
        betaTokens.expiresAt = QDateTime::currentDateTimeUtc().addSecs(7200);
        QVERIFY(store(w.tokens, Beta, betaTokens));
    }
    QVERIFY(finished(beta->reload()));

    TokenSet alphaTokens = realTokens(sandbox);
    QString oldExpiry;
    if (state == u"expired"_s)
        alphaTokens.expiresAt = QDateTime::currentDateTimeUtc().addSecs(-60);
    if (state == u"after-refresh"_s) {
        alphaTokens.expiresAt = QDateTime::currentDateTimeUtc().addSecs(600);
        oldExpiry = SessionText::when(alphaTokens.expiresAt, QDateTime::currentDateTimeUtc());
    }
    if (state != u"signed-out"_s)
        QVERIFY(store(w.tokens, Alpha, alphaTokens));
    if (state == u"stale"_s)
        alpha->setContinuityCheck([](const TokenSet &) { return u"These tokens are from an earlier sandbox run; log in again."_s; });
    QVERIFY(finished(alpha->reload()) || state == u"signed-out"_s);
    if (state == u"ended"_s) {
        // The issuer refuses the refresh token from now on.
        FormData revoke;
        revoke.add(u"client_id"_s, sandbox.tenant().clientId());
        revoke.add(u"token"_s, alphaTokens.refreshToken);
        QCOMPARE(sandbox.http().post(sandbox.url(u"/oauth/revoke"_s), revoke.encode()).status, 200);
        SessionResult r;
        QVERIFY(finished(alpha->refresh(), &r));
        QCOMPARE(r.error, SessionError::Ended);
    }
    w.selectProfile(Alpha);
    if (state == u"after-forget"_s) {
        QTRY_VERIFY(action(w, u"forgetAction"_s)->isEnabled());
        action(w, u"forgetAction"_s)->trigger();
        QTRY_VERIFY(w.window.findChild<QMessageBox *>(u"forgetDialog"_s));
        auto *dialog = w.window.findChild<QMessageBox *>(u"forgetDialog"_s);
        QVERIFY(dialog->informativeText().contains(u"stays valid at the issuer until it expires"_s));
        QVERIFY(dialog->findChild<QPushButton *>(u"revokeAndForgetButton"_s));
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"forgetOnlyButton"_s), Qt::LeftButton);
        QTRY_COMPARE(w.flowState(), u"Forgot the tokens"_s);
    }
    if (state == u"after-refresh"_s) {
        // Ctrl+R, from the API tab.
        QTRY_VERIFY(action(w, u"refreshAction"_s)->isEnabled());
        QTest::keyClick(&w.window, Qt::Key_R, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(w.flowState().startsWith(u"Tokens refreshed at"_s), 10000);
    }
    const std::optional<TokenSet> alphaNow = alpha->tokens();
    QCOMPARE(alphaNow.has_value(), hasTokens);
    const QString betaExpiry = betaSignedIn ? SessionText::when(betaTokens.expiresAt, QDateTime::currentDateTimeUtc()) : QString();

    auto *access = w.find<TokenView>(u"accessTokenView"_s);
    auto *status = w.find<QLabel>(u"apiStatus"_s);
    for (const QString &name : {Beta, Alpha, Beta, Alpha}) {
        w.selectProfile(name);
        const bool isAlpha = name == Alpha;
        Session *s = isAlpha ? alpha : beta;
        // The keychain is read again on selection; wait until it answered.
        QTRY_VERIFY(s->state() != Session::State::Unknown);
        const QString text = w.sessionState();
        const QString why = name + u": "_s + text;

        // The Login panel: this profile's state only, no other profile's note or sign-in URL.
        if (isAlpha) {
            QVERIFY2(text.startsWith(alphaText), qPrintable(why));
            if (state == u"ended"_s || state == u"stale"_s)
                QVERIFY2(!text.contains(u"Signed in"_s), qPrintable(why));
            if (!betaExpiry.isEmpty())
                QVERIFY2(!text.contains(betaExpiry), qPrintable(why));
            if (state == u"after-refresh"_s) {
                QVERIFY2(text.contains(SessionText::when(alphaNow->expiresAt, QDateTime::currentDateTimeUtc())), qPrintable(why));
                QVERIFY2(!text.contains(oldExpiry), qPrintable(why));
            }
        } else {
            QVERIFY2(text.startsWith(betaSignedIn ? u"Signed in · expires "_s + betaExpiry : u"Not signed in"_s), qPrintable(why));
            QVERIFY2(w.flowState().isEmpty(), qPrintable(name + u" note: "_s + w.flowState()));
        }
        QVERIFY(w.find<QLineEdit>(u"authorizeUrl"_s)->text().isEmpty());

        // The Session menu, from this session's state.
        const bool tokens = isAlpha ? hasTokens : betaSignedIn;
        QCOMPARE(action(w, u"loginAction"_s)->isEnabled(), true);
        QCOMPARE(action(w, u"refreshAction"_s)->isEnabled(), isAlpha ? canRefresh : betaSignedIn);
        QCOMPARE(action(w, u"logoutAction"_s)->isEnabled(), tokens);
        QCOMPARE(action(w, u"forgetAction"_s)->isEnabled(), tokens);
        QCOMPARE(action(w, u"cancelAction"_s)->isEnabled(), false);
        QCOMPARE(w.find<QPushButton>(u"refreshButton"_s)->isEnabled(), action(w, u"refreshAction"_s)->isEnabled());

        // The list: each entry its own session's state.
        QVERIFY2(w.listEntry(Alpha).section(u'\n', 1).startsWith(alphaSubtitle), qPrintable(w.listEntry(Alpha)));
        QVERIFY(w.listEntry(Beta).section(u'\n', 1).startsWith(betaSignedIn ? u"signed in · expires"_s : u"127.0.0.1"_s));

        // The Tokens tab: this session's access token, or none.
        const std::optional<TokenSet> held = s->tokens();
        QCOMPARE(QString::fromLatin1(access->token()), held ? held->accessToken : QString());

        // The API tab: this profile's history and last answer.
        QCOMPARE(history->rowCount(), 1);
        QVERIFY2(history->index(0, 0).data().toString().contains(isAlpha ? u"/api/public"_s : u"/api/private"_s), qPrintable(history->index(0, 0).data().toString()));
        QVERIFY(isAlpha ? status->text().startsWith(u"200"_s) : status->text().startsWith(u"401"_s));
    }
    WindowFixture::screenshot(&w.window, u"sessions-"_s + state + u"-api"_s);
    for (const QString &tab : {u"loginTab"_s, u"tokensTab"_s, u"probeTab"_s}) {
        w.showTab(tab);
        WindowFixture::screenshot(&w.window, u"sessions-"_s + state + u'-' + tab);
    }
}

void TestMainWindowSessions::profilesAddedElsewhereAppear()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    WindowFixture w(sandbox);
    QVERIFY(QTest::qWaitForWindowActive(&w.window)); // for Ctrl+S
    QVERIFY(w.profiles.upsert(sandboxProfile(sandbox, Beta), nullptr));
    QVERIFY(w.profiles.save(nullptr));
    w.window.reloadProfiles(Beta);
    // An unsaved edit in the editor, which a reload from disk must not overwrite.
    auto *scope = w.find<QLineEdit>(u"profileScope"_s);
    scope->setFocus();
    scope->end(false);
    QTest::keyClicks(scope, u" write:messages"_s);
    const QString edited = scope->text();

    // Another ProfileStore object, as another window would write it.
    ProfileStore other(w.profiles.path());
    QVERIFY(other.load(nullptr));
    Profile added;
    added.name = u"from-another-window"_s;
    added.issuer = QUrl(u"https://other.example/"_s);
    added.clientId = u"o1"_s;
    QVERIFY(other.upsert(added, nullptr));
    QVERIFY(other.save(nullptr));
    QTRY_VERIFY_WITH_TIMEOUT(!w.listEntry(u"from-another-window"_s).isEmpty(), 1000);
    QVERIFY(w.sessions.find(u"from-another-window"_s));

    // A real tokenlab-cli process, sharing the file through XDG_CONFIG_HOME.
    const RunResult r = runProcess(u"tokenlab-cli"_s,
                                   {u"profile"_s, u"add"_s, u"from-cli"_s, u"--issuer"_s, u"https://cli.example/"_s,
                                    u"--client-id"_s, u"c1"_s},
                                   30000, {u"XDG_CONFIG_HOME="_s + w.dir.path()});
    QVERIFY2(r.finished && r.exitCode == 0, QByteArray(QByteArray::number(r.exitCode) + " " + r.out + r.err).constData());
    QTRY_VERIFY_WITH_TIMEOUT(w.listEntry(u"from-cli"_s).startsWith(u"from-cli\ncli.example"_s), 5000);

    // The selection and the unsaved edit stayed.
    QCOMPARE(w.find<QListWidget>(u"profileList"_s)->currentItem()->data(Qt::UserRole).toString(), Beta);
    QCOMPARE(scope->text(), edited);

    // The window's next save keeps both.
    QTest::keyClick(&w.window, Qt::Key_S, Qt::ControlModifier);
    ProfileStore reread(w.profiles.path());
    QTRY_VERIFY2(reread.load(nullptr) && reread.profile(Beta) && reread.profile(Beta)->scope == edited,
                 qPrintable(w.find<QLabel>(u"profileErrors"_s)->text() + u" / "_s + (reread.profile(Beta) ? reread.profile(Beta)->scope : QString())));
    QVERIFY(reread.profile(u"from-cli"_s));
    QVERIFY(reread.profile(u"from-another-window"_s));

    // Removed elsewhere: gone from the list, and its session with it.
    const RunResult removed = runProcess(u"tokenlab-cli"_s, {u"profile"_s, u"remove"_s, u"from-cli"_s}, 30000,
                                         {u"XDG_CONFIG_HOME="_s + w.dir.path()});
    // (Its exit status says the keychain could not be reached here; the profile is removed all the same.)
    QVERIFY2(removed.finished && removed.err.contains("Removed profile from-cli"), removed.err.constData());
    QTRY_VERIFY_WITH_TIMEOUT(w.listEntry(u"from-cli"_s).isEmpty(), 5000);
    QTRY_VERIFY(!w.sessions.find(u"from-cli"_s));
}

void TestMainWindowSessions::sessionKeysWorkOnEveryTab()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    WindowFixture w(sandbox);
    QList<QUrl> opened;
    w.window.setBrowserOpener([&opened](const QUrl &url) { opened << url; }); // the login waits
    w.window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w.window));
    QTRY_VERIFY(action(w, u"loginAction"_s)->isEnabled());

    w.showTab(u"probeTab"_s);
    QTest::keyClick(&w.window, Qt::Key_L, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 10000);
    QVERIFY(action(w, u"cancelAction"_s)->isEnabled());
    QVERIFY(!action(w, u"loginAction"_s)->isEnabled());
    w.showTab(u"tokensTab"_s);
    QTest::keyClick(&w.window, Qt::Key_Escape);
    QTRY_VERIFY(w.flowState().startsWith(u"Login cancelled"_s));
    QVERIFY(action(w, u"loginAction"_s)->isEnabled());
    QVERIFY(!action(w, u"cancelAction"_s)->isEnabled());

    // Logged in from the API tab, then refreshed from the Probe tab.
    w.window.setBrowserOpener([&w](const QUrl &url) { w.browser.open(url); });
    w.showTab(u"apiTab"_s);
    QTest::keyClick(&w.window, Qt::Key_L, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(w.sessionState().startsWith(u"Signed in"_s), 15000);
    w.showTab(u"probeTab"_s);
    QTest::keyClick(&w.window, Qt::Key_R, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(w.flowState().startsWith(u"Tokens refreshed at"_s), 10000);
}

void TestMainWindowSessions::mnemonicsAreUniquePerTab_data()
{
    // Every shipped language, since a translator picks the mnemonics anew.
    QTest::addColumn<QString>("language");
    QTest::newRow("English") << QString();
    QTest::newRow("German") << u"de_DE"_s;
}

void TestMainWindowSessions::mnemonicsAreUniquePerTab()
{
    QFETCH(QString, language);
    std::optional<TestLanguage> translated;
    if (!language.isEmpty()) {
        translated.emplace(QLocale(language));
        QVERIFY2(!translated->loaded().isEmpty(), qPrintable(u"the build has no translation for "_s + language));
    }
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    WindowFixture w(sandbox);
    auto *tabs = w.find<QTabWidget>(u"mainTabs"_s);
    for (int t = 0; t < tabs->count(); ++t) {
        tabs->setCurrentIndex(t);
        QHash<QKeySequence, QString> seen;
        auto take = [&](const QString &text, const QString &what) {
            const QKeySequence key = QKeySequence::mnemonic(text);
            if (key.isEmpty())
                return;
            QVERIFY2(!seen.contains(key), qPrintable(u"%1 on tab %2: \"%3\" and \"%4\""_s.arg(key.toString(), tabs->tabText(t),
                                                                                              seen.value(key), what)));
            seen.insert(key, what);
        };
        for (QAction *menu : w.window.menuBar()->actions())
            take(menu->text(), u"menu "_s + menu->text());
        for (int i = 0; i < tabs->count(); ++i)
            take(tabs->tabText(i), u"tab "_s + tabs->tabText(i));
        for (QWidget *child : w.window.findChildren<QWidget *>()) {
            if (!child->isVisibleTo(&w.window))
                continue;
            if (auto *b = qobject_cast<QAbstractButton *>(child))
                take(b->text(), b->objectName() + u' ' + b->text());
            else if (auto *l = qobject_cast<QLabel *>(child); l && l->buddy())
                take(l->text(), u"label "_s + l->text());
            else if (auto *g = qobject_cast<QGroupBox *>(child))
                take(g->title(), u"group "_s + g->title());
            else if (auto *bar = qobject_cast<QTabBar *>(child); bar && bar != tabs->tabBar()) {
                for (int i = 0; i < bar->count(); ++i)
                    take(bar->tabText(i), u"inner tab "_s + bar->tabText(i));
            }
        }
    }
}

void TestMainWindowSessions::remembersTheLayout()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    WindowFixture w(sandbox);
    QVERIFY(w.profiles.upsert(sandboxProfile(sandbox, Beta), nullptr));
    QVERIFY(w.profiles.save(nullptr));
    w.window.reloadProfiles();
    QSettings settings(w.dir.filePath(u"window.ini"_s), QSettings::IniFormat);
    w.window.setSettings(&settings);
    w.selectProfile(Beta);
    w.find<QSplitter>(u"mainSplitter"_s)->setSizes({300, 900});
    const QList<int> sizes = w.find<QSplitter>(u"mainSplitter"_s)->sizes();
    auto *login = w.find<QSplitter>(u"loginSplitter"_s);
    QTest::qWait(20);
    QCOMPARE(login->orientation(), Qt::Horizontal);
    login->setSizes({380, 620});
    const QList<int> loginSizes = login->sizes();
    w.showTab(u"apiTab"_s);
    w.window.close();

    MainWindow again(&w.network, &w.profiles, &w.tokens, &w.discovery, &w.flow, &w.sessions,
                     [tenant = &sandbox.tenant(), &w](const Profile &stored, QString *) { return w.sessions.session(tenant->profileFor(stored)); });
    again.reloadProfiles();
    again.setSettings(&settings);
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QCOMPARE(again.findChild<QTabWidget *>(u"mainTabs"_s)->currentWidget()->objectName(), u"apiTab"_s);
    QCOMPARE(again.findChild<QListWidget *>(u"profileList"_s)->currentItem()->data(Qt::UserRole).toString(), Beta);
    QCOMPARE(again.size(), w.window.size());
    QCOMPARE(again.findChild<QSplitter *>(u"mainSplitter"_s)->sizes(), sizes);
    again.findChild<QTabWidget *>(u"mainTabs"_s)->setCurrentIndex(0);
    QTest::qWait(20);
    QCOMPARE(again.findChild<QSplitter *>(u"loginSplitter"_s)->orientation(), Qt::Horizontal);
    QCOMPARE(again.findChild<QSplitter *>(u"loginSplitter"_s)->sizes(), loginSizes);
}

void TestMainWindowSessions::helpMenu()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    WindowFixture w(sandbox);
    action(w, u"shortcutsAction"_s)->trigger();
    QTRY_VERIFY(w.window.findChild<QTableWidget *>(u"shortcutsTable"_s));
    auto *table = w.window.findChild<QTableWidget *>(u"shortcutsTable"_s);
    QStringList rows;
    for (int r = 0; r < table->rowCount(); ++r)
        rows << table->item(r, 0)->text() + u' ' + table->item(r, 1)->text();
    for (const QString &row : {u"Ctrl+L Log in"_s, u"Ctrl+R Refresh"_s, u"Esc Cancel"_s})
        QVERIFY2(rows.contains(row), qPrintable(rows.join(u" | "_s)));
    WindowFixture::screenshot(table->window(), u"help-shortcuts"_s);
    table->window()->close();

    action(w, u"aboutAction"_s)->trigger();
    QTRY_VERIFY(w.window.findChild<QMessageBox *>(u"aboutDialog"_s));
    const QString about = w.window.findChild<QMessageBox *>(u"aboutDialog"_s)->informativeText();
    QVERIFY2(about.contains(u"Qt "_s + QString::fromLatin1(qVersion())), qPrintable(about));
    QVERIFY2(about.contains(u"OpenSSL 3"_s), qPrintable(about));
    QVERIFY2(about.contains(w.tokens.backendName()), qPrintable(about));
}

QTEST_MAIN(TestMainWindowSessions)
#include "tst_mainwindowsessions.moc"
