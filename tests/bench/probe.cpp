// SPDX-License-Identifier: MIT
// bench_probe OPERATIONS CONCURRENCY WRK_SECONDS: probe throughput. Writes an
// OpenAPI 3.0 document with OPERATIONS bearer-protected GET operations
// (/api/bench/opN), imports it into the Probe tab of the real MainWindow,
// signed in to an in-process sandbox, and runs it with CONCURRENCY requests
// in flight, timing from the click on Run to the last cell; a 5 ms timer on
// the window's event loop records the longest stall meanwhile (until the
// grid and its summary are shown). Then `wrk`
// (-t1 -c CONCURRENCY) calls the same paths of the same API with the same
// token for WRK_SECONDS; and a bare QNetworkAccessManager in this process
// sends as many requests as there were cells to the same paths, with the
// same token and CONCURRENCY in flight (what any Qt client of the
// in-process API could reach). Prints "CELLS SECONDS CELLS_PER_S
// MAX_STALL_MS WRK_REQUESTS_PER_S QNAM_REQUESTS_PER_S". The sample API answers these paths 404 whatever the
// token, so both sides measure the same answers: the probe's cells then
// fail, which is not what is measured here.
#include "benchwindow.h"
#include "gui/planeditor.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QNetworkReply>
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
#include <ctime>
#include <functional>

using namespace Qt::StringLiterals;

namespace {

// This process's CPU time, all threads: a loaded machine stretches wall time, far less the work done.
double cpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
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
    BenchWindow w;
    if (!w.started())
        return 1;
    w.show(u"probeTab"_s);

    QFile plan(w.dir.filePath(u"openapi.json"_s));
    if (!plan.open(QIODevice::WriteOnly) || plan.write(openApi(operations)) < 0)
        return 1;
    plan.close();
    auto *editor = w.find<PlanEditor>(u"probePlan"_s);
    if (!editor->importFile(plan.fileName())) {
        std::fprintf(stderr, "bench_probe: the Probe tab did not take the plan\n");
        return 1;
    }
    w.find<QSpinBox>(u"probeConcurrency"_s)->setValue(concurrency);
    auto *run = w.find<QPushButton>(u"runProbeButton"_s);
    auto *progress = w.find<QProgressBar>(u"probeProgress"_s);

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
    const double probeCpu = cpuSeconds();
    probing = true;
    run->click();
    int cells = 0;
    bool started = false;
    auto *summary = w.find<QLabel>(u"probeSummary"_s);
    // Until every cell is answered and shown in the grid, with the summary under it.
    // The phases, for stderr: the material ready (the first cells counted), every cell answered (the
    // progress bar gone), the grid filled.
    qint64 preparedNs = 0;
    qint64 answeredNs = 0;
    qint64 madeNs = 0; // the last case counted
    while (!started || progress->isVisible() || !run->isEnabled() || !summary->text().contains(u" failed"_s)) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        started |= progress->isVisible();
        if (progress->maximum() > cells)
            madeNs = clock.nsecsElapsed();
        cells = qMax(cells, progress->maximum());
        if (!preparedNs && cells > 0)
            preparedNs = clock.nsecsElapsed();
        if (started && !answeredNs && !progress->isVisible())
            answeredNs = clock.nsecsElapsed();
    }
    const double seconds = clock.nsecsElapsed() / 1e9;
    const double probeCpuSeconds = cpuSeconds() - probeCpu;
    std::fprintf(stderr, "bench_probe: material ready after %.3f s, every case made after %.3f s, cells answered after %.3f s, grid filled after %.3f s\n",
                 preparedNs / 1e9, madeNs / 1e9, answeredNs / 1e9, seconds);
    probing = false;

    // wrk on the same paths, same token, same concurrency.
    QFile script(w.dir.filePath(u"paths.lua"_s));
    if (!script.open(QIODevice::WriteOnly))
        return 1;
    script.write(QByteArray("local i = 0\nrequest = function()\n  i = i % ") + QByteArray::number(operations)
                 + "+ 1\n  return wrk.format(\"GET\", \"/api/bench/op\" .. i)\nend\n");
    script.close();
    QProcess wrk;
    wrk.start(u"wrk"_s, {u"-t1"_s, u"-c%1"_s.arg(concurrency), u"-d%1s"_s.arg(wrkSeconds), u"-s"_s, script.fileName(),
                         u"-H"_s, u"Authorization: Bearer "_s + w.accessToken, w.sandbox.apiBaseUrl().toString()});
    QEventLoop waitWrk;
    QObject::connect(&wrk, &QProcess::finished, &waitWrk, &QEventLoop::quit);
    QObject::connect(&wrk, &QProcess::errorOccurred, &waitWrk, &QEventLoop::quit);
    if (wrk.state() != QProcess::NotRunning || wrk.waitForStarted(5000))
        waitWrk.exec();
    const QRegularExpressionMatch m = QRegularExpression(u"Requests/sec:\\s+([0-9.]+)"_s).match(QString::fromUtf8(wrk.readAllStandardOutput()));

    // A bare QNetworkAccessManager, CONCURRENCY in flight, as many requests as cells.
    QNetworkAccessManager bare;
    int sent = 0;
    int answered = 0;
    QElapsedTimer bareClock;
    std::function<void()> sendNext = [&] {
        QUrl url = w.sandbox.apiBaseUrl();
        url.setPath(u"/api/bench/op%1"_s.arg(sent % operations + 1));
        ++sent;
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", "Bearer " + w.accessToken.toLatin1());
        QNetworkReply *reply = bare.get(request);
        QObject::connect(reply, &QNetworkReply::finished, &app, [&, reply] {
            reply->readAll();
            reply->deleteLater();
            ++answered;
            if (sent < cells)
                sendNext();
        });
    };
    bareClock.start();
    const double bareCpu = cpuSeconds();
    for (int i = 0; i < concurrency && sent < cells; ++i)
        sendNext();
    while (answered < cells)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    const double bareRate = cells / (bareClock.nsecsElapsed() / 1e9);
    if (cells > 0)
        std::fprintf(stderr, "bench_probe: CPU time per cell %.1f us, per bare QNAM request %.1f us\n", probeCpuSeconds / cells * 1e6,
                     (cpuSeconds() - bareCpu) / cells * 1e6);

    std::printf("%d %.3f %.1f %.1f %s %.1f\n", cells, seconds, cells / seconds, maxStallNs / 1e6, m.hasMatch() ? qPrintable(m.captured(1)) : "0",
                bareRate);
    return cells > 0 && m.hasMatch() ? 0 : 1;
}
