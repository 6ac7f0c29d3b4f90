#include "idtokenchecks.h"
#include "jwt.h"

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
                           jwt.ok() ? u"The id_token is not a signed JWT."_s : u"The id_token cannot be read: "_s + jwt.errorText});
        return out;
    }
    const QJsonObject &c = jwt.payload;
    out.subject = c.value(u"sub").toString();
    auto add = [&out](const QString &name, bool ok, const QString &passText, const QString &failText) {
        out.checks.append({name, ok ? R::Passed : R::Failed, ok ? passText : failText});
    };
    const QString alg = jwt.header.value(u"alg").toString();
    if (alg == u"none" || alg.isEmpty())
        add(u"alg"_s, false, {}, u"The id_token is unsigned (alg \"none\"); it must be refused."_s);
    out.checks.append({u"signature"_s, R::NotChecked,
                       u"Not verified at login; the token inspector checks it against the issuer's keys."_s});
    const QString iss = c.value(u"iss").toString();
    add(u"iss"_s, iss == issuer.toString(), u"Issued by %1."_s.arg(iss),
        u"The id_token was issued by \"%1\", not by the profile's issuer \"%2\"."_s.arg(iss, issuer.toString()));
    const QJsonValue aud = c.value(u"aud");
    const bool audOk = aud.isString() ? aud.toString() == clientId : aud.toArray().contains(QJsonValue(clientId));
    add(u"aud"_s, audOk, u"Meant for this client (%1)."_s.arg(clientId),
        u"The id_token is not meant for the client \"%1\"."_s.arg(clientId));
    if (aud.isArray() && aud.toArray().size() > 1) {
        const QString azp = c.value(u"azp").toString();
        add(u"azp"_s, azp == clientId, u"Authorized party is this client."_s,
            u"The id_token has several audiences and its azp is \"%1\", not this client."_s.arg(azp));
    }
    const qint64 t = now.toSecsSinceEpoch();
    if (!c.value(u"exp").isDouble()) {
        add(u"exp"_s, false, {}, u"The id_token has no exp claim."_s);
    } else {
        const qint64 exp = qint64(c.value(u"exp").toDouble());
        add(u"exp"_s, exp + leewaySeconds > t, u"Not expired."_s, u"The id_token expired %1 s ago."_s.arg(t - exp));
    }
    if (!nonce.isEmpty()) {
        const QString got = c.value(u"nonce").toString();
        add(u"nonce"_s, got == nonce, u"Matches this login's nonce."_s,
            got.isEmpty() ? u"The id_token has no nonce, but this login sent one (a possible replay)."_s
                          : u"The id_token's nonce is not this login's (a possible replay)."_s);
    }
    return out;
}
