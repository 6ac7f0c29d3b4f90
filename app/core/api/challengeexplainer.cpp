// SPDX-License-Identifier: MIT
#include "api/challengeexplainer.h"
#include "api/errorbody.h"
#include "util/timeformat.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {

// Explanations stay English in the exchange (the probe's reports quote
// them); the API tab, tokenlab-cli call and the probe's table translate
// them when they show them.
DeferredText say(const char *source)
{
    return {"ChallengeExplainer", source};
}

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
DeferredText wordsOf(const ErrorBody &body)
{
    const QString said = body.said();
    if (body.form == ErrorBody::Form::Html)
        return say(QT_TRANSLATE_NOOP("ChallengeExplainer", " Its body is an HTML page%1, perhaps from a proxy or a framework rather than the API's own code.")).arg(
                said.isEmpty() ? DeferredText() : say(QT_TRANSLATE_NOOP("ChallengeExplainer", " titled \"%1\"")).arg(said));
    return said.isEmpty() ? DeferredText() : say(QT_TRANSLATE_NOOP("ChallengeExplainer", " The API says: \"%1\".")).arg(said);
}

// Sentences run on: each source carries its own leading space.
DeferredText runOn(const QList<DeferredText> &parts)
{
    return DeferredText::joined(parts, QString());
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
    const DeferredText words = wordsOf(body);
    if (x.status == 401 && !x.tokenSent) {
        out.sentence = runOn({say(QT_TRANSLATE_NOOP("ChallengeExplainer", "No token was sent, and this endpoint needs one (401). Log in, and send with the token.")), words});
        return out;
    }

    QList<DeferredText> known;
    QList<Cause> causes;
    QList<DeferredText> fine; // what was checked and holds
    bool notExpired = false;
    const SentToken &t = x.token;
    if (x.tokenSent && t.readable) {
        if (t.expiresAt.isValid() && x.now.isValid()) {
            const qint64 left = x.now.secsTo(t.expiresAt);
            if (left <= 0) {
                known << say(QT_TRANSLATE_NOOP("ChallengeExplainer", "the token expired at %1, %2 ago (its exp claim)")).arg(
                        t.expiresAt.toUTC().toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s), TimeFormat::duration(-left));
                causes << Cause::Expired;
            } else {
                notExpired = true;
                fine << say(QT_TRANSLATE_NOOP("ChallengeExplainer", "has not expired (it expires in %1)")).arg(TimeFormat::duration(left));
            }
        }
        if (!x.expected.issuer.isEmpty() && !t.issuer.isEmpty()) {
            if (t.issuer != x.expected.issuer) {
                known << say(QT_TRANSLATE_NOOP("ChallengeExplainer", "it was issued by \"%1\", not by the profile's issuer \"%2\" (its iss claim)")).arg(t.issuer, x.expected.issuer);
                causes << Cause::Issuer;
            } else {
                fine << say(QT_TRANSLATE_NOOP("ChallengeExplainer", "comes from the profile's issuer"));
            }
        }
        if (!x.expected.audience.isEmpty()) {
            if (!t.audience.contains(x.expected.audience)) {
                known << (t.audience.isEmpty() ? say(QT_TRANSLATE_NOOP("ChallengeExplainer", "it names no audience, and the profile's audience is \"%1\" (its aud claim)")).arg(x.expected.audience)
                                               : say(QT_TRANSLATE_NOOP("ChallengeExplainer", "it is meant for %1, not for the profile's audience \"%2\" (its aud claim)")).arg(
                                                         quoted(t.audience), x.expected.audience));
                causes << Cause::Audience;
            } else {
                fine << say(QT_TRANSLATE_NOOP("ChallengeExplainer", "is meant for the profile's audience"));
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
        const DeferredText carries = x.tokenScopes.isEmpty() ? say(QT_TRANSLATE_NOOP("ChallengeExplainer", "no scopes")) : DeferredText(x.tokenScopes.join(u' '));
        if (!missing.isEmpty()) {
            out.missingScope = missing.join(u' ');
            known << say(QT_TRANSLATE_NOOP("ChallengeExplainer", "the token carries %1, and the profile's probe plan says this endpoint needs %2: it lacks %3")).arg(
                    carries, x.expected.neededScopes.join(u' '), out.missingScope);
            causes.prepend(Cause::Scope);
        } else {
            fine << say(QT_TRANSLATE_NOOP("ChallengeExplainer", "carries every scope the probe plan names for this endpoint (%1)")).arg(x.expected.neededScopes.join(u' '));
        }
    }
    if (causes.isEmpty() && !fine.isEmpty())
        known << runOn({say(QT_TRANSLATE_NOOP("ChallengeExplainer", "the token ")), DeferredText::joined(fine, u", "_s)});

    const bool saidNothing = said.isEmpty() && body.form != ErrorBody::Form::Html;
    if (saidNothing && known.isEmpty()) {
        out.sentence = x.status == 401
                ? say(QT_TRANSLATE_NOOP("ChallengeExplainer", "The API answered as if no token had been sent (401 without an error). It may expect another scheme or header, or not read the Authorization header at all."))
                : say(QT_TRANSLATE_NOOP("ChallengeExplainer", "The API forbids this request (403) without naming a missing scope; the user or client may lack a permission."));
        return out;
    }

    DeferredText inferred;
    if (!causes.isEmpty()) {
        switch (causes.first()) {
        case Cause::Scope:
            inferred = say(QT_TRANSLATE_NOOP("ChallengeExplainer", "that is why it was refused. Log in again asking for %1, and consent to it (the user must also be allowed to have it).")).arg(out.missingScope);
            break;
        case Cause::Expired:
            inferred = say(QT_TRANSLATE_NOOP("ChallengeExplainer", "the API refused the token because it has expired. Log in again, or refresh, for a fresh token."));
            break;
        case Cause::Issuer:
            inferred = say(QT_TRANSLATE_NOOP("ChallengeExplainer", "the API does not trust this issuer. Use a token from the issuer the API trusts, or check the API's issuer setting."));
            break;
        case Cause::Audience:
            inferred = say(QT_TRANSLATE_NOOP("ChallengeExplainer", "the API wants tokens for %1. Log in again asking for that audience (the profile's audience setting).")).arg(
                    x.expected.audience);
            break;
        }
    } else if (mentionsExpiry(said) && notExpired) {
        inferred = say(QT_TRANSLATE_NOOP("ChallengeExplainer", "the API says the token expired, but by this computer's clock it has not: one of the two clocks is wrong."));
    } else if (mentionsExpiry(said)) {
        inferred = say(QT_TRANSLATE_NOOP("ChallengeExplainer", "from the API's words, the token has expired. Log in again for a fresh token."));
    } else if (aboutScope && mentionsScope(said)) {
        inferred = say(QT_TRANSLATE_NOOP("ChallengeExplainer", "from the API's words, the token lacks a scope, but the probe plan names none for this endpoint. "
                   "Add the endpoint's scopes to the profile's probe plan, or log in again asking for the scope the API's documentation names."));
    } else if (x.status == 401) {
        inferred = t.readable ? say(QT_TRANSLATE_NOOP("ChallengeExplainer", "the API may not trust the key that signed the token, expect another scheme or header, or check a claim TokenLab does not know."))
                              : say(QT_TRANSLATE_NOOP("ChallengeExplainer", "TokenLab cannot read this token's claims (it is not a JWT), so it cannot check its expiry, audience or issuer; the API may also expect another scheme or header."));
    } else {
        inferred = say(QT_TRANSLATE_NOOP("ChallengeExplainer", "the user or client may lack a permission the API checks besides scopes."));
    }
    const DeferredText lead = x.status == 401 ? (words.isEmpty() ? say(QT_TRANSLATE_NOOP("ChallengeExplainer", "The API answered as if no token had been sent (401 without an error)."))
                                                            : say(QT_TRANSLATE_NOOP("ChallengeExplainer", "The API refused the request (401) without an error in a Bearer challenge.")))
            : words.isEmpty() ? say(QT_TRANSLATE_NOOP("ChallengeExplainer", "The API forbids this request (403) without naming a missing scope."))
                              : say(QT_TRANSLATE_NOOP("ChallengeExplainer", "The API forbids this request (403)."));
    out.sentence = runOn({lead, words,
                          known.isEmpty() ? DeferredText() : say(QT_TRANSLATE_NOOP("ChallengeExplainer", " Known: %1.")).arg(DeferredText::joined(known, u"; "_s)),
                          say(QT_TRANSLATE_NOOP("ChallengeExplainer", " Inferred: %1")).arg(inferred)});
    return out;
}

// RFC 9449 7.1 and 9: the API's DPoP challenge carries the error.
ChallengeExplanation explainDpop(const ChallengeContext &x, const AuthChallenge &dpop)
{
    ChallengeExplanation out;
    const QString error = dpop.param(u"error"_s);
    const QString description = dpop.param(u"error_description"_s);
    const DeferredText server = description.isEmpty() ? DeferredText() : say(QT_TRANSLATE_NOOP("ChallengeExplainer", " (the API says: \"%1\")")).arg(description);
    const bool sentAsBearer = x.token.scheme.compare(u"Bearer", Qt::CaseInsensitive) == 0;
    if (error == u"use_dpop_nonce") {
        out.sentence = say(QT_TRANSLATE_NOOP("ChallengeExplainer", "The API wants its nonce in the DPoP proof (use_dpop_nonce)%1, and a retry with it was refused too.")).arg(server);
    } else if (error == u"invalid_dpop_proof") {
        out.sentence = say(QT_TRANSLATE_NOOP("ChallengeExplainer", "The API refused the DPoP proof (invalid_dpop_proof)%1. A proof must be signed by the key the token is bound to, "
                       "name this method and URL, be fresh (iat) and unused (jti), and carry the token's hash (ath).")).arg(server);
    } else if (sentAsBearer && !x.token.boundKey.isEmpty()) {
        out.sentence = say(QT_TRANSLATE_NOOP("ChallengeExplainer", "The token is DPoP-bound (cnf.jkt) but went as Bearer, so the API refused it (%1)%2. Send it as "
                       "\"Authorization: DPoP <token>\" with a proof from the profile's key, as TokenLab's own calls do.")).arg(error, server);
    } else if (sentAsBearer) {
        out.sentence = say(QT_TRANSLATE_NOOP("ChallengeExplainer", "The API takes DPoP-bound tokens only and refused the Bearer token (%1)%2. Turn DPoP on for the profile "
                       "and log in again, so the issuer binds the token to a proof key.")).arg(error, server);
    } else {
        out.sentence = say(QT_TRANSLATE_NOOP("ChallengeExplainer", "The API refused the request with a DPoP error (HTTP %1, %2)%3.")).arg(x.status).arg(error, server);
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
    const DeferredText server = description.isEmpty() ? DeferredText() : say(QT_TRANSLATE_NOOP("ChallengeExplainer", " (the API says: \"%1\")")).arg(description);
    const AuthChallenge *dpop = x.challenges.find(u"DPoP"_s);
    if (error.isEmpty() && dpop && !dpop->param(u"error"_s).isEmpty() && s != 403)
        return explainDpop(x, *dpop);
    if ((s == 400 || s == 401) && error.isEmpty() && dpop && !bearer && x.token.scheme.compare(u"Bearer", Qt::CaseInsensitive) == 0) {
        out.sentence = !x.token.boundKey.isEmpty()
                ? say(QT_TRANSLATE_NOOP("ChallengeExplainer", "The token is DPoP-bound (cnf.jkt) but went as Bearer, and the API takes DPoP only (HTTP %1, a DPoP challenge and no Bearer one). "
                  "Send it as \"Authorization: DPoP <token>\" with a proof from the profile's key, as TokenLab's own calls do.")).arg(s)
                : say(QT_TRANSLATE_NOOP("ChallengeExplainer", "The API takes DPoP only (HTTP %1, a DPoP challenge and no Bearer one) and refused the Bearer token. Turn DPoP on "
                  "for the profile and log in again, so the issuer binds the token to a proof key.")).arg(s);
        return out;
    }
    if ((s == 401 || s == 403) && error.isEmpty())
        return explainWithoutError(x);
    // RFC 6750 3.1: 401 invalid_token for a bad token, 403 insufficient_scope for a missing scope.
    if (s == 401) {
        if (!x.tokenSent)
            out.sentence = say(QT_TRANSLATE_NOOP("ChallengeExplainer", "No token was sent, and this endpoint needs one (401). Log in, and send with the token."));
        else if (error == u"invalid_token" && mentionsExpiry(description))
            out.sentence = say(QT_TRANSLATE_NOOP("ChallengeExplainer", "The API says the token has expired%1. Log in again for a fresh token.")).arg(server);
        else if (error == u"invalid_token")
            out.sentence = say(QT_TRANSLATE_NOOP("ChallengeExplainer", "The API refused the token as invalid%1. Check that it was issued for this API's audience by the issuer the API trusts, and that it was not altered.")).arg(server);
        else if (error.isEmpty())
            out.sentence = say(QT_TRANSLATE_NOOP("ChallengeExplainer", "The API answered as if no token had been sent (401 without an error). It may expect another scheme or header, or not read the Authorization header at all."));
        else
            out.sentence = say(QT_TRANSLATE_NOOP("ChallengeExplainer", "The API refused the credentials (401, %1)%2.")).arg(error, server);
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
            out.sentence = say(QT_TRANSLATE_NOOP("ChallengeExplainer", "The token lacks the scope %1 that this endpoint needs (403 insufficient_scope); it carries %2. "
                           "Log in again asking for %1, and consent to it (the user must also be allowed to have it)."))
                                   .arg(needed.isEmpty() ? say(QT_TRANSLATE_NOOP("ChallengeExplainer", "the API names")) : needed,
                                        x.tokenScopes.isEmpty() ? say(QT_TRANSLATE_NOOP("ChallengeExplainer", "no scopes")) : x.tokenScopes.join(u' '));
        } else {
            out.sentence = say(QT_TRANSLATE_NOOP("ChallengeExplainer", "The API forbids this request (403)%1 without naming a missing scope; the user or client may lack a permission.")).arg(server);
        }
        return out;
    }
    if (s == 400) {
        out.sentence = error == u"invalid_request"
                ? say(QT_TRANSLATE_NOOP("ChallengeExplainer", "The API refused the request as malformed (invalid_request)%1. Send the token once, as \"Authorization: Bearer <token>\".")).arg(server)
                : say(QT_TRANSLATE_NOOP("ChallengeExplainer", "The API refused the request as malformed (400)%1.")).arg(server);
        return out;
    }
    if (s == 404) {
        out.sentence = say(QT_TRANSLATE_NOOP("ChallengeExplainer", "Nothing is at %1 (404). Check the profile's API base URL and the path.")).arg(x.path);
        return out;
    }
    if (s == 405) {
        out.sentence = say(QT_TRANSLATE_NOOP("ChallengeExplainer", "The endpoint does not accept %1 (405); it allows %2.")).arg(QString::fromLatin1(x.method), QString::fromLatin1(x.allow));
        return out;
    }
    if (s >= 500) {
        out.sentence = say(QT_TRANSLATE_NOOP("ChallengeExplainer", "The API failed (HTTP %1): the problem is on the server's side; its body may say more.")).arg(s);
        return out;
    }
    if (s >= 300 && s < 400) {
        out.sentence = say(QT_TRANSLATE_NOOP("ChallengeExplainer", "The API answered with a redirect (HTTP %1) that TokenLab did not follow.")).arg(s);
        return out;
    }
    out.sentence = say(QT_TRANSLATE_NOOP("ChallengeExplainer", "The API answered HTTP %1%2.")).arg(s).arg(server);
    return out;
}

} // namespace ChallengeExplainer
