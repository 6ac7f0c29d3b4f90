// SPDX-License-Identifier: MIT
#include "gui/mainwindow.h"
#include "appinfo.h"
#include "gui/adaptivesplitter.h"
#include "gui/apiconsole.h"
#include "gui/fitscrollarea.h"
#include "gui/helpdialogs.h"
#include "gui/issuerpanel.h"
#include "gui/loginpanel.h"
#include "gui/probepanel.h"
#include "gui/profileform.h"
#include "gui/profilespanel.h"
#include "gui/sandboxmenu.h"
#include "gui/semanticcolors.h"
#include "gui/sessionactions.h"
#include "gui/tokeninspector.h"
#include "oauth/discoveryclient.h"
#include "session/loginflow.h"
#include "session/logoutflow.h"
#include "session/sessionregistry.h"
#include "storage/profilestore.h"
#include "storage/profilewatcher.h"
#include "storage/tokenstore.h"
#include "util/externalbrowser.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDesktopServices>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QFileInfo>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QScrollArea *scrolled(QWidget *content, const QString &name)
{
    auto *area = new FitScrollArea(content);
    area->setObjectName(name);
    return area;
}

void openInBrowser(MainWindow *window, const QUrl &url)
{
    QString error;
    if (const auto command = ExternalBrowser::commandFromEnvironment(url)) {
        if (!ExternalBrowser::launch(*command, &error))
            window->logActivity(error + MainWindow::tr(" Copy the sign-in URL instead."));
        return;
    }
    if (!QDesktopServices::openUrl(url))
        window->logActivity(MainWindow::tr("No browser could be opened; copy the sign-in URL into one."));
}

} // namespace

