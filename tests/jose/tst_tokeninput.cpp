// SPDX-License-Identifier: MIT
// TokenInput::clean: what users paste (headers, schemes, quotes, lines a
// terminal broke) becomes the token, with a list of what was stripped;
// hostile pastes neither hang nor get "repaired" into something else.
#include "jose/tokeninput.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestTokenInput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void clean_data();
    void clean();
    void sentence_data();
    void sentence();
    void hugePasteStaysLinear();
};

namespace {
const QString jwt = u"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln"_s;
const QString header = u"the Authorization: header name"_s;
const QString bearer = u"the Bearer scheme"_s;
const QString dpop = u"the DPoP scheme"_s;
const QString quotes = u"quotes"_s;
const QString space = u"whitespace"_s;
} // namespace

void TestTokenInput::clean_data()
{
    QTest::addColumn<QString>("pasted");
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QStringList>("stripped");

    const QByteArray t = jwt.toUtf8();
    QTest::newRow("bare") << jwt << t << QStringList();
    QTest::newRow("opaque") << u"8xLOxBtZp8"_s << QByteArray("8xLOxBtZp8") << QStringList();
    QTest::newRow("bearer") << u"Bearer "_s + jwt << t << QStringList{bearer};
    QTest::newRow("bearer-lowercase") << u"bearer "_s + jwt << t << QStringList{bearer};
    QTest::newRow("bearer-uppercase-tab") << u"BEARER\t"_s + jwt << t << QStringList{bearer};
    QTest::newRow("bearer-many-spaces") << u"Bearer    "_s + jwt << t << QStringList{bearer};
    QTest::newRow("authorization-bearer") << u"Authorization: Bearer "_s + jwt << t << QStringList{header, bearer};
    QTest::newRow("authorization-any-case") << u"AUTHORIZATION:bearer "_s + jwt << t << QStringList{header, bearer};
    QTest::newRow("authorization-space-before-colon") << u"authorization : Bearer "_s + jwt << t << QStringList{header, bearer};
    QTest::newRow("authorization-bare-token") << u"Authorization: "_s + jwt << t << QStringList{header};
    QTest::newRow("dpop") << u"DPoP "_s + jwt << t << QStringList{dpop};
    QTest::newRow("authorization-dpop") << u"Authorization: dpop "_s + jwt << t << QStringList{header, dpop};
    QTest::newRow("double-quotes") << u"\""_s + jwt + u"\""_s << t << QStringList{quotes};
    QTest::newRow("single-quotes") << u"'"_s + jwt + u"'"_s << t << QStringList{quotes};
    QTest::newRow("backticks") << u"`"_s + jwt + u"`"_s << t << QStringList{quotes};
    QTest::newRow("triple-backticks") << u"```"_s + jwt + u"```"_s << t << QStringList{quotes};
    QTest::newRow("curly-quotes") << u"\u201c"_s + jwt + u"\u201d"_s << t << QStringList{quotes};
    QTest::newRow("quoted-header-line") << u"\"Authorization: Bearer "_s + jwt + u"\"\n"_s << t << QStringList{space, quotes, header, bearer};
    QTest::newRow("header-then-quoted-token") << u"Authorization: Bearer '"_s + jwt + u"'"_s << t << QStringList{header, bearer, quotes};
    QTest::newRow("curl-header-argument") << u"'Authorization: Bearer "_s + jwt + u"'"_s << t << QStringList{quotes, header, bearer};
    QTest::newRow("trailing-newline") << jwt + u"\n"_s << t << QStringList{space};
    QTest::newRow("crlf-around") << u"\r\n  "_s + jwt + u"\r\n"_s << t << QStringList{space};
    QTest::newRow("broken-across-lines") << jwt.left(20) + u"\n"_s + jwt.mid(20, 10) + u"\r\n    "_s + jwt.mid(30) << t << QStringList{space};
    QTest::newRow("broken-with-crlf-only") << jwt.left(30) + u"\r\n"_s + jwt.mid(30) << t << QStringList{space};
    QTest::newRow("bearer-newline-token") << u"Bearer\n"_s + jwt << t << QStringList{bearer};

    // Hostile or odd: nothing is invented, nothing repaired.
    QTest::newRow("empty") << QString() << QByteArray() << QStringList();
    QTest::newRow("only-spaces") << u"   \n\t "_s << QByteArray() << QStringList{space};
    QTest::newRow("only-bearer") << u"Bearer"_s << QByteArray("Bearer") << QStringList();
    QTest::newRow("bearer-and-space") << u"Bearer "_s << QByteArray("Bearer") << QStringList{space};
    QTest::newRow("bearer-without-space") << u"Bearer"_s + jwt << QByteArray("Bearer") + t << QStringList();
    QTest::newRow("basic-scheme-kept") << u"Basic dXNlcjpwYXNz"_s << QByteArray("Basic dXNlcjpwYXNz") << QStringList();
    QTest::newRow("other-header-kept") << u"X-Token: "_s + jwt << QByteArray("X-Token: ") + t << QStringList();
    QTest::newRow("authorization-without-colon") << u"Authorization "_s + jwt << QByteArray("Authorization ") + t << QStringList();
    QTest::newRow("unbalanced-quote") << u"\""_s + jwt << QByteArray("\"") + t << QStringList();
    QTest::newRow("mismatched-quotes") << u"'"_s + jwt + u"\""_s << u"'"_s.toUtf8() + t + "\"" << QStringList();
    QTest::newRow("lone-quote") << u"\""_s << QByteArray("\"") << QStringList();
    QTest::newRow("two-quotes") << u"\"\""_s << QByteArray() << QStringList{quotes};
    QTest::newRow("bad-character-kept") << jwt.left(30) + u"!"_s + jwt.mid(30) << (jwt.left(30) + u"!"_s + jwt.mid(30)).toUtf8() << QStringList();
    QTest::newRow("ellipsis-kept") << u"Bearer eyJhbGci…"_s << u"eyJhbGci…"_s.toUtf8() << QStringList{bearer};
    QTest::newRow("nul-kept") << u"ab\0cd"_s << QByteArray("ab\0cd", 5) << QStringList();
    QTest::newRow("bearer-bearer") << u"Bearer Bearer "_s + jwt << t << QStringList{bearer};
    QTest::newRow("nested-deep") << QString(40, u'"') + jwt + QString(40, u'"') << QString(24, u'"').toUtf8() + t + QString(24, u'"').toUtf8()
                                 << QStringList{quotes};
}

