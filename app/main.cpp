// SPDX-License-Identifier: MIT
// tokenlab: the desktop front end. Builds the core objects (one
// SessionRegistry owns every profile's session), wires them to the main
// window, and starts the sandbox tenant when its profile is used. A second
// start raises the running window instead of opening another.
#include "gui/commandline.h"
#include "gui/mainwindow.h"
#include "gui/singleinstance.h"
#include "oauth/discoveryclient.h"
#include "sandbox/sandboxtenant.h"
#include "session/loginflow.h"
#include "session/sessionregistry.h"
#include "storage/keychaintokenstore.h"
#include "storage/profilestore.h"
#include "util/startupmarks.h"
#include "util/translations.h"

#include "appinfo.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QTimer>
#include <memory>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    StartupMarks marks;
    marks.mark("main");
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    if (const std::optional<int> status = GuiCommandLine::answer(arguments))
        return *status;

    QApplication app(argc, argv);
    marks.mark("QApplication");
    QApplication::setApplicationName(AppInfo::DisplayName);
    QApplication::setOrganizationName(AppInfo::Organization);
    QApplication::setOrganizationDomain(AppInfo::OrganizationDomain);
    QApplication::setApplicationVersion(AppInfo::Version);
    Translations::install(); // the system locale's language, when TokenLab speaks it
    // The .desktop entry's name, so task bars group the window under its launcher and icon.
    QGuiApplication::setDesktopFileName(AppInfo::Id);
    // The installed theme's icon when there is one, else the PNGs compiled in.
    // (resources/CMakeLists.txt renders them, one folder per size).
    QIcon builtIn;
    for (const QString &size : QDir(u":/icons"_s).entryList(QDir::Dirs))
        builtIn.addFile(u":/icons/%1/tokenlab.png"_s.arg(size));
    QApplication::setWindowIcon(QIcon::fromTheme(AppInfo::IconName, builtIn));

    marks.mark("icons");
    ProfileStore profiles;
    SingleInstance instance(SingleInstance::nameFor(QFileInfo(profiles.path()).absolutePath()));
    if (instance.raiseRunning())
        return 0;
    QString listenError;
    const bool listening = instance.listen(&listenError);

    marks.mark("single instance");
    QNetworkAccessManager network;
    DiscoveryClient discovery(&network);
    // TOKENLAB_KEYCHAIN_TIMEOUT_MS shortens the wait on a keychain that never answers.
    const int keychainTimeout = qEnvironmentVariableIntValue("TOKENLAB_KEYCHAIN_TIMEOUT_MS");
    KeychainTokenStore tokens(QString::fromLatin1(KeychainTokenStore::ServiceName),
                             std::chrono::milliseconds(keychainTimeout > 0 ? keychainTimeout : 15000));
    LoginFlow flow(&network, &discovery, &tokens, systemClock());
    SessionRegistry sessions(SessionServices{&network, &discovery, &tokens, systemClock()});
    QString profileError;
    const bool profilesOk = profiles.load(&profileError);
    marks.mark("core objects, profiles loaded");

    std::unique_ptr<SandboxTenant> sandbox;
    MainWindow *windowPtr = nullptr;
    auto resolveSandbox = [&sandbox, &windowPtr, keychainTimeout](const Profile &stored, QString *error) -> std::optional<Profile> {
        if (!sandbox) {
            QString switchesProblem;
            SandboxConfig config = SandboxConfig::continuing(&switchesProblem, std::chrono::milliseconds(keychainTimeout > 0 ? keychainTimeout : 15000));
            config.keyWhenFirstNeeded = true; // a start that only shows the sandbox profile does not load or make its key
            auto tenant = std::make_unique<SandboxTenant>(std::move(config));
            if (!tenant->start()) {
                if (error)
                    *error = tenant->errorString();
                return std::nullopt;
            }
            sandbox = std::move(tenant);
            windowPtr->setSandboxStatus(QCoreApplication::translate("TokenLab", "Sandbox: authorization server on port %1 · API on port %2")
                                                .arg(sandbox->issuer().port())
                                                .arg(sandbox->apiBaseUrl().port()));
            windowPtr->logActivity(QCoreApplication::translate("TokenLab", "Sandbox tenant started at %1").arg(sandbox->issuer().toString()));
            if (!switchesProblem.isEmpty())
                windowPtr->logActivity(switchesProblem);
            else if (!sandbox->switches().isLenient())
                windowPtr->logActivity(QCoreApplication::translate("TokenLab", "Sandbox switches: %1").arg(sandbox->switches().describe()));
        }
        return sandbox->profileFor(stored);
    };
    // The one place where the resolved sandbox profile is handed to the
    // registry. Tokens kept from an earlier run verify only while the tenant
    // has the same key and ports; otherwise the session says so ("from an
    // earlier sandbox run; log in again") instead of "signed in".
    auto continuity = [&sandbox](const TokenSet &tokens) {
        return sandbox ? sandbox->continuityProblem(tokens.accessToken) : QString();
    };
    auto sandboxSession = [&sessions, &resolveSandbox, &sandbox, continuity](const Profile &stored, QString *error) -> Session * {
        const bool starting = !sandbox;
        const std::optional<Profile> live = resolveSandbox(stored, error);
        if (!live)
            return nullptr;
        Session *session = sessions.session(*live);
        session->setContinuityCheck(continuity);
        if (starting) {
            // Until the key is ready only iss can be compared: look again with the key.
            QObject::connect(sandbox.get(), &SandboxTenant::keyReady, &sessions, [&sessions, continuity] {
                if (Session *s = sessions.find(QString::fromLatin1(Profile::SandboxName)))
                    s->setContinuityCheck(continuity);
            });
        }
        return session;
    };
    MainWindow window(&network, &profiles, &tokens, &discovery, &flow, &sessions, sandboxSession);
    windowPtr = &window;
    marks.mark("MainWindow built");
    if (!profilesOk)
        window.logActivity(profileError);
    if (!listening)
        window.logActivity(QCoreApplication::translate("TokenLab", "Another start of TokenLab will open a second window: %1").arg(listenError));
    QObject::connect(&instance, &SingleInstance::raiseRequested, &window, &MainWindow::raiseWindow);
    // File ▸ Sandbox tenant: saved for every later tenant (the CLI's too), applied
    // to the running one at once; discovery is asked again, as its document changes.
    const QString switchesFile = SandboxContinuity::forCurrentUser().switchesFile;
    window.setSandboxSwitches(SandboxSwitches::load(switchesFile), [&sandbox, &window, &discovery, switchesFile](const SandboxSwitches &chosen) {
        QString error;
        if (!chosen.save(switchesFile, &error))
            window.logActivity(error);
        if (sandbox)
            sandbox->setSwitches(chosen);
        discovery.clearCache();
    });
    window.reloadProfiles();
    marks.mark("profiles and sessions");
    window.restoreTokens();
    marks.mark("token restore started");
    QSettings settings;
    window.setSettings(&settings);
    window.show();
    marks.mark("window shown");
    QObject::connect(&window, &MainWindow::tokensRestored, &app, [&marks] { marks.mark("every profile's tokens read"); });
    if (qEnvironmentVariable("TOKENLAB_QUIT_WHEN_IDLE") == u"restored") {
        // For tests/bench: quit once every profile's tokens have been read.
        QObject::connect(&window, &MainWindow::tokensRestored, &app, &QCoreApplication::quit, Qt::QueuedConnection);
    } else if (qEnvironmentVariableIsSet("TOKENLAB_QUIT_WHEN_IDLE")) {
        // For tests/bench: quit once the window is shown and the event loop has nothing left to do.
        QTimer::singleShot(0, &app, [&marks] {
            marks.mark("idle");
            QCoreApplication::quit();
        });
    }
    const int status = app.exec();
    marks.mark("event loop left");
    return status;
}