MainWindow::MainWindow(QNetworkAccessManager *network, ProfileStore *profiles, TokenStore *tokens, DiscoveryClient *discovery,
                       LoginFlow *flow, SessionRegistry *sessions, SandboxSession sandbox, QWidget *parent)
    : QMainWindow(parent),
      m_profiles(profiles),
      m_tokens(tokens),
      m_flow(flow),
      m_sessions(sessions),
      m_sandbox(std::move(sandbox)),
      m_network(network),
      m_discovery(discovery),
      m_watcher(new ProfileWatcher(profiles->path(), this)),
      m_logout(new LogoutFlow(network, discovery, tokens, this)),
      m_actions(new SessionActions(this))
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(QString(AppInfo::DisplayName));
    resize(1180, 760);

    m_profilesPanel = new ProfilesPanel(profiles, sessions);
    m_profilesPanel->setTokenStore(tokens);
    m_form = new ProfileForm(profiles, tokens);
    m_login = new LoginPanel(flow, m_logout, sessions, m_actions);
    m_issuer = new IssuerPanel(discovery);
    m_login->setLoginProfile([this](QString *error) { return loginProfile(error); });
    setBrowserOpener({});

    m_tabs = new QTabWidget;
    m_tabs->setObjectName(u"mainTabs"_s);
    m_tabs->addTab(buildLoginTab(), tr("&Login"));
    // The Tokens, API and Probe tabs are built when first shown or first needed
    // (a probe cell opened in the API tab): a start builds only the tab it shows.
    m_tokensPage = m_tabs->widget(m_tabs->addTab(emptyPage(u"tokensTab"_s), tr("T&okens")));
    m_apiPage = m_tabs->widget(m_tabs->addTab(emptyPage(u"apiTab"_s), tr("&API")));
    m_probePage = m_tabs->widget(m_tabs->addTab(emptyPage(u"probeTab"_s), tr("&Probe")));
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::buildTab);
    m_split = new QSplitter;
    m_split->setObjectName(u"mainSplitter"_s);
    m_split->addWidget(m_profilesPanel);
    m_split->addWidget(m_tabs);
    m_split->setStretchFactor(1, 1);
    m_split->setChildrenCollapsible(false);
    m_split->setSizes({220, 960});
    setCentralWidget(m_split);

    m_log = new QPlainTextEdit;
    m_log->setObjectName(u"activityLog"_s);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(2000);
    auto *dock = new QDockWidget(tr("Activity"));
    dock->setObjectName(u"activityDock"_s);
    dock->setWidget(m_log);
    dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    resizeDocks({dock}, {100}, Qt::Vertical);

    m_storageStatus = new QLabel(tr("Tokens are kept in %1").arg(m_tokens->backendName()));
    m_storageStatus->setObjectName(u"storageStatus"_s);
    statusBar()->addWidget(m_storageStatus, 1);
    m_sandboxStatus = new QLabel;
    m_sandboxStatus->setObjectName(u"sandboxStatus"_s);
    statusBar()->addPermanentWidget(m_sandboxStatus);
    buildMenus();

    // Selection and profile editing.
    connect(m_profilesPanel, &ProfilesPanel::currentChanged, this, &MainWindow::select);
    connect(m_profilesPanel, &ProfilesPanel::newRequested, this, &MainWindow::newProfile);
    connect(m_profilesPanel, &ProfilesPanel::profilesChanged, this, &MainWindow::reloadProfiles);
    connect(m_profilesPanel, &ProfilesPanel::activity, this, &MainWindow::logActivity);
    connect(m_profilesPanel, &ProfilesPanel::error, this, [this](const QString &sentence) {
        m_form->showError(sentence);
        logActivity(sentence);
    });
    connect(m_form, &ProfileForm::activity, this, &MainWindow::logActivity);
    connect(m_form, &ProfileForm::saved, this, [this](const QString &name, const QString &renamedFrom) {
        if (!renamedFrom.isEmpty())
            m_sessions->remove(renamedFrom);
        reloadProfiles(name);
        select(name); // the saved settings, shown again even when the selection stays
    });
    connect(m_watcher, &ProfileWatcher::changed, this, &MainWindow::onProfilesFileChanged);

    // The session's operations, from the menu, the shortcuts or the Login panel's buttons.
    connect(m_actions->login, &QAction::triggered, m_login, [this] { m_login->logIn(); });
    connect(m_actions->loginDevice, &QAction::triggered, m_login, &LoginPanel::logInOnAnotherDevice);
    connect(m_actions->switchUser, &QAction::triggered, m_login, &LoginPanel::switchUser);
    connect(m_actions->refresh, &QAction::triggered, m_login, &LoginPanel::refresh);
    connect(m_actions->logout, &QAction::triggered, m_login, &LoginPanel::logOut);
    connect(m_actions->forget, &QAction::triggered, m_login, &LoginPanel::askForget);
    connect(m_actions->cancel, &QAction::triggered, m_login, &LoginPanel::cancel);
    connect(m_login, &LoginPanel::activity, this, &MainWindow::logActivity);
    connect(m_login, &LoginPanel::problem, this, &MainWindow::onStoreProblem);
    connect(m_login, &LoginPanel::loggedIn, this, [this](const QString &profile, const QString &nonce, const QByteArray &idTokenHash) {
        if (m_inspector)
            m_inspector->rememberNonce(profile, nonce, idTokenHash);
        else
            m_nonces.insert(profile, {nonce, idTokenHash}); // for the Tokens tab, when it is built
    });
    connect(m_flow, &LoginFlow::stateChanged, this, [this] { m_form->setEnabled(!m_flow->isRunning()); });

    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::saveSettings);
    connect(m_split, &QSplitter::splitterMoved, this, &MainWindow::saveSettings);
    connect(m_loginSplit, &QSplitter::splitterMoved, this, &MainWindow::saveSettings);
}

MainWindow::~MainWindow() = default;

QWidget *MainWindow::emptyPage(const QString &name)
{
    auto *page = new QWidget;
    page->setObjectName(name);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    return page;
}

void MainWindow::buildTab(int index)
{
    QWidget *page = m_tabs->widget(index);
    if (page == m_tokensPage)
        inspector();
    else if (page == m_apiPage)
        api();
    else if (page == m_probePage)
        probe();
}

void MainWindow::buildEveryTab()
{
    inspector();
    api();
    probe();
}

TokenInspector *MainWindow::inspector()
{
    if (m_inspector)
        return m_inspector;
    m_inspector = new TokenInspector(m_network, m_discovery);
    m_inspector->setTokenStore(m_tokens);
    for (auto it = m_nonces.cbegin(); it != m_nonces.cend(); ++it)
        m_inspector->rememberNonce(it.key(), it.value().first, it.value().second);
    m_nonces.clear();
    m_inspector->setSession(m_session);
    m_tokensPage->layout()->addWidget(m_inspector);
    m_inspector->show(); // now, not on the next turn of the event loop, when its page is shown
    return m_inspector;
}

