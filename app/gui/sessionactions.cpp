// SPDX-License-Identifier: MIT
#include "gui/sessionactions.h"
#include "session/session.h"

#include <QAction>
#include <QMenu>
#include <QPushButton>

using namespace Qt::StringLiterals;

SessionActions::SessionActions(QObject *parent) : QObject(parent)
{
    auto make = [this](const QString &name, const QString &text, const QKeySequence &keys, const QString &tip) {
        auto *a = new QAction(text, this);
        a->setObjectName(name);
        a->setShortcut(keys);
        a->setShortcutContext(Qt::WindowShortcut);
        a->setToolTip(keys.isEmpty() ? tip : tip + u" ("_s + keys.toString(QKeySequence::NativeText) + u')');
        a->setStatusTip(tip);
        a->setEnabled(false);
        return a;
    };
    login = make(u"loginAction"_s, tr("&Log in"), QKeySequence(u"Ctrl+L"_s), tr("Sign in through your browser"));
    loginDevice = make(u"loginDeviceAction"_s, tr("Log in on another &device…"), {},
                       tr("Sign in on a phone or another computer with a code (device authorization grant, RFC 8628)"));
    refresh = make(u"refreshAction"_s, tr("&Refresh"), QKeySequence(u"Ctrl+R"_s), tr("Renew the access token now"));
    switchUser = make(u"switchUserAction"_s, tr("S&witch user"), {},
                      tr("Log in again with prompt=login, to sign in as someone else"));
    logout = make(u"logoutAction"_s, tr("Log &out"), {},
                  tr("Revoke the refresh token, delete the tokens, and optionally end the browser session"));
    forget = make(u"forgetAction"_s, tr("&Forget tokens…"), {}, tr("Delete this profile's tokens from the keychain"));
    cancel = make(u"cancelAction"_s, tr("&Cancel"), QKeySequence(Qt::Key_Escape), tr("Stop waiting for the browser or the other device"));
}

void SessionActions::update(const Session *session, const Busy &busy)
{
    const Session::State state = session ? session->state() : Session::State::Unknown;
    const bool known = session && state != Session::State::Unknown;
    const bool hasTokens = session && session->tokens().has_value();
    const bool canLogIn = session && busy.savedProfile && !busy.loginRunning;
    login->setEnabled(canLogIn);
    switchUser->setEnabled(canLogIn && !session->profile().isMachineToMachine());
    loginDevice->setEnabled(canLogIn && !session->profile().isMachineToMachine());
    refresh->setEnabled(known && session->canRefresh() && !session->isRefreshing() && !busy.logoutRunning);
    logout->setEnabled(known && hasTokens && !busy.logoutRunning && !busy.loginHere);
    forget->setEnabled(known && hasTokens && !busy.logoutRunning && !busy.loginHere);
    cancel->setEnabled(busy.loginHere);
}

void SessionActions::addTo(QMenu *menu) const
{
    menu->addAction(login);
    menu->addAction(loginDevice);
    menu->addAction(switchUser);
    menu->addAction(refresh);
    menu->addSeparator();
    menu->addAction(logout);
    menu->addAction(forget);
    menu->addSeparator();
    menu->addAction(cancel);
}

void SessionActions::bind(QPushButton *button, QAction *action)
{
    auto follow = [button, action] {
        QString text = action->text();
        text.remove(u'&'); // the menu's mnemonic; the button is reached by the action's shortcut
        button->setText(text);
        button->setToolTip(action->toolTip());
        button->setEnabled(action->isEnabled());
    };
    follow();
    QObject::connect(action, &QAction::changed, button, follow);
    QObject::connect(button, &QPushButton::clicked, action, &QAction::trigger);
}
