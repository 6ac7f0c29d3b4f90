// SPDX-License-Identifier: MIT
#include "jose/base64url.h"
#include "jose/idtokenchecks.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

class TestIdTokenChecks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void run_data();
    void run();
};

namespace {
const QDateTime now = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC);
const QUrl issuer(u"https://tenant.example/"_s);

QString token(const QJsonObject &claims, const QString &alg = u"RS256"_s)
{
    return QString::fromLatin1(Base64Url::encode(QJsonDocument(QJsonObject{{u"alg"_s, alg}}).toJson(QJsonDocument::Compact)) + '.'
                               + Base64Url::encode(QJsonDocument(claims).toJson(QJsonDocument::Compact)) + ".c2ln");
}
QJsonObject good()
{
    return {{u"iss"_s, issuer.toString()}, {u"sub"_s, u"u1"_s}, {u"aud"_s, u"client"_s},
            {u"exp"_s, now.toSecsSinceEpoch() + 600}, {u"iat"_s, now.toSecsSinceEpoch()}, {u"nonce"_s, u"N"_s}};
}
QString with(const QString &k, const QJsonValue &v)
{
    QJsonObject c = good();
    if (v.isUndefined())
        c.remove(k);
    else
        c.insert(k, v);
    return token(c);
}
} // namespace

void TestIdTokenChecks::run_data()
{
    QTest::addColumn<QString>("idToken");
    QTest::addColumn<QString>("failing"); // the check expected to fail, empty when all pass
    const qint64 t = now.toSecsSinceEpoch();
    QTest::newRow("good") << token(good()) << QString();
    QTest::newRow("aud-array-with-azp") << with(u"aud"_s, QJsonArray{u"client"_s, u"other"_s}) << u"azp"_s;
    QTest::newRow("wrong-issuer") << with(u"iss"_s, u"https://evil.example/"_s) << u"iss"_s;
    QTest::newRow("wrong-audience") << with(u"aud"_s, u"someone-else"_s) << u"aud"_s;
    QTest::newRow("expired") << with(u"exp"_s, t - 3600) << u"exp"_s;
    QTest::newRow("expired-within-leeway") << with(u"exp"_s, t - 30) << QString();
    QTest::newRow("no-exp") << with(u"exp"_s, QJsonValue::Undefined) << u"exp"_s;
    QTest::newRow("wrong-nonce") << with(u"nonce"_s, u"other"_s) << u"nonce"_s;
    QTest::newRow("missing-nonce") << with(u"nonce"_s, QJsonValue::Undefined) << u"nonce"_s;
    QTest::newRow("alg-none") << token(good(), u"none"_s) << u"alg"_s;
    QTest::newRow("not-a-jwt") << u"opaque"_s << u"format"_s;
    QTest::newRow("garbage") << u"a.b.c"_s << u"format"_s;
}

void TestIdTokenChecks::run()
{
    QFETCH(QString, idToken);
    QFETCH(QString, failing);
    const IdTokenChecks r = IdTokenChecks::run(idToken, issuer, u"client"_s, u"N"_s, now);
    QCOMPARE(r.passed(), failing.isEmpty());
    if (!failing.isEmpty()) {
        bool found = false;
        for (const ClaimCheck &c : r.checks)
            found |= c.name == failing && c.result == ClaimCheck::Result::Failed;
        QVERIFY2(found, qPrintable(r.firstFailure()));
        QVERIFY(!r.firstFailure().isEmpty());
    } else {
        QCOMPARE(r.subject, u"u1"_s);
        bool signatureNotChecked = false;
        for (const ClaimCheck &c : r.checks)
            signatureNotChecked |= c.name == u"signature" && c.result == ClaimCheck::Result::NotChecked;
        QVERIFY(signatureNotChecked);
    }
}

QTEST_GUILESS_MAIN(TestIdTokenChecks)
#include "tst_idtokenchecks.moc"