ApiConsole *MainWindow::api()
{
    if (m_api)
        return m_api;
    m_api = new ApiConsole(m_network);
    m_api->setDataDirectory(QFileInfo(m_profiles->path()).absolutePath());
    m_api->setKeychainService(m_tokens->scope());
    m_api->setSession(m_session);
    connect(m_api, &ApiConsole::loginWithScopeRequested, this, &MainWindow::loginAskingFor);
    connect(m_api, &ApiConsole::statusMessage, this, [this](const QString &sentence) { statusBar()->showMessage(sentence, 8000); });
    m_apiPage->layout()->addWidget(m_api);
    m_api->show();
    return m_api;
}

ProbePanel *MainWindow::probe()
{
    if (m_probe)
        return m_probe;
    m_probe = new ProbePanel(m_network, m_sessions);
    m_probe->setSession(m_session);
    connect(m_probe, &ProbePanel::cellOpened, this, [this](const ApiExchange &x) {
        api()->showExchange(x);
        m_tabs->setCurrentWidget(m_apiPage);
    });
    connect(m_probe, &ProbePanel::planSaved, this, [this](const QJsonObject &plan) {
        auto p = m_profiles->profile(m_profilesPanel->current());
        QString error;
        if (!p)
            return;
        p->probePlan = plan;
        if (!m_profiles->upsert(*p, &error) || !m_profiles->save(&error))
            return logActivity(error);
        logActivity(tr("Saved the probe plan of %1").arg(p->name));
    });
    m_probePage->layout()->addWidget(m_probe);
    m_probe->show();
    return m_probe;
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *discover = file->addAction(tr("New Profile from an &API URL…"), m_profilesPanel, &ProfilesPanel::discoverFromUrl);
    discover->setObjectName(u"discoverProfileMenuAction"_s);
    discover->setShortcut(QKeySequence(u"Ctrl+Shift+N"_s));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);
    QMenu *session = menuBar()->addMenu(tr("&Session"));
    session->setObjectName(u"sessionMenu"_s);
    m_actions->addTo(session);
    for (QAction *a : session->actions())
        addAction(a); // shortcuts on every tab, with the menu closed too
    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *toggleLog = findChild<QDockWidget *>(u"activityDock"_s)->toggleViewAction();
    toggleLog->setText(tr("&Activity log"));
    toggleLog->setShortcut(QKeySequence(u"Ctrl+Shift+A"_s));
    view->addAction(toggleLog);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *keys = help->addAction(tr("&Keyboard shortcuts"), this, [this] {
        QList<QAction *> all;
        for (QAction *menu : menuBar()->actions())
            all += menu->menu()->actions();
        HelpDialogs::showShortcuts(this, all);
    });
    keys->setObjectName(u"shortcutsAction"_s);
    keys->setShortcut(QKeySequence::HelpContents);
    QAction *about = help->addAction(tr("&About %1").arg(QString(AppInfo::DisplayName)), this, [this] { HelpDialogs::showAbout(this, m_tokens->backendName()); });
    about->setObjectName(u"aboutAction"_s);
}

QWidget *MainWindow::buildLoginTab()
{
    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_login);
    rightLayout->addWidget(m_issuer, 1);
    // Side by side when both fit, else the profile above the session (a
    // 1024-pixel screen, or German's longer labels).
    m_loginSplit = new AdaptiveSplitter;
    m_loginSplit->setObjectName(u"loginSplitter"_s);
    m_loginSplit->addWidget(scrolled(m_form, u"profileScroll"_s));
    m_loginSplit->addWidget(scrolled(right, u"sessionScroll"_s));
    m_loginSplit->setChildrenCollapsible(false);
    m_loginSplit->setStretchFactor(0, 1);
    m_loginSplit->setStretchFactor(1, 1);
    m_loginSplit->setSizes({500, 500}); // half each, whatever the panels' hints say
    auto *page = new QWidget;
    page->setObjectName(u"loginTab"_s);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_loginSplit);
    return page;
}

Session *MainWindow::sessionFor(const Profile &stored, QString *error)
{
    if (stored.isSandbox() && m_sandbox) {
        if (Session *live = m_sandbox(stored, error))
            return live;
    }
    return m_sessions->session(stored);
}

