// SPDX-License-Identifier: MIT
// The sandbox switches: the file's parser (hostile rows), load and save,
// the app's and the CLI's tenant reading them at start, and a running
// tenant changing them for the next request.
#include "hardenedsandbox.h"
#include "sandbox/sandboxconfig.h"
#include "sandbox/sandboxswitches.h"

#include <QFile>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestSandboxSwitches : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void roundTrip();
    void loadMissingOrDamaged();
    void continuingReadsTheFile();
    void runningTenantFollows();
};

void TestSandboxSwitches::parse_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<bool>("requirePar");
    QTest::addColumn<bool>("dpopNonce");
    QTest::addColumn<bool>("apiRequired");
    QTest::addColumn<QString>("error");

    QTest::newRow("all on") << QByteArray(R"({"version":1,"require_par":true,"dpop_nonce":true,"api_dpop":"required"})") << true << true << true << true << QString();
    QTest::newRow("all off") << QByteArray(R"({"version":1,"require_par":false,"dpop_nonce":false,"api_dpop":"allowed"})") << true << false << false << false << QString();
    QTest::newRow("keys left out are off") << QByteArray(R"({"version":1})") << true << false << false << false << QString();
    QTest::newRow("unknown keys ignored") << QByteArray(R"({"version":1,"later":[1,2],"dpop_nonce":true})") << true << false << true << false << QString();
    QTest::newRow("not JSON") << QByteArray("require_par=1") << false << false << false << false << u"not JSON"_s;
    QTest::newRow("empty") << QByteArray() << false << false << false << false << u"not JSON"_s;
    QTest::newRow("array") << QByteArray("[]") << false << false << false << false << u"not a JSON object"_s;
    QTest::newRow("no version") << QByteArray(R"({"require_par":true})") << false << false << false << false << u"\"version\" is not 1"_s;
    QTest::newRow("version 2") << QByteArray(R"({"version":2})") << false << false << false << false << u"\"version\" is not 1"_s;
    QTest::newRow("flag as string") << QByteArray(R"({"version":1,"require_par":"yes"})") << false << false << false << false << u"\"require_par\" is not true or false"_s;
    QTest::newRow("flag as number") << QByteArray(R"({"version":1,"dpop_nonce":1})") << false << false << false << false << u"\"dpop_nonce\" is not true or false"_s;
    QTest::newRow("unknown mode") << QByteArray(R"({"version":1,"api_dpop":"sometimes"})") << false << false << false << false << u"\"api_dpop\""_s;
    QTest::newRow("mode not a string") << QByteArray(R"({"version":1,"api_dpop":true})") << false << false << false << false << u"\"api_dpop\""_s;
    QTest::newRow("mode in capitals") << QByteArray(R"({"version":1,"api_dpop":"REQUIRED"})") << false << false << false << false << u"\"api_dpop\""_s;
}

void TestSandboxSwitches::parse()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, ok);
    const std::optional<SandboxSwitches> s = SandboxSwitches::parse(json, nullptr);
    QCOMPARE(s.has_value(), ok);
    if (!ok) {
        QFETCH(QString, error);
        QString said;
        QVERIFY(!SandboxSwitches::parse(json, &said));
        QVERIFY2(said.contains(error), qPrintable(said));
        return;
    }
    QFETCH(bool, requirePar);
    QFETCH(bool, dpopNonce);
    QFETCH(bool, apiRequired);
    QCOMPARE(s->requirePar, requirePar);
    QCOMPARE(s->dpopNonce, dpopNonce);
    QCOMPARE(s->apiDpop == ApiDpopMode::Required, apiRequired);
}

void TestSandboxSwitches::roundTrip()
{
    SandboxSwitches s;
    QVERIFY(s.isLenient());
    QCOMPARE(s.describe(), u"none: PAR, DPoP nonces and DPoP at the API are optional"_s);
    s.requirePar = true;
    s.apiDpop = ApiDpopMode::Required;
    QCOMPARE(s.describe(), u"PAR required, the API requires DPoP"_s);
    QCOMPARE(SandboxSwitches::parse(s.toJson(), nullptr), s);

    QTemporaryDir dir;
    const QString path = dir.filePath(u"deeper/sandbox-switches.json"_s);
    QString error;
    QVERIFY2(s.save(path, &error), qPrintable(error));
    QCOMPARE(SandboxSwitches::load(path, &error), s);
    QVERIFY(error.isEmpty());
}

