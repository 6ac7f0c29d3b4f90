// SPDX-License-Identifier: MIT
// The main window driven by objectName: the sandbox profile, a login from
// "Log in" to "Signed in", a failed and a cancelled login, and profile
// editing with its error sentences. Screenshots go to TOKENLAB_SCREENSHOT_DIR.
#include "jose/privatekey.h"
#include "oauth/discoveryclient.h"
#include "session/loginflow.h"
#include "session/sessionregistry.h"
#include "gui/adaptivesplitter.h"
#include "gui/apiconsole.h"
#include "gui/mainwindow.h"
#include "gui/probepanel.h"
#include "gui/tokeninspector.h"
#include "storage/profilestore.h"
#include "support/sandboxfixture.h"
#include "support/testbrowser.h"
#include "storage/tokenstore.h"

#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QTemporaryDir>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QFileDialog>
#include <QFile>
#include <QTest>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>

using namespace Qt::StringLiterals;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void showsSandboxProfile();
    void logsInThroughTheBrowser();
    void logsInThroughBrowserEnvironment();
    void showsFailure();
    void cancels();
    void editsProfiles();
    void editsHardenedClient();
    void buildsTabsWhenFirstShown();
    void fitsASmallScreen();
    void tokensTabBuiltAfterARefresh();

private:
    void screenshot(const QString &name);
    template<typename T>
    T *find(const QString &name)
    {
        T *w = m_window->findChild<T *>(name);
        if (!w)
            qFatal("no widget named %s", qPrintable(name));
        return w;
    }

    std::unique_ptr<SandboxFixture> m_sandbox;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<DiscoveryClient> m_discovery;
    std::unique_ptr<MemoryTokenStore> m_tokens;
    std::unique_ptr<LoginFlow> m_flow;
    std::unique_ptr<ProfileStore> m_profiles;
    std::unique_ptr<SessionRegistry> m_sessions;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<TestBrowser> m_browser;
    QList<QUrl> m_opened;
};

void TestMainWindow::init()
{
    m_sandbox = std::make_unique<SandboxFixture>();
    QVERIFY(m_sandbox->started());
    m_dir = std::make_unique<QTemporaryDir>();
    m_network = std::make_unique<QNetworkAccessManager>();
    m_discovery = std::make_unique<DiscoveryClient>(m_network.get());
    m_tokens = std::make_unique<MemoryTokenStore>();
    m_flow = std::make_unique<LoginFlow>(m_network.get(), m_discovery.get(), m_tokens.get(), systemClock());
    m_profiles = std::make_unique<ProfileStore>(m_dir->filePath(u"profiles.json"_s));
    m_profiles->load(nullptr);
    m_browser = std::make_unique<TestBrowser>();
    m_opened.clear();
    SandboxTenant *tenant = &m_sandbox->tenant();
    m_sessions = std::make_unique<SessionRegistry>(SessionServices{m_network.get(), m_discovery.get(), m_tokens.get(), systemClock()});
    SessionRegistry *sessions = m_sessions.get();
    m_window = std::make_unique<MainWindow>(m_network.get(), m_profiles.get(), m_tokens.get(), m_discovery.get(), m_flow.get(),
                                            sessions, [tenant, sessions](const Profile &stored, QString *) -> Session * {
                                                return sessions->session(tenant->profileFor(stored));
                                            });
    m_window->setBrowserOpener([this](const QUrl &url) { m_opened << url; });
    m_window->reloadProfiles();
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get())); // shortcuts need the active window

}

void TestMainWindow::cleanup()
{
    m_window.reset();
    m_sessions.reset();
    m_flow.reset();
    m_browser.reset();
    m_sandbox.reset();
}

