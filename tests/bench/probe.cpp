// SPDX-License-Identifier: MIT
// bench_probe OPERATIONS CONCURRENCY WRK_SECONDS: probe throughput. Writes an
// OpenAPI 3.0 document with OPERATIONS bearer-protected GET operations
// (/api/bench/opN), imports it into the Probe tab of the real MainWindow,
// signed in to an in-process sandbox, and runs it with CONCURRENCY requests
// in flight, timing from the click on Run to the last cell; a 5 ms timer on
// the window's event loop records the longest stall meanwhile (until the
// grid and its summary are shown). Then `wrk`
// (-t1 -c CONCURRENCY) calls the same paths of the same API with the same
// token for WRK_SECONDS. Prints "CELLS SECONDS CELLS_PER_S MAX_STALL_MS
// WRK_REQUESTS_PER_S". The sample API answers these paths 404 whatever the
// token, so both sides measure the same answers: the probe's cells then
// fail, which is not what is measured here.
#include "gui/mainwindow.h"
#include "gui/planeditor.h"
#include "oauth/discoveryclient.h"
#include "sandbox/sandboxtenant.h"
#include "session/loginflow.h"
#include "session/sessionregistry.h"
#include "storage/profilestore.h"
#include "storage/tokenstore.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

template<typename T>
T *find(QWidget &window, const QString &name)
{
    T *w = window.findChild<T *>(name);
    if (!w) {
        std::fprintf(stderr, "bench_probe: no widget named %s\n", qPrintable(name));
        std::exit(1);
    }
    return w;
}

QByteArray openApi(int operations)
{
    QJsonObject paths;
    const QJsonArray bearer{QJsonObject{{u"bearer"_s, QJsonArray{}}}};
    for (int i = 1; i <= operations; ++i) {
        paths.insert(u"/api/bench/op%1"_s.arg(i),
                     QJsonObject{{u"get"_s, QJsonObject{{u"operationId"_s, u"op%1"_s.arg(i)}, {u"security"_s, bearer},
                                                        {u"responses"_s, QJsonObject{{u"200"_s, QJsonObject{{u"description"_s, u"ok"_s}}}}}}}});
    }
    return QJsonDocument(QJsonObject{
                                 {u"openapi"_s, u"3.0.3"_s},
                                 {u"info"_s, QJsonObject{{u"title"_s, u"bench"_s}, {u"version"_s, u"1"_s}}},
                                 {u"components"_s, QJsonObject{{u"securitySchemes"_s,
                                                                QJsonObject{{u"bearer"_s, QJsonObject{{u"type"_s, u"http"_s}, {u"scheme"_s, u"bearer"_s}}}}}}},
                                 {u"paths"_s, paths},
                         })
            .toJson(QJsonDocument::Compact);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
    const int operations = argc > 1 ? std::atoi(argv[1]) : 1000;
    const int concurrency = argc > 2 ? std::atoi(argv[2]) : 4;
    const int wrkSeconds = argc > 3 ? std::atoi(argv[3]) : 5;
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
    find<QTabWidget>(window, u"mainTabs"_s)->setCurrentWidget(find<QWidget>(window, u"probeTab"_s));

    QFile plan(dir.filePath(u"openapi.json"_s));
    if (!plan.open(QIODevice::WriteOnly) || plan.write(openApi(operations)) < 0)
        return 1;
    plan.close();
    auto *editor = find<PlanEditor>(window, u"probePlan"_s);
    if (!editor->importFile(plan.fileName())) {
        std::fprintf(stderr, "bench_probe: the Probe tab did not take the plan\n");
        return 1;
    }
    find<QSpinBox>(window, u"probeConcurrency"_s)->setValue(concurrency);
    auto *run = find<QPushButton>(window, u"runProbeButton"_s);
    auto *progress = find<QProgressBar>(window, u"probeProgress"_s);

    // The window's responsiveness: the longest gap between ticks of a 5 ms timer, beyond its 5 ms.
    QElapsedTimer sinceTick;
    qint64 maxStallNs = 0;
    bool probing = false;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(5);
    QObject::connect(&tick, &QTimer::timeout, &app, [&] {
        if (probing)
            maxStallNs = qMax(maxStallNs, sinceTick.nsecsElapsed() - 5'000'000);
        sinceTick.restart();
    });
    tick.start();
    sinceTick.start();

    QElapsedTimer clock;
    clock.start();
    probing = true;
    run->click();
    int cells = 0;
    bool started = false;
    auto *summary = find<QLabel>(window, u"probeSummary"_s);
    // Until every cell is answered and shown in the grid, with the summary under it.
    while (!started || progress->isVisible() || !run->isEnabled() || !summary->text().contains(u" failed"_s)) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        started |= progress->isVisible();
        cells = qMax(cells, progress->maximum());
    }
    const double seconds = clock.nsecsElapsed() / 1e9;
    probing = false;

    // wrk on the same paths, same token, same concurrency.
    QFile script(dir.filePath(u"paths.lua"_s));
    if (!script.open(QIODevice::WriteOnly))
        return 1;
    script.write(QByteArray("local i = 0\nrequest = function()\n  i = i % ") + QByteArray::number(operations)
                 + "+ 1\n  return wrk.format(\"GET\", \"/api/bench/op\" .. i)\nend\n");
    script.close();
    QProcess wrk;
    wrk.start(u"wrk"_s, {u"-t1"_s, u"-c%1"_s.arg(concurrency), u"-d%1s"_s.arg(wrkSeconds), u"-s"_s, script.fileName(),
                         u"-H"_s, u"Authorization: Bearer "_s + signedIn.accessToken, sandbox.apiBaseUrl().toString()});
    QEventLoop waitWrk;
    QObject::connect(&wrk, &QProcess::finished, &waitWrk, &QEventLoop::quit);
    QObject::connect(&wrk, &QProcess::errorOccurred, &waitWrk, &QEventLoop::quit);
    if (wrk.state() != QProcess::NotRunning || wrk.waitForStarted(5000))
        waitWrk.exec();
    const QRegularExpressionMatch m = QRegularExpression(u"Requests/sec:\\s+([0-9.]+)"_s).match(QString::fromUtf8(wrk.readAllStandardOutput()));
    std::printf("%d %.3f %.1f %.1f %s\n", cells, seconds, cells / seconds, maxStallNs / 1e6, m.hasMatch() ? qPrintable(m.captured(1)) : "0");
    return cells > 0 && m.hasMatch() ? 0 : 1;
}
