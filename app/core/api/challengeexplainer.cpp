// SPDX-License-Identifier: MIT
#include "api/challengeexplainer.h"
#include "api/errorbody.h"
#include "util/timeformat.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {

// "jwt expired", "Token has expired", "\"exp\" claim timestamp check failed"
// (express-oauth2-jwt-bearer), "TokenExpiredError", but not "unexpected" or "expected".
bool mentionsExpiry(const QString &description)
{
    static const QRegularExpression expiry(u"\\bexp\\b|expired"_s, QRegularExpression::CaseInsensitiveOption);
    return expiry.match(description).hasMatch();
}

// "Insufficient scope", "missing permissions", "insufficient_scope".
bool mentionsScope(const QString &words)
{
    static const QRegularExpression scope(u"scope|permission"_s, QRegularExpression::CaseInsensitiveOption);
    return scope.match(words).hasMatch();
}

QString quoted(const QStringList &values)
{
    QStringList out;
    for (const QString &v : values)
        out << u'"' + v + u'"';
    return out.join(u", "_s);
}

// What the body says, as a sentence to follow the status: the API's words
// quoted, or what kind of page came instead.
QString wordsOf(const ErrorBody &body)
{
    const QString said = body.said();
    if (body.form == ErrorBody::Form::Html)
        return u" Its body is an HTML page%1, perhaps from a proxy or a framework rather than the API's own code."_s.arg(
                said.isEmpty() ? QString() : u" titled \"%1\""_s.arg(said));
    return said.isEmpty() ? QString() : u" The API says: \"%1\"."_s.arg(said);
}

enum class Cause { Expired, Issuer, Audience, Scope };

// A 401 or 403 with no Bearer error (RFC 6750 3.1 asks for one; many APIs
// send none): the API's words from the body, then what TokenLab knows of the
// token (decoded claims, the plan's scopes) apart from what it infers.
ChallengeExplanation explainWithoutError(const ChallengeContext &x)
{
    ChallengeExplanation out;
    const ErrorBody body = ErrorBody::parse(x.body, x.contentType);
    const QString said = body.said();
    const QString words = wordsOf(body);
    if (x.status == 401 && !x.tokenSent) {
        out.sentence = u"No token was sent, and this endpoint needs one (401). Log in, and send with the token."_s + words;
        return out;
    }

    QStringList known;
    QList<Cause> causes;
    QStringList fine; // what was checked and holds
    bool notExpired = false;
    const SentToken &t = x.token;
    if (x.tokenSent && t.readable) {
        if (t.expiresAt.isValid() && x.now.isValid()) {
            const qint64 left = x.now.secsTo(t.expiresAt);
            if (left <= 0) {
                known << u"the token expired at %1, %2 ago (its exp claim)"_s.arg(
                        t.expiresAt.toUTC().toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s), TimeFormat::duration(-left));
                causes << Cause::Expired;
            } else {
                notExpired = true;
                fine << u"has not expired (it expires in %1)"_s.arg(TimeFormat::duration(left));
            }
        }
        if (!x.expected.issuer.isEmpty() && !t.issuer.isEmpty()) {
            if (t.issuer != x.expected.issuer) {
                known << u"it was issued by \"%1\", not by the profile's issuer \"%2\" (its iss claim)"_s.arg(t.issuer, x.expected.issuer);
                causes << Cause::Issuer;
            } else {
                fine << u"comes from the profile's issuer"_s;
            }
        }
        if (!x.expected.audience.isEmpty()) {
            if (!t.audience.contains(x.expected.audience)) {
                known << (t.audience.isEmpty() ? u"it names no audience, and the profile's audience is \"%1\" (its aud claim)"_s.arg(x.expected.audience)
                                               : u"it is meant for %1, not for the profile's audience \"%2\" (its aud claim)"_s.arg(
                                                         quoted(t.audience), x.expected.audience));
                causes << Cause::Audience;
            } else {
                fine << u"is meant for the profile's audience"_s;
            }
        }
    }
    const bool aboutScope = x.status == 403 || mentionsScope(said);
    if (x.tokenSent && aboutScope && !x.expected.neededScopes.isEmpty()) {
        QStringList missing;
        for (const QString &scope : x.expected.neededScopes) {
            if (!x.tokenScopes.contains(scope))
                missing << scope;
        }
        const QString carries = x.tokenScopes.isEmpty() ? u"no scopes"_s : x.tokenScopes.join(u' ');
        if (!missing.isEmpty()) {
            out.missingScope = missing.join(u' ');
            known << u"the token carries %1, and the profile's probe plan says this endpoint needs %2: it lacks %3"_s.arg(
                    carries, x.expected.neededScopes.join(u' '), out.missingScope);
            causes.prepend(Cause::Scope);
        } else {
            fine << u"carries every scope the probe plan names for this endpoint (%1)"_s.arg(x.expected.neededScopes.join(u' '));
        }
    }
    if (causes.isEmpty() && !fine.isEmpty())
        known << u"the token "_s + fine.join(u", "_s);

    const bool saidNothing = said.isEmpty() && body.form != ErrorBody::Form::Html;
    if (saidNothing && known.isEmpty()) {
        out.sentence = x.status == 401
                ? u"The API answered as if no token had been sent (401 without an error). It may expect another scheme or header, or not read the Authorization header at all."_s
                : u"The API forbids this request (403) without naming a missing scope; the user or client may lack a permission."_s;
        return out;
    }

    QString inferred;
    if (!causes.isEmpty()) {
        switch (causes.first()) {
        case Cause::Scope:
            inferred = u"that is why it was refused. Log in again asking for %1, and consent to it (the user must also be allowed to have it)."_s.arg(out.missingScope);
            break;
        case Cause::Expired:
            inferred = u"the API refused the token because it has expired. Log in again, or refresh, for a fresh token."_s;
            break;
        case Cause::Issuer:
            inferred = u"the API does not trust this issuer. Use a token from the issuer the API trusts, or check the API's issuer setting."_s;
            break;
        case Cause::Audience:
            inferred = u"the API wants tokens for %1. Log in again asking for that audience (the profile's audience setting)."_s.arg(
                    x.expected.audience);
            break;
        }
    } else if (mentionsExpiry(said) && notExpired) {
        inferred = u"the API says the token expired, but by this computer's clock it has not: one of the two clocks is wrong."_s;
    } else if (mentionsExpiry(said)) {
        inferred = u"from the API's words, the token has expired. Log in again for a fresh token."_s;
    } else if (aboutScope && mentionsScope(said)) {
        inferred = u"from the API's words, the token lacks a scope, but the probe plan names none for this endpoint. "
                   "Add the endpoint's scopes to the profile's probe plan, or log in again asking for the scope the API's documentation names."_s;
    } else if (x.status == 401) {
        inferred = t.readable ? u"the API may not trust the key that signed the token, expect another scheme or header, or check a claim TokenLab does not know."_s
                              : u"TokenLab cannot read this token's claims (it is not a JWT), so it cannot check its expiry, audience or issuer; the API may also expect another scheme or header."_s;
    } else {
        inferred = u"the user or client may lack a permission the API checks besides scopes."_s;
    }
    const QString lead = x.status == 401 ? (words.isEmpty() ? u"The API answered as if no token had been sent (401 without an error)."_s
                                                            : u"The API refused the request (401) without an error in a Bearer challenge."_s)
            : words.isEmpty() ? u"The API forbids this request (403) without naming a missing scope."_s
                              : u"The API forbids this request (403)."_s;
    out.sentence = lead + words;
    if (!known.isEmpty())
        out.sentence += u" Known: "_s + known.join(u"; "_s) + u'.';
    out.sentence += u" Inferred: "_s + inferred;
    return out;
}

