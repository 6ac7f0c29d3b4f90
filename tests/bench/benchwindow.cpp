// SPDX-License-Identifier: MIT
#include "benchwindow.h"

#include <QEventLoop>
#include <QTabWidget>

using namespace Qt::StringLiterals;

BenchWindow::BenchWindow()
    : profiles(dir.filePath(u"tokenlab/profiles.json"_s)),
      discovery(&network),
      flow(&network, &discovery, &tokens, systemClock()),
      sessions(SessionServices{&network, &discovery, &tokens, systemClock()})
{
    if (!sandbox.start())
        return;
    if (!sandbox.isKeyReady()) { // the key is generated in the background
        QEventLoop wait;
        QObject::connect(&sandbox, &SandboxTenant::keyReady, &wait, &QEventLoop::quit);
        wait.exec();
    }
    // Signed in: an access token the tenant signed, where a login would have stored it.
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    TokenSet signedIn;
    signedIn.accessToken = QString::fromLatin1(sandbox.signingKey().signRs256(
            {{u"typ"_s, u"at+jwt"_s}}, {{u"iss"_s, sandbox.issuer().toString()}, {u"sub"_s, u"sandbox|alice"_s},
                                       {u"aud"_s, sandbox.audience()}, {u"iat"_s, now}, {u"exp"_s, now + 7200},
                                       {u"scope"_s, u"openid read:messages"_s}}));
    signedIn.tokenType = u"Bearer"_s;
    signedIn.obtainedAt = QDateTime::currentDateTimeUtc();
    signedIn.expiresAt = signedIn.obtainedAt.addSecs(7200);
    tokens.save(QString::fromLatin1(Profile::SandboxName), signedIn);
    accessToken = signedIn.accessToken;

    window = std::make_unique<MainWindow>(&network, &profiles, &tokens, &discovery, &flow, &sessions,
                                          [this](const Profile &stored, QString *) -> Session * {
                                              return sessions.session(sandbox.profileFor(stored));
                                          });
    window->reloadProfiles(QString::fromLatin1(Profile::SandboxName));
    window->resize(1180, 780);
    m_started = true;
}

void BenchWindow::show(const QString &tab)
{
    window->show();
    find<QTabWidget>(u"mainTabs"_s)->setCurrentWidget(find<QWidget>(tab));
}
