// SPDX-License-Identifier: MIT
// ManPage: roff escaping (hostile text must never become a roff request)
// and the layout of a page.
#include "util/manpage.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestManPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void escape_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << u"Sign in."_s << u"Sign in."_s;
        QTest::newRow("option-dashes") << u"use --profile NAME"_s << u"use \\-\\-profile NAME"_s;
        QTest::newRow("short-option") << u"-h"_s << u"\\-h"_s;
        QTest::newRow("option-in-brackets") << u"[--json]"_s << u"[\\-\\-json]"_s;
        QTest::newRow("option-in-parentheses") << u"(--strict)"_s << u"(\\-\\-strict)"_s;
        QTest::newRow("hyphen-in-word") << u"client-id"_s << u"client-id"_s;
        QTest::newRow("backslash") << u"C:\\path"_s << u"C:\\epath"_s;
        QTest::newRow("leading-dot-request") << u".SH INJECTED"_s << u"\\&.SH INJECTED"_s;
        QTest::newRow("leading-quote-request") << u"'br"_s << u"\\&'br"_s;
        QTest::newRow("newline-then-request") << u"a\n.SH X"_s << u"a .SH X"_s;
        QTest::newRow("empty") << QString() << QString();
    }
    void escape()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(ManPage::escape(text), expected);
    }

    void optionTerm_data()
    {
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QString>("valueName");
        QTest::addColumn<QString>("expected");
        QTest::newRow("flag") << QStringList{u"json"_s} << QString() << u"--json"_s;
        QTest::newRow("short-and-long") << QStringList{u"h"_s, u"help"_s} << QString() << u"-h, --help"_s;
        QTest::newRow("with-value") << QStringList{u"X"_s, u"method"_s} << u"M"_s << u"-X, --method M"_s;
    }
    void optionTerm()
    {
        QFETCH(QStringList, names);
        QFETCH(QString, valueName);
        QFETCH(QString, expected);
        const QCommandLineOption option = valueName.isEmpty() ? QCommandLineOption(names, u"d"_s)
                                                              : QCommandLineOption(names, u"d"_s, valueName);
        QCOMPARE(ManPage::optionTerm(option), expected);
    }

    void page()
    {
        ManPage page(u"tool"_s, u"does things"_s, u"2026-01-02"_s, u"Tool 1.0"_s);
        page.addSynopsis(u"[options]"_s);
        page.addSection(u"Options"_s);
        QCommandLineOption hidden(u"secret"_s, u"not listed"_s);
        hidden.setFlags(QCommandLineOption::HiddenFromHelp);
        page.addOptions({QCommandLineOption(u"json"_s, u"Print \"JSON\"."_s), hidden});
        const QString roff = page.roff();
        QVERIFY(roff.startsWith(u".TH \"TOOL\" 1 \"2026-01-02\" \"Tool 1.0\" \"User Commands\"\n"_s));
        QVERIFY(roff.contains(u".SH NAME\ntool \\- does things\n"_s));
        QVERIFY(roff.contains(u".SH SYNOPSIS\n.B tool\n[options]\n"_s));
        QVERIFY(roff.contains(u".SH \"OPTIONS\"\n.TP\n.B \"\\-\\-json\"\nPrint \"JSON\".\n"_s));
        QVERIFY(!roff.contains(u"secret"_s));
    }
};

QTEST_GUILESS_MAIN(TestManPage)
#include "tst_manpage.moc"
