#include "gui/mainwindow.h"
#include "util/externalbrowser.h"
#include "gui/profileeditor.h"
#include "gui/tokeninspector.h"
#include "gui/apiconsole.h"
#include "gui/probepanel.h"
#include "util/timeformat.h"
#include "session/logoutflow.h"
#include "session/tokenlifecycle.h"
#include "storage/tokenstore.h"

#include <QAction>
#include <QCheckBox>
#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QDesktopServices>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcessEnvironment>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

MainWindow::MainWindow(QNetworkAccessManager *network, ProfileStore *profiles, TokenStore *tokens, DiscoveryClient *discovery,
                       LoginFlow *flow, SandboxResolver sandbox, QWidget *parent)
    : QMainWindow(parent), m_profiles(profiles), m_tokens(tokens), m_discovery(discovery), m_flow(flow),
      m_sandbox(std::move(sandbox))
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(u"TokenLab"_s);
    resize(1180, 780);
    setBrowserOpener({});

    // Left: the profiles.
    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_profileList = new QListWidget;
    m_profileList->setObjectName(u"profileList"_s);
    m_profileList->setAccessibleName(u"Profiles"_s);
    m_profileList->setMinimumWidth(210);
    connect(m_profileList, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item)
            showProfile(item->data(Qt::UserRole).toString());
    });
    leftLayout->addWidget(m_profileList, 1);
    auto *profileButtons = new QHBoxLayout;
    auto *newButton = new QPushButton(u"&New"_s);
    newButton->setObjectName(u"newProfileButton"_s);
    connect(newButton, &QPushButton::clicked, this, &MainWindow::newProfile);
    auto *importButton = new QPushButton(u"I&mport"_s);
    importButton->setObjectName(u"importProfileButton"_s);
    auto *importMenu = new QMenu(importButton);
    importMenu->addAction(u"Auth0 sample's auth_config.json…"_s, this, &MainWindow::importAuthConfig);
    importMenu->addAction(u"From AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_AUDIENCE"_s, this, &MainWindow::importEnvironment);
    importButton->setMenu(importMenu);
    auto *removeButton = new QPushButton(u"Remove"_s);
    removeButton->setObjectName(u"removeProfileButton"_s);
    connect(removeButton, &QPushButton::clicked, this, &MainWindow::removeProfile);
    profileButtons->addWidget(newButton);
    profileButtons->addWidget(importButton);
    profileButtons->addWidget(removeButton);
    leftLayout->addLayout(profileButtons);

    m_tabs = new QTabWidget;
    m_tabs->setObjectName(u"mainTabs"_s);
    m_tabs->addTab(buildLoginTab(), u"&Login"_s);
    m_inspector = new TokenInspector(network, discovery);
    m_tabs->addTab(m_inspector, u"T&okens"_s);
    m_api = new ApiConsole(network);
    m_tabs->addTab(m_api, u"&API"_s);
    connect(m_api, &ApiConsole::loginWithScopeRequested, this, &MainWindow::loginAskingFor);
    m_probe = new ProbePanel(network);
    m_tabs->addTab(m_probe, u"&Probe"_s);
    connect(m_probe, &ProbePanel::cellOpened, this, [this](const ApiExchange &x) {
        m_api->showExchange(x);
        m_tabs->setCurrentWidget(m_api);
    });
    connect(m_probe, &ProbePanel::planSaved, this, [this](const QJsonObject &plan) {
        auto p = m_profiles->profile(m_current);
        QString error;
        if (!p)
            return;
        p->probePlan = plan;
        if (!m_profiles->upsert(*p, &error) || !m_profiles->save(&error))
            return showError(error);
        logActivity(u"Saved the probe plan of %1"_s.arg(m_current));
    });
    m_lifecycle = new TokenLifecycle(network, discovery, tokens, systemClock(), this);
    connect(m_lifecycle, &TokenLifecycle::refreshed, this, &MainWindow::onRefreshed);
    connect(m_lifecycle, &TokenLifecycle::tokensChanged, this, &MainWindow::onTokensChanged);
    m_api->setLifecycle(m_lifecycle);
    m_logout = new LogoutFlow(network, discovery, tokens, this);
    connect(m_logout, &LogoutFlow::progress, this, &MainWindow::logActivity);
    connect(m_logout, &LogoutFlow::openBrowserRequested, this, [this](const QUrl &url) { m_openBrowser(url); });
    connect(m_logout, &LogoutFlow::finished, this, &MainWindow::onLogoutFinished);

    auto *splitter = new QSplitter;
    splitter->addWidget(left);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(1, 1);
    setCentralWidget(splitter);

    m_log = new QPlainTextEdit;
    m_log->setObjectName(u"activityLog"_s);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(2000);
    auto *dock = new QDockWidget(u"Activity"_s);
    dock->setObjectName(u"activityDock"_s);
    dock->setWidget(m_log);
    dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    resizeDocks({dock}, {110}, Qt::Vertical);

    m_storageStatus = new QLabel(u"Tokens are kept in "_s + m_tokens->backendName());
    m_storageStatus->setObjectName(u"storageStatus"_s);
    statusBar()->addWidget(m_storageStatus);
    m_sandboxStatus = new QLabel;
    m_sandboxStatus->setObjectName(u"sandboxStatus"_s);
    statusBar()->addPermanentWidget(m_sandboxStatus);

    QMenu *file = menuBar()->addMenu(u"&File"_s);
    QAction *quit = file->addAction(u"&Quit"_s, qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);
    QMenu *view = menuBar()->addMenu(u"&View"_s);
    QAction *toggleLog = dock->toggleViewAction();
    toggleLog->setText(u"&Activity log"_s);
    toggleLog->setShortcut(QKeySequence(u"Ctrl+Shift+A"_s));
    view->addAction(toggleLog);

    connect(m_discovery, &DiscoveryClient::finished, this, &MainWindow::onDiscovered);
    connect(m_tokens, &TokenStore::loaded, this, &MainWindow::onTokensLoaded);
    connect(m_tokens, &TokenStore::removed, this, [this](const QString &profile, TokenStoreError e, const QString &m) {
        if (e != TokenStoreError::None)
            return onStoreProblem(e, m);
        logActivity(u"Deleted the tokens of %1 from %2"_s.arg(profile, m_tokens->backendName()));
    });
    connect(m_flow, &LoginFlow::stateChanged, this, &MainWindow::onFlowState);
    connect(m_flow, &LoginFlow::finished, this, &MainWindow::onLoginFinished);
    connect(m_flow, &LoginFlow::progress, this, &MainWindow::logActivity);
    connect(m_flow, &LoginFlow::openBrowserRequested, this, [this](const QUrl &url) {
        m_authorizeUrl->setText(QString::fromLatin1(url.toEncoded()));
        m_authorizeUrl->setCursorPosition(0);
        m_copyUrl->setEnabled(true);
        m_openBrowser(url);
    });
}

