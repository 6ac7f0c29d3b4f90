// SPDX-License-Identifier: MIT
#include "jose/idtokenchecks.h"
#include "jose/jwt.h"
#include "jose/tokenchecks.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::StringLiterals;

bool IdTokenChecks::passed() const
{
    for (const ClaimCheck &c : checks) {
        if (c.result == ClaimCheck::Result::Failed)
            return false;
    }
    return true;
}

QString IdTokenChecks::firstFailure() const
{
    for (const ClaimCheck &c : checks) {
        if (c.result == ClaimCheck::Result::Failed)
            return c.detail;
    }
    return {};
}

IdTokenChecks IdTokenChecks::run(const QString &idToken, const QUrl &issuer, const QString &clientId,
                                 const QString &nonce, const QDateTime &now, int leewaySeconds)
{
    using R = ClaimCheck::Result;
    IdTokenChecks out;
    const DecodedJwt jwt = Jwt::decode(idToken.toLatin1());
    if (!jwt.ok() || jwt.kind != JwtKind::Jws) {
        out.checks.append({u"format"_s, R::Failed,
                           jwt.ok() ? QCoreApplication::translate("IdTokenChecks", "The id_token is not a signed JWT.") : QCoreApplication::translate("IdTokenChecks", "The id_token cannot be read: ") + jwt.errorText});
        return out;
    }
    out.subject = jwt.payload.value(u"sub").toString();
    const QString alg = jwt.header.value(u"alg").toString();
    if (alg.isEmpty() || alg.compare(u"none", Qt::CaseInsensitive) == 0)
        out.checks.append({u"alg"_s, R::Failed, QCoreApplication::translate("IdTokenChecks", "The id_token is unsigned (alg \"none\"); it must be refused.")});
    else if (alg.startsWith(u"HS"))
        out.checks.append({u"signature"_s, R::NotChecked,
                           QCoreApplication::translate("IdTokenChecks", "%1: signed with the client secret, which a native app does not hold; it cannot be verified here.").arg(alg)});
    else
        out.checks.append({u"signature"_s, R::NotChecked,
                           QCoreApplication::translate("IdTokenChecks", "Not verified at login; the token inspector checks it against the issuer's keys.")});
    TokenExpectations expected;
    expected.kind = TokenKind::Id;
    expected.issuer = issuer;
    expected.audience = clientId;
    expected.clientId = clientId;
    expected.nonce = nonce;
    expected.leewaySeconds = leewaySeconds;
    out.checks += TokenChecks::claims(jwt, expected, now);
    return out;
}
