// SPDX-License-Identifier: MIT
// The Login panel: log in (here or on another device, whose code and QR
// code DeviceCodeView shows), switch user, refresh, log out and forget tokens
// for the selected profile, the flow's progress, the sign-in URL to copy,
// and a summary of the session's tokens. It shows the selected profile's
// Session only and renders again on Session::changed; it keeps no tokens
// and no signed-in state. What it keeps per profile is view state: the
// last operation's outcome and the logout's steps.
//
// The buttons trigger the window's Session menu actions (SessionActions),
// so a shortcut and a click are the same thing.
#pragma once

#include "gui/semanticcolors.h"
#include "session/loginflow.h"

#include <QHash>
#include <QPointer>
#include <QWidget>
#include <functional>

class DeviceCodeView;
class LogoutFlow;
class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class Session;
class SessionActions;
class SessionRegistry;
struct LogoutResult;

class LoginPanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(LoginPanel)

public:
    LoginPanel(LoginFlow *flow, LogoutFlow *logout, SessionRegistry *sessions, SessionActions *actions,
               QWidget *parent = nullptr);

    // The selected profile's session; nullptr while a new profile is edited.
    void setSession(Session *session);
    // The profile a login uses: the editor's (perhaps unsaved) settings,
    // resolved to a live profile; nullopt with a sentence when it cannot be.
    void setLoginProfile(std::function<std::optional<Profile>(QString *error)> provider);
    void setBrowserOpener(std::function<void(const QUrl &)> opener);

    void logIn(const LoginFlow::Options &options = {});
    void switchUser();
    // RFC 8628: the code to enter on a phone or another computer, shown here.
    void logInOnAnotherDevice();
    void refresh();
    void logOut();
    // Asks first: the refresh token stays valid at the issuer until it expires.
    void askForget();
    void cancel();
    // Actions and texts again (the time moves on, a flow started elsewhere).
    void render();

Q_SIGNALS:
    void activity(const QString &line);
    void problem(const QString &sentence);
    // A login of this window signed the profile in; nonce is for the id_token check.
    // idTokenHash: SHA-256 of the login's id_token, the one token the nonce belongs to.
    void loggedIn(const QString &profile, const QString &nonce, const QByteArray &idTokenHash);

private:
    struct Note
    {
        QString text;
        Tone tone = Tone::Plain;
        QString stepsHtml;    // a logout's steps
        QString checksHtml;   // the login's id_token checks
        QByteArray checkedId; // the id_token those checks were made on (a hash)
    };
    void setNote(const QString &profile, const QString &text, Tone tone);
    void onFlowState(LoginFlow::State state);
    void onLoginFinished(const LoginResult &result);
    void startLogout(Session *session, bool endBrowserSession, bool thenForget);
    void onLogoutFinished(const LogoutResult &result);
    void forgetNow(Session *session);
    QString summaryHtml(const Session &session) const;
    void updateActions();

    LoginFlow *m_flow;
    LogoutFlow *m_logout;
    SessionRegistry *m_sessions;
    SessionActions *m_actions;
    QPointer<Session> m_session;
    std::function<std::optional<Profile>(QString *)> m_loginProfile;
    std::function<void(const QUrl &)> m_openBrowser;
    QString m_loginFor;   // the profile the running login is for
    QUrl m_signInUrl;     // the running login's
    QString m_logoutFor;  // the profile the running logout is for
    bool m_forgetAfterLogout = false;
    QHash<QString, Note> m_notes;

    QPushButton *m_loginButton;
    QPushButton *m_loginDeviceButton;
    DeviceCodeView *m_device;
    QPushButton *m_cancelButton;
    QPushButton *m_forgetButton;
    QPushButton *m_refreshButton;
    QPushButton *m_switchUserButton;
    QPushButton *m_logoutButton;
    QCheckBox *m_endSession;
    QProgressBar *m_busy;
    QLabel *m_sessionState;
    QLabel *m_flowState;
    QLineEdit *m_authorizeUrl;
    QPushButton *m_copyUrl;
    QLabel *m_summary;
};