QWidget *MainWindow::buildLoginTab()
{
    auto *page = new QWidget;
    page->setObjectName(u"loginTab"_s);
    auto *columns = new QHBoxLayout(page);

    // Left column: the profile.
    auto *profileBox = new QGroupBox(u"Profile"_s);
    auto *profileLayout = new QVBoxLayout(profileBox);
    m_profileTitle = new QLabel;
    m_profileTitle->setObjectName(u"profileTitle"_s);
    QFont titleFont = m_profileTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_profileTitle->setFont(titleFont);
    profileLayout->addWidget(m_profileTitle);
    m_editor = new ProfileEditor;
    profileLayout->addWidget(m_editor);
    m_profileErrors = new QLabel;
    m_profileErrors->setObjectName(u"profileErrors"_s);
    m_profileErrors->setWordWrap(true);
    m_profileErrors->setStyleSheet(u"color: #c0392b;"_s);
    profileLayout->addWidget(m_profileErrors);
    auto *saveRow = new QHBoxLayout;
    saveRow->addStretch();
    m_saveButton = new QPushButton(u"&Save profile"_s);
    m_saveButton->setObjectName(u"saveProfileButton"_s);
    m_saveButton->setShortcut(QKeySequence::Save);
    m_saveButton->setToolTip(u"Save profile (Ctrl+S)"_s);
    connect(m_saveButton, &QPushButton::clicked, this, &MainWindow::saveProfile);
    saveRow->addWidget(m_saveButton);
    profileLayout->addLayout(saveRow);
    profileLayout->addStretch();
    connect(m_editor, &ProfileEditor::edited, this, [this] { m_profileErrors->clear(); });

    // Right column: the login and the issuer.
    auto *right = new QVBoxLayout;
    auto *loginBox = new QGroupBox(u"Browser login"_s);
    auto *loginLayout = new QVBoxLayout(loginBox);
    auto *buttons = new QHBoxLayout;
    m_loginButton = new QPushButton(u"Log in"_s);
    m_loginButton->setObjectName(u"loginButton"_s);
    m_loginButton->setShortcut(QKeySequence(u"Ctrl+L"_s));
    m_loginButton->setToolTip(u"Sign in through your browser (Ctrl+L)"_s);
    m_loginButton->setDefault(true);
    connect(m_loginButton, &QPushButton::clicked, this, [this] { startLogin(); });
    m_cancelButton = new QPushButton(u"Cancel"_s);
    m_cancelButton->setObjectName(u"cancelButton"_s);
    m_cancelButton->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelButton->setToolTip(u"Stop waiting for the browser (Esc)"_s);
    m_cancelButton->setEnabled(false);
    connect(m_cancelButton, &QPushButton::clicked, m_flow, &LoginFlow::cancel);
    m_busy = new QProgressBar;
    m_busy->setObjectName(u"loginBusy"_s);
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(120);
    m_busy->setTextVisible(false);
    m_busy->hide();
    buttons->addWidget(m_loginButton);
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(m_busy);
    buttons->addStretch();
    m_refreshButton = new QPushButton(u"&Refresh"_s);
    m_refreshButton->setObjectName(u"refreshButton"_s);
    m_refreshButton->setToolTip(u"Renew the access token now (Ctrl+R)"_s);
    m_refreshButton->setShortcut(QKeySequence(u"Ctrl+R"_s));
    m_refreshButton->setEnabled(false);
    connect(m_refreshButton, &QPushButton::clicked, this, &MainWindow::refreshTokens);
    m_switchUserButton = new QPushButton(u"S&witch user"_s);
    m_switchUserButton->setObjectName(u"switchUserButton"_s);
    m_switchUserButton->setToolTip(u"Log in again with prompt=login, to sign in as someone else"_s);
    connect(m_switchUserButton, &QPushButton::clicked, this, [this] {
        LoginFlow::Options options;
        options.extraParams.append({u"prompt"_s, u"login"_s});
        startLogin(options);
    });
    m_logoutButton = new QPushButton(u"Log &out"_s);
    m_logoutButton->setObjectName(u"logoutButton"_s);
    m_logoutButton->setToolTip(u"Revoke the refresh token, delete the tokens, and optionally end the browser session"_s);
    m_logoutButton->setEnabled(false);
    connect(m_logoutButton, &QPushButton::clicked, this, &MainWindow::logout);
    m_endSession = new QCheckBox(u"and end the &browser session"_s);
    m_endSession->setObjectName(u"endSessionCheck"_s);
    auto *lifecycleRow = new QHBoxLayout;
    lifecycleRow->addWidget(m_refreshButton);
    lifecycleRow->addWidget(m_switchUserButton);
    lifecycleRow->addWidget(m_logoutButton);
    lifecycleRow->addWidget(m_endSession);
    lifecycleRow->addStretch();
    m_forgetButton = new QPushButton(u"&Forget tokens"_s);
    m_forgetButton->setObjectName(u"forgetTokensButton"_s);
    m_forgetButton->setToolTip(u"Delete this profile's tokens from the keychain"_s);
    m_forgetButton->setEnabled(false);
    connect(m_forgetButton, &QPushButton::clicked, this, &MainWindow::forgetTokens);
    buttons->addWidget(m_forgetButton);
    loginLayout->addLayout(buttons);
    loginLayout->addLayout(lifecycleRow);
    m_flowState = new QLabel(LoginFlow::stateName(LoginFlow::State::Idle));
    m_flowState->setObjectName(u"flowState"_s);
    m_flowState->setWordWrap(true);
    m_flowState->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont stateFont = m_flowState->font();
    stateFont.setBold(true);
    m_flowState->setFont(stateFont);
    loginLayout->addWidget(m_flowState);
    auto *urlRow = new QHBoxLayout;
    m_authorizeUrl = new QLineEdit;
    m_authorizeUrl->setObjectName(u"authorizeUrl"_s);
    m_authorizeUrl->setReadOnly(true);
    m_authorizeUrl->setPlaceholderText(u"The sign-in URL appears here, to copy if no browser opens"_s);
    m_copyUrl = new QPushButton(u"C&opy URL"_s);
    m_copyUrl->setObjectName(u"copyUrlButton"_s);
    m_copyUrl->setEnabled(false);
    connect(m_copyUrl, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_authorizeUrl->text());
        logActivity(u"Copied the sign-in URL"_s);
    });
    urlRow->addWidget(m_authorizeUrl, 1);
    urlRow->addWidget(m_copyUrl);
    loginLayout->addLayout(urlRow);
    m_summary = new QLabel;
    m_summary->setObjectName(u"loginSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    loginLayout->addWidget(m_summary);
    right->addWidget(loginBox);

    auto *issuerBox = new QGroupBox(u"Issuer"_s);
    auto *issuerLayout = new QVBoxLayout(issuerBox);
    m_discoveryState = new QLabel;
    m_discoveryState->setObjectName(u"discoveryState"_s);
    m_discoveryState->setWordWrap(true);
    issuerLayout->addWidget(m_discoveryState);
    m_endpoints = new QTreeWidget;
    m_endpoints->setObjectName(u"endpointList"_s);
    m_endpoints->setHeaderLabels({u"Endpoint"_s, u"URL"_s});
    m_endpoints->setRootIsDecorated(false);
    m_endpoints->setAlternatingRowColors(true);
    m_endpoints->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_endpoints->setToolTip(u"Ctrl+C copies the selected URL"_s);
    auto *copy = new QAction(u"Copy URL"_s, m_endpoints);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, [this] {
        if (QTreeWidgetItem *item = m_endpoints->currentItem())
            QGuiApplication::clipboard()->setText(item->text(1));
    });
    m_endpoints->addAction(copy);
    m_endpoints->setContextMenuPolicy(Qt::ActionsContextMenu);
    issuerLayout->addWidget(m_endpoints, 1);
    right->addWidget(issuerBox, 1);

    columns->addWidget(profileBox, 1);
    columns->addLayout(right, 1);
    return page;
}

