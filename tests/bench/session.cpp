// SPDX-License-Identifier: MIT
// bench_session COUNT: a long session. The real MainWindow over an
// in-process sandbox, signed in to the sandbox profile, sends GET
// /api/private from its API tab COUNT times, one after the other, by
// clicking the tab's button as a user would, each call recorded in the
// tab's history (kept in a temporary directory). Prints the process's peak
// resident set size in KiB after the first 10 calls and after all COUNT:
// "PEAK_AFTER_10 PEAK_AFTER_COUNT". Exits 1 if a call did not answer 200.
#include "gui/mainwindow.h"
#include "oauth/discoveryclient.h"
#include "sandbox/sandboxtenant.h"
#include "session/loginflow.h"
#include "session/sessionregistry.h"
#include "storage/profilestore.h"
#include "storage/tokenstore.h"

#include <QApplication>
#include <QEventLoop>
#include <QFile>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProgressBar>
#include <QPushButton>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTemporaryDir>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

long peakRssKiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    }
    return 0;
}

template<typename T>
T *find(QWidget &window, const QString &name)
{
    T *w = window.findChild<T *>(name);
    if (!w) {
        std::fprintf(stderr, "bench_session: no widget named %s\n", qPrintable(name));
        std::exit(1);
    }
    return w;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
    const int count = argc > 1 ? std::atoi(argv[1]) : 10000;
    SandboxTenant sandbox;
    if (!sandbox.start())
        return 1;
    if (!sandbox.isKeyReady()) { // the key is generated in the background
        QEventLoop wait;
        QObject::connect(&sandbox, &SandboxTenant::keyReady, &wait, &QEventLoop::quit);
        wait.exec();
    }

    QTemporaryDir dir;
    ProfileStore profiles(dir.filePath(u"tokenlab/profiles.json"_s));
    QNetworkAccessManager network;
    DiscoveryClient discovery(&network);
    MemoryTokenStore tokens;
    LoginFlow flow(&network, &discovery, &tokens, systemClock());
    SessionRegistry sessions(SessionServices{&network, &discovery, &tokens, systemClock()});
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

    MainWindow window(&network, &profiles, &tokens, &discovery, &flow, &sessions,
                      [&](const Profile &stored, QString *) -> Session * { return sessions.session(sandbox.profileFor(stored)); });
    window.reloadProfiles(QString::fromLatin1(Profile::SandboxName));
    window.resize(1180, 780);
    window.show();
    auto *tabs = find<QTabWidget>(window, u"mainTabs"_s);
    tabs->setCurrentWidget(find<QWidget>(window, u"apiTab"_s));
    auto *send = find<QPushButton>(window, u"privateButton"_s);
    auto *busy = find<QProgressBar>(window, u"apiBusy"_s);
    auto *status = find<QLabel>(window, u"apiStatus"_s);

    int answered = 0;
    QObject::connect(&network, &QNetworkAccessManager::finished, &app, [&answered](QNetworkReply *) { ++answered; });
    long after10 = 0;
    for (int i = 0; i < count; ++i) {
        const int before = answered;
        send->click();
        // Answered, recorded in the history and shown: the tab is idle again.
        while (answered == before || busy->isVisible())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        QCoreApplication::processEvents();
        if (!status->text().contains(u"200")) {
            std::fprintf(stderr, "bench_session: call %d: %s\n", i + 1, qPrintable(status->text()));
            return 1;
        }
        if (i + 1 == qMin(10, count))
            after10 = peakRssKiB();
    }
    std::printf("%ld %ld\n", after10, peakRssKiB());
    return 0;
}
