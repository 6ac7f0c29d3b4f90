// SPDX-License-Identifier: MIT
// TokenLab's one main window. It grows by panels (see STYLE.md "The
// window"): the profiles on the left, the Login, Tokens, API and Probe tabs
// in the centre, a Session menu whose shortcuts work on every tab, where
// tokens are kept and the sandbox's ports in the status bar, and an
// activity log at the bottom that never shows a secret.
//
// It only wires. Each profile's state lives in its Session (from the
// SessionRegistry); every panel shows the selected profile's Session and
// renders what it emits. The profiles file is watched, so a profile added
// by tokenlab-cli appears here within a second.
#pragma once

#include "storage/profile.h"

#include <QHash>
#include <QPair>
#include <QMainWindow>
#include <QPointer>
#include <functional>

class ApiConsole;
class DiscoveryClient;
class IssuerPanel;
class LoginFlow;
class LoginPanel;
class LogoutFlow;
class ProbePanel;
class ProfileForm;
class ProfilesPanel;
class ProfileStore;
class ProfileWatcher;
class QLabel;
class QNetworkAccessManager;
class QPlainTextEdit;
class QSettings;
class QSplitter;
class QTabWidget;
class Session;
class SessionActions;
class SessionRegistry;
struct SandboxSwitches;
class AdaptiveSplitter;
class SandboxMenu;
class TokenInspector;
class TokenStore;

class MainWindow : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY(MainWindow)

public:
    // The sandbox profile's Session: resolves the stored sandbox profile to
    // the live tenant's (starting it on first use) and hands it to the
    // registry; nullptr with a sentence when the tenant cannot start.
    using SandboxSession = std::function<Session *(const Profile &stored, QString *error)>;

    MainWindow(QNetworkAccessManager *network, ProfileStore *profiles, TokenStore *tokens, DiscoveryClient *discovery,
               LoginFlow *flow, SessionRegistry *sessions, SandboxSession sandbox, QWidget *parent = nullptr);
    ~MainWindow() override;

    void setSandboxStatus(const QString &text);
    // Adds File ▸ Sandbox tenant, ticked as current says; each change goes to
    // apply (which saves it and hands it to the running tenant) and the log.
    void setSandboxSwitches(const SandboxSwitches &current, std::function<void(const SandboxSwitches &)> apply);
    void logActivity(const QString &line);
    // Shows the store's profiles (already loaded), each with its Session.
    void reloadProfiles(const QString &select = {});
    // Reads every profile's tokens from the keychain again (at start), without
    // waiting: the status bar counts them until tokensRestored().
    void restoreTokens();
    // Opens URLs for the login; the default (also when opener is empty)
    // honours $BROWSER, then asks the desktop.
    void setBrowserOpener(std::function<void(const QUrl &)> opener);
    // Restores geometry, splitters, the last tab and profile from settings,
    // and keeps them there from now on.
    void setSettings(QSettings *settings);
    // Another start of TokenLab asked this window to come forward.
    void raiseWindow();
    // The Tokens, API and Probe tabs are built when first shown or first
    // needed; this builds them all now (for tests that reach into every tab).
    void buildEveryTab();

protected:
    void closeEvent(QCloseEvent *event) override;


Q_SIGNALS:
    // Once, when every read restoreTokens() started has finished (at once with 0 when there is none).
    void tokensRestored(int profiles);

private:
    void buildMenus();
    QWidget *buildLoginTab();
    static QWidget *emptyPage(const QString &name);
    void buildTab(int index);
    TokenInspector *inspector();
    ApiConsole *api();
    ProbePanel *probe();
    void showSessionInTabs(Session *s);
    Session *sessionFor(const Profile &stored, QString *error);
    void syncSessions();
    void select(const QString &name);
    void newProfile();
    void onProfilesFileChanged();
    void onStoreProblem(const QString &sentence);
    void loginAskingFor(const QString &scope);
    std::optional<Profile> loginProfile(QString *error);
    void saveSettings();

    ProfileStore *m_profiles;
    TokenStore *m_tokens;
    LoginFlow *m_flow;
    SessionRegistry *m_sessions;
    SandboxSession m_sandbox;
    QNetworkAccessManager *m_network;
    DiscoveryClient *m_discovery;
    std::function<void(const QUrl &)> m_openBrowser;
    QSettings *m_settings = nullptr;
    ProfileWatcher *m_watcher;
    LogoutFlow *m_logout;
    SessionActions *m_actions;
    QPointer<Session> m_session; // the selected profile's

    ProfilesPanel *m_profilesPanel = nullptr;
    ProfileForm *m_form = nullptr;
    LoginPanel *m_login = nullptr;
    IssuerPanel *m_issuer = nullptr;
    TokenInspector *m_inspector = nullptr;
    ApiConsole *m_api = nullptr;
    ProbePanel *m_probe = nullptr;
    QWidget *m_tokensPage = nullptr; // the tabs' pages, which hold the panels once built
    QWidget *m_apiPage = nullptr;
    QWidget *m_probePage = nullptr;
    QHash<QString, QPair<QString, QByteArray>> m_nonces; // login nonce and id_token hash by profile, until the Tokens tab is built
    QTabWidget *m_tabs = nullptr;
    QSplitter *m_split = nullptr;
    AdaptiveSplitter *m_loginSplit = nullptr;
    QLabel *m_sandboxStatus = nullptr;
    SandboxMenu *m_sandboxMenu = nullptr;
    QLabel *m_storageStatus = nullptr;
    QPlainTextEdit *m_log = nullptr;
};