void MainWindow::reloadProfiles(const QString &select)
{
    const QString target = select.isEmpty() ? (m_current.isEmpty() ? m_profiles->active() : m_current) : select;
    const QSignalBlocker blocker(m_profileList);
    m_profileList->clear();
    int row = 0;
    for (const Profile &p : m_profiles->profiles()) {
        auto *item = new QListWidgetItem;
        item->setData(Qt::UserRole, p.name);
        m_profileList->addItem(item);
        updateProfileSubtitle(p.name);
        if (p.name == target)
            row = m_profileList->count() - 1;
    }
    m_profileList->setCurrentRow(row);
    showProfile(m_profileList->currentItem()->data(Qt::UserRole).toString());
}

void MainWindow::updateProfileSubtitle(const QString &name)
{
    for (int i = 0; i < m_profileList->count(); ++i) {
        QListWidgetItem *item = m_profileList->item(i);
        if (item->data(Qt::UserRole).toString() != name)
            continue;
        const auto p = m_profiles->profile(name);
        QString subtitle = p && p->isSandbox() ? u"local tenant, works offline"_s : (p ? p->issuer.host() : QString());
        const auto t = m_sessionTokens.constFind(name);
        if (m_lifecycle && m_lifecycle->sessionEnded(name)) {
            subtitle = u"session ended, log in again"_s;
        } else if (t != m_sessionTokens.constEnd()) {
            const QDateTime now = QDateTime::currentDateTimeUtc();
            subtitle = t->isExpired(now) ? u"token expired"_s
                       : t->expiresAt.isValid() ? u"signed in · expires %1"_s.arg(t->expiresAt.toLocalTime().toString(u"HH:mm"_s))
                                                : u"signed in"_s;
        }
        item->setText(name + u'\n' + subtitle);
        item->setToolTip(p ? (p->isSandbox() ? u"The sandbox tenant TokenLab runs on 127.0.0.1"_s : p->issuer.toString()) : QString());
    }
}

