// SPDX-License-Identifier: MIT
// A TokenLab process killed (SIGKILL) at a random moment of a save leaves
// the previous state or the new one, never a mix and never none: for token
// sets in the real gnome-keyring (tests/keyring/with-keyring), whose chunks
// and manifest are separate entries, and for profiles.json. The saving
// process is tokenlab-test-saver; each round kills it by PID after a random
// delay and reads back what is stored. Whatever the timing, what is read
// must be whole, so no assertion depends on the machine's speed.
#include "storage/keychaintokenstore.h"
#include "storage/profilestore.h"
#include "support/keyringtest.h"
#include "support/processes.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <csignal>
#include <sys/types.h>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

constexpr int Rounds = 12;
const auto Service = u"TokenLabCrashTest"_s;

TokenSet roundTokens(int n)
{
    const QString mark = u"round-%1-"_s.arg(n);
    TokenSet t;
    t.accessToken = mark.repeated(400);
    t.idToken = mark.repeated(200);
    t.refreshToken = mark + u"refresh"_s;
    t.tokenType = u"Bearer"_s;
    t.grantedScope = mark;
    t.requestedScope = mark;
    return t;
}

// The round number that every field of a stored token set carries; -1 when they disagree.
int roundOf(const TokenSet &t)
{
    static const QRegularExpression mark(u"^round-(\\d+)-refresh$"_s);
    const auto m = mark.match(t.refreshToken);
    if (!m.hasMatch())
        return -1;
    const TokenSet expected = roundTokens(m.captured(1).toInt());
    const bool whole = t.accessToken == expected.accessToken && t.idToken == expected.idToken
                       && t.grantedScope == expected.grantedScope && t.requestedScope == expected.requestedScope;
    return whole ? m.captured(1).toInt() : -1;
}

struct Loaded
{
    TokenStoreError error = TokenStoreError::Other;
    QString message = u"the keychain did not answer in time"_s;
    std::optional<TokenSet> tokens;
};

Loaded load(TokenStore &store, const QString &profile)
{
    Loaded r;
    bool done = false;
    QObject context;
    QObject::connect(store.load(profile), &TokenStoreJob::finished, &context, [&](TokenStoreJob *job) {
        r = {job->error(), job->errorString(), job->tokens()};
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 20000))
        r.message = u"the keychain did not answer within 20 s"_s;
    return r;
}

void killAfterRandomDelay(ChildProcess &saver)
{
    QTest::qWait(int(QRandomGenerator::global()->bounded(20, 400)));
    ::kill(pid_t(saver.pid()), SIGKILL);
    saver.process().waitForFinished(5000);
}

} // namespace

class TestCrashSafety : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keychainSaveKilledAnywhere();
    void profileSaveKilledAnywhere();
};

void TestCrashSafety::keychainSaveKilledAnywhere()
{
    TOKENLAB_REQUIRE_KEYRING();
    KeychainTokenStore store(Service, 15s);
    const QString profile = u"crash"_s;
    bool saved = false;
    QObject context;
    QObject::connect(store.save(profile, roundTokens(0)), &TokenStoreJob::finished, &context,
                     [&](TokenStoreJob *job) { saved = job->error() == TokenStoreError::None; });
    QTRY_VERIFY_WITH_TIMEOUT(saved, 20000);

    int savesSeen = 0;
    for (int round = 0; round < Rounds; ++round) {
        ChildProcess saver;
        QVERIFY(saver.start(u"tokenlab-test-saver"_s, {u"tokens"_s, Service, profile}, true));
        killAfterRandomDelay(saver);
        const QByteArray said = saver.process().readAllStandardOutput();
        QVERIFY2(!said.contains("error"), said.constData());
        savesSeen += int(said.count("saved "));

        // Killed anywhere: the previous tokens or the new ones, whole.
        const Loaded r = load(store, profile);
        QVERIFY2(r.error == TokenStoreError::None, qPrintable(r.message));
        QVERIFY(r.tokens);
        QVERIFY2(roundOf(*r.tokens) >= 0, "a token set mixed from two saves");
    }
    qInfo("%d completed saves across %d kills", savesSeen, Rounds);
}

void TestCrashSafety::profileSaveKilledAnywhere()
{
    for (int round = 0; round < Rounds; ++round) {
        ChildProcess saver;
        QVERIFY(saver.start(u"tokenlab-test-saver"_s, {u"profiles"_s}, true));
        killAfterRandomDelay(saver);
        const QByteArray said = saver.process().readAllStandardOutput();
        QVERIFY2(!said.contains("error"), said.constData());

        // The file reads, and holds p-0 ... p-N with none missing: each save added one.
        ProfileStore store;
        QString error;
        QVERIFY2(store.load(&error), qPrintable(error));
        QSet<QString> names;
        for (const Profile &p : store.profiles())
            names << p.name;
        names.remove(QString::fromLatin1(Profile::SandboxName));
        for (int n = 0; n < names.size(); ++n)
            QVERIFY2(names.contains(u"p-%1"_s.arg(n)), qPrintable(u"p-%1 is missing"_s.arg(n)));
    }
}

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crashsafety.moc"
