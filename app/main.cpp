// tokenlab: the desktop front end. Builds the core objects, starts the
// sandbox tenant for the default profile, and shows the main window.
#include "discoveryclient.h"
#include "mainwindow.h"
#include "profile.h"
#include "sandboxtenant.h"

#include <QApplication>
#include <QNetworkAccessManager>
#include <QStyleFactory>

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
    MainWindow window(&discovery);

    SandboxTenant sandbox;
    QList<Profile> profiles;
    if (sandbox.start()) {
        profiles << Profile::sandbox(sandbox.issuer(), sandbox.apiBaseUrl(), sandbox.clientId(), sandbox.audience());
        window.setSandboxStatus(u"Sandbox: authorization server on port %1 · API on port %2"_s
                                        .arg(sandbox.issuer().port())
                                        .arg(sandbox.apiBaseUrl().port()));
        window.logActivity(u"Sandbox tenant started at %1"_s.arg(sandbox.issuer().toString()));
    } else {
        window.setSandboxStatus(u"Sandbox not running"_s);
        window.logActivity(sandbox.errorString());
    }
    window.setProfiles(profiles, QString::fromLatin1(Profile::SandboxName));
    window.show();
    return app.exec();
}