std::optional<Profile> MainWindow::liveProfile(const Profile &edited, QString *error)
{
    if (!edited.isSandbox())
        return edited;
    return m_sandbox(edited, error);
}

void MainWindow::showProfile(const QString &name)
{
    const auto stored = m_profiles->profile(name);
    if (!stored)
        return;
    m_current = name;
    m_editingNew = false;
    m_profileErrors->clear();
    QString error;
    const auto live = liveProfile(*stored, &error);
    m_profileTitle->setText(stored->isSandbox() ? u"Sandbox tenant on this machine"_s : name);
    m_editor->setProfile(live ? *live : *stored);
    m_endpoints->clear();
    if (!live) {
        m_discoveryState->setText(error);
        logActivity(error);
        return;
    }
    auto add = [this](const QString &label, const QUrl &url) {
        if (!url.isEmpty())
            new QTreeWidgetItem(m_endpoints, {label, url.toString()});
    };
    add(u"Discovery"_s, ProviderMetadata::discoveryUrl(live->issuer));
    if (!live->apiBase.isEmpty()) {
        add(u"Public API"_s, live->apiUrl(live->publicPath));
        add(u"Private API"_s, live->apiUrl(live->privatePath));
        add(u"Scoped API"_s, live->apiUrl(live->scopedPath));
    }
    m_shownIssuer = live->issuer;
    m_discoveryState->setText(u"Reading the issuer's discovery document…"_s);
    m_discovery->fetch(live->issuer);
    if (!m_flow->isRunning()) {
        const auto t = m_sessionTokens.constFind(name);
        const bool expired = t != m_sessionTokens.constEnd() && t->isExpired(QDateTime::currentDateTimeUtc());
        m_flowState->setText(t == m_sessionTokens.constEnd() ? LoginFlow::stateName(LoginFlow::State::Idle)
                             : expired                       ? u"Signed in earlier; the access token has expired"_s
                                                             : LoginFlow::stateName(LoginFlow::State::SignedIn));
        m_forgetButton->setEnabled(t != m_sessionTokens.constEnd());
        m_refreshButton->setEnabled(m_lifecycle->canRefresh(name));
        m_logoutButton->setEnabled(t != m_sessionTokens.constEnd());
        m_switchUserButton->setEnabled(!stored->isMachineToMachine());
        m_summary->clear();
        inspectTokens(name);
    }
}

