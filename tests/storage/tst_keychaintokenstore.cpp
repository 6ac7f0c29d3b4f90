// SPDX-License-Identifier: MIT
// KeychainTokenStore against a real gnome-keyring in a private D-Bus session
// (tests/keyring/with-keyring): round trips, isolation, chunking, rotation,
// removal, what secret-tool sees, and the failure modes (a frozen daemon,
// a locked collection), each ending in one clear error and no file.
#include "storage/keychaintokenstore.h"
#include "support/flowhelpers.h"
#include "support/keyringtest.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

class TestKeychainTokenStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void roundTripAcrossInstances();
    void profilesAreIsolated();
    void largeTokensAreChunked();
    void rotationKeepsOneGeneration();
    void removeDeletesEverything();
    void queuedOperationsKeepOrder();
    void frozenDaemonTimesOut();
    void lockedCollection();

private:
    static TokenSet tokens(const QString &tag, int size = 900);
    static QByteArray itemsOf(const QString &profile);
};

namespace {

struct Outcome
{
    TokenStoreError error = TokenStoreError::Other;
    QString message;
    std::optional<TokenSet> tokens;
};

Outcome outcomeOf(TokenStoreJob *job, int timeoutMs)
{
    const StoreOutcome o = awaitStore(job, timeoutMs);
    return {o.error, o.message, o.tokens};
}

Outcome saveSync(TokenStore &store, const QString &profile, const TokenSet &t, int timeoutMs = 20000)
{
    return outcomeOf(store.save(profile, t), timeoutMs);
}

Outcome loadSync(TokenStore &store, const QString &profile, int timeoutMs = 20000)
{
    return outcomeOf(store.load(profile), timeoutMs);
}

Outcome removeSync(TokenStore &store, const QString &profile)
{
    return outcomeOf(store.remove(profile), 20000);
}

} // namespace

TokenSet TestKeychainTokenStore::tokens(const QString &tag, int size)
{
    TokenSet t;
    t.accessToken = u"at-"_s + tag + u'-' + QString(size, u'A');
    t.idToken = u"id-"_s + tag;
    t.refreshToken = u"rt-"_s + tag;
    t.tokenType = u"Bearer"_s;
    t.grantedScope = u"openid read:messages"_s;
    t.requestedScope = u"openid read:messages write:messages"_s;
    t.obtainedAt = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC);
    t.expiresAt = t.obtainedAt.addSecs(3600);
    return t;
}

QByteArray TestKeychainTokenStore::itemsOf(const QString &profile)
{
    // The lines naming this profile's entries in secret-tool's listing.
    QByteArray out;
    for (const QByteArray &line : KeyringTest::secretToolSearch().split('\n')) {
        if (line.contains(QByteArray("profile:" + profile.toUtf8())))
            out += line + '\n';
    }
    return out;
}

void TestKeychainTokenStore::init()
{
    TOKENLAB_REQUIRE_KEYRING();
}

void TestKeychainTokenStore::roundTripAcrossInstances()
{
    {
        KeychainTokenStore store;
        const Outcome s = saveSync(store, u"alpha"_s, tokens(u"alpha"_s));
        QCOMPARE(s.error, TokenStoreError::None);
    }
    // A new instance (as after a restart) reads back the same tokens.
    KeychainTokenStore again;
    const Outcome l = loadSync(again, u"alpha"_s);
    QCOMPARE(l.error, TokenStoreError::None);
    QVERIFY(l.tokens);
    QCOMPARE(l.tokens->toJson(), tokens(u"alpha"_s).toJson());
    QVERIFY(itemsOf(u"alpha"_s).contains("user = profile:alpha"));
    QVERIFY(KeyringTest::secretToolSearch().contains("server = TokenLab"));
    // Nothing under HOME carries a token.
    QCOMPARE(KeyringTest::filesContaining(QDir::homePath() + u"/.config"_s, "at-alpha-"), QStringList());
}

void TestKeychainTokenStore::profilesAreIsolated()
{
    KeychainTokenStore store;
    QCOMPARE(saveSync(store, u"one"_s, tokens(u"one"_s)).error, TokenStoreError::None);
    QCOMPARE(saveSync(store, u"two"_s, tokens(u"two"_s)).error, TokenStoreError::None);
    QCOMPARE(loadSync(store, u"one"_s).tokens->idToken, u"id-one"_s);
    QCOMPARE(loadSync(store, u"two"_s).tokens->idToken, u"id-two"_s);
    QCOMPARE(loadSync(store, u"three"_s).error, TokenStoreError::NotFound);
    // Another service name sees nothing of TokenLab's.
    KeychainTokenStore other(u"TokenLab-other"_s, 10s);
    QCOMPARE(loadSync(other, u"one"_s).error, TokenStoreError::NotFound);
}

void TestKeychainTokenStore::largeTokensAreChunked()
{
    KeychainTokenStore store;
    const TokenSet big = tokens(u"big"_s, 9000);
    QCOMPARE(saveSync(store, u"big"_s, big).error, TokenStoreError::None);
    // Several entries, none larger than Windows' 2560-byte limit.
    const QByteArray listing = KeyringTest::secretToolSearch();
    QVERIFY2(itemsOf(u"big"_s).count("profile:big:") >= 5, itemsOf(u"big"_s).constData());
    for (const QByteArray &line : listing.split('\n')) {
        if (line.startsWith("secret = "))
            QVERIFY(line.size() - 9 <= 2560);
    }
    QCOMPARE(loadSync(store, u"big"_s).tokens->accessToken, big.accessToken);
}

