// SPDX-License-Identifier: MIT
// tokenlab-test-browser URL: a $BROWSER for tests. Follows redirects like a
// browser (keeping cookies), fills in the sandbox's pages as
// $TOKENLAB_TEST_USER (default alice), allowing consent unless
// $TOKENLAB_TEST_DENY is set, and exits: 0 when the journey ended on a 200
// page, 1 otherwise. Gives up after 30 s. With $TOKENLAB_TEST_BROWSER_LOG
// set, appends every URL it visited to that file, one per line, so a test
// can learn the authorization code that passed through the browser.
#include "support/testbrowser.h"

#include <QCoreApplication>
#include <QFile>
#include <QTimer>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: tokenlab-test-browser URL\n");
        return 2;
    }
    TestBrowser browser;
    TestBrowser::Script script;
    if (qEnvironmentVariableIsSet("TOKENLAB_TEST_USER"))
        script.user = qEnvironmentVariable("TOKENLAB_TEST_USER");
    script.allow = !qEnvironmentVariableIsSet("TOKENLAB_TEST_DENY");
    browser.setScript(script);
    QObject::connect(&browser, &TestBrowser::visited, &app, [](const QUrl &url) {
        QFile log(qEnvironmentVariable("TOKENLAB_TEST_BROWSER_LOG"));
        if (!log.fileName().isEmpty() && log.open(QIODevice::Append))
            log.write(url.toEncoded() + '\n');
    });
    QObject::connect(&browser, &TestBrowser::done, &app, [](const QUrl &, int status, const QByteArray &) {
        QCoreApplication::exit(status == 200 ? 0 : 1);
    });
    QTimer::singleShot(30000, &app, [] { QCoreApplication::exit(3); });
    browser.open(QUrl::fromEncoded(QByteArray(argv[1]), QUrl::StrictMode));
    return app.exec();
}