void MainWindow::onDiscovered(const DiscoveryResult &result)
{
    if (result.issuer != m_shownIssuer)
        return;
    // The discovery client is shared with the login flow: each answer rebuilds the list.
    const auto stored = m_profiles->profile(m_current);
    QString ignored;
    const auto live = stored ? liveProfile(*stored, &ignored) : std::nullopt;
    m_endpoints->clear();
    auto add = [this](const QString &label, const QUrl &url) {
        if (!url.isEmpty())
            new QTreeWidgetItem(m_endpoints, {label, url.toString()});
    };
    add(u"Discovery"_s, ProviderMetadata::discoveryUrl(result.issuer));
    if (!result.metadata) {
        m_discoveryState->setText(u"Discovery failed: "_s + result.error);
    } else {
        const ProviderMetadata &m = *result.metadata;
        m_discoveryState->setText(u"The issuer answered; its endpoints:"_s);
        add(u"Authorize"_s, m.authorizationEndpoint);
        add(u"Token"_s, m.tokenEndpoint);
        add(u"JWKS"_s, m.jwksUri);
        add(u"Userinfo"_s, m.userinfoEndpoint);
        add(u"Revocation"_s, m.revocationEndpoint);
        add(u"End session"_s, m.endSessionEndpoint);
    }
    if (live && !live->apiBase.isEmpty()) {
        add(u"Public API"_s, live->apiUrl(live->publicPath));
        add(u"Private API"_s, live->apiUrl(live->privatePath));
        add(u"Scoped API"_s, live->apiUrl(live->scopedPath));
    }
}

void MainWindow::saveProfile()
{
    const Profile p = m_editor->profile();
    QString error;
    if (!p.isSandbox()) {
        const QStringList problems = p.validate();
        if (!problems.isEmpty())
            return showError(problems.join(u'\n'));
        if (!m_editingNew && p.name != m_current && m_profiles->profile(p.name))
            return showError(u"Name: a profile named \"%1\" exists already."_s.arg(p.name));
    }
    Profile stored = p;
    if (p.isSandbox()) {
        // Only the settings a user may change are kept for the sandbox.
        stored = *m_profiles->profile(p.name);
        stored.audience = p.audience;
        stored.resource = p.resource;
        stored.scope = p.scope;
        stored.extraParams = p.extraParams;
        stored.redirectHost = p.redirectHost;
        stored.redirectPort = p.redirectPort;
        stored.redirectPath = p.redirectPath;
        stored.publicPath = p.publicPath;
        stored.privatePath = p.privatePath;
        stored.scopedPath = p.scopedPath;
        stored.allowedAlgorithms = p.allowedAlgorithms;
    }
    if (!m_editingNew && !p.isSandbox() && p.name != m_current)
        m_profiles->remove(m_current, nullptr); // a rename
    if (!m_profiles->upsert(stored, &error) || !m_profiles->save(&error))
        return showError(error);
    logActivity(u"Saved profile %1"_s.arg(p.name));
    if (!m_editor->clientSecret().isEmpty()) {
        // The secret goes to the keychain only, never to the profile file.
        m_tokens->saveSecret(p.name, m_editor->clientSecret());
        m_editor->clearClientSecret();
        logActivity(u"Keeping the client secret of %1 in %2"_s.arg(p.name, m_tokens->backendName()));
    }
    m_editingNew = false;
    reloadProfiles(p.name);
}

void MainWindow::showError(const QString &text)
{
    m_profileErrors->setText(text);
    logActivity(text);
}

void MainWindow::newProfile()
{
    Profile p;
    int n = 1;
    do {
        p.name = u"profile-%1"_s.arg(n++);
    } while (m_profiles->profile(p.name));
    m_profileList->clearSelection();
    m_editingNew = true;
    m_current.clear();
    m_profileTitle->setText(u"New profile"_s);
    m_editor->setProfile(p);
    m_profileErrors->setText(u"Fill in the issuer (or Auth0 domain) and client ID, then Save."_s);
    m_endpoints->clear();
    m_discoveryState->clear();
    m_tabs->setCurrentIndex(0);
    if (auto *issuer = m_editor->findChild<QLineEdit *>(u"profileIssuer"_s))
        issuer->setFocus();
}

void MainWindow::removeProfile()
{
    const auto p = m_profiles->profile(m_current);
    if (!p)
        return;
    QString error;
    if (p->isSandbox())
        return showError(u"The sandbox profile is built in and cannot be removed."_s);
    if (QMessageBox::question(this, u"Remove profile"_s, u"Remove the profile \"%1\"?"_s.arg(p->name)) != QMessageBox::Yes)
        return;
    if (!m_profiles->remove(p->name, &error) || !m_profiles->save(&error))
        return showError(error);
    m_sessionTokens.remove(p->name);
    m_tokens->remove(p->name);
    logActivity(u"Removed profile %1"_s.arg(p->name));
    m_current.clear();
    reloadProfiles(QString::fromLatin1(Profile::SandboxName));
}

