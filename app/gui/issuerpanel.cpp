// SPDX-License-Identifier: MIT
#include "gui/issuerpanel.h"
#include "oauth/discoveryclient.h"

#include <QAction>
#include <QClipboard>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

IssuerPanel::IssuerPanel(DiscoveryClient *discovery, QWidget *parent)
    : QWidget(parent), m_discovery(discovery), m_state(new QLabel), m_endpoints(new QTreeWidget)
{
    setObjectName(u"issuerPanel"_s);
    m_state->setObjectName(u"discoveryState"_s);
    m_state->setWordWrap(true);
    m_endpoints->setObjectName(u"endpointList"_s);
    m_endpoints->setHeaderLabels({tr("Endpoint"), tr("URL")});
    m_endpoints->setRootIsDecorated(false);
    m_endpoints->setAlternatingRowColors(true);
    m_endpoints->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_endpoints->setToolTip(tr("Ctrl+C copies the selected URL"));
    m_endpoints->setMinimumHeight(m_endpoints->fontMetrics().lineSpacing() * 6);
    auto *copy = new QAction(tr("Copy URL"), m_endpoints);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, [this] {
        if (QTreeWidgetItem *item = m_endpoints->currentItem())
            QGuiApplication::clipboard()->setText(item->text(1));
    });
    m_endpoints->addAction(copy);
    m_endpoints->setContextMenuPolicy(Qt::ActionsContextMenu);

    auto *box = new QGroupBox(tr("Issuer"));
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_state);
    layout->addWidget(m_endpoints, 1);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(box);
}

void IssuerPanel::clear(const QString &why)
{
    ++m_shown;
    m_endpoints->clear();
    m_state->setText(why);
}

void IssuerPanel::showProfile(const Profile &live)
{
    const quint64 ticket = ++m_shown;
    fill(live, nullptr);
    m_state->setText(tr("Reading the issuer's discovery document…"));
    DiscoveryJob *job = m_discovery->discover(live.issuer);
    connect(job, &DiscoveryJob::finished, this, [this, ticket, live](const DiscoveryResult &result) {
        if (ticket == m_shown)
            fill(live, &result);
    });
}

void IssuerPanel::fill(const Profile &live, const DiscoveryResult *result)
{
    m_endpoints->clear();
    auto add = [this](const QString &label, const QUrl &url) {
        if (!url.isEmpty())
            new QTreeWidgetItem(m_endpoints, {label, url.toString()});
    };
    add(tr("Discovery"), ProviderMetadata::discoveryUrl(live.issuer));
    if (result && !result->metadata) {
        m_state->setText(tr("Discovery failed: %1").arg(result->error));
    } else if (result) {
        const ProviderMetadata &m = *result->metadata;
        m_state->setText(tr("The issuer answered; its endpoints:"));
        add(tr("Authorize"), m.authorizationEndpoint);
        add(tr("Token"), m.tokenEndpoint);
        add(tr("JWKS"), m.jwksUri);
        add(tr("Userinfo"), m.userinfoEndpoint);
        add(tr("Revocation"), m.revocationEndpoint);
        add(tr("End session"), m.endSessionEndpoint);
        add(m.requirePushedAuthorizationRequests ? tr("PAR (required)") : tr("PAR"), m.pushedAuthorizationRequestEndpoint);
        add(tr("Introspection"), m.introspectionEndpoint);
    }
    if (!live.apiBase.isEmpty()) {
        add(tr("Public API"), live.apiUrl(live.publicPath));
        add(tr("Private API"), live.apiUrl(live.privatePath));
        add(tr("Scoped API"), live.apiUrl(live.scopedPath));
    }
}
