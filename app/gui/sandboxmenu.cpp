// SPDX-License-Identifier: MIT
#include "gui/sandboxmenu.h"

using namespace Qt::StringLiterals;

SandboxMenu::SandboxMenu(QWidget *parent)
    : QMenu(tr("Sand&box tenant"), parent)
{
    setObjectName(u"sandboxMenu"_s);
    setToolTipsVisible(true);
    auto add = [this](const QString &text, const QString &name, const QString &tip) {
        QAction *a = addAction(text);
        a->setObjectName(name);
        a->setCheckable(true);
        a->setToolTip(tip);
        connect(a, &QAction::toggled, this, [this] { Q_EMIT switchesChosen(switches()); });
        return a;
    };
    m_requirePar = add(tr("Require &pushed authorization requests (PAR)"), u"sandboxRequirePar"_s,
                       tr("The sandbox's /authorize takes only requests pushed to /oauth/par first (RFC 9126), "
                          "and its discovery says require_pushed_authorization_requests."));
    m_dpopNonce = add(tr("Demand DPoP &nonces"), u"sandboxDpopNonce"_s,
                      tr("The token endpoint and the sample API answer a DPoP proof without a server nonce with "
                         "use_dpop_nonce and a DPoP-Nonce header (RFC 9449 8 and 9)."));
    m_apiDpop = add(tr("Sample API requires &DPoP"), u"sandboxApiDpop"_s,
                    tr("The sample API refuses Bearer tokens: only DPoP-bound tokens with a proof get through (RFC 9449 7)."));
}

void SandboxMenu::setSwitches(const SandboxSwitches &switches)
{
    const QSignalBlocker a(m_requirePar), b(m_dpopNonce), c(m_apiDpop);
    m_requirePar->setChecked(switches.requirePar);
    m_dpopNonce->setChecked(switches.dpopNonce);
    m_apiDpop->setChecked(switches.apiDpop == ApiDpopMode::Required);
}

SandboxSwitches SandboxMenu::switches() const
{
    SandboxSwitches s;
    s.requirePar = m_requirePar->isChecked();
    s.dpopNonce = m_dpopNonce->isChecked();
    s.apiDpop = m_apiDpop->isChecked() ? ApiDpopMode::Required : ApiDpopMode::Allowed;
    return s;
}