void MainWindow::addImported(const std::optional<Profile> &profile, const QString &error)
{
    QString why = error;
    if (!profile || !m_profiles->upsert(*profile, &why) || !m_profiles->save(&why))
        return showError(u"Import failed: "_s + why);
    logActivity(u"Imported profile %1 (%2)"_s.arg(profile->name, profile->issuer.toString()));
    reloadProfiles(profile->name);
}

void MainWindow::importAuthConfig()
{
    const QString path = QFileDialog::getOpenFileName(this, u"Import auth_config.json"_s, QString(), u"Auth0 config (*.json)"_s);
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return showError(u"Import failed: cannot read %1: %2"_s.arg(path, file.errorString()));
    const QByteArray json = file.read(1024 * 1024);
    QString error;
    // Name the profile after the tenant: "dev-xyz" for dev-xyz.eu.auth0.com.
    const QString domain = QJsonDocument::fromJson(json).object().value(u"domain").toString();
    const QString name = domain.section(u'.', 0, 0).isEmpty() ? u"imported"_s : domain.section(u'.', 0, 0);
    addImported(ProfileStore::fromAuth0Config(json, name, &error), error);
}

void MainWindow::importEnvironment()
{
    const auto env = QProcessEnvironment::systemEnvironment();
    QString error;
    const QString name = env.value(u"AUTH0_DOMAIN"_s).section(u'.', 0, 0);
    addImported(ProfileStore::fromEnvironment(env, name.isEmpty() ? u"auth0"_s : name, &error), error);
}

void MainWindow::startLogin()
{
    startLogin(LoginFlow::Options());
}

void MainWindow::startLogin(const LoginFlow::Options &options)
{
    if (m_flow->isRunning())
        return;
    Profile p = m_editor->profile();
    if (!p.isSandbox()) {
        const QStringList problems = p.validate();
        if (!problems.isEmpty())
            return showError(problems.join(u'\n'));
    }
    QString error;
    const auto live = liveProfile(p, &error);
    if (!live)
        return showError(error);
    m_summary->clear();
    m_authorizeUrl->clear();
    m_copyUrl->setEnabled(false);
    logActivity(u"Logging in with profile %1"_s.arg(p.name));
    m_flow->start(*live, options);
}

void MainWindow::onFlowState(LoginFlow::State state)
{
    const bool running = m_flow->isRunning();
    m_loginButton->setEnabled(!running);
    m_cancelButton->setEnabled(running);
    m_busy->setVisible(running);
    m_profileList->setEnabled(!running);
    m_flowState->setText(LoginFlow::stateName(state));
    m_flowState->setStyleSheet(state == LoginFlow::State::Failed ? u"color: #c0392b;"_s
                               : state == LoginFlow::State::SignedIn ? u"color: #1e8449;"_s : QString());
}

void MainWindow::onLoginFinished(const LoginResult &r)
{
    if (!r.ok) {
        m_flowState->setText(LoginFlow::stateName(r.cancelled ? LoginFlow::State::Cancelled : LoginFlow::State::Failed)
                             + u": "_s + r.error);
        logActivity(r.error);
        return;
    }
    m_sessionTokens.insert(r.profile, r.tokens);
    updateProfileSubtitle(r.profile);
    m_forgetButton->setEnabled(true);
    if (const auto stored = m_profiles->profile(r.profile)) {
        QString ignored;
        if (const auto live = liveProfile(*stored, &ignored))
            m_lifecycle->track(*live, r.tokens);
    }
    m_refreshButton->setEnabled(m_lifecycle->canRefresh(r.profile));
    m_logoutButton->setEnabled(true);
    inspectTokens(r.profile, r.nonce);
    if (!r.storageWarning.isEmpty())
        onStoreProblem(TokenStoreError::Other, r.storageWarning);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QStringList requested = r.tokens.requestedScope.split(u' ', Qt::SkipEmptyParts);
    const QStringList granted = r.tokens.grantedScopes();
    QStringList scopeHtml;
    for (const QString &s : granted)
        scopeHtml << u"<code>%1</code>"_s.arg(s.toHtmlEscaped());
    QStringList withheld;
    for (const QString &s : requested) {
        if (!granted.contains(s))
            withheld << u"<code>%1</code>"_s.arg(s.toHtmlEscaped());
    }
    QString html = u"<table cellspacing='4'>"_s;
    auto row = [&html](const QString &k, const QString &v) { html += u"<tr><td><b>%1</b></td><td>%2</td></tr>"_s.arg(k, v); };
    row(u"Subject"_s, r.subject.isEmpty() ? u"(no id_token)"_s : r.subject.toHtmlEscaped());
    row(u"Granted scopes"_s, scopeHtml.join(u' '));
    if (!withheld.isEmpty())
        row(u"Not in the token's scope"_s, u"<span style='color:#c0392b'>%1</span>"_s.arg(withheld.join(u' ')));
    if (r.tokens.expiresAt.isValid())
        row(u"Expires"_s, u"%1 (in %2)"_s.arg(r.tokens.expiresAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s),
                                               TimeFormat::duration(now.secsTo(r.tokens.expiresAt))));
    row(u"Refresh token"_s, r.tokens.refreshToken.isEmpty() ? u"none"_s : u"issued"_s);
    if (!r.idToken.checks.isEmpty()) {
        QStringList checks;
        for (const ClaimCheck &c : r.idToken.checks) {
            const QString mark = c.result == ClaimCheck::Result::Passed ? u"✔"_s
                                 : c.result == ClaimCheck::Result::Failed ? u"✘"_s : u"–"_s;
            checks << u"<span title='%1'>%2 %3</span>"_s.arg(c.detail.toHtmlEscaped(), mark, c.name);
        }
        row(u"id_token checks"_s, checks.join(u"&nbsp;&nbsp;"_s));
    }
    html += u"</table>"_s;
    if (!r.storageWarning.isEmpty())
        html += u"<p style='color:#c0392b'>%1</p>"_s.arg(r.storageWarning.toHtmlEscaped());
    m_summary->setText(html);
    logActivity(u"Signed in to %1 as %2"_s.arg(r.profile, r.subject));
}

