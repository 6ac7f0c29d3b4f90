// SPDX-License-Identifier: MIT
// bench_verify SECONDS [OUT_DIR [LINES]]: decode + RS256 verify + claim checks of a
// sandbox access token, one core, for SECONDS of CPU time; prints
// verifications per CPU second. CPU time, not wall time, because that is what
// `openssl speed` divides by (unless -elapsed), so the ratio between the two
// holds on a machine that other work shares. With OUT_DIR it also writes
// token.txt, jwks.json and key.pem there, so node's jose can verify the very
// same token; with LINES, also tokens.txt: LINES tokens, one per line (100
// distinct ones signed by the same key, repeated), for the bulk-decode row.
#include "jose/keyset.h"
#include "sandbox/sandboxtenant.h"
#include "jose/tokenchecks.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>
#include <ctime>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const double seconds = argc > 1 ? std::atof(argv[1]) : 2.0;
    SigningKey key;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QJsonObject claims{{u"iss"_s, u"https://issuer.bench/"_s}, {u"sub"_s, u"bench"_s}, {u"aud"_s, u"https://api.bench/"_s},
                             {u"iat"_s, now}, {u"exp"_s, now + 3600}, {u"scope"_s, u"openid read:messages"_s}};
    const QByteArray token = key.signRs256({{u"typ"_s, u"at+jwt"_s}}, claims);
    const QByteArray jwks = QJsonDocument(QJsonObject{{u"keys"_s, QJsonArray{key.publicJwk()}}}).toJson(QJsonDocument::Compact);
    if (argc > 2) {
        QDir().mkpath(QString::fromLocal8Bit(argv[2]));
        QFile t(QString::fromLocal8Bit(argv[2]) + u"/token.txt"_s);
        QFile j(QString::fromLocal8Bit(argv[2]) + u"/jwks.json"_s);
        if (!t.open(QIODevice::WriteOnly) || !j.open(QIODevice::WriteOnly))
            return 1;
        t.write(token);
        j.write(jwks);
        QFile pem(QString::fromLocal8Bit(argv[2]) + u"/key.pem"_s);
        if (!pem.open(QIODevice::WriteOnly))
            return 1;
        pem.write(key.publicKey().toPem());
        if (argc > 3) {
            QList<QByteArray> distinct;
            for (int i = 0; i < 100; ++i) {
                QJsonObject c = claims;
                c.insert(u"sub"_s, u"bench-%1"_s.arg(i));
                distinct << key.signRs256({{u"typ"_s, u"at+jwt"_s}}, c);
            }
            QFile lines(QString::fromLocal8Bit(argv[2]) + u"/tokens.txt"_s);
            if (!lines.open(QIODevice::WriteOnly))
                return 1;
            const long count = std::atol(argv[3]);
            for (long i = 0; i < count; ++i)
                lines.write(distinct.at(int(i % distinct.size())) + '\n');
        }
    }
    const KeySet keys = *KeySet::parse(jwks, nullptr);
    TokenExpectations expected;
    expected.issuer = QUrl(u"https://issuer.bench/"_s);
    expected.audience = u"https://api.bench/"_s;
    expected.kind = TokenKind::Access;
    const QDateTime clock = QDateTime::currentDateTimeUtc();
    const auto cpuSeconds = [start = std::clock()] { return double(std::clock() - start) / CLOCKS_PER_SEC; };
    long count = 0;
    bool allPassed = true;
    while (cpuSeconds() < seconds) {
        for (int i = 0; i < 100; ++i) {
            const DecodedJwt jwt = Jwt::decode(token);
            const SignatureCheck sig = TokenChecks::signature(jwt, keys, {}, u"bench"_s);
            const QList<ClaimCheck> checks = TokenChecks::claims(jwt, expected, clock);
            allPassed &= sig.verified && !checks.isEmpty();
            ++count;
        }
    }
    if (!allPassed) {
        std::fprintf(stderr, "bench_verify: a verification failed\n");
        return 1;
    }
    std::printf("%.0f\n", count / cpuSeconds());
    return 0;
}
