// SPDX-License-Identifier: MIT
#include "api/challengeexplainer.h"
#include "api/errorbody.h"
#include "util/timeformat.h"

#include <QCoreApplication>
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
        return QCoreApplication::translate("ChallengeExplainer", " Its body is an HTML page%1, perhaps from a proxy or a framework rather than the API's own code.").arg(
                said.isEmpty() ? QString() : u" titled \"%1\""_s.arg(said));
    return said.isEmpty() ? QString() : QCoreApplication::translate("ChallengeExplainer", " The API says: \"%1\".").arg(said);
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
        out.sentence = QCoreApplication::translate("ChallengeExplainer", "No token was sent, and this endpoint needs one (401). Log in, and send with the token.") + words;
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
                known << QCoreApplication::translate("ChallengeExplainer", "the token expired at %1, %2 ago (its exp claim)").arg(
                        t.expiresAt.toUTC().toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s), TimeFormat::duration(-left));
                causes << Cause::Expired;
            } else {
                notExpired = true;
                fine << QCoreApplication::translate("ChallengeExplainer", "has not expired (it expires in %1)").arg(TimeFormat::duration(left));
            }
        }
        if (!x.expected.issuer.isEmpty() && !t.issuer.isEmpty()) {
            if (t.issuer != x.expected.issuer) {
                known << QCoreApplication::translate("ChallengeExplainer", "it was issued by \"%1\", not by the profile's issuer \"%2\" (its iss claim)").arg(t.issuer, x.expected.issuer);
                causes << Cause::Issuer;
            } else {
                fine << QCoreApplication::translate("ChallengeExplainer", "comes from the profile's issuer");
            }
        }
        if (!x.expected.audience.isEmpty()) {
            if (!t.audience.contains(x.expected.audience)) {
                known << (t.audience.isEmpty() ? QCoreApplication::translate("ChallengeExplainer", "it names no audience, and the profile's audience is \"%1\" (its aud claim)").arg(x.expected.audience)
                                               : QCoreApplication::translate("ChallengeExplainer", "it is meant for %1, not for the profile's audience \"%2\" (its aud claim)").arg(
                                                         quoted(t.audience), x.expected.audience));
                causes << Cause::Audience;
            } else {
                fine << QCoreApplication::translate("ChallengeExplainer", "is meant for the profile's audience");
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
        const QString carries = x.tokenScopes.isEmpty() ? QCoreApplication::translate("ChallengeExplainer", "no scopes") : x.tokenScopes.join(u' ');
        if (!missing.isEmpty()) {
            out.missingScope = missing.join(u' ');
            known << QCoreApplication::translate("ChallengeExplainer", "the token carries %1, and the profile's probe plan says this endpoint needs %2: it lacks %3").arg(
                    carries, x.expected.neededScopes.join(u' '), out.missingScope);
            causes.prepend(Cause::Scope);
        } else {
            fine << QCoreApplication::translate("ChallengeExplainer", "carries every scope the probe plan names for this endpoint (%1)").arg(x.expected.neededScopes.join(u' '));
        }
    }
    if (causes.isEmpty() && !fine.isEmpty())
        known << QCoreApplication::translate("ChallengeExplainer", "the token ") + fine.join(u", "_s);

    const bool saidNothing = said.isEmpty() && body.form != ErrorBody::Form::Html;
    if (saidNothing && known.isEmpty()) {
        out.sentence = x.status == 401
                ? QCoreApplication::translate("ChallengeExplainer", "The API answered as if no token had been sent (401 without an error). It may expect another scheme or header, or not read the Authorization header at all.")
                : QCoreApplication::translate("ChallengeExplainer", "The API forbids this request (403) without naming a missing scope; the user or client may lack a permission.");
        return out;
    }

    QString inferred;
    if (!causes.isEmpty()) {
        switch (causes.first()) {
        case Cause::Scope:
            inferred = QCoreApplication::translate("ChallengeExplainer", "that is why it was refused. Log in again asking for %1, and consent to it (the user must also be allowed to have it).").arg(out.missingScope);
            break;
        case Cause::Expired:
            inferred = QCoreApplication::translate("ChallengeExplainer", "the API refused the token because it has expired. Log in again, or refresh, for a fresh token.");
            break;
        case Cause::Issuer:
            inferred = QCoreApplication::translate("ChallengeExplainer", "the API does not trust this issuer. Use a token from the issuer the API trusts, or check the API's issuer setting.");
            break;
        case Cause::Audience:
            inferred = QCoreApplication::translate("ChallengeExplainer", "the API wants tokens for %1. Log in again asking for that audience (the profile's audience setting).").arg(
                    x.expected.audience);
            break;
        }
    } else if (mentionsExpiry(said) && notExpired) {
        inferred = QCoreApplication::translate("ChallengeExplainer", "the API says the token expired, but by this computer's clock it has not: one of the two clocks is wrong.");
    } else if (mentionsExpiry(said)) {
        inferred = QCoreApplication::translate("ChallengeExplainer", "from the API's words, the token has expired. Log in again for a fresh token.");
    } else if (aboutScope && mentionsScope(said)) {
        inferred = QCoreApplication::translate("ChallengeExplainer", "from the API's words, the token lacks a scope, but the probe plan names none for this endpoint. "
                   "Add the endpoint's scopes to the profile's probe plan, or log in again asking for the scope the API's documentation names.");
    } else if (x.status == 401) {
        inferred = t.readable ? QCoreApplication::translate("ChallengeExplainer", "the API may not trust the key that signed the token, expect another scheme or header, or check a claim TokenLab does not know.")
                              : QCoreApplication::translate("ChallengeExplainer", "TokenLab cannot read this token's claims (it is not a JWT), so it cannot check its expiry, audience or issuer; the API may also expect another scheme or header.");
    } else {
        inferred = QCoreApplication::translate("ChallengeExplainer", "the user or client may lack a permission the API checks besides scopes.");
    }
    const QString lead = x.status == 401 ? (words.isEmpty() ? QCoreApplication::translate("ChallengeExplainer", "The API answered as if no token had been sent (401 without an error).")
                                                            : QCoreApplication::translate("ChallengeExplainer", "The API refused the request (401) without an error in a Bearer challenge."))
            : words.isEmpty() ? QCoreApplication::translate("ChallengeExplainer", "The API forbids this request (403) without naming a missing scope.")
                              : QCoreApplication::translate("ChallengeExplainer", "The API forbids this request (403).");
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
    const QString server = description.isEmpty() ? QString() : QCoreApplication::translate("ChallengeExplainer", " (the API says: \"%1\")").arg(description);
    const bool sentAsBearer = x.token.scheme.compare(u"Bearer", Qt::CaseInsensitive) == 0;
    if (error == u"use_dpop_nonce") {
        out.sentence = QCoreApplication::translate("ChallengeExplainer", "The API wants its nonce in the DPoP proof (use_dpop_nonce)%1, and a retry with it was refused too.").arg(server);
    } else if (error == u"invalid_dpop_proof") {
        out.sentence = QCoreApplication::translate("ChallengeExplainer", "The API refused the DPoP proof (invalid_dpop_proof)%1. A proof must be signed by the key the token is bound to, "
                       "name this method and URL, be fresh (iat) and unused (jti), and carry the token's hash (ath).").arg(server);
    } else if (sentAsBearer && !x.token.boundKey.isEmpty()) {
        out.sentence = QCoreApplication::translate("ChallengeExplainer", "The token is DPoP-bound (cnf.jkt) but went as Bearer, so the API refused it (%1)%2. Send it as "
                       "\"Authorization: DPoP <token>\" with a proof from the profile's key, as TokenLab's own calls do.").arg(error, server);
    } else if (sentAsBearer) {
        out.sentence = QCoreApplication::translate("ChallengeExplainer", "The API takes DPoP-bound tokens only and refused the Bearer token (%1)%2. Turn DPoP on for the profile "
                       "and log in again, so the issuer binds the token to a proof key.").arg(error, server);
    } else {
        out.sentence = QCoreApplication::translate("ChallengeExplainer", "The API refused the request with a DPoP error (HTTP %1, %2)%3.").arg(x.status).arg(error, server);
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
    const QString server = description.isEmpty() ? QString() : QCoreApplication::translate("ChallengeExplainer", " (the API says: \"%1\")").arg(description);
    const AuthChallenge *dpop = x.challenges.find(u"DPoP"_s);
    if (error.isEmpty() && dpop && !dpop->param(u"error"_s).isEmpty() && s != 403)
        return explainDpop(x, *dpop);
    if ((s == 400 || s == 401) && error.isEmpty() && dpop && !bearer && x.token.scheme.compare(u"Bearer", Qt::CaseInsensitive) == 0) {
        out.sentence = !x.token.boundKey.isEmpty()
                ? QCoreApplication::translate("ChallengeExplainer", "The token is DPoP-bound (cnf.jkt) but went as Bearer, and the API takes DPoP only (HTTP %1, a DPoP challenge and no Bearer one). "
                  "Send it as \"Authorization: DPoP <token>\" with a proof from the profile's key, as TokenLab's own calls do.").arg(s)
                : QCoreApplication::translate("ChallengeExplainer", "The API takes DPoP only (HTTP %1, a DPoP challenge and no Bearer one) and refused the Bearer token. Turn DPoP on "
                  "for the profile and log in again, so the issuer binds the token to a proof key.").arg(s);
        return out;
    }
    if ((s == 401 || s == 403) && error.isEmpty())
        return explainWithoutError(x);
    // RFC 6750 3.1: 401 invalid_token for a bad token, 403 insufficient_scope for a missing scope.
    if (s == 401) {
        if (!x.tokenSent)
            out.sentence = QCoreApplication::translate("ChallengeExplainer", "No token was sent, and this endpoint needs one (401). Log in, and send with the token.");
        else if (error == u"invalid_token" && mentionsExpiry(description))
            out.sentence = QCoreApplication::translate("ChallengeExplainer", "The API says the token has expired%1. Log in again for a fresh token.").arg(server);
        else if (error == u"invalid_token")
            out.sentence = QCoreApplication::translate("ChallengeExplainer", "The API refused the token as invalid%1. Check that it was issued for this API's audience by the issuer the API trusts, and that it was not altered.").arg(server);
        else if (error.isEmpty())
            out.sentence = QCoreApplication::translate("ChallengeExplainer", "The API answered as if no token had been sent (401 without an error). It may expect another scheme or header, or not read the Authorization header at all.");
        else
            out.sentence = QCoreApplication::translate("ChallengeExplainer", "The API refused the credentials (401, %1)%2.").arg(error, server);
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
            out.sentence = QCoreApplication::translate("ChallengeExplainer", "The token lacks the scope %1 that this endpoint needs (403 insufficient_scope); it carries %2. "
                           "Log in again asking for %1, and consent to it (the user must also be allowed to have it).")
                                   .arg(needed.isEmpty() ? QCoreApplication::translate("ChallengeExplainer", "the API names") : needed,
                                        x.tokenScopes.isEmpty() ? QCoreApplication::translate("ChallengeExplainer", "no scopes") : x.tokenScopes.join(u' '));
        } else {
            out.sentence = QCoreApplication::translate("ChallengeExplainer", "The API forbids this request (403)%1 without naming a missing scope; the user or client may lack a permission.").arg(server);
        }
        return out;
    }
    if (s == 400) {
        out.sentence = error == u"invalid_request"
                ? QCoreApplication::translate("ChallengeExplainer", "The API refused the request as malformed (invalid_request)%1. Send the token once, as \"Authorization: Bearer <token>\".").arg(server)
                : QCoreApplication::translate("ChallengeExplainer", "The API refused the request as malformed (400)%1.").arg(server);
        return out;
    }
    if (s == 404) {
        out.sentence = QCoreApplication::translate("ChallengeExplainer", "Nothing is at %1 (404). Check the profile's API base URL and the path.").arg(x.path);
        return out;
    }
    if (s == 405) {
        out.sentence = QCoreApplication::translate("ChallengeExplainer", "The endpoint does not accept %1 (405); it allows %2.").arg(QString::fromLatin1(x.method), QString::fromLatin1(x.allow));
        return out;
    }
    if (s >= 500) {
        out.sentence = QCoreApplication::translate("ChallengeExplainer", "The API failed (HTTP %1): the problem is on the server's side; its body may say more.").arg(s);
        return out;
    }
    if (s >= 300 && s < 400) {
        out.sentence = QCoreApplication::translate("ChallengeExplainer", "The API answered with a redirect (HTTP %1) that TokenLab did not follow.").arg(s);
        return out;
    }
    out.sentence = QCoreApplication::translate("ChallengeExplainer", "The API answered HTTP %1%2.").arg(s).arg(server);
    return out;
}

} // namespace ChallengeExplainer