void MainWindow::openBrowser(const QUrl &url)
{
    QString error;
    if (const auto command = ExternalBrowser::commandFromEnvironment(url)) {
        if (!ExternalBrowser::launch(*command, &error))
            logActivity(error + u" Copy the sign-in URL instead."_s);
        return;
    }
    if (!QDesktopServices::openUrl(url))
        logActivity(u"No browser could be opened; copy the sign-in URL into one."_s);
}

void MainWindow::restoreTokens()
{
    for (const Profile &p : m_profiles->profiles())
        m_tokens->load(p.name);
}

void MainWindow::onTokensLoaded(const QString &profile, const std::optional<TokenSet> &tokens, TokenStoreError error,
                                const QString &message)
{
    if (error != TokenStoreError::None && error != TokenStoreError::NotFound)
        return onStoreProblem(error, message);
    if (!tokens || m_sessionTokens.contains(profile))
        return; // a login of this run is newer than what was stored
    m_sessionTokens.insert(profile, *tokens);
    if (const auto stored = m_profiles->profile(profile); stored && !stored->isSandbox()) {
        QString ignored; // a restored sandbox token belongs to a tenant that is gone
        if (const auto live = liveProfile(*stored, &ignored))
            m_lifecycle->track(*live, *tokens);
    }
    updateProfileSubtitle(profile);
    if (profile == m_current && !m_flow->isRunning()) {
        m_flowState->setText(tokens->isExpired(QDateTime::currentDateTimeUtc()) ? u"Signed in earlier; the access token has expired"_s
                                                                                : u"Signed in (restored from the keychain)"_s);
        m_forgetButton->setEnabled(true);
        inspectTokens(profile);
    }
    logActivity(u"Restored the tokens of %1"_s.arg(profile));
}

void MainWindow::onStoreProblem(TokenStoreError, const QString &message)
{
    m_storageStatus->setText(u"Keychain problem: "_s + message);
    m_storageStatus->setToolTip(message);
    m_storageStatus->setStyleSheet(u"color: #c0392b;"_s);
    logActivity(message);
}

void MainWindow::forgetTokens()
{
    if (m_current.isEmpty())
        return;
    m_sessionTokens.remove(m_current);
    m_lifecycle->untrack(m_current);
    m_tokens->remove(m_current);
    updateProfileSubtitle(m_current);
    m_summary->clear();
    m_flowState->setText(LoginFlow::stateName(LoginFlow::State::Idle));
    m_forgetButton->setEnabled(false);
    m_inspector->clearTokens();
    inspectTokens(m_current);
}

void MainWindow::inspectTokens(const QString &profile, const QString &nonce)
{
    const auto stored = m_profiles->profile(profile);
    if (!stored)
        return;
    QString error;
    const auto live = liveProfile(*stored, &error);
    const auto tokens = m_sessionTokens.constFind(profile);
    const bool has = tokens != m_sessionTokens.constEnd();
    if (live) {
        m_api->setProfile(*live, has ? std::optional<TokenSet>(*tokens) : std::nullopt);
        m_probe->setProfile(*live, has ? tokens->accessToken.toLatin1() : QByteArray());
        QList<QPair<QString, QByteArray>> others;
        for (auto it = m_sessionTokens.constBegin(); it != m_sessionTokens.constEnd(); ++it) {
            if (it.key() != profile)
                others.append({it.key(), it->accessToken.toLatin1()});
        }
        m_probe->setNarrowCandidates(others);
    }
    if (!has || !live)
        return m_inspector->clearTokens();
    m_inspector->showTokens(*live, *tokens, nonce);
}

