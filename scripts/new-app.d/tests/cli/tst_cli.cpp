// SPDX-License-Identifier: MIT
// %name%-cli's commands in process: --version, print, and the sentences
// for a command that does not exist.
#include "cli/cliapp.h"
#include "storage/documentstore.h"

#include "appinfo.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestCli : public QObject
{
    Q_OBJECT

private:
    struct Run
    {
        int status;
        QString out;
        QString err;
    };
    static Run run(DocumentStore *store, const QStringList &arguments)
    {
        Run result;
        QTextStream out(&result.out);
        QTextStream err(&result.err);
        result.status = CliApp(store, out, err).run(QStringList{u"%name%-cli"_s} + arguments);
        out.flush();
        err.flush();
        return result;
    }

private Q_SLOTS:
    void version()
    {
        DocumentStore store;
        const Run r = run(&store, {u"--version"_s});
        QCOMPARE(r.status, 0);
        QCOMPARE(r.out, u"%name%-cli "_s + AppInfo::Version + u'\n');
    }

    void printsTheDocument()
    {
        QTemporaryDir dir;
        DocumentStore store(dir.filePath(u"document.txt"_s));
        QString error;
        QVERIFY(store.save(u"hello\n"_s, &error));
        const Run r = run(&store, {u"print"_s});
        QCOMPARE(r.status, 0);
        QCOMPARE(r.out, u"hello\n"_s);
    }

    void unknownCommand()
    {
        DocumentStore store;
        const Run r = run(&store, {u"frobnicate"_s});
        QCOMPARE(r.status, 2);
        QCOMPARE(r.err, u"%name%-cli: there is no command frobnicate; %name%-cli --help lists the commands.\n"_s);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
