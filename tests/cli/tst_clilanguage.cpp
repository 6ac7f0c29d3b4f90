// SPDX-License-Identifier: MIT
// tokenlab-cli speaks the system locale's language: under LANG=de_DE.UTF-8
// its --help, a command's --help and a usage error are German, Qt's own
// words in the help ("Optionen:") too; under LANG=C.UTF-8 (and with LANGUAGE
// naming a language TokenLab does not have) they stay English, and
// LANGUAGE, as Qt reads it, wins over LANG. What programs read stays English
// in German too: login's keys, and the probe's --junit, --csv and --json
// (the API client's explanations they quote included), while the probe's
// table on the terminal and call's explanation are German. Runs with a
// private keyring (the sandbox's signing key lives there).
#include "support/processes.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestCliLanguage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void germanHelpAndError();
    void englishWithoutATranslation_data();
    void englishWithoutATranslation();
    void languageWinsOverLang();
    void germanLoginKeepsItsKeys();
    void germanProbeTableEnglishReports();
    void germanProbeQuotesExplanationsInEnglish();
    void germanCallExplainsInGerman();
};

namespace {

// Words and letters of the German translation that no English report has.
const QList<QByteArray> GermanWords{"Antwort ", "Die API ", "die API ", "Das Token", "Token der Probe", "nicht gelaufen", "abgelaufen",
                                    "Bekannt:", "Gefolgert:", "Schalten Sie", "ä", "ö", "ü", "Ä", "Ö", "Ü", "ß", "„", "“"};

// The locale variables as a desktop session sets them, the rest emptied.
QStringList locale(const QString &lang, const QString &language = {})
{
    return {u"LANG="_s + lang, u"LC_ALL="_s, u"LC_MESSAGES="_s, u"LANGUAGE="_s + language};
}

} // namespace

void TestCliLanguage::germanHelpAndError()
{
    const RunResult help = runProcess(u"tokenlab-cli"_s, {u"--help"_s}, 30000, locale(u"de_DE.UTF-8"_s));
    QCOMPARE(help.exitCode, 0);
    const QString out = QString::fromUtf8(help.out);
    QVERIFY2(out.startsWith(u"Aufruf: tokenlab-cli COMMAND [Optionen]"_s), qPrintable(out.left(200)));
    QVERIFY2(out.contains(u"\nBefehle:\n"_s), qPrintable(out));
    QVERIFY2(out.contains(u"Über den Browser anmelden (Autorisierungscode + PKCE), oder auf einem anderen Gerät"_s), qPrintable(out));
    // Command names and options are not translated.
    QVERIFY(out.contains(u"  profile add NAME ..."_s));
    QVERIFY(out.contains(u"-h, --help"_s));

    const RunResult sub = runProcess(u"tokenlab-cli"_s, {u"decode"_s, u"--help"_s}, 30000, locale(u"de_DE.UTF-8"_s));
    QCOMPARE(sub.exitCode, 0);
    const QString subOut = QString::fromUtf8(sub.out);
    QVERIFY2(subOut.startsWith(u"Aufruf: tokenlab-cli decode [Optionen] [TOKEN|-]"_s), qPrintable(subOut.left(200)));
    QVERIFY2(subOut.contains(u"Optionen:"_s) && subOut.contains(u"Die Signatur verifizieren und die Claims prüfen."_s), qPrintable(subOut));

    const RunResult error = runProcess(u"tokenlab-cli"_s, {u"decode"_s, u"--leeway"_s, u"99999"_s, u"x"_s}, 30000, locale(u"de_DE.UTF-8"_s));
    QCOMPARE(error.exitCode, 2);
    QCOMPARE(QString::fromUtf8(error.err), u"tokenlab-cli decode: --leeway muss 0 bis 3600 Sekunden betragen.\n"_s);
}

void TestCliLanguage::englishWithoutATranslation_data()
{
    QTest::addColumn<QStringList>("env");
    QTest::newRow("C") << locale(u"C.UTF-8"_s);
    QTest::newRow("French") << locale(u"fr_FR.UTF-8"_s);
    QTest::newRow("en_US") << locale(u"en_US.UTF-8"_s);
}

void TestCliLanguage::englishWithoutATranslation()
{
    QFETCH(QStringList, env);
    const RunResult help = runProcess(u"tokenlab-cli"_s, {u"--help"_s}, 30000, env);
    QCOMPARE(help.exitCode, 0);
    QVERIFY2(help.out.startsWith("Usage: tokenlab-cli COMMAND [options]"), help.out.left(200).constData());
    const RunResult error = runProcess(u"tokenlab-cli"_s, {u"decode"_s, u"--leeway"_s, u"99999"_s, u"x"_s}, 30000, env);
    QCOMPARE(error.err, QByteArray("tokenlab-cli decode: --leeway must be 0 to 3600 seconds.\n"));
}

