// SPDX-License-Identifier: MIT
// DeferredText: english() is the source with its arguments, text() the same
// through the installed translation, arguments are replaced in one pass
// (an argument's own "%2" stays), nested texts are translated too, and
// mapVerbatim reaches only the verbatim words; joined texts keep their
// separator as it is and are empty only when every part is.
#include "support/language.h"
#include "util/deferredtext.h"

#include <QCoreApplication>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;

class TestDeferredText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void english_data();
    void english();
    void translatedWhereShown();
    void mapVerbatimLeavesSourcesAlone();
    void joinedIsEmptyOnlyWithoutParts();
};

void TestDeferredText::english_data()
{
    QTest::addColumn<DeferredText>("text");
    QTest::addColumn<QString>("expected");
    const DeferredText two("Test", "%1 then %2");
    QTest::newRow("empty") << DeferredText() << QString();
    QTest::newRow("verbatim") << DeferredText(u"as is %1"_s) << u"as is %1"_s;
    QTest::newRow("no-args") << DeferredText("Test", "plain words") << u"plain words"_s;
    QTest::newRow("in-order") << two.arg(u"a"_s).arg(u"b"_s) << u"a then b"_s;
    QTest::newRow("two-at-once") << two.arg(u"a"_s, u"b"_s) << u"a then b"_s;
    QTest::newRow("number") << DeferredText("Test", "%1 s").arg(qint64(-42)) << u"-42 s"_s;
    QTest::newRow("arg-carries-placeholder") << two.arg(u"%2"_s, u"x"_s) << u"%2 then x"_s;
    QTest::newRow("arg-carries-percent") << two.arg(u"100%"_s, u"%%1"_s) << u"100% then %%1"_s;
    QTest::newRow("missing-arg") << two.arg(u"a"_s) << u"a then %2"_s;
    QTest::newRow("percent-zero") << DeferredText("Test", "%0 and %1").arg(u"a"_s) << u"%0 and a"_s;
    QTest::newRow("trailing-percent") << DeferredText("Test", "at 100%").arg(u"a"_s) << u"at 100%"_s;
    QTest::newRow("repeated") << DeferredText("Test", "%1, %1").arg(u"a"_s) << u"a, a"_s;
    QTest::newRow("two-digits") << DeferredText("Test", "%10!").arg(u"1"_s).arg(u"2"_s).arg(u"3"_s).arg(u"4"_s).arg(u"5"_s)
                                           .arg(u"6"_s).arg(u"7"_s).arg(u"8"_s).arg(u"9"_s).arg(u"ten"_s)
                                << u"ten!"_s;
    QTest::newRow("nested") << two.arg(DeferredText("Test", "<%1>").arg(u"in"_s), DeferredText(u"out"_s)) << u"<in> then out"_s;
    QTest::newRow("joined") << DeferredText::joined(DeferredText("Test", "one"), DeferredText(u"two"_s)) << u"one two"_s;
    QTest::newRow("joined-empty") << DeferredText::joined(DeferredText(), DeferredText(u"two"_s)) << u"two"_s;
    QTest::newRow("joined-list") << DeferredText::joined({DeferredText("Test", "one"), DeferredText(), DeferredText(u"two"_s), two.arg(u"a"_s, u"b"_s)}, u"; "_s)
                                 << u"one; two; a then b"_s;
    QTest::newRow("joined-run-on") << DeferredText::joined({DeferredText("Test", "Lead."), DeferredText("Test", " More.")}, QString()) << u"Lead. More."_s;
    QTest::newRow("joined-separator-verbatim") << DeferredText::joined({DeferredText(u"a"_s), DeferredText(u"b"_s)}, u"%1"_s) << u"a%1b"_s;
    QTest::newRow("joined-nothing") << DeferredText::joined(QList<DeferredText>{DeferredText(), DeferredText()}, u", "_s) << QString();
    QTest::newRow("joined-nested-arg") << two.arg(DeferredText::joined({DeferredText(u"x"_s), DeferredText(u"y"_s)}, u", "_s), DeferredText(u"z"_s))
                                       << u"x, y then z"_s;
}

void TestDeferredText::english()
{
    QFETCH(DeferredText, text);
    QFETCH(QString, expected);
    QCOMPARE(text.english(), expected);
    // No translation installed: what a person reads is the same.
    QCOMPARE(text.text(), expected);
}

void TestDeferredText::translatedWhereShown()
{
    const DeferredText t = DeferredText("Test", "%1 refused %2")
                                   .arg(DeferredText("Test", "the api"), DeferredText(u"token %1"_s));
    ShoutingTranslator shouting("Test");
    QVERIFY(QCoreApplication::installTranslator(&shouting));
    // Translated sources, verbatim words as they are; english() ignores the translator.
    QCOMPARE(t.text(), u"THE API REFUSED token %1"_s);
    QCOMPARE(t.english(), u"the api refused token %1"_s);
    // Another context is not this translator's: the source shows.
    QCOMPARE(DeferredText("Other", "as written").text(), u"as written"_s);
    QCoreApplication::removeTranslator(&shouting);
    QCOMPARE(t.text(), u"the api refused token %1"_s);
}

void TestDeferredText::mapVerbatimLeavesSourcesAlone()
{
    const DeferredText t = DeferredText("Test", "secret %1").arg(u"secret eyJ"_s);
    const DeferredText m = t.mapVerbatim([](const QString &s) { return QString(s).replace(u"secret"_s, u"[x]"_s); });
    QCOMPARE(m.english(), u"secret [x] eyJ"_s);
    QVERIFY(m == DeferredText("Test", "secret %1").arg(u"[x] eyJ"_s));
}

void TestDeferredText::joinedIsEmptyOnlyWithoutParts()
{
    // A joined text with words in it is not empty (callers leave empty notes out).
    QVERIFY(!DeferredText::joined(DeferredText("Test", "one"), DeferredText(u"two"_s)).isEmpty());
    QVERIFY(!DeferredText::joined({DeferredText(u"a"_s), DeferredText(u"b"_s)}, QString()).isEmpty());
    QVERIFY(DeferredText::joined(QList<DeferredText>{}, u", "_s).isEmpty());
    // Translated part by part; the separator is the same in every language.
    ShoutingTranslator shouting("Test");
    QVERIFY(QCoreApplication::installTranslator(&shouting));
    const DeferredText t = DeferredText::joined({DeferredText("Test", "known"), DeferredText(u"said"_s)}, u"; "_s);
    QCOMPARE(t.text(), u"KNOWN; said"_s);
    QCOMPARE(t.english(), u"known; said"_s);
    QCoreApplication::removeTranslator(&shouting);
}

QTEST_GUILESS_MAIN(TestDeferredText)
#include "tst_deferredtext.moc"
