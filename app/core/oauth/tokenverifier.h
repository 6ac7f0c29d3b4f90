// SPDX-License-Identifier: MIT
// Verifies a JWT the way the inspector shows it: decode, find the keys
// (the issuer's JWKS through discovery, a JWKS URL, or a PEM key the user
// gives), check the signature (refetching the JWKS once when the kid is
// unknown, for key rotation), then the claims.
//
// Contract: every verify() ends in exactly one finished() with a report,
// on every path (malformed token, network error, unknown kid), never
// before verify() returns. A report of an opaque or encrypted token says
// so and carries no failed check. A JWS whose signature part was altered
// (DecodedJwt::signatureProblem) carries a failed signature check saying so,
// keys or no keys, and fetches none.
#pragma once

#include "util/clock.h"
#include "jose/jwt.h"
#include "jose/keyset.h"
#include "jose/tokenchecks.h"

#include <QObject>
#include <QUrl>
#include <optional>

class DiscoveryClient;
class JwksClient;
struct DiscoveryResult;

struct KeySource
{
    enum class Kind { None, Issuer, JwksUrl, Pem };
    Kind kind = Kind::None;
    QUrl url;        // the issuer, or the JWKS URL
    QByteArray pem;
};

struct TokenReport
{
    QByteArray token;
    DecodedJwt jwt;
    TokenKind kind = TokenKind::Unknown;
    QList<ClaimCheck> checks;   // signature first, then the claims
    QString verifiedKid;
    bool signatureVerified = false;
    QString keySource;          // where the keys came from, in words

    bool passed() const;        // no check failed (and the token could be read)
    QString firstFailure() const;
};

class TokenVerifier : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(TokenVerifier)

public:
    TokenVerifier(DiscoveryClient *discovery, JwksClient *jwks, Clock clock, QObject *parent = nullptr);

    // Each call is independent; the id passed back tells them apart.
    int verify(const QByteArray &token, const TokenExpectations &expected, const KeySource &keys);

Q_SIGNALS:
    void finished(int id, const TokenReport &report);

private:
    struct Job
    {
        TokenReport report;
        TokenExpectations expected;
        KeySource source;
        QUrl jwksUri;
        QStringList issuerAlgorithms;
        bool refreshed = false;
    };
    void onDiscovered(int id, const DiscoveryResult &result);
    void fetchKeys(int id, const QUrl &uri, bool refresh);
    void onKeys(int id, const std::optional<KeySet> &keys, const QString &error);
    void complete(int id, const KeySet *keys, const QString &keyError);

    DiscoveryClient *m_discovery;
    JwksClient *m_jwks;
    Clock m_clock;
    QHash<int, Job> m_jobs;
    // The last PEM key given, parsed once: many tokens checked against one
    // key reuse its prepared verification context.
    QByteArray m_pem;
    std::optional<KeySet> m_pemKeys;
    int m_nextId = 1;
};