void TestTokenInput::clean()
{
    QFETCH(QString, pasted);
    QFETCH(QByteArray, token);
    QFETCH(QStringList, stripped);
    const CleanedToken c = TokenInput::clean(pasted);
    QCOMPARE(c.token, token);
    QCOMPARE(c.stripped, stripped);
}

void TestTokenInput::sentence_data()
{
    QTest::addColumn<QStringList>("stripped");
    QTest::addColumn<QString>("sentence");
    QTest::newRow("nothing") << QStringList() << QString();
    QTest::newRow("one") << QStringList{bearer} << u"Stripped the Bearer scheme."_s;
    QTest::newRow("two") << QStringList{header, bearer} << u"Stripped the Authorization: header name and the Bearer scheme."_s;
    QTest::newRow("three") << QStringList{quotes, bearer, space} << u"Stripped quotes, the Bearer scheme and whitespace."_s;
}

void TestTokenInput::sentence()
{
    QFETCH(QStringList, stripped);
    QFETCH(QString, sentence);
    QCOMPARE(TokenInput::strippedSentence(stripped), sentence);
}

void TestTokenInput::hugePasteStaysLinear()
{
    // A megabyte of quotes and a megabyte of "Bearer " peel a bounded number of times.
    const QString quotes(1 << 20, u'"');
    QCOMPARE(TokenInput::clean(quotes).token.size(), (1 << 20) - 2 * 16);
    QString bearers;
    for (int i = 0; i < 100000; ++i)
        bearers += u"Bearer "_s;
    QVERIFY(!TokenInput::clean(bearers + jwt).token.isEmpty());
}

QTEST_GUILESS_MAIN(TestTokenInput)
#include "tst_tokeninput.moc"