void TestCliLanguage::languageWinsOverLang()
{
    // LANGUAGE is a list of preferences: German first here, though LANG says English.
    const RunResult de = runProcess(u"tokenlab-cli"_s, {u"--help"_s}, 30000, locale(u"en_US.UTF-8"_s, u"de:en"_s));
    QVERIFY2(de.out.startsWith("Aufruf: tokenlab-cli"), de.out.left(200).constData());
    // And LC_ALL=C.UTF-8 with LANGUAGE empty, as the tests run, is English.
    const RunResult en = runProcess(u"tokenlab-cli"_s, {u"--help"_s}, 30000,
                                    {u"LANG=de_DE.UTF-8"_s, u"LC_ALL=C.UTF-8"_s, u"LANGUAGE="_s});
    QVERIFY2(en.out.startsWith("Usage: tokenlab-cli"), en.out.left(200).constData());
}

void TestCliLanguage::germanLoginKeepsItsKeys()
{
    // A switch on, so login describes the tenant's switches (in German).
    const QString switches = qEnvironmentVariable("XDG_DATA_HOME") + u"/tokenlab/sandbox-switches.json"_s;
    QVERIFY(QDir().mkpath(QFileInfo(switches).absolutePath()));
    QFile file(switches);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(R"({"version":1,"dpop_nonce":true})") > 0);
    file.close();
    const auto removeSwitches = qScopeGuard([&switches] { QFile::remove(switches); });
    const RunResult r = runProcess(u"tokenlab-cli"_s, {u"login"_s, u"--profile"_s, u"sandbox"_s, u"--auto-approve"_s, u"alice:openid,offline_access"_s},
                                   30000, locale(u"de_DE.UTF-8"_s));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString out = QString::fromUtf8(r.out);
    // Scripts read the block by its keys: those stay English; the words for a person are German.
    QVERIFY2(out.contains(u"subject       sandbox|alice\n"_s), qPrintable(out));
    QVERIFY2(out.contains(u"refresh       Refresh-Token ausgestellt\n"_s), qPrintable(out));
    QVERIFY2(out.contains(u"\nexpires       "_s) && out.contains(u" (in "_s), qPrintable(out));
    QVERIFY2(QString::fromUtf8(r.err).contains(u": DPoP-Nonces gefordert."_s), r.err.constData());
}

void TestCliLanguage::germanProbeTableEnglishReports()
{
    QTemporaryDir dir;
    const QString junit = dir.filePath(u"probe.xml"_s);
    const QString csv = dir.filePath(u"probe.csv"_s);
    const RunResult table = runProcess(u"tokenlab-cli"_s, {u"probe"_s, u"--profile"_s, u"sandbox"_s, u"--junit"_s, junit, u"--csv"_s, csv},
                                       120000, locale(u"de_DE.UTF-8"_s));
    QVERIFY2(table.exitCode == 0, QByteArray(table.err + table.out).constData());
    const QString out = QString::fromUtf8(table.out);
    QVERIFY2(out.startsWith(u"ENDPUNKT"_s) && out.contains(u"ERGEBNIS\n"_s), qPrintable(out.left(300)));
    // A line of the table: the endpoint, case id and statuses as they are, the note in German.
    QString jku;
    for (const QString &line : out.split(u'\n')) {
        if (line.startsWith(u"GET /api/private "_s) && line.contains(u" jku "_s))
            jku = line;
    }
    QVERIFY2(jku.contains(u" 401 "_s) && jku.endsWith(u"ok  Die API hat den Schlüssel, auf den das Token zeigt, nicht abgerufen."_s), qPrintable(out));
    QVERIFY2(QString::fromUtf8(table.err).contains(u" bestanden, "_s), table.err.constData());

    // The reports a CI parses: English, whatever the language.
    QFile xml(junit);
    QVERIFY(xml.open(QIODevice::ReadOnly));
    const QByteArray report = xml.readAll();
    QVERIFY2(report.contains("<testsuites name=\"tokenlab probe sandbox\""), report.left(300).constData());
    QFile sheet(csv);
    QVERIFY(sheet.open(QIODevice::ReadOnly));
    const QByteArray rows = sheet.readAll();
    QVERIFY(rows.startsWith("method,path,case,expected,status,error,grade,verdict,note\r\n"));
    for (const char *german : {"Antwort ", "Die API ", "Token der Probe", "nicht gelaufen", "abgelaufen", "ä", "ö", "ü"}) {
        QVERIFY2(!report.contains(german), german);
        QVERIFY2(!rows.contains(german), german);
    }

    const RunResult json = runProcess(u"tokenlab-cli"_s, {u"probe"_s, u"--profile"_s, u"sandbox"_s, u"--json"_s}, 120000, locale(u"de_DE.UTF-8"_s));
    QVERIFY2(json.exitCode == 0, json.err.constData());
    const QJsonArray cells = QJsonDocument::fromJson(json.out).object().value(u"cells").toArray();
    QVERIFY(!cells.isEmpty());
    bool seen = false;
    for (const QJsonValue &v : cells) {
        const QJsonObject c = v.toObject();
        if (c.value(u"case").toString() == u"signature-altered") {
            QCOMPARE(c.value(u"title").toString(), u"the real token with its signature altered"_s);
            seen = true;
        }
        const QString words = c.value(u"title").toString() + c.value(u"verdict").toString() + c.value(u"note").toString();
        QVERIFY2(!words.contains(u"Token der Probe"_s) && !words.contains(u'ä') && !words.contains(u'ü'), qPrintable(words));
    }
    QVERIFY(seen);
}