void TestMainWindow::screenshot(const QString &name)
{
    const QString dir = qEnvironmentVariable("TOKENLAB_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QTest::qWait(50);
    m_window->grab().save(dir + u'/' + name + u".png"_s);
}

void TestMainWindow::showsSandboxProfile()
{
    auto *list = find<QListWidget>(u"profileList"_s);
    QCOMPARE(list->count(), 1);
    QVERIFY(list->item(0)->text().startsWith(u"sandbox\nlocal tenant"_s));
    QCOMPARE(find<QLineEdit>(u"profileIssuer"_s)->text(), m_sandbox->tenant().issuer().toString());
    QVERIFY(find<QLineEdit>(u"profileIssuer"_s)->isReadOnly());
    QCOMPARE(find<QLineEdit>(u"profileClientId"_s)->text(), u"tokenlab-native"_s);
    QTRY_COMPARE(find<QLabel>(u"sessionState"_s)->text(), u"Not signed in"_s);
    QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>(u"discoveryState"_s)->text().contains(u"answered"_s), 10000);
    QStringList names;
    auto *endpoints = find<QTreeWidget>(u"endpointList"_s);
    for (int i = 0; i < endpoints->topLevelItemCount(); ++i)
        names << endpoints->topLevelItem(i)->text(0);
    for (const QString &n : {u"Authorize"_s, u"Token"_s, u"JWKS"_s, u"Private API"_s})
        QVERIFY2(names.contains(n), qPrintable(names.join(u", ")));
    QVERIFY(find<QLabel>(u"storageStatus"_s)->text().contains(u"memory"_s));
    screenshot(u"login-before"_s);
}

void TestMainWindow::logsInThroughTheBrowser()
{
    QTRY_VERIFY(find<QLabel>(u"discoveryState"_s)->text().contains(u"answered"_s));
    QTest::keyClick(m_window.get(), Qt::Key_L, Qt::ControlModifier); // Ctrl+L
    QTRY_COMPARE(m_opened.size(), 1);
    QTRY_COMPARE(find<QLabel>(u"flowState"_s)->text(), u"Waiting for you to sign in in the browser…"_s);
    QVERIFY(find<QPushButton>(u"cancelButton"_s)->isEnabled());
    QVERIFY(!find<QPushButton>(u"loginButton"_s)->isEnabled());
    QVERIFY(find<QLineEdit>(u"authorizeUrl"_s)->text().contains(u"code_challenge_method=S256"_s));
    QVERIFY(find<QPushButton>(u"copyUrlButton"_s)->isEnabled());
    screenshot(u"login-waiting"_s);

    m_browser->open(m_opened.first());
    QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>(u"sessionState"_s)->text().startsWith(u"Signed in · expires"_s), 15000);
    QVERIFY(find<QLineEdit>(u"authorizeUrl"_s)->text().isEmpty()); // the URL belongs to the login that waited
    const QString summary = find<QLabel>(u"loginSummary"_s)->text();
    QVERIFY2(summary.contains(u"sandbox|alice"_s), qPrintable(summary));
    QVERIFY(summary.contains(u"read:messages"_s));
    QVERIFY(summary.contains(u"id_token checks"_s));
    QVERIFY(find<QListWidget>(u"profileList"_s)->item(0)->text().contains(u"signed in"_s));
    QVERIFY(find<QPushButton>(u"loginButton"_s)->isEnabled());
    screenshot(u"login-signed-in"_s);
}

