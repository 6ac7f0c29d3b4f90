#include "mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QDockWidget>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QLabel *valueLabel(const QString &text, const QString &objectName)
{
    auto *label = new QLabel(text);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setWordWrap(true);
    return label;
}

} // namespace

MainWindow::MainWindow(DiscoveryClient *discovery, QWidget *parent)
    : QMainWindow(parent), m_discovery(discovery)
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(u"TokenLab"_s);
    resize(1100, 720);

    m_profileList = new QListWidget;
    m_profileList->setObjectName(u"profileList"_s);
    m_profileList->setMinimumWidth(200);
    m_profileList->setAccessibleName(u"Profiles"_s);
    connect(m_profileList, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row < m_profiles.size())
            showProfile(m_profiles.at(row));
    });

    m_tabs = new QTabWidget;
    m_tabs->setObjectName(u"mainTabs"_s);
    m_tabs->addTab(buildLoginTab(), u"&Login"_s);

    auto *splitter = new QSplitter;
    splitter->addWidget(m_profileList);
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
    resizeDocks({dock}, {130}, Qt::Vertical);

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
}

QWidget *MainWindow::buildLoginTab()
{
    auto *page = new QWidget;
    page->setObjectName(u"loginTab"_s);
    auto *layout = new QVBoxLayout(page);

    m_profileTitle = new QLabel;
    m_profileTitle->setObjectName(u"profileTitle"_s);
    QFont titleFont = m_profileTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_profileTitle->setFont(titleFont);
    layout->addWidget(m_profileTitle);

    m_profileForm = new QFormLayout;
    m_profileForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addLayout(m_profileForm);

    m_discoveryState = new QLabel;
    m_discoveryState->setObjectName(u"discoveryState"_s);
    layout->addWidget(m_discoveryState);

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
    layout->addWidget(m_endpoints, 1);
    return page;
}

void MainWindow::setProfiles(const QList<Profile> &profiles, const QString &active)
{
    m_profiles = profiles;
    m_profileList->clear();
    int activeRow = 0;
    for (int i = 0; i < profiles.size(); ++i) {
        const Profile &p = profiles.at(i);
        const QString subtitle = p.isSandbox() ? u"local tenant, works offline"_s : p.issuer.host();
        auto *item = new QListWidgetItem(p.name + u'\n' + subtitle);
        item->setToolTip(p.issuer.toString());
        m_profileList->addItem(item);
        if (p.name == active)
            activeRow = i;
    }
    if (!profiles.isEmpty())
        m_profileList->setCurrentRow(activeRow);
}

void MainWindow::showProfile(const Profile &p)
{
    m_profileTitle->setText(p.isSandbox() ? u"Sandbox tenant on this machine"_s : p.name);
    while (m_profileForm->rowCount() > 0)
        m_profileForm->removeRow(0);
    m_profileForm->addRow(u"Issuer:"_s, valueLabel(p.issuer.toString(), u"profileIssuer"_s));
    m_profileForm->addRow(u"Client ID:"_s, valueLabel(p.clientId, u"profileClientId"_s));
    m_profileForm->addRow(u"Audience:"_s, valueLabel(p.audience.isEmpty() ? u"(none)"_s : p.audience, u"profileAudience"_s));
    m_profileForm->addRow(u"Scope:"_s, valueLabel(p.scope, u"profileScope"_s));
    m_profileForm->addRow(u"Redirect:"_s, valueLabel(p.redirectUri(p.redirectPort).toString().replace(u":0/"_s, u":<free port>/"_s),
                                                     u"profileRedirect"_s));
    m_profileForm->addRow(u"API:"_s, valueLabel(p.apiBase.toString(), u"profileApiBase"_s));

    m_endpoints->clear();
    auto add = [this](const QString &name, const QUrl &url) {
        if (!url.isEmpty())
            new QTreeWidgetItem(m_endpoints, {name, url.toString()});
    };
    add(u"Discovery"_s, ProviderMetadata::discoveryUrl(p.issuer));
    add(u"Public API"_s, p.apiUrl(p.publicPath));
    add(u"Private API"_s, p.apiUrl(p.privatePath));
    add(u"Scoped API"_s, p.apiUrl(p.scopedPath));
    m_shownIssuer = p.issuer;
    m_discoveryState->setText(u"Reading the issuer's discovery document…"_s);
    logActivity(u"Discovering %1"_s.arg(p.issuer.toString()));
    m_discovery->fetch(p.issuer);
}

void MainWindow::onDiscovered(const DiscoveryResult &result)
{
    if (result.issuer != m_shownIssuer)
        return;
    if (!result.metadata) {
        m_discoveryState->setText(u"Discovery failed: "_s + result.error);
        logActivity(u"Discovery failed: "_s + result.error);
        return;
    }
    const ProviderMetadata &m = *result.metadata;
    m_discoveryState->setText(u"The issuer answered; its endpoints:"_s);
    logActivity(u"Discovered %1"_s.arg(m.issuer.toString()));
    int row = 1;
    auto insert = [this, &row](const QString &name, const QUrl &url) {
        if (url.isEmpty())
            return;
        m_endpoints->insertTopLevelItem(row++, new QTreeWidgetItem({name, url.toString()}));
    };
    insert(u"Authorize"_s, m.authorizationEndpoint);
    insert(u"Token"_s, m.tokenEndpoint);
    insert(u"JWKS"_s, m.jwksUri);
    insert(u"Userinfo"_s, m.userinfoEndpoint);
    insert(u"Revocation"_s, m.revocationEndpoint);
    insert(u"End session"_s, m.endSessionEndpoint);
}

void MainWindow::setSandboxStatus(const QString &text)
{
    m_sandboxStatus->setText(text);
}

void MainWindow::logActivity(const QString &line)
{
    m_log->appendPlainText(QDateTime::currentDateTime().toString(u"HH:mm:ss"_s) + u"  "_s + line);
}