// Verdicts that quote the API client's explanation of an answer: a plan
// that calls a path the tenant's API does not have and a private endpoint
// public, so the real token gets a 404 and no token a 401, and each verdict
// says why in the explainer's words. German in the table, English in
// --junit, --csv and --json.
void TestCliLanguage::germanProbeQuotesExplanationsInEnglish()
{
    QTemporaryDir dir;
    const QString plan = dir.filePath(u"plan.json"_s);
    QFile file(plan);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.write(R"({"endpoints":[{"method":"GET","path":"/api/nowhere","expect":"token"},)"
                       R"({"method":"GET","path":"/api/private","expect":"public"}]})") > 0);
    file.close();
    const QList<QByteArray> explained{"Nothing is at /api/nowhere (404). Check the profile's API base URL and the path.",
                                      "No token was sent, and this endpoint needs one (401). Log in, and send with the token."};
    const QStringList shown{u"Unter /api/nowhere ist nichts (404). Prüfen Sie die API-Basis-URL des Profils und den Pfad."_s,
                            u"Es wurde kein Token gesendet, und dieser Endpunkt braucht eines (401). Melden Sie sich an und senden Sie mit dem Token."_s};

    const QString junit = dir.filePath(u"probe.xml"_s);
    const QString csv = dir.filePath(u"probe.csv"_s);
    const RunResult table = runProcess(u"tokenlab-cli"_s, {u"probe"_s, u"--profile"_s, u"sandbox"_s, u"--plan"_s, plan, u"--junit"_s, junit, u"--csv"_s, csv},
                                       120000, locale(u"de_DE.UTF-8"_s));
    // The real token refused, and a refusal where the plan says public: fails.
    QVERIFY2(table.exitCode == 1, QByteArray(table.err + table.out).constData());
    const QString out = QString::fromUtf8(table.out);
    for (const QString &sentence : shown)
        QVERIFY2(out.contains(sentence), qPrintable(out));
    for (const QByteArray &sentence : explained)
        QVERIFY2(!table.out.contains(sentence), table.out.constData());

    QFile xml(junit);
    QVERIFY(xml.open(QIODevice::ReadOnly));
    const QByteArray report = xml.readAll();
    QFile sheet(csv);
    QVERIFY(sheet.open(QIODevice::ReadOnly));
    const QByteArray rows = sheet.readAll();
    for (const QByteArray &sentence : explained) {
        QVERIFY2(report.contains(sentence), report.constData());
        QVERIFY2(rows.contains(sentence), rows.constData());
    }
    for (const QByteArray &german : GermanWords) {
        QVERIFY2(!report.contains(german), german.constData());
        QVERIFY2(!rows.contains(german), german.constData());
    }

    const RunResult json = runProcess(u"tokenlab-cli"_s, {u"probe"_s, u"--profile"_s, u"sandbox"_s, u"--plan"_s, plan, u"--json"_s}, 120000,
                                      locale(u"de_DE.UTF-8"_s));
    QVERIFY2(json.exitCode == 1, json.err.constData());
    for (const QByteArray &sentence : explained)
        QVERIFY2(json.out.contains(sentence), json.out.constData());
    for (const QByteArray &german : GermanWords)
        QVERIFY2(!json.out.contains(german), german.constData());
    // The CLI's own words about the run are German on stderr.
    QVERIFY2(QString::fromUtf8(json.err).contains(u" fehlgeschlagen"_s), json.err.constData());
}

// tokenlab-cli call says what went wrong to a person: in German, the API
// client's sentence and the network error's within it. (Port 1 on the
// loopback has no server: the connection is refused.)
void TestCliLanguage::germanCallExplainsInGerman()
{
    const RunResult r = runProcess(u"tokenlab-cli"_s, {u"call"_s, u"--profile"_s, u"sandbox"_s, u"http://127.0.0.1:1/api/private"_s}, 30000,
                                   locale(u"de_DE.UTF-8"_s));
    QVERIFY2(r.exitCode == 2, QByteArray(r.err + r.out).constData());
    QVERIFY2(QString::fromUtf8(r.err).contains(u"tokenlab-cli call: Die Anfrage bekam keine Antwort: Die Verbindung zu 127.0.0.1 wurde abgelehnt; läuft der Server?\n"_s),
             r.err.constData());
}

QTEST_MAIN(TestCliLanguage)
#include "tst_clilanguage.moc"
