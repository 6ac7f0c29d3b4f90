// Several TokenLab processes at once, as a script or a user runs them:
// parallel tokenlab-cli commands on one profile file and one keychain
// (the real gnome-keyring of tests/keyring/with-keyring). Every process
// is started and stopped by the test; no assertion depends on how fast
// the machine is, only on what each process ends with.
#include "storage/profilestore.h"
#include "support/keyringtest.h"
#include "support/processes.h"

#include <QProcess>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;

class TestConcurrency : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void parallelProfileAddsKeepEveryProfile();
};

namespace {

// Starts every command at once and waits for all of them; the exit codes and stderr in order.
QList<QPair<int, QByteArray>> runTogether(const QList<QStringList> &commands, const QStringList &extraEnv = {})
{
    std::vector<std::unique_ptr<QProcess>> processes;
    for (const QStringList &args : commands) {
        auto p = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &kv : extraEnv)
            env.insert(kv.section(u'=', 0, 0), kv.section(u'=', 1));
        p->setProcessEnvironment(env);
        p->setProgram(tokenlabBinary(u"tokenlab-cli"_s));
        p->setArguments(args);
        p->setStandardInputFile(QProcess::nullDevice());
        processes.push_back(std::move(p));
    }
    for (auto &p : processes)
        p->start();
    QList<QPair<int, QByteArray>> results;
    for (auto &p : processes) {
        if (!p->waitForFinished(60000)) {
            p->kill(); // by its PID; nothing outlives the test
            p->waitForFinished(5000);
            results.append({-1, "did not finish within 60 s"});
            continue;
        }
        results.append({p->exitStatus() == QProcess::NormalExit ? p->exitCode() : -1, p->readAllStandardError()});
    }
    return results;
}

} // namespace

void TestConcurrency::init()
{
    TOKENLAB_REQUIRE_KEYRING();
}

void TestConcurrency::parallelProfileAddsKeepEveryProfile()
{
    constexpr int Count = 12;
    QList<QStringList> commands;
    for (int i = 0; i < Count; ++i)
        commands << QStringList{u"profile"_s, u"add"_s, u"parallel-%1"_s.arg(i), u"--issuer"_s, u"https://issuer.example/"_s,
                                u"--client-id"_s, u"client-%1"_s.arg(i)};
    const auto results = runTogether(commands);
    for (const auto &r : results)
        QVERIFY2(r.first == 0, r.second.constData());

    ProfileStore store;
    QString error;
    QVERIFY2(store.load(&error), qPrintable(error));
    for (int i = 0; i < Count; ++i) {
        const auto p = store.profile(u"parallel-%1"_s.arg(i));
        QVERIFY2(p, qPrintable(u"parallel-%1 was lost"_s.arg(i)));
        QCOMPARE(p->clientId, u"client-%1"_s.arg(i));
    }
}

QTEST_GUILESS_MAIN(TestConcurrency)
#include "tst_concurrency.moc"
