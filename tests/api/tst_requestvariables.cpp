// SPDX-License-Identifier: MIT
// {{placeholders}}: every row either resolves to the expected text or fails
// with a sentence that names the problem; nothing becomes an empty string
// silently, and a value is never resolved again.
#include "api/requestvariables.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestRequestVariables : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resolve_data();
    void resolve();
    void names();
    void validNames_data();
    void validNames();
};

void TestRequestVariables::resolve_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // empty with an error
    QTest::addColumn<QString>("error");    // a part of the sentence

    QTest::newRow("no-placeholder") << u"/api/public"_s << u"/api/public"_s << QString();
    QTest::newRow("base") << u"{{base}}/api/x"_s << u"http://127.0.0.1:9/api/x"_s << QString();
    QTest::newRow("spaces-inside") << u"{{ user }}"_s << u"42"_s << QString();
    QTest::newRow("two") << u"{{user}}-{{user}}"_s << u"42-42"_s << QString();
    QTest::newRow("value-not-resolved-again") << u"{{braces}}"_s << u"{{user}}"_s << QString();
    QTest::newRow("single-braces") << u"{user}"_s << u"{user}"_s << QString();
    QTest::newRow("closing-only") << u"a}}b"_s << u"a}}b"_s << QString();
    QTest::newRow("empty-value") << u"[{{empty}}]"_s << u"[]"_s << QString();
    QTest::newRow("unknown") << u"/users/{{nobody}}"_s << QString() << u"{{nobody}} is not defined"_s;
    QTest::newRow("unknown-lists-known") << u"{{nobody}}"_s << QString() << u"base, braces, empty, token, user"_s;
    QTest::newRow("unterminated") << u"/users/{{user"_s << QString() << u"at character 8 is never closed"_s;
    QTest::newRow("unterminated-at-end") << u"{{"_s << QString() << u"never closed"_s;
    QTest::newRow("empty-name") << u"/x/{{}}"_s << QString() << u"has no name"_s;
    QTest::newRow("blank-name") << u"{{   }}"_s << QString() << u"has no name"_s;
    QTest::newRow("nested") << u"{{a{{user}}}}"_s << QString() << u"cannot be nested"_s;
    QTest::newRow("long-name") << u"{{"_s + QString(200, u'a') + u"}}"_s << QString() << u"longer than 128"_s;
    QTest::newRow("triple-open") << u"{{{user}}"_s << QString() << u"{{{user}} is not defined"_s;
}

void TestRequestVariables::resolve()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QFETCH(QString, error);
    RequestVariables v;
    v.set(u"base"_s, u"http://127.0.0.1:9"_s);
    v.set(u"token"_s, u"eyJ.secret"_s);
    v.set(u"user"_s, u"42"_s);
    v.set(u"braces"_s, u"{{user}}"_s);
    v.set(u"empty"_s, QString());
    QString why;
    const auto out = v.resolve(text, &why);
    if (error.isEmpty()) {
        QVERIFY2(out.has_value(), qPrintable(why));
        QCOMPARE(*out, expected);
    } else {
        QVERIFY(!out.has_value());
        QVERIFY2(why.contains(error), qPrintable(why));
        QVERIFY(why.endsWith(u'.'));
    }
}

void TestRequestVariables::names()
{
    QCOMPARE(RequestVariables::namesIn(u"{{base}}/u/{{ id }}?a={{id}}&b={{"_s), (QStringList{u"base"_s, u"id"_s}));
    QCOMPARE(RequestVariables::namesIn(u"{{}} {{x}}"_s), QStringList{u"x"_s});
}

void TestRequestVariables::validNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("plain") << u"user_id"_s << true;
    QTest::newRow("dotted") << u"env.host-1"_s << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("space") << u"a b"_s << false;
    QTest::newRow("braces") << u"a}}"_s << false;
    QTest::newRow("reserved-base") << u"base"_s << false;
    QTest::newRow("reserved-token") << u"token"_s << false;
    QTest::newRow("too-long") << QString(129, u'x') << false;
}

void TestRequestVariables::validNames()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QString why;
    QCOMPARE(RequestVariables::isValidName(name, &why), valid);
    QCOMPARE(why.isEmpty(), valid);
}

QTEST_GUILESS_MAIN(TestRequestVariables)
#include "tst_requestvariables.moc"