// RFC 9449 7.1 and 9: the API's DPoP challenge carries the error.
ChallengeExplanation explainDpop(const ChallengeContext &x, const AuthChallenge &dpop)
{
    ChallengeExplanation out;
    const QString error = dpop.param(u"error"_s);
    const QString description = dpop.param(u"error_description"_s);
    const QString server = description.isEmpty() ? QString() : u" (the API says: \"%1\")"_s.arg(description);
    const bool sentAsBearer = x.token.scheme.compare(u"Bearer", Qt::CaseInsensitive) == 0;
    if (error == u"use_dpop_nonce") {
        out.sentence = u"The API wants its nonce in the DPoP proof (use_dpop_nonce)%1, and a retry with it was refused too."_s.arg(server);
    } else if (error == u"invalid_dpop_proof") {
        out.sentence = u"The API refused the DPoP proof (invalid_dpop_proof)%1. A proof must be signed by the key the token is bound to, "
                       "name this method and URL, be fresh (iat) and unused (jti), and carry the token's hash (ath)."_s.arg(server);
    } else if (sentAsBearer && !x.token.boundKey.isEmpty()) {
        out.sentence = u"The token is DPoP-bound (cnf.jkt) but went as Bearer, so the API refused it (%1)%2. Send it as "
                       "\"Authorization: DPoP <token>\" with a proof from the profile's key, as TokenLab's own calls do."_s.arg(error, server);
    } else if (sentAsBearer) {
        out.sentence = u"The API takes DPoP-bound tokens only and refused the Bearer token (%1)%2. Turn DPoP on for the profile "
                       "and log in again, so the issuer binds the token to a proof key."_s.arg(error, server);
    } else {
        out.sentence = u"The API refused the request with a DPoP error (HTTP %1, %2)%3."_s.arg(x.status).arg(error, server);
    }
    return out;
}

} // namespace

