// SPDX-License-Identifier: MIT
// DocumentStore: its place under the private data home, a round trip, a
// document never saved, and the sentences when it cannot be read or saved.
#include "storage/documentstore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestDocumentStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultPathIsInTheDataHome()
    {
        // The tests' private XDG_DATA_HOME, never the user's.
        const QString dataHome = qEnvironmentVariable("XDG_DATA_HOME");
        QVERIFY(!dataHome.isEmpty());
        QVERIFY2(DocumentStore::defaultPath().startsWith(dataHome + u'/'), qPrintable(DocumentStore::defaultPath()));
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("lines") << u"one\ntwo\n"_s;
        QTest::newRow("non-ASCII") << u"Grüße · ✓ · 日本"_s;
        QTest::newRow("NUL inside") << QString(u"a\0b"_s);
        QTest::newRow("CRLF") << u"a\r\nb\r\n"_s;
    }
    void roundTrip()
    {
        QFETCH(QString, text);
        QTemporaryDir dir;
        DocumentStore store(dir.filePath(u"sub/folder/document.txt"_s));
        QString error;
        QVERIFY2(store.save(text, &error), qPrintable(error));
        QCOMPARE(store.load(&error).value_or(u"(failed)"_s), text);
    }

    void neverSavedIsEmpty()
    {
        QTemporaryDir dir;
        QString error;
        const std::optional<QString> text = DocumentStore(dir.filePath(u"missing.txt"_s)).load(&error);
        QVERIFY(text.has_value());
        QCOMPARE(*text, QString());
        QVERIFY(error.isEmpty());
    }

    void unsavableSaysWhy()
    {
        QTemporaryDir dir;
        QFile blocker(dir.filePath(u"file"_s));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        // A file where the folder should be: no permissions involved, so it fails as root too.
        DocumentStore store(dir.filePath(u"file/document.txt"_s));
        QString error;
        QVERIFY(!store.save(u"text"_s, &error));
        QVERIFY2(error.startsWith(u"The document "_s) && error.endsWith(u'.'), qPrintable(error));
    }

    void unreadableSaysWhy()
    {
        QTemporaryDir dir;
        // A folder where the document should be: it exists and cannot be read as a file.
        QVERIFY(QDir(dir.path()).mkdir(u"document.txt"_s));
        QString error;
        QVERIFY(!DocumentStore(dir.filePath(u"document.txt"_s)).load(&error).has_value());
        QVERIFY2(error.contains(u"cannot be read"_s), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestDocumentStore)
#include "tst_documentstore.moc"
