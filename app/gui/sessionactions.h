// SPDX-License-Identifier: MIT
// The window-wide Session menu: Log in (Ctrl+L), Log in on another device
// (RFC 8628), Refresh (Ctrl+R), Switch user, Log out, Forget tokens and Cancel (Esc). The actions live on the
// main window, so their shortcuts work on every tab; the Login panel's
// buttons trigger the same actions. Whether each is enabled is worked out
// here, from the selected profile's Session and what is running, in one place.
#pragma once

#include <QObject>

class QAction;
class QMenu;
class QPushButton;
class Session;

class SessionActions : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(SessionActions)

public:
    explicit SessionActions(QObject *parent = nullptr);

    QAction *login = nullptr;
    QAction *loginDevice = nullptr;
    QAction *refresh = nullptr;
    QAction *switchUser = nullptr;
    QAction *logout = nullptr;
    QAction *forget = nullptr;
    QAction *cancel = nullptr;

    struct Busy
    {
        bool loginRunning = false;     // the one login flow, for any profile
        bool loginHere = false;        // ... for the selected profile
        bool logoutRunning = false;
        bool savedProfile = true;      // false while a new, unsaved profile is edited
    };
    // session is the selected profile's, or nullptr.
    void update(const Session *session, const Busy &busy);

    void addTo(QMenu *menu) const;
    // A push button that triggers the action and follows its text (without
    // the menu's mnemonic), tooltip and enabled state.
    static void bind(QPushButton *button, QAction *action);
};