void TestSandboxSwitches::loadMissingOrDamaged()
{
    QTemporaryDir dir;
    QString error;
    QVERIFY(SandboxSwitches::load(dir.filePath(u"none.json"_s), &error).isLenient());
    QVERIFY2(error.isEmpty(), qPrintable(error)); // no file: all off, nothing to say

    QFile damaged(dir.filePath(u"damaged.json"_s));
    QVERIFY(damaged.open(QIODevice::WriteOnly));
    damaged.write(R"({"version":1,"require_par":)");
    damaged.close();
    QVERIFY(SandboxSwitches::load(damaged.fileName(), &error).isLenient());
    QVERIFY2(error.startsWith(u"The sandbox switches in "_s) && error.contains(u"are ignored (all off): it is not JSON"_s), qPrintable(error));

    QFile huge(dir.filePath(u"huge.json"_s));
    QVERIFY(huge.open(QIODevice::WriteOnly));
    huge.write(QByteArray(100 * 1024, ' '));
    huge.close();
    error.clear();
    QVERIFY(SandboxSwitches::load(huge.fileName(), &error).isLenient());
    QVERIFY2(error.contains(u"larger than"_s), qPrintable(error));

    QString saveError;
    QVERIFY(!SandboxSwitches().save(dir.filePath(u"huge.json/inside"_s), &saveError));
    QVERIFY2(saveError.startsWith(u"The sandbox switches could not be saved to "_s), qPrintable(saveError));
}

void TestSandboxSwitches::continuingReadsTheFile()
{
    // The tests run with a private HOME: this is the app's and the CLI's file.
    const QString path = SandboxContinuity::forCurrentUser().switchesFile;
    QVERIFY(path.endsWith(u"/tokenlab/sandbox-switches.json"_s));
    QFile::remove(path);
    QVERIFY(SandboxConfig::continuing().switches.isLenient());
    SandboxSwitches strict;
    strict.dpopNonce = true;
    QVERIFY(strict.save(path));
    QString problem;
    QCOMPARE(SandboxConfig::continuing(&problem).switches, strict);
    QVERIFY(problem.isEmpty());
    QFile::remove(path);
}

void TestSandboxSwitches::runningTenantFollows()
{
    HardenedSandbox s;
    QVERIFY(s.started());
    auto discovery = [&s] { return s.http().get(s.url(u"/.well-known/openid-configuration"_s)).json(); };
    QCOMPARE(discovery().value(u"require_pushed_authorization_requests"_s).toBool(), false);
    const QByteArray bearer = "Bearer " + s.postForm(u"/oauth/token"_s, s.m2mForm()).json().value(u"access_token"_s).toString().toLatin1();
    QCOMPARE(s.http().get(s.api(u"/api/private"_s), {{"Authorization", bearer}}).status, 200);

    SandboxSwitches strict;
    strict.requirePar = true;
    strict.apiDpop = ApiDpopMode::Required;
    s.tenant().setSwitches(strict);
    QCOMPARE(s.tenant().switches(), strict);
    QCOMPARE(discovery().value(u"require_pushed_authorization_requests"_s).toBool(), true);
    const HttpResult refused = s.http().get(s.api(u"/api/private"_s), {{"Authorization", bearer}});
    QCOMPARE(refused.status, 401);
    QVERIFY2(refused.header("WWW-Authenticate").startsWith("DPoP "), refused.header("WWW-Authenticate").constData());

    s.tenant().setSwitches({});
    QCOMPARE(discovery().value(u"require_pushed_authorization_requests"_s).toBool(), false);
    QCOMPARE(s.http().get(s.api(u"/api/private"_s), {{"Authorization", bearer}}).status, 200);
}

QTEST_MAIN(TestSandboxSwitches)
#include "tst_sandboxswitches.moc"
