// SPDX-License-Identifier: MIT
#include "jose/claiminfo.h"

#include <QCoreApplication>
#include <QHash>

using namespace Qt::StringLiterals;

namespace ClaimInfo {

Description claim(const QString &name)
{
    static const QHash<QString, Description> table{
        {u"iss"_s, {QCoreApplication::translate("ClaimInfo", "issuer"), QCoreApplication::translate("ClaimInfo", "Who issued the token: the authorization server's issuer URL (RFC 7519 4.1.1).")}},
        {u"sub"_s, {QCoreApplication::translate("ClaimInfo", "subject"), QCoreApplication::translate("ClaimInfo", "Whom the token is about: the user, or the client for machine-to-machine tokens (RFC 7519 4.1.2).")}},
        {u"aud"_s, {QCoreApplication::translate("ClaimInfo", "audience"), QCoreApplication::translate("ClaimInfo", "Who the token is for: the API identifier for access tokens, the client_id for id_tokens (RFC 7519 4.1.3).")}},
        {u"exp"_s, {QCoreApplication::translate("ClaimInfo", "expires"), QCoreApplication::translate("ClaimInfo", "After this time the token must be refused (RFC 7519 4.1.4)."), true}},
        {u"nbf"_s, {QCoreApplication::translate("ClaimInfo", "not before"), QCoreApplication::translate("ClaimInfo", "Before this time the token must be refused (RFC 7519 4.1.5)."), true}},
        {u"iat"_s, {QCoreApplication::translate("ClaimInfo", "issued at"), QCoreApplication::translate("ClaimInfo", "When the token was issued (RFC 7519 4.1.6)."), true}},
        {u"jti"_s, {QCoreApplication::translate("ClaimInfo", "token id"), QCoreApplication::translate("ClaimInfo", "A unique identifier of this token, for replay detection (RFC 7519 4.1.7).")}},
        {u"azp"_s, {QCoreApplication::translate("ClaimInfo", "authorized party"), QCoreApplication::translate("ClaimInfo", "The client the token was issued to (OpenID Connect Core 2).")}},
        {u"nonce"_s, {QCoreApplication::translate("ClaimInfo", "nonce"), QCoreApplication::translate("ClaimInfo", "The login's nonce, echoed in the id_token against replay (OpenID Connect Core 2).")}},
        {u"auth_time"_s, {QCoreApplication::translate("ClaimInfo", "authenticated at"), QCoreApplication::translate("ClaimInfo", "When the user last signed in (OpenID Connect Core 2)."), true}},
        {u"at_hash"_s, {QCoreApplication::translate("ClaimInfo", "access token hash"), QCoreApplication::translate("ClaimInfo", "Binds the id_token to the access token issued with it (OpenID Connect Core 3.1.3.6).")}},
        {u"c_hash"_s, {QCoreApplication::translate("ClaimInfo", "code hash"), QCoreApplication::translate("ClaimInfo", "Binds the id_token to the authorization code (OpenID Connect Core 3.3.2.11).")}},
        {u"acr"_s, {QCoreApplication::translate("ClaimInfo", "authentication class"), QCoreApplication::translate("ClaimInfo", "How strongly the user was authenticated (OpenID Connect Core 2).")}},
        {u"amr"_s, {QCoreApplication::translate("ClaimInfo", "authentication methods"), QCoreApplication::translate("ClaimInfo", "How the user signed in: pwd, otp, mfa... (RFC 8176).")}},
        {u"sid"_s, {QCoreApplication::translate("ClaimInfo", "session id"), QCoreApplication::translate("ClaimInfo", "The user's session at the issuer, for logout (OpenID Connect Front-Channel Logout).")}},
        {u"scope"_s, {QCoreApplication::translate("ClaimInfo", "scopes"), QCoreApplication::translate("ClaimInfo", "What the token allows, space-separated (RFC 9068 2.2.3, RFC 8693 4.2).")}},
        {u"client_id"_s, {QCoreApplication::translate("ClaimInfo", "client"), QCoreApplication::translate("ClaimInfo", "The client the token was issued to (RFC 9068 2.2).")}},
        {u"permissions"_s, {QCoreApplication::translate("ClaimInfo", "permissions"), QCoreApplication::translate("ClaimInfo", "Auth0 RBAC: the API permissions of the user, as a list.")}},
        {u"gty"_s, {QCoreApplication::translate("ClaimInfo", "grant type"), QCoreApplication::translate("ClaimInfo", "Auth0: the grant that produced the token, e.g. client-credentials.")}},
        {u"cnf"_s, {QCoreApplication::translate("ClaimInfo", "confirmation"), QCoreApplication::translate("ClaimInfo", "The key the token is bound to, for DPoP or mTLS (RFC 7800).")}},
        {u"act"_s, {QCoreApplication::translate("ClaimInfo", "actor"), QCoreApplication::translate("ClaimInfo", "Who acts on the subject's behalf, after token exchange (RFC 8693 4.1).")}},
        {u"name"_s, {QCoreApplication::translate("ClaimInfo", "name"), QCoreApplication::translate("ClaimInfo", "The user's full name (OpenID Connect Core 5.1).")}},
        {u"nickname"_s, {QCoreApplication::translate("ClaimInfo", "nickname"), QCoreApplication::translate("ClaimInfo", "The user's casual name (OpenID Connect Core 5.1).")}},
        {u"email"_s, {QCoreApplication::translate("ClaimInfo", "email"), QCoreApplication::translate("ClaimInfo", "The user's email address (OpenID Connect Core 5.1).")}},
        {u"email_verified"_s, {QCoreApplication::translate("ClaimInfo", "email verified"), QCoreApplication::translate("ClaimInfo", "Whether the issuer verified the email address (OpenID Connect Core 5.1).")}},
        {u"picture"_s, {QCoreApplication::translate("ClaimInfo", "picture"), QCoreApplication::translate("ClaimInfo", "A URL of the user's picture (OpenID Connect Core 5.1).")}},
        {u"updated_at"_s, {QCoreApplication::translate("ClaimInfo", "updated at"), QCoreApplication::translate("ClaimInfo", "When the user's profile last changed (OpenID Connect Core 5.1)."), true}},
    };
    return table.value(name);
}

Description header(const QString &name)
{
    static const QHash<QString, Description> table{
        {u"alg"_s, {QCoreApplication::translate("ClaimInfo", "algorithm"), QCoreApplication::translate("ClaimInfo", "How the token is signed, e.g. RS256 (RFC 7515 4.1.1). \"none\" is never accepted.")}},
        {u"typ"_s, {QCoreApplication::translate("ClaimInfo", "type"), QCoreApplication::translate("ClaimInfo", "What the token is: JWT, or at+jwt for an RFC 9068 access token (RFC 7515 4.1.9).")}},
        {u"kid"_s, {QCoreApplication::translate("ClaimInfo", "key id"), QCoreApplication::translate("ClaimInfo", "Which key of the issuer's JWKS signed it (RFC 7515 4.1.4).")}},
        {u"cty"_s, {QCoreApplication::translate("ClaimInfo", "content type"), QCoreApplication::translate("ClaimInfo", "The type of the payload, for nested tokens (RFC 7515 4.1.10).")}},
        {u"jku"_s, {QCoreApplication::translate("ClaimInfo", "JWK set URL"), QCoreApplication::translate("ClaimInfo", "A URL of keys; TokenLab never fetches keys from a token's own header (RFC 8725 3.10).")}},
        {u"x5u"_s, {u"X.509 URL"_s, QCoreApplication::translate("ClaimInfo", "A URL of a certificate chain; never followed (RFC 8725 3.10).")}},
        {u"x5c"_s, {u"X.509 chain"_s, QCoreApplication::translate("ClaimInfo", "Certificates embedded in the header; not trusted on their own (RFC 7515 4.1.6).")}},
        {u"crit"_s, {QCoreApplication::translate("ClaimInfo", "critical"), QCoreApplication::translate("ClaimInfo", "Header parameters the recipient must understand (RFC 7515 4.1.11).")}},
        {u"enc"_s, {QCoreApplication::translate("ClaimInfo", "encryption"), QCoreApplication::translate("ClaimInfo", "The content encryption of a JWE (RFC 7516 4.1.2).")}},
        {u"zip"_s, {QCoreApplication::translate("ClaimInfo", "compression"), QCoreApplication::translate("ClaimInfo", "Compression of a JWE's payload (RFC 7516 4.1.3).")}},
    };
    return table.value(name);
}

} // namespace ClaimInfo
