// tokenlab: the desktop front end. Builds the core objects, wires them to
// the main window, and starts the sandbox tenant when its profile is used.
#include "oauth/discoveryclient.h"
#include "session/loginflow.h"
#include "gui/mainwindow.h"
#include "storage/profilestore.h"
#include "sandbox/sandboxtenant.h"
#include "storage/keychaintokenstore.h"

#include <QApplication>
#include <QNetworkAccessManager>
#include <QStyleFactory>
#include <QTimer>
#include <memory>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"TokenLab"_s);
    QApplication::setOrganizationName(u"TokenLab"_s);
    QApplication::setApplicationVersion(QStringLiteral(TOKENLAB_VERSION));
    QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));

    QNetworkAccessManager network;
    DiscoveryClient discovery(&network);
    // TOKENLAB_KEYCHAIN_TIMEOUT_MS shortens the wait on a keychain that never answers.
    const int keychainTimeout = qEnvironmentVariableIntValue("TOKENLAB_KEYCHAIN_TIMEOUT_MS");
    KeychainTokenStore tokens(QString::fromLatin1(KeychainTokenStore::ServiceName),
                             std::chrono::milliseconds(keychainTimeout > 0 ? keychainTimeout : 15000));
    LoginFlow flow(&network, &discovery, &tokens, systemClock());
    ProfileStore profiles;
    QString profileError;
    const bool profilesOk = profiles.load(&profileError);

    std::unique_ptr<SandboxTenant> sandbox;
    MainWindow *windowPtr = nullptr;
    auto resolveSandbox = [&sandbox, &windowPtr, keychainTimeout](const Profile &stored, QString *error) -> std::optional<Profile> {
        if (!sandbox) {
            auto tenant = std::make_unique<SandboxTenant>(SandboxConfig::continuing(std::chrono::milliseconds(keychainTimeout > 0 ? keychainTimeout : 15000)));
            if (!tenant->start()) {
                if (error)
                    *error = tenant->errorString();
                return std::nullopt;
            }
            sandbox = std::move(tenant);
            windowPtr->setSandboxStatus(u"Sandbox: authorization server on port %1 · API on port %2"_s
                                                .arg(sandbox->issuer().port())
                                                .arg(sandbox->apiBaseUrl().port()));
            windowPtr->logActivity(u"Sandbox tenant started at %1"_s.arg(sandbox->issuer().toString()));
        }
        return sandbox->profileFor(stored);
    };
    MainWindow window(&network, &profiles, &tokens, &discovery, &flow, resolveSandbox);
    windowPtr = &window;
    if (!profilesOk)
        window.logActivity(profileError);
    window.reloadProfiles();
    window.restoreTokens();
    window.show();
    if (qEnvironmentVariableIsSet("TOKENLAB_QUIT_WHEN_IDLE")) {
        // For tests/bench: quit once the window is shown and the event loop has nothing left to do.
        QTimer::singleShot(0, &app, &QCoreApplication::quit);
    }
    return app.exec();
}
