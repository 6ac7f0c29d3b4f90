// SPDX-License-Identifier: MIT
// tokenlab-cli speaks the system locale's language: under LANG=de_DE.UTF-8
// its --help, a command's --help and a usage error are German, Qt's own
// words in the help ("Optionen:") too; under LANG=C.UTF-8 (and with LANGUAGE
// naming a language TokenLab does not have) they stay English, and
// LANGUAGE, as Qt reads it, wins over LANG.
#include "support/processes.h"

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
};

namespace {

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

QTEST_MAIN(TestCliLanguage)
#include "tst_clilanguage.moc"
