#include "api/challengeexplainer.h"

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
