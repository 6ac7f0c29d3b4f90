// SPDX-License-Identifier: MIT
// bench_session COUNT: a long session. The real MainWindow over an
// in-process sandbox, signed in to the sandbox profile, sends GET
// /api/private from its API tab COUNT times, one after the other, by
// clicking the tab's button as a user would, each call recorded in the
// tab's history (kept in a temporary directory). Prints the process's peak
// resident set size in KiB after the first 10 calls and after all COUNT:
// "PEAK_AFTER_10 PEAK_AFTER_COUNT". Exits 1 if a call did not answer 200.
#include "benchwindow.h"
#include "util/startupmarks.h"

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

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
    const int count = argc > 1 ? std::atoi(argv[1]) : 10000;
    BenchWindow w;
    if (!w.started())
        return 1;
    w.show(u"apiTab"_s);
    auto *send = w.find<QPushButton>(u"privateButton"_s);
    auto *busy = w.find<QProgressBar>(u"apiBusy"_s);
    auto *status = w.find<QLabel>(u"apiStatus"_s);

    int answered = 0;
    QObject::connect(&w.network, &QNetworkAccessManager::finished, &app, [&answered](QNetworkReply *) { ++answered; });
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
            after10 = StartupMarks::peakRssKiB();
    }
    std::printf("%ld %ld\n", after10, StartupMarks::peakRssKiB());
    return 0;
}
