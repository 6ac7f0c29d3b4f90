// SPDX-License-Identifier: MIT
// SessionCookie: the one reader of the sandbox's session cookie, with
// the headers browsers send and headers nobody should.
#include "sandbox/sessioncookie.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestSessionCookie : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void values_data();
    void values();
    void setAndClear();
};

void TestSessionCookie::values_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("only-ours") << QByteArray("tokenlab_sandbox_session=abc") << QStringList{u"abc"_s};
    QTest::newRow("among-others") << QByteArray("theme=dark; tokenlab_sandbox_session=abc; lang=en") << QStringList{u"abc"_s};
    QTest::newRow("no-space-after-semicolon") << QByteArray("a=1;tokenlab_sandbox_session=abc") << QStringList{u"abc"_s};
    QTest::newRow("two-values-in-order") << QByteArray("tokenlab_sandbox_session=old; tokenlab_sandbox_session=new")
                                         << QStringList{u"old"_s, u"new"_s};
    QTest::newRow("empty-value") << QByteArray("tokenlab_sandbox_session=") << QStringList{QString()};
    QTest::newRow("no-header") << QByteArray() << QStringList();
    QTest::newRow("name-prefix-only") << QByteArray("tokenlab_sandbox_session_other=abc") << QStringList();
    QTest::newRow("name-suffix-only") << QByteArray("xtokenlab_sandbox_session=abc") << QStringList();
    QTest::newRow("no-equals") << QByteArray("tokenlab_sandbox_session") << QStringList();
    QTest::newRow("only-separators") << QByteArray(";;; ;") << QStringList();
    QTest::newRow("value-with-equals") << QByteArray("tokenlab_sandbox_session=a=b") << QStringList{u"a=b"_s};
    QTest::newRow("nul-and-high-bytes") << QByteArray("tokenlab_sandbox_session=a\0\xff", 28) << QStringList{QString::fromLatin1("a\0\xff", 3)};
    QTest::newRow("long-junk") << (QByteArray(8000, ';') + "tokenlab_sandbox_session=z") << QStringList{u"z"_s};
}

void TestSessionCookie::values()
{
    QFETCH(QByteArray, header);
    QFETCH(QStringList, expected);
    QCOMPARE(SessionCookie::values(header), expected);
}

void TestSessionCookie::setAndClear()
{
    const QByteArray set = SessionCookie::set(u"sid123"_s);
    QVERIFY(set.startsWith("tokenlab_sandbox_session=sid123;"));
    QVERIFY(set.contains("HttpOnly"));
    QVERIFY(set.contains("SameSite=Lax"));
    QCOMPARE(SessionCookie::values(set.left(set.indexOf(';'))), QStringList{u"sid123"_s});
    QVERIFY(SessionCookie::clear().contains("Max-Age=0"));
}

QTEST_GUILESS_MAIN(TestSessionCookie)
#include "tst_sessioncookie.moc"
