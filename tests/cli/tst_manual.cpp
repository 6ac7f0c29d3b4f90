// SPDX-License-Identifier: MIT
// The man pages and shell completions the build installs, as the programs
// print them (--man-page, --completion): every command and option that
// --help lists is in them, and the completions complete it.
#include "support/processes.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// The commands of tokenlab-cli --help, e.g. "login", "profile add".
QStringList commands()
{
    const RunResult r = runProcess(u"tokenlab-cli"_s, {u"--help"_s});
    const QString usage = QString::fromUtf8(r.out);
    const QString list = usage.section(u"Commands:\n"_s, 1).section(u"\n\n"_s, 0, 0);
    QStringList names;
    static const QRegularExpression name(u"^  ([a-z]+(?: [a-z]+)?)(?= |$)"_s);
    for (const QString &line : list.split(u'\n')) {
        // "profile add NAME ...": the second word is a subcommand when lowercase.
        const QRegularExpressionMatch m = name.match(line);
        if (m.hasMatch())
            names << m.captured(1);
    }
    return names;
}

// The long options a command's --help lists.
QStringList longOptions(const QString &command)
{
    const RunResult r = runProcess(u"tokenlab-cli"_s, command.split(u' ') << u"--help"_s);
    QStringList options;
    static const QRegularExpression option(u"(?:^|, )(--[a-z][a-z-]*)"_s, QRegularExpression::MultilineOption);
    const QString help = QString::fromUtf8(r.out).section(u"Options:\n"_s, 1).section(u"\n\n"_s, 0, 0);
    for (const QString &line : help.split(u'\n')) {
        if (!line.startsWith(u"  -"_s))
            continue;
        auto it = option.globalMatch(line.section(u"  "_s, 1, 1));
        while (it.hasNext())
            options << it.next().captured(1);
    }
    return options;
}

// "--no-browser" as the page writes it: the leading dashes as minus signs.
QString roffOption(const QString &option)
{
    return u"\\-\\-"_s + option.mid(2);
}

} // namespace

class TestManual : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cliManPageHasEveryCommandAndOption()
    {
        const RunResult r = runProcess(u"tokenlab-cli"_s, {u"--man-page"_s});
        QCOMPARE(r.exitCode, 0);
        const QString page = QString::fromUtf8(r.out);
        QVERIFY(page.startsWith(u".TH \"TOKENLAB-CLI\" 1"_s));
        const QStringList names = commands();
        QVERIFY(names.size() >= 10);
        for (const QString &command : names) {
            QVERIFY2(page.contains(u"\n.SS \""_s + command), qPrintable(command));
            for (const QString &option : longOptions(command)) {
                if (option == u"--help")
                    continue;
                QVERIFY2(page.contains(roffOption(option)), qPrintable(command + u' ' + option));
            }
        }
        // Nothing hidden leaks into the visible help.
        const RunResult help = runProcess(u"tokenlab-cli"_s, {u"--help"_s});
        QVERIFY(!help.out.contains("--man-page"));
        QVERIFY(!help.out.contains("--completion"));
    }

    void appAndSandboxManPages_data()
    {
        QTest::addColumn<QString>("program");
        QTest::newRow("tokenlab") << u"tokenlab"_s;
        QTest::newRow("tokenlab-sandbox") << u"tokenlab-sandbox"_s;
    }
    void appAndSandboxManPages()
    {
        QFETCH(QString, program);
        const RunResult r = runProcess(program, {u"--man-page"_s});
        QCOMPARE(r.exitCode, 0);
        const QString page = QString::fromUtf8(r.out);
        QVERIFY(page.startsWith(u".TH \""_s + program.toUpper() + u"\" 1"_s));
        QVERIFY(page.contains(u".SH NAME\n"_s + program + u" \\- "_s));
        // Every option --help lists, and the hidden one not.
        const RunResult help = runProcess(program, {u"--help"_s});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(!help.out.contains("man-page"));
        static const QRegularExpression option(u"(--[a-z][a-z-]*)"_s);
        for (const QString &line : QString::fromUtf8(help.out).split(u'\n')) {
            if (!line.startsWith(u"  -"_s))
                continue;
            auto it = option.globalMatch(line.section(u"  "_s, 1, 1));
            while (it.hasNext()) {
                const QString o = it.next().captured(1);
                if (o == u"--help-all")
                    continue; // Qt's own options, which Qt documents
                QVERIFY2(page.contains(roffOption(o)), qPrintable(program + u' ' + o));
            }
        }
        QVERIFY(!page.contains(u"man\\-page"_s));
    }

    void bashCompletesCommandsAndOptions()
    {
        const RunResult r = runProcess(u"tokenlab-cli"_s, {u"--completion"_s, u"bash"_s});
        QCOMPARE(r.exitCode, 0);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString script = dir.filePath(u"tokenlab-cli"_s);
        QFile file(script);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(r.out);
        file.close();
        auto complete = [&script](const QStringList &words) {
            QProcess bash;
            const QString program = u"source \"$1\"; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); "
                                    "_tokenlab_cli; printf '%s\\n' \"${COMPREPLY[@]}\""_s;
            bash.start(u"bash"_s, QStringList{u"-c"_s, program, u"bash"_s, script} + words);
            if (!bash.waitForFinished(10000)) {
                bash.kill();
                bash.waitForFinished();
                return QStringList{u"(bash did not finish)"_s};
            }
            QStringList out = QString::fromUtf8(bash.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
            out.sort();
            return out;
        };
        QCOMPARE(complete({u"tokenlab-cli"_s, u"pro"_s}), (QStringList{u"probe"_s, u"profile"_s}));
        QCOMPARE(complete({u"tokenlab-cli"_s, u"profile"_s, u"re"_s}), (QStringList{u"remove"_s, u"rename"_s}));
        for (const QString &command : commands()) {
            QStringList expected = longOptions(command);
            expected.sort();
            QStringList words = QStringList{u"tokenlab-cli"_s} + command.split(u' ') << u"--"_s;
            QCOMPARE(complete(words), expected);
        }
        QCOMPARE(complete({u"tokenlab-cli"_s, u"probe"_s, u"--junit"_s, dir.path() + u"/tokenlab-c"_s}), (QStringList{script}));
    }

    void zshCompletionParses()
    {
        const RunResult r = runProcess(u"tokenlab-cli"_s, {u"--completion"_s, u"zsh"_s});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("#compdef tokenlab-cli\n"));
        QProcess zsh;
        zsh.start(u"zsh"_s, {u"-n"_s});
        QVERIFY(zsh.waitForStarted());
        zsh.write(r.out);
        zsh.closeWriteChannel();
        if (!zsh.waitForFinished(10000)) {
            zsh.kill();
            zsh.waitForFinished();
            QFAIL("zsh -n did not finish");
        }
        QCOMPARE(zsh.exitCode(), 0);
    }

    void unknownShellIsAnUnknownCommand()
    {
        const RunResult r = runProcess(u"tokenlab-cli"_s, {u"--completion"_s, u"fish"_s});
        QCOMPARE(r.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestManual)
#include "tst_manual.moc"