namespace ChallengeExplainer {

ChallengeExplanation explain(const ChallengeContext &x)
{
    ChallengeExplanation out;
    const int s = x.status;
    if (s >= 200 && s < 300)
        return out;
    const AuthChallenge *bearer = x.challenges.find(u"Bearer"_s);
    const QString error = bearer ? bearer->param(u"error"_s) : QString();
    const QString description = bearer ? bearer->param(u"error_description"_s) : QString();
    const QString server = description.isEmpty() ? QString() : u" (the API says: \"%1\")"_s.arg(description);
    const AuthChallenge *dpop = x.challenges.find(u"DPoP"_s);
    if (error.isEmpty() && dpop && !dpop->param(u"error"_s).isEmpty() && s != 403)
        return explainDpop(x, *dpop);
    if ((s == 400 || s == 401) && error.isEmpty() && dpop && !bearer && x.token.scheme.compare(u"Bearer", Qt::CaseInsensitive) == 0) {
        out.sentence = !x.token.boundKey.isEmpty()
                ? u"The token is DPoP-bound (cnf.jkt) but went as Bearer, and the API takes DPoP only (HTTP %1, a DPoP challenge and no Bearer one). "
                  "Send it as \"Authorization: DPoP <token>\" with a proof from the profile's key, as TokenLab's own calls do."_s.arg(s)
                : u"The API takes DPoP only (HTTP %1, a DPoP challenge and no Bearer one) and refused the Bearer token. Turn DPoP on "
                  "for the profile and log in again, so the issuer binds the token to a proof key."_s.arg(s);
        return out;
    }
    if ((s == 401 || s == 403) && error.isEmpty())
        return explainWithoutError(x);
    // RFC 6750 3.1: 401 invalid_token for a bad token, 403 insufficient_scope for a missing scope.
    if (s == 401) {
        if (!x.tokenSent)
            out.sentence = u"No token was sent, and this endpoint needs one (401). Log in, and send with the token."_s;
        else if (error == u"invalid_token" && mentionsExpiry(description))
            out.sentence = u"The API says the token has expired%1. Log in again for a fresh token."_s.arg(server);
        else if (error == u"invalid_token")
            out.sentence = u"The API refused the token as invalid%1. Check that it was issued for this API's audience by the issuer the API trusts, and that it was not altered."_s.arg(server);
        else if (error.isEmpty())
            out.sentence = u"The API answered as if no token had been sent (401 without an error). It may expect another scheme or header, or not read the Authorization header at all."_s;
        else
            out.sentence = u"The API refused the credentials (401, %1)%2."_s.arg(error, server);
        return out;
    }
    if (s == 403) {
        if (error == u"insufficient_scope") {
            out.missingScope = bearer->param(u"scope"_s);
            // Name only what the token lacks: APIs often list every scope the endpoint needs.
            QStringList missing;
            for (const QString &scope : out.missingScope.split(u' ', Qt::SkipEmptyParts)) {
                if (!x.tokenScopes.contains(scope))
                    missing << scope;
            }
            const QString needed = missing.isEmpty() ? out.missingScope : missing.join(u' ');
            out.sentence = u"The token lacks the scope %1 that this endpoint needs (403 insufficient_scope); it carries %2. "
                           "Log in again asking for %1, and consent to it (the user must also be allowed to have it)."_s
                                   .arg(needed.isEmpty() ? u"the API names"_s : needed,
                                        x.tokenScopes.isEmpty() ? u"no scopes"_s : x.tokenScopes.join(u' '));
        } else {
            out.sentence = u"The API forbids this request (403)%1 without naming a missing scope; the user or client may lack a permission."_s.arg(server);
        }
        return out;
    }
    if (s == 400) {
        out.sentence = error == u"invalid_request"
                ? u"The API refused the request as malformed (invalid_request)%1. Send the token once, as \"Authorization: Bearer <token>\"."_s.arg(server)
                : u"The API refused the request as malformed (400)%1."_s.arg(server);
        return out;
    }
    if (s == 404) {
        out.sentence = u"Nothing is at %1 (404). Check the profile's API base URL and the path."_s.arg(x.path);
        return out;
    }
    if (s == 405) {
        out.sentence = u"The endpoint does not accept %1 (405); it allows %2."_s.arg(QString::fromLatin1(x.method), QString::fromLatin1(x.allow));
        return out;
    }
    if (s >= 500) {
        out.sentence = u"The API failed (HTTP %1): the problem is on the server's side; its body may say more."_s.arg(s);
        return out;
    }
    if (s >= 300 && s < 400) {
        out.sentence = u"The API answered with a redirect (HTTP %1) that TokenLab did not follow."_s.arg(s);
        return out;
    }
    out.sentence = u"The API answered HTTP %1%2."_s.arg(s).arg(server);
    return out;
}

} // namespace ChallengeExplainer