void MainWindow::syncSessions()
{
    QStringList names;
    for (const Profile &p : m_profiles->profiles()) {
        names << p.name;
        const bool known = m_sessions->find(p.name) != nullptr;
        QString error;
        Session *s = sessionFor(p, &error);
        if (!error.isEmpty())
            logActivity(error);
        if (known)
            continue;
        const QString name = p.name;
        connect(s, &Session::refreshed, this, [this, name](const SessionResult &r) {
            if (!r.ok() && r.error != SessionError::NoTokens) // nothing to renew is not news
                logActivity(tr("Renewing the tokens of %1 failed: %2").arg(name, r.sentence));
            else if (r.renewed)
                logActivity(tr("Refreshed the tokens of %1").arg(name));
            else if (r.adopted)
                logActivity(tr("Took the tokens of %1 another TokenLab process had renewed").arg(name));
            if (!r.storageWarning.isEmpty())
                onStoreProblem(r.storageWarning);
        });
        s->reload();
    }
    // Profiles removed elsewhere (tokenlab-cli profile remove) take their sessions with them.
    for (Session *s : m_sessions->sessions()) {
        if (!names.contains(s->name()))
            m_sessions->remove(s->name());
    }
}

void MainWindow::reloadProfiles(const QString &select)
{
    syncSessions();
    m_profilesPanel->reload(select);
    if (!m_session && !m_form->isNew() && !m_profilesPanel->current().isEmpty())
        this->select(m_profilesPanel->current());
}

void MainWindow::restoreTokens()
{
    const QList<Session *> sessions = m_sessions->sessions();
    const int total = int(sessions.size());
    if (total == 0) {
        QTimer::singleShot(0, this, [this] { Q_EMIT tokensRestored(0); });
        return;
    }
    // The window is shown and usable meanwhile; each profile shows its state as it arrives.
    auto pending = std::make_shared<int>(total);
    if (total > 1)
        statusBar()->showMessage(tr("Reading the tokens of %n profiles from the keychain…", nullptr, total));
    for (Session *s : sessions) {
        const QString name = s->name();
        SessionJob *job = s->reload();
        connect(job, &SessionJob::finished, this, [this, name, pending, total](const SessionResult &r) {
            if (r.ok())
                logActivity(tr("Restored the tokens of %1").arg(name));
            else if (r.error == SessionError::Refused)
                onStoreProblem(r.sentence);
            if (--*pending > 0) {
                if (total > 1)
                    statusBar()->showMessage(tr("Read the tokens of %1 of %2 profiles from the keychain…").arg(total - *pending).arg(total));
                return;
            }
            statusBar()->clearMessage();
            Q_EMIT tokensRestored(total);
        });
    }
}

void MainWindow::select(const QString &name)
{
    const auto stored = m_profiles->profile(name);
    if (!stored)
        return;
    QString error;
    Session *s = sessionFor(*stored, &error);
    const bool same = m_session == s;
    m_session = s;
    // The keychain is the truth: read it again before showing the tokens as current.
    s->reload();
    if (!same || !m_form->isDirty() || m_form->current() != name)
        m_form->showProfile(s->profile());
    m_login->setSession(s);
    showSessionInTabs(s);
    if (!error.isEmpty()) {
        m_issuer->clear(error);
        logActivity(error);
    } else {
        m_issuer->showProfile(s->profile());
    }
    saveSettings();
}

void MainWindow::showSessionInTabs(Session *s)
{
    // A tab not built yet takes m_session when it is.
    if (m_inspector)
        m_inspector->setSession(s);
    if (m_api)
        m_api->setSession(s);
    if (m_probe)
        m_probe->setSession(s);
}

void MainWindow::newProfile()
{
    m_profilesPanel->clearSelection();
    m_session = nullptr;
    m_form->startNew();
    m_login->setSession(nullptr);
    showSessionInTabs(nullptr);
    m_issuer->clear();
    m_tabs->setCurrentIndex(0);
}

void MainWindow::onProfilesFileChanged()
{
    // Another process saved profiles.json: show its profiles, keep the selection and any unsaved edits.
    QString error;
    if (!m_profiles->load(&error))
        logActivity(error);
    const QString before = m_profilesPanel->current();
    syncSessions();
    m_profilesPanel->reload();
    const QString now = m_profilesPanel->current();
    if (m_form->isNew() || now != before || now.isEmpty())
        return;
    if (!m_form->isDirty()) {
        if (Session *s = m_sessions->find(now); s && s->profile().toJson() != m_form->edited().toJson())
            m_form->showProfile(s->profile());
    }
}

void MainWindow::onStoreProblem(const QString &sentence)
{
    m_storageStatus->setText(tr("Keychain problem: %1").arg(sentence));
    m_storageStatus->setToolTip(sentence);
    SemanticColors::apply(m_storageStatus, Tone::Error);
    logActivity(sentence);
}

