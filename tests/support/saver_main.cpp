// SPDX-License-Identifier: MIT
// tokenlab-test-saver: saves in a loop until it is killed, so crash-safety
// tests can SIGKILL a real TokenLab process at any moment of a save.
//
//   tokenlab-test-saver tokens SERVICE PROFILE   keychain saves of token sets whose every
//                                                field carries the round number, large
//                                                enough for several chunks
//   tokenlab-test-saver profiles                 profiles.json saves, each adding "p-N"
//   tokenlab-test-saver history DIR PROFILE N    N request history appends, then exit 0
//
// It prints "ready" once, then one line per completed save ("saved N").
#include "api/requesthistory.h"
#include "storage/keychaintokenstore.h"
#include "storage/profilestore.h"

#include <QCoreApplication>
#include <QTextStream>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

TokenSet roundTokens(int n)
{
    const QString mark = u"round-%1-"_s.arg(n);
    TokenSet t;
    t.accessToken = mark.repeated(400);   // about 3 KB: two chunks
    t.idToken = mark.repeated(200);
    t.refreshToken = mark + u"refresh"_s;
    t.tokenType = u"Bearer"_s;
    t.grantedScope = mark;
    t.requestedScope = mark;
    return t;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QTextStream out(stdout);
    if (args.size() == 4 && args.at(1) == u"tokens") {
        auto *store = new KeychainTokenStore(args.at(2), 15s, &app);
        const QString profile = args.at(3);
        auto round = std::make_shared<int>(0);
        auto next = std::make_shared<std::function<void()>>();
        *next = [store, profile, round, &out, weak = std::weak_ptr<std::function<void()>>(next)] {
            TokenStoreJob *job = store->save(profile, roundTokens(*round));
            QObject::connect(job, &TokenStoreJob::finished, store, [round, &out, again = weak.lock()](TokenStoreJob *j) {
                if (j->error() != TokenStoreError::None) {
                    out << "error " << j->errorString() << Qt::endl;
                    QCoreApplication::exit(1);
                    return;
                }
                out << "saved " << (*round)++ << Qt::endl;
                (*again)();
            });
        };
        out << "ready" << Qt::endl;
        (*next)();
        return app.exec();
    }
    if (args.size() == 2 && args.at(1) == u"profiles") {
        out << "ready" << Qt::endl;
        for (int n = 0;; ++n) {
            ProfileStore store;
            QString error;
            store.load(&error);
            Profile p;
            p.name = u"p-%1"_s.arg(n);
            p.issuer = QUrl(u"https://issuer.example/"_s);
            p.clientId = u"client-%1"_s.arg(n);
            if (!store.upsert(p, &error) || !store.save(&error)) {
                out << "error " << error << Qt::endl;
                return 1;
            }
            out << "saved " << n << Qt::endl;
        }
    }
    if (args.size() == 5 && args.at(1) == u"history") {
        RequestHistory history(args.at(2), args.at(3));
        out << "ready" << Qt::endl;
        for (int n = 0; n < args.at(4).toInt(); ++n) {
            ApiExchange x;
            x.request.url = QUrl(u"http://127.0.0.1:1/api/p%1?pid=%2"_s.arg(n).arg(QCoreApplication::applicationPid()));
            x.status = 200;
            x.outcome = ApiOutcome::Success;
            QString error;
            if (!history.append(HistoryEntry::from(x, QString(), QDateTime::currentDateTimeUtc()), &error)) {
                out << "error " << error << Qt::endl;
                return 1;
            }
        }
        return 0;
    }
    QTextStream(stderr) << "usage: tokenlab-test-saver tokens SERVICE PROFILE | profiles | history DIR PROFILE N\n";
    return 2;
}
