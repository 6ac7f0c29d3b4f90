// SPDX-License-Identifier: MIT
// Usage: roff escaping against hostile text, the help text, and what
// answer() prints and returns for each kind of argument.
#include "util/usage.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestUsage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roffEscaped_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << u"Print the version."_s << u"Print the version."_s;
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("backslash") << u"C:\\path"_s << u"C:\\epath"_s;
        QTest::newRow("roff escape in text") << u"\\fBbold\\fR"_s << u"\\efBbold\\efR"_s;
        QTest::newRow("leading dot") << u".SH injected"_s << u"\\&.SH injected"_s;
        QTest::newRow("leading apostrophe") << u"'br"_s << u"\\&'br"_s;
        QTest::newRow("dot inside") << u"a.b .c"_s << u"a.b .c"_s;
        QTest::newRow("dot on a later line") << u"one\n.TH X"_s << u"one\n\\&.TH X"_s;
        QTest::newRow("only a dot") << u"."_s << u"\\&."_s;
        QTest::newRow("non-ASCII") << u"Grüße · ✓"_s << u"Grüße · ✓"_s;
    }
    void roffEscaped()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(Usage::roffEscaped(text), expected);
    }

    void helpListsEveryOption()
    {
        Usage usage(u"demo"_s, u"A demo."_s, u"1.2.3"_s);
        usage.addOption(u"print"_s, u"Print it."_s);
        const QString help = usage.helpText();
        QVERIFY(help.startsWith(u"Usage: demo [options]"_s));
        for (const QString &flag : {u"--help"_s, u"--version"_s, u"--man-page"_s, u"print"_s})
            QVERIFY2(help.contains(flag), qPrintable(flag));
    }

    void manPageIsRoff()
    {
        Usage usage(u"demo"_s, u".hostile summary"_s, u"1.2.3"_s);
        const QString page = usage.manPage(u"2026-01-02"_s, u"Demo 1.2.3"_s);
        QVERIFY(page.startsWith(u".TH \"DEMO\" 1 \"2026-01-02\" \"Demo 1.2.3\"\n"_s));
        // Escaped on its own, the summary is safe wherever it lands: \& is zero width.
        QVERIFY(page.contains(u"demo \\- \\&.hostile summary"_s));
        QVERIFY(page.contains(u".B -v, --version"_s));
    }

    void answer_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("status"); // -1: go on and run
        QTest::addColumn<QString>("out");
        QTest::addColumn<QString>("err");
        QTest::newRow("nothing") << QStringList{u"demo"_s} << -1 << QString() << QString();
        QTest::newRow("a file") << QStringList{u"demo"_s, u"notes.txt"_s} << -1 << QString() << QString();
        QTest::newRow("--version") << QStringList{u"demo"_s, u"--version"_s} << 0 << u"demo 1.2.3\n"_s << QString();
        QTest::newRow("-v") << QStringList{u"demo"_s, u"-v"_s} << 0 << u"demo 1.2.3\n"_s << QString();
        QTest::newRow("--help") << QStringList{u"demo"_s, u"--help"_s} << 0 << u"Usage: demo [options]"_s << QString();
        QTest::newRow("--man-page") << QStringList{u"demo"_s, u"--man-page"_s} << 0 << u".TH \"DEMO\" 1"_s << QString();
        QTest::newRow("unknown") << QStringList{u"demo"_s, u"--frobnicate"_s} << 2 << QString()
                                 << u"demo: there is no option --frobnicate; demo --help lists the options.\n"_s;
        QTest::newRow("unknown after help") << QStringList{u"demo"_s, u"--bad"_s, u"--help"_s} << 2 << QString()
                                            << u"demo: there is no option --bad"_s;
    }
    void answer()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, status);
        QFETCH(QString, out);
        QFETCH(QString, err);
        QString outText;
        QString errText;
        QTextStream outStream(&outText);
        QTextStream errStream(&errText);
        const std::optional<int> answered = Usage(u"demo"_s, u"A demo."_s, u"1.2.3"_s)
                                                    .answer(arguments, u"2026-01-02"_s, outStream, errStream);
        outStream.flush();
        errStream.flush();
        QCOMPARE(answered.value_or(-1), status);
        QVERIFY2(outText.startsWith(out), qPrintable(outText));
        QVERIFY2(errText.startsWith(err), qPrintable(errText));
        if (out.isEmpty())
            QCOMPARE(outText, QString());
    }
};

QTEST_GUILESS_MAIN(TestUsage)
#include "tst_usage.moc"