void MainWindow::loginAskingFor(const QString &scope)
{
    // Ask for the missing scope on the next login (and keep it in the profile's scope).
    Profile p = m_editor->profile();
    QStringList scopes = p.scope.split(u' ', Qt::SkipEmptyParts);
    for (const QString &s : scope.split(u' ', Qt::SkipEmptyParts)) {
        if (!scopes.contains(s))
            scopes << s;
    }
    p.scope = scopes.join(u' ');
    m_editor->setProfile(p);
    m_tabs->setCurrentIndex(0);
    logActivity(u"Logging in again asking for %1"_s.arg(scope));
    startLogin();
}

void MainWindow::setBrowserOpener(std::function<void(const QUrl &)> opener)
{
    m_openBrowser = opener ? std::move(opener) : [this](const QUrl &url) { openBrowser(url); };
}

void MainWindow::setSandboxStatus(const QString &text)
{
    m_sandboxStatus->setText(text);
}

void MainWindow::logActivity(const QString &line)
{
    m_log->appendPlainText(QDateTime::currentDateTime().toString(u"HH:mm:ss"_s) + u"  "_s + line);
}

void MainWindow::refreshTokens()
{
    if (m_current.isEmpty())
        return;
    m_flowState->setText(u"Refreshing the tokens…"_s);
    m_lifecycle->refreshNow(m_current);
}

void MainWindow::onRefreshed(const QString &profile, const RefreshResult &result)
{
    if (!result.ok) {
        logActivity(u"Refresh of %1 failed: %2"_s.arg(profile, result.error));
        updateProfileSubtitle(profile);
        if (profile == m_current) {
            m_flowState->setText(result.sessionEnded ? u"Session ended, log in again"_s : u"Refresh failed: "_s + result.error);
            m_flowState->setStyleSheet(u"color: #c0392b;"_s);
            m_refreshButton->setEnabled(m_lifecycle->canRefresh(profile));
        }
        return;
    }
    if (!result.storageWarning.isEmpty())
        onStoreProblem(TokenStoreError::Other, result.storageWarning);
    logActivity(u"Refreshed the tokens of %1"_s.arg(profile));
    if (profile == m_current && !m_flow->isRunning()) {
        m_flowState->setText(u"Signed in (tokens refreshed %1)"_s.arg(QDateTime::currentDateTime().toString(u"HH:mm:ss"_s)));
        m_flowState->setStyleSheet(u"color: #1e8449;"_s);
    }
}

void MainWindow::onTokensChanged(const QString &profile, const TokenSet &tokens)
{
    m_sessionTokens.insert(profile, tokens);
    updateProfileSubtitle(profile);
    if (profile == m_current)
        inspectTokens(profile);
}

void MainWindow::logout()
{
    const auto stored = m_profiles->profile(m_current);
    if (!stored)
        return;
    QString error;
    const auto live = liveProfile(*stored, &error);
    if (!live)
        return showError(error);
    const auto t = m_sessionTokens.constFind(m_current);
    m_loggingOut = m_current;
    m_lifecycle->untrack(m_current);
    m_logoutButton->setEnabled(false);
    m_flowState->setText(u"Logging out…"_s);
    m_logout->start(*live, t == m_sessionTokens.constEnd() ? std::nullopt : std::optional<TokenSet>(*t), m_endSession->isChecked());
}

void MainWindow::onLogoutFinished(const LogoutResult &result)
{
    const QString profile = m_loggingOut;
    m_loggingOut.clear();
    m_sessionTokens.remove(profile);
    updateProfileSubtitle(profile);
    QString html = u"<table cellspacing='4'>"_s;
    for (const ClaimCheck &s : result.steps) {
        const QString mark = s.result == ClaimCheck::Result::Passed ? u"✔"_s : s.result == ClaimCheck::Result::Failed ? u"✘"_s : u"–"_s;
        html += u"<tr><td>%1 <b>%2</b></td><td>%3</td></tr>"_s.arg(mark, s.name.toHtmlEscaped(), s.detail.toHtmlEscaped());
    }
    html += u"</table>"_s;
    if (profile == m_current) {
        m_flowState->setText(result.ok() ? u"Logged out"_s : u"Logged out, with problems (see below)"_s);
        m_flowState->setStyleSheet(result.ok() ? QString() : u"color: #c0392b;"_s);
        m_summary->setText(html);
        m_authorizeUrl->clear();
        m_copyUrl->setEnabled(false);
        m_forgetButton->setEnabled(false);
        m_refreshButton->setEnabled(false);
        inspectTokens(profile);
    }
    logActivity(u"Logged out of %1"_s.arg(profile));
}
