// TokenLab's one main window. It grows by panels (see STYLE.md "The window"):
// profiles on the left, task tabs in the centre, where tokens are kept and
// the sandbox's ports in the status bar, and an activity log at the bottom
// that never shows a secret. It only presents and wires: the login, the
// profiles and the token store are core objects handed in.
#pragma once

#include "oauth/discoveryclient.h"
#include "session/loginflow.h"
#include "storage/profile.h"
#include "storage/profilestore.h"
#include "oauth/tokenset.h"
#include "storage/tokenstore.h"

#include <QHash>
#include <QMainWindow>
#include <functional>

class ProfileEditor;
class QLabel;
class QLineEdit;
class QListWidget;
class QNetworkAccessManager;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTreeWidget;
class ApiConsole;
class ProbePanel;
class LogoutFlow;
class TokenLifecycle;
struct LogoutResult;
struct RefreshResult;
class TokenInspector;
class TokenStore;

class MainWindow : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY(MainWindow)

public:
    // Turns the stored sandbox profile into a live one, starting the tenant
    // on first use; nullopt with a sentence when it cannot start.
    using SandboxResolver = std::function<std::optional<Profile>(const Profile &stored, QString *error)>;

    MainWindow(QNetworkAccessManager *network, ProfileStore *profiles, TokenStore *tokens, DiscoveryClient *discovery,
               LoginFlow *flow, SandboxResolver sandbox, QWidget *parent = nullptr);

    void setSandboxStatus(const QString &text);
    void logActivity(const QString &line);
    void reloadProfiles(const QString &select = {});
    // Reads every profile's tokens from the store and shows them signed in or expired.
    void restoreTokens();
    // Opens URLs for the login; the default (also when opener is empty)
    // honours $BROWSER, then asks the desktop.
    void setBrowserOpener(std::function<void(const QUrl &)> opener);

private:
    QWidget *buildLoginTab();
    void showProfile(const QString &name);
    std::optional<Profile> liveProfile(const Profile &edited, QString *error);
    void saveProfile();
    void newProfile();
    void removeProfile();
    void importAuthConfig();
    void importEnvironment();
    void addImported(const std::optional<Profile> &profile, const QString &error);
    void startLogin();
    void onFlowState(LoginFlow::State state);
    void onLoginFinished(const LoginResult &result);
    void onDiscovered(const DiscoveryResult &result);
    void openBrowser(const QUrl &url);
    void updateProfileSubtitle(const QString &name);
    void showError(const QString &text);
    void inspectTokens(const QString &profile, const QString &nonce = {});
    void loginAskingFor(const QString &scope);
    void startLogin(const LoginFlow::Options &options);
    void refreshTokens();
    void logout();
    void onRefreshed(const QString &profile, const RefreshResult &result);
    void onTokensChanged(const QString &profile, const TokenSet &tokens);
    void onLogoutFinished(const LogoutResult &result);
    void forgetTokens();
    void onTokensLoaded(const QString &profile, const std::optional<TokenSet> &tokens, TokenStoreError error,
                        const QString &message);
    void onStoreProblem(TokenStoreError error, const QString &message);

    ProfileStore *m_profiles;
    TokenStore *m_tokens;
    DiscoveryClient *m_discovery;
    LoginFlow *m_flow;
    SandboxResolver m_sandbox;
    std::function<void(const QUrl &)> m_openBrowser;
    QHash<QString, TokenSet> m_sessionTokens; // tokens of this run, per profile

    QListWidget *m_profileList = nullptr;
    QTabWidget *m_tabs = nullptr;
    TokenInspector *m_inspector = nullptr;
    ApiConsole *m_api = nullptr;
    ProbePanel *m_probe = nullptr;
    QLabel *m_profileTitle = nullptr;
    ProfileEditor *m_editor = nullptr;
    QLabel *m_profileErrors = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_loginButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QLabel *m_flowState = nullptr;
    QProgressBar *m_busy = nullptr;
    QLineEdit *m_authorizeUrl = nullptr;
    QPushButton *m_copyUrl = nullptr;
    QPushButton *m_forgetButton = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QPushButton *m_switchUserButton = nullptr;
    QPushButton *m_logoutButton = nullptr;
    class QCheckBox *m_endSession = nullptr;
    TokenLifecycle *m_lifecycle = nullptr;
    LogoutFlow *m_logout = nullptr;
    QString m_loggingOut;
    QLabel *m_summary = nullptr;
    QTreeWidget *m_endpoints = nullptr;
    QLabel *m_discoveryState = nullptr;
    QLabel *m_sandboxStatus = nullptr;
    QLabel *m_storageStatus = nullptr;
    QPlainTextEdit *m_log = nullptr;
    QString m_current;     // the profile shown
    QUrl m_shownIssuer;
    bool m_editingNew = false;
};