void TestMainWindow::logsInThroughBrowserEnvironment()
{
    // The window's own way of opening the browser: $BROWSER, a separate process.
    m_window->setBrowserOpener({});
    qputenv("BROWSER", qgetenv("TOKENLAB_TEST_BROWSER"));
    QTest::mouseClick(find<QPushButton>(u"loginButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>(u"sessionState"_s)->text().startsWith(u"Signed in"_s), 20000);
    qunsetenv("BROWSER");
    QVERIFY(find<QLabel>(u"loginSummary"_s)->text().contains(u"sandbox|alice"_s));
}

void TestMainWindow::showsFailure()
{
    // A profile whose issuer does not answer.
    Profile dead;
    dead.name = u"unreachable"_s;
    dead.issuer = QUrl(u"http://127.0.0.1:1/"_s);
    dead.clientId = u"x"_s;
    QVERIFY(m_profiles->upsert(dead, nullptr));
    m_window->reloadProfiles(u"unreachable"_s);
    QTest::mouseClick(find<QPushButton>(u"loginButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>(u"flowState"_s)->text().startsWith(u"Login failed: "_s), 10000);
    QVERIFY2(find<QLabel>(u"flowState"_s)->text().contains(u"refused"_s), qPrintable(find<QLabel>(u"flowState"_s)->text()));
    QVERIFY(m_opened.isEmpty());
    screenshot(u"login-failed"_s);
}

void TestMainWindow::cancels()
{
    QTest::mouseClick(find<QPushButton>(u"loginButton"_s), Qt::LeftButton);
    QTRY_COMPARE(m_opened.size(), 1);
    QTest::mouseClick(find<QPushButton>(u"cancelButton"_s), Qt::LeftButton);
    QTRY_VERIFY(find<QLabel>(u"flowState"_s)->text().startsWith(u"Login cancelled"_s));
    QVERIFY(find<QPushButton>(u"loginButton"_s)->isEnabled());
}

void TestMainWindow::editsProfiles()
{
    QTest::mouseClick(find<QPushButton>(u"newProfileButton"_s), Qt::LeftButton);
    auto *name = find<QLineEdit>(u"profileName"_s);
    name->clear();
    QTest::keyClicks(name, u"auth0-dev"_s);
    QTest::keyClicks(find<QLineEdit>(u"profileIssuer"_s), u"dev-123.eu.auth0.com"_s);
    // No client ID yet: refused with the field named.
    QTest::mouseClick(find<QPushButton>(u"saveProfileButton"_s), Qt::LeftButton);
    QVERIFY2(find<QLabel>(u"profileErrors"_s)->text().startsWith(u"Client ID:"_s), qPrintable(find<QLabel>(u"profileErrors"_s)->text()));
    QCOMPARE(find<QListWidget>(u"profileList"_s)->count(), 1);
    screenshot(u"profile-error"_s);

    QTest::keyClicks(find<QLineEdit>(u"profileClientId"_s), u"abc123"_s);
    QTest::keyClicks(find<QLineEdit>(u"profileAudience"_s), u"https://quickstarts/api"_s);
    QTest::keyClick(m_window.get(), Qt::Key_S, Qt::ControlModifier); // Ctrl+S
    QTRY_COMPARE(find<QListWidget>(u"profileList"_s)->count(), 2);
    const auto saved = m_profiles->profile(u"auth0-dev"_s);
    QVERIFY(saved);
    QCOMPARE(saved->issuer.toString(), u"https://dev-123.eu.auth0.com/"_s);
    QCOMPARE(saved->audience, u"https://quickstarts/api"_s);
    ProfileStore reread(m_profiles->path());
    QVERIFY(reread.load(nullptr));
    QVERIFY(reread.profile(u"auth0-dev"_s));
}

void TestMainWindow::editsHardenedClient()
{
    QTest::mouseClick(find<QPushButton>(u"newProfileButton"_s), Qt::LeftButton);
    auto *name = find<QLineEdit>(u"profileName"_s);
    name->clear();
    QTest::keyClicks(name, u"hardened"_s);
    QTest::keyClicks(find<QLineEdit>(u"profileIssuer"_s), u"https://issuer.example/"_s);
    QTest::keyClicks(find<QLineEdit>(u"profileClientId"_s), u"web-1"_s);
    auto *clientAuth = find<QComboBox>(u"profileClientAuth"_s);
    auto *copyKey = find<QPushButton>(u"profileClientKey"_s);
    auto *audience = find<QComboBox>(u"profileAssertionAudience"_s);
    QVERIFY(!copyKey->isEnabled());
    QVERIFY(!audience->isEnabled());
    clientAuth->setCurrentIndex(2); // private_key_jwt: a confidential code-flow client
    QVERIFY(copyKey->isEnabled());
    QVERIFY(audience->isEnabled());
    QVERIFY(!find<QLineEdit>(u"profileClientSecret"_s)->isEnabled());
    audience->setCurrentIndex(1);
    find<QCheckBox>(u"profileDpop"_s)->setChecked(true);
    find<QCheckBox>(u"profilePar"_s)->setChecked(true);
    screenshot(u"profile-hardened"_s);
    QTest::keyClick(m_window.get(), Qt::Key_S, Qt::ControlModifier);
    QTRY_VERIFY(m_profiles->profile(u"hardened"_s));
    const Profile saved = *m_profiles->profile(u"hardened"_s);
    QVERIFY(saved.dpop);
    QVERIFY(saved.par);
    QVERIFY(saved.usesClientKey());
    QCOMPARE(saved.assertionAudience, Profile::AssertionAudience::TokenEndpoint);

    // Copy public key: the key is made in the token store, only its public half reaches the clipboard.
    QGuiApplication::clipboard()->clear();
    QTest::mouseClick(copyKey, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!QGuiApplication::clipboard()->text().isEmpty(), 10000);
    const QJsonObject jwk = QJsonDocument::fromJson(QGuiApplication::clipboard()->text().toUtf8()).object();
    QCOMPARE(jwk.value(u"kty"_s).toString(), u"RSA"_s);
    QVERIFY(!jwk.contains(u"d"_s));
    QVERIFY(!jwk.value(u"kid"_s).toString().isEmpty());
    TokenStoreJob *stored = m_tokens->loadSecret(u"hardened"_s, SecretKind::ClientKey);
    QSignalSpy done(stored, &TokenStoreJob::finished);
    QVERIFY(done.wait(5000));
    QVERIFY(stored->secret().contains(u"PRIVATE KEY"_s));

    // Import key…: an existing key (registered elsewhere) replaces it; a file that is no key is refused with a sentence.
    const PrivateKey existing = PrivateKey::generate(PrivateKey::Type::EcP256);
    QTemporaryDir files;
    auto writeFile = [&files](const QString &name, const QByteArray &bytes) {
        QFile f(files.filePath(name));
        f.open(QIODevice::WriteOnly);
        f.write(bytes);
        return f.fileName();
    };
    auto importFrom = [this](const QString &path) {
        QTest::mouseClick(find<QPushButton>(u"profileImportClientKey"_s), Qt::LeftButton);
        QFileDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<QFileDialog *>(u"clientKeyFileDialog"_s)));
        dialog->selectFile(path);
        static_cast<QDialog *>(dialog)->accept(); // QFileDialog::accept, as the Open button does
    };
    importFrom(writeFile(u"notes.txt"_s, "not a key"));
    QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>(u"profileErrors"_s)->text().startsWith(u"The client key of hardened was not imported from "_s), 5000);
    importFrom(writeFile(u"client.pem"_s, existing.toPkcs8Pem()));
    QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>(u"profileErrors"_s)->text().isEmpty(), 5000);
    TokenStoreJob *imported = m_tokens->loadSecret(u"hardened"_s, SecretKind::ClientKey);
    QSignalSpy read(imported, &TokenStoreJob::finished);
    QVERIFY(read.wait(5000));
    QCOMPARE(PrivateKey::fromPkcs8Pem(imported->secret().toUtf8())->kid(), existing.kid());
    QGuiApplication::clipboard()->clear();
    QTest::mouseClick(copyKey, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!QGuiApplication::clipboard()->text().isEmpty(), 10000);
    QCOMPARE(QJsonDocument::fromJson(QGuiApplication::clipboard()->text().toUtf8()).object().value(u"kid"_s).toString(), existing.kid());
}

