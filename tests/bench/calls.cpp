// SPDX-License-Identifier: MIT
// bench_calls COUNT: COUNT sequential GET /api/private through ApiClient,
// then the same through a bare QNetworkAccessManager with the header set by
// hand, both against one in-process sandbox API; prints the milliseconds
// per call of each: "apiclient bare".
#include "api/apiclient.h"
#include "sandbox/sandboxtenant.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? std::atoi(argv[1]) : 1000;
    SandboxTenant sandbox;
    if (!sandbox.start())
        return 1;
    if (!sandbox.isKeyReady()) { // the key is generated in the background
        QEventLoop wait;
        QObject::connect(&sandbox, &SandboxTenant::keyReady, &wait, &QEventLoop::quit);
        wait.exec();
    }
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QByteArray token = sandbox.signingKey().signRs256(
            {{u"typ"_s, u"at+jwt"_s}}, {{u"iss"_s, sandbox.issuer().toString()}, {u"sub"_s, u"bench"_s}, {u"aud"_s, sandbox.audience()},
                                       {u"iat"_s, now}, {u"exp"_s, now + 3600}, {u"scope"_s, u"read:messages"_s}});
    QUrl url = sandbox.apiBaseUrl();
    url.setPath(u"/api/private"_s);
    QNetworkAccessManager network;
    ApiClient client(&network, systemClock());
    TokenSet tokens;
    tokens.accessToken = QString::fromLatin1(token);
    tokens.expiresAt = QDateTime::currentDateTimeUtc().addSecs(3600);
    client.setCredentials(sandbox.apiBaseUrl(), tokens);

    int failures = 0;
    auto viaClient = [&](int n) {
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < n; ++i) {
            ApiRequest request;
            request.url = url;
            bool done = false;
            QObject::connect(client.send(request), &ApiCall::finished, &app, [&](const ApiExchange &x) {
                failures += x.status == 200 ? 0 : 1;
                done = true;
            });
            while (!done)
                QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        }
        return timer.nsecsElapsed() / 1e6 / n;
    };
    auto bare = [&](int n) {
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < n; ++i) {
            QNetworkRequest request(url);
            request.setRawHeader("Authorization", "Bearer " + token);
            QNetworkReply *reply = network.get(request);
            while (!reply->isFinished())
                QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
            failures += reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200 ? 0 : 1;
            reply->readAll();
            reply->deleteLater();
        }
        return timer.nsecsElapsed() / 1e6 / n;
    };
    viaClient(qMin(count, 50)); // warm both paths up
    bare(qMin(count, 50));
    const double a = viaClient(count);
    const double b = bare(count);
    if (failures) {
        std::fprintf(stderr, "bench_calls: %d calls did not answer 200\n", failures);
        return 1;
    }
    std::printf("%.4f %.4f\n", a, b);
    return 0;
}