std::optional<Profile> MainWindow::loginProfile(QString *error)
{
    const Profile edited = m_form->edited();
    if (!m_session)
        return std::nullopt;
    if (edited.isSandbox())
        return ProfileForm::sandboxWith(m_session->profile(), edited);
    const QStringList problems = edited.validate();
    if (!problems.isEmpty()) {
        if (error)
            *error = problems.join(u'\n');
        return std::nullopt;
    }
    return edited;
}

void MainWindow::loginAskingFor(const QString &scope)
{
    // Ask for the missing scope on the next login (and keep it in the edited profile).
    QStringList scopes = m_form->edited().scope.split(u' ', Qt::SkipEmptyParts);
    for (const QString &s : scope.split(u' ', Qt::SkipEmptyParts)) {
        if (!scopes.contains(s))
            scopes << s;
    }
    m_form->setScope(scopes.join(u' '));
    m_tabs->setCurrentIndex(0);
    logActivity(tr("Logging in again asking for %1").arg(scope));
    m_login->logIn();
}

void MainWindow::setBrowserOpener(std::function<void(const QUrl &)> opener)
{
    m_openBrowser = opener ? std::move(opener) : [this](const QUrl &url) { openInBrowser(this, url); };
    m_login->setBrowserOpener([this](const QUrl &url) { m_openBrowser(url); });
}

void MainWindow::setSandboxStatus(const QString &text)
{
    m_sandboxStatus->setText(text);
}

void MainWindow::setSandboxSwitches(const SandboxSwitches &current, std::function<void(const SandboxSwitches &)> apply)
{
    if (!m_sandboxMenu) {
        // In File, above Quit: the menu bar's letters are all taken by the tabs' mnemonics.
        m_sandboxMenu = new SandboxMenu(this);
        QMenu *file = menuBar()->actions().constFirst()->menu();
        file->insertMenu(file->actions().constFirst(), m_sandboxMenu);
        file->insertSeparator(file->actions().at(1));
    }
    m_sandboxMenu->setSwitches(current);
    disconnect(m_sandboxMenu, &SandboxMenu::switchesChosen, this, nullptr);
    connect(m_sandboxMenu, &SandboxMenu::switchesChosen, this, [this, apply](const SandboxSwitches &chosen) {
        apply(chosen);
        logActivity(tr("Sandbox switches: %1").arg(chosen.describe()));
    });
}

void MainWindow::logActivity(const QString &line)
{
    m_log->appendPlainText(QDateTime::currentDateTime().toString(u"HH:mm:ss"_s) + u"  "_s + line);
}

void MainWindow::setSettings(QSettings *settings)
{
    m_settings = nullptr; // nothing is written while the old state comes back
    restoreGeometry(settings->value(u"window/geometry"_s).toByteArray());
    restoreState(settings->value(u"window/state"_s).toByteArray());
    m_split->restoreState(settings->value(u"window/splitter"_s).toByteArray());
    m_loginSplit->restoreWhenSized(settings->value(u"window/loginSplitter"_s).toByteArray());
    const int tab = settings->value(u"window/tab"_s, 0).toInt();
    m_tabs->setCurrentIndex(tab >= 0 && tab < m_tabs->count() ? tab : 0);
    const QString profile = settings->value(u"window/profile"_s).toString();
    if (!profile.isEmpty() && m_profiles->profile(profile))
        m_profilesPanel->reload(profile);
    m_settings = settings;
}

void MainWindow::saveSettings()
{
    if (!m_settings)
        return;
    m_settings->setValue(u"window/geometry"_s, saveGeometry());
    m_settings->setValue(u"window/state"_s, saveState());
    m_settings->setValue(u"window/splitter"_s, m_split->saveState());
    m_settings->setValue(u"window/loginSplitter"_s, m_loginSplit->saveState());
    m_settings->setValue(u"window/tab"_s, m_tabs->currentIndex());
    if (!m_profilesPanel->current().isEmpty())
        m_settings->setValue(u"window/profile"_s, m_profilesPanel->current());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    if (m_settings)
        m_settings->sync();
    QMainWindow::closeEvent(event);
}

void MainWindow::raiseWindow()
{
    if (isMinimized())
        showNormal();
    show();
    raise();
    activateWindow();
    logActivity(tr("Another start of TokenLab brought this window forward"));
}