void TestMainWindow::buildsTabsWhenFirstShown()
{
    // A start builds the tab it shows; the Tokens, API and Probe tabs come when first shown.
    QVERIFY(!m_window->findChild<TokenInspector *>());
    QVERIFY(!m_window->findChild<ApiConsole *>());
    QVERIFY(!m_window->findChild<ProbePanel *>());

    // A login while the Tokens tab has never been built: its nonce still reaches the tab.
    QTRY_VERIFY(find<QLabel>(u"discoveryState"_s)->text().contains(u"answered"_s));
    QTest::mouseClick(find<QPushButton>(u"loginButton"_s), Qt::LeftButton);
    QTRY_COMPARE(m_opened.size(), 1);
    m_browser->open(m_opened.first());
    QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>(u"sessionState"_s)->text().startsWith(u"Signed in"_s), 15000);
    QVERIFY(!m_window->findChild<TokenInspector *>());

    auto *tabs = find<QTabWidget>(u"mainTabs"_s);
    tabs->setCurrentWidget(find<QWidget>(u"tokensTab"_s));
    auto *inspector = m_window->findChild<TokenInspector *>();
    QVERIFY(inspector);
    QTRY_VERIFY(inspector->isVisible()); // a widget put in a shown page shows on the next turn of the event loop
    auto *idView = inspector->findChild<QWidget *>(u"idTokenView"_s);
    QTRY_VERIFY_WITH_TIMEOUT(idView->findChild<QLabel *>(u"tokenSummary"_s)->text().contains(u"signature verified"_s), 10000);
    auto *checks = idView->findChild<QTreeWidget *>(u"checksList"_s);
    QString nonce;
    for (QTreeWidgetItemIterator it(checks); *it; ++it) {
        if ((*it)->text(0) == u"nonce"_s)
            nonce = (*it)->text(1);
    }
    QCOMPARE(nonce, u"✔ passed"_s);
    QVERIFY(!m_window->findChild<ApiConsole *>());

    // The API tab, built now, calls with the selected profile's token.
    tabs->setCurrentWidget(find<QWidget>(u"apiTab"_s));
    auto *api = m_window->findChild<ApiConsole *>();
    QVERIFY(api);
    QTest::mouseClick(api->findChild<QPushButton *>(u"privateButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(api->findChild<QLabel *>(u"apiStatus"_s)->text().startsWith(u"200 OK"_s), 10000);

    // The Probe tab, too; and a tab built once is the same widget when shown again.
    tabs->setCurrentWidget(find<QWidget>(u"probeTab"_s));
    QVERIFY(m_window->findChild<ProbePanel *>());
    tabs->setCurrentWidget(find<QWidget>(u"tokensTab"_s));
    QCOMPARE(m_window->findChildren<TokenInspector *>().size(), 1);
    QCOMPARE(m_window->findChild<TokenInspector *>(), inspector);
    QTRY_VERIFY(inspector->isVisible()); // a widget put in a shown page shows on the next turn of the event loop
}

void TestMainWindow::fitsASmallScreen()
{
    // A 1024x640 screen: every tab fits; the Login tab's panes stand one above
    // the other there, and side by side again once the window is wide enough.
    auto *tabs = find<QTabWidget>(u"mainTabs"_s);
    auto *split = find<QSplitter>(u"loginSplitter"_s);
    m_window->resize(1600, 900);
    QTRY_COMPARE(m_window->width(), 1600);
    QCOMPARE(split->orientation(), Qt::Horizontal);
    for (int i = 0; i < tabs->count(); ++i) {
        tabs->setCurrentIndex(i); // builds the tab
        QTest::qWait(20);
        QVERIFY2(m_window->minimumSizeHint().width() <= 1024,
                 qPrintable(u"%1 tab: the window needs %2 pixels"_s.arg(tabs->tabText(i)).arg(m_window->minimumSizeHint().width())));
    }
    tabs->setCurrentIndex(0);
    m_window->resize(1024, 640);
    QTRY_COMPARE(m_window->width(), 1024);
    QTRY_COMPARE(split->orientation(), Qt::Vertical);
    screenshot(u"login-1024x640"_s);
    // Each tab narrow, then wide: every splitter that stacked stands side by side again.
    for (int i = 0; i < tabs->count(); ++i) {
        m_window->resize(1024, 640);
        QTRY_COMPARE(m_window->width(), 1024);
        tabs->setCurrentIndex(i);
        QTest::qWait(20);
        m_window->resize(1600, 900);
        QTRY_COMPARE(m_window->width(), 1600);
        QTest::qWait(20);
        for (AdaptiveSplitter *s : tabs->currentWidget()->findChildren<AdaptiveSplitter *>()) {
            if (s->isVisible())
                QVERIFY2(s->orientation() == Qt::Horizontal, qPrintable(tabs->tabText(i)));
        }
    }
    tabs->setCurrentIndex(0); // a hidden page is laid out again when shown
    QTRY_COMPARE(split->orientation(), Qt::Horizontal);
}

void TestMainWindow::tokensTabBuiltAfterARefresh()
{
    // Logged in, then refreshed, all before the Tokens tab is built: the login's nonce belongs
    // to the login's id_token, so the refreshed id_token (which carries none) is not failed for it.
    QTRY_VERIFY(find<QLabel>(u"discoveryState"_s)->text().contains(u"answered"_s));
    QTest::mouseClick(find<QPushButton>(u"loginButton"_s), Qt::LeftButton);
    QTRY_COMPARE(m_opened.size(), 1);
    m_browser->open(m_opened.first());
    QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>(u"sessionState"_s)->text().startsWith(u"Signed in"_s), 15000);
    QTest::mouseClick(find<QPushButton>(u"refreshButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>(u"flowState"_s)->text().startsWith(u"Tokens refreshed"_s), 15000);
    QVERIFY(!m_window->findChild<TokenInspector *>());

    find<QTabWidget>(u"mainTabs"_s)->setCurrentWidget(find<QWidget>(u"tokensTab"_s));
    auto *idView = m_window->findChild<QWidget *>(u"idTokenView"_s);
    QTRY_VERIFY_WITH_TIMEOUT(idView->findChild<QLabel *>(u"tokenSummary"_s)->text().contains(u"signature verified"_s), 10000);
    QString nonce;
    auto *checks = idView->findChild<QTreeWidget *>(u"checksList"_s);
    for (QTreeWidgetItemIterator it(checks); *it; ++it) {
        if ((*it)->text(0) == u"nonce"_s)
            nonce = (*it)->text(1);
    }
    QVERIFY2(!nonce.contains(u"✘"_s), qPrintable(nonce));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