void TestKeychainTokenStore::rotationKeepsOneGeneration()
{
    KeychainTokenStore store;
    QCOMPARE(saveSync(store, u"rot"_s, tokens(u"first"_s, 5000)).error, TokenStoreError::None);
    const int entriesFirst = int(itemsOf(u"rot"_s).count("user = "));
    QCOMPARE(saveSync(store, u"rot"_s, tokens(u"second"_s, 5000)).error, TokenStoreError::None);
    QCOMPARE(loadSync(store, u"rot"_s).tokens->refreshToken, u"rt-second"_s);
    // The old generation's chunks are gone: as many entries as after the first save.
    QCOMPARE(int(itemsOf(u"rot"_s).count("user = ")), entriesFirst);
    QVERIFY(!KeyringTest::secretToolSearch().contains("at-first-"));
}

void TestKeychainTokenStore::removeDeletesEverything()
{
    KeychainTokenStore store;
    QCOMPARE(saveSync(store, u"gone"_s, tokens(u"gone"_s, 4000)).error, TokenStoreError::None);
    QVERIFY(!itemsOf(u"gone"_s).isEmpty());
    QCOMPARE(removeSync(store, u"gone"_s).error, TokenStoreError::None);
    QCOMPARE(itemsOf(u"gone"_s), QByteArray());
    QCOMPARE(loadSync(store, u"gone"_s).error, TokenStoreError::NotFound);
    // Removing what is not there is not an error.
    QCOMPARE(removeSync(store, u"never"_s).error, TokenStoreError::None);
}

void TestKeychainTokenStore::queuedOperationsKeepOrder()
{
    KeychainTokenStore store;
    QStringList order;
    std::optional<TokenSet> read;
    QObject context;
    connect(store.save(u"q"_s, tokens(u"q1"_s)), &TokenStoreJob::finished, &context, [&order] { order << u"save q1"_s; });
    connect(store.save(u"q"_s, tokens(u"q2"_s)), &TokenStoreJob::finished, &context, [&order] { order << u"save q2"_s; });
    connect(store.load(u"q"_s), &TokenStoreJob::finished, &context, [&order, &read](TokenStoreJob *job) {
        order << u"load"_s;
        read = job->tokens();
    });
    QTRY_COMPARE_WITH_TIMEOUT(order.size(), 3, 20000);
    QCOMPARE(order, (QStringList{u"save q1"_s, u"save q2"_s, u"load"_s}));
    QVERIFY(read);
    QCOMPARE(read->idToken, u"id-q2"_s);
}

void TestKeychainTokenStore::frozenDaemonTimesOut()
{
    // A Secret Service that never answers, as a keyring waiting on a prompt would.
    KeychainTokenStore store(u"TokenLab"_s, 1500ms);
    QCOMPARE(::kill(pid_t(KeyringTest::daemonPid()), SIGSTOP), 0);
    QElapsedTimer timer;
    timer.start();
    const Outcome s = saveSync(store, u"frozen"_s, tokens(u"frozen"_s), 10000);
    const qint64 elapsed = timer.elapsed();
    QCOMPARE(::kill(pid_t(KeyringTest::daemonPid()), SIGCONT), 0);
    QCOMPARE(s.error, TokenStoreError::Timeout);
    QVERIFY2(s.message.contains(u"did not answer within 1.5 s"_s), qPrintable(s.message));
    QVERIFY(elapsed < 5000);
    QCOMPARE(KeyringTest::filesContaining(QDir::homePath(), "at-frozen-"), QStringList());
    // Once the daemon runs again, the store works again.
    KeychainTokenStore fresh;
    QCOMPARE(saveSync(fresh, u"thawed"_s, tokens(u"thawed"_s)).error, TokenStoreError::None);
}

void TestKeychainTokenStore::lockedCollection()
{
    // Last: the login keyring stays locked afterwards.
    QProcess lock;
    lock.start(u"dbus-send"_s, {u"--session"_s, u"--print-reply"_s, u"--dest=org.freedesktop.secrets"_s, u"/org/freedesktop/secrets"_s,
                               u"org.freedesktop.Secret.Service.Lock"_s, u"array:objpath:/org/freedesktop/secrets/collection/login"_s});
    QVERIFY(lock.waitForFinished(10000));
    QCOMPARE(lock.exitCode(), 0);
    KeychainTokenStore store(u"TokenLab"_s, 3s);
    const Outcome s = saveSync(store, u"locked"_s, tokens(u"locked"_s), 15000);
    QVERIFY2(s.error == TokenStoreError::Locked, qPrintable(s.message));
    QVERIFY2(s.message.contains(u"unlock"_s, Qt::CaseInsensitive), qPrintable(s.message));
    QVERIFY2(s.message.contains(u"memory for this run"_s), qPrintable(s.message));
    const Outcome l = loadSync(store, u"alpha"_s, 15000);
    QVERIFY(!l.tokens);
    QCOMPARE(KeyringTest::filesContaining(QDir::homePath(), "at-locked-"), QStringList());
}

QTEST_GUILESS_MAIN(TestKeychainTokenStore)
#include "tst_keychaintokenstore.moc"
