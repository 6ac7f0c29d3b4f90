// SPDX-License-Identifier: MIT
#include "jose/claiminfo.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace ClaimInfo {

Description claim(const QString &name)
{
    static const QHash<QString, Description> table{
        {u"iss"_s, {u"issuer"_s, u"Who issued the token: the authorization server's issuer URL (RFC 7519 4.1.1)."_s}},
        {u"sub"_s, {u"subject"_s, u"Whom the token is about: the user, or the client for machine-to-machine tokens (RFC 7519 4.1.2)."_s}},
        {u"aud"_s, {u"audience"_s, u"Who the token is for: the API identifier for access tokens, the client_id for id_tokens (RFC 7519 4.1.3)."_s}},
        {u"exp"_s, {u"expires"_s, u"After this time the token must be refused (RFC 7519 4.1.4)."_s, true}},
        {u"nbf"_s, {u"not before"_s, u"Before this time the token must be refused (RFC 7519 4.1.5)."_s, true}},
        {u"iat"_s, {u"issued at"_s, u"When the token was issued (RFC 7519 4.1.6)."_s, true}},
        {u"jti"_s, {u"token id"_s, u"A unique identifier of this token, for replay detection (RFC 7519 4.1.7)."_s}},
        {u"azp"_s, {u"authorized party"_s, u"The client the token was issued to (OpenID Connect Core 2)."_s}},
        {u"nonce"_s, {u"nonce"_s, u"The login's nonce, echoed in the id_token against replay (OpenID Connect Core 2)."_s}},
        {u"auth_time"_s, {u"authenticated at"_s, u"When the user last signed in (OpenID Connect Core 2)."_s, true}},
        {u"at_hash"_s, {u"access token hash"_s, u"Binds the id_token to the access token issued with it (OpenID Connect Core 3.1.3.6)."_s}},
        {u"c_hash"_s, {u"code hash"_s, u"Binds the id_token to the authorization code (OpenID Connect Core 3.3.2.11)."_s}},
        {u"acr"_s, {u"authentication class"_s, u"How strongly the user was authenticated (OpenID Connect Core 2)."_s}},
        {u"amr"_s, {u"authentication methods"_s, u"How the user signed in: pwd, otp, mfa... (RFC 8176)."_s}},
        {u"sid"_s, {u"session id"_s, u"The user's session at the issuer, for logout (OpenID Connect Front-Channel Logout)."_s}},
        {u"scope"_s, {u"scopes"_s, u"What the token allows, space-separated (RFC 9068 2.2.3, RFC 8693 4.2)."_s}},
        {u"client_id"_s, {u"client"_s, u"The client the token was issued to (RFC 9068 2.2)."_s}},
        {u"permissions"_s, {u"permissions"_s, u"Auth0 RBAC: the API permissions of the user, as a list."_s}},
        {u"gty"_s, {u"grant type"_s, u"Auth0: the grant that produced the token, e.g. client-credentials."_s}},
        {u"cnf"_s, {u"confirmation"_s, u"The key the token is bound to, for DPoP or mTLS (RFC 7800)."_s}},
        {u"act"_s, {u"actor"_s, u"Who acts on the subject's behalf, after token exchange (RFC 8693 4.1)."_s}},
        {u"name"_s, {u"name"_s, u"The user's full name (OpenID Connect Core 5.1)."_s}},
        {u"nickname"_s, {u"nickname"_s, u"The user's casual name (OpenID Connect Core 5.1)."_s}},
        {u"email"_s, {u"email"_s, u"The user's email address (OpenID Connect Core 5.1)."_s}},
        {u"email_verified"_s, {u"email verified"_s, u"Whether the issuer verified the email address (OpenID Connect Core 5.1)."_s}},
        {u"picture"_s, {u"picture"_s, u"A URL of the user's picture (OpenID Connect Core 5.1)."_s}},
        {u"updated_at"_s, {u"updated at"_s, u"When the user's profile last changed (OpenID Connect Core 5.1)."_s, true}},
    };
    return table.value(name);
}

Description header(const QString &name)
{
    static const QHash<QString, Description> table{
        {u"alg"_s, {u"algorithm"_s, u"How the token is signed, e.g. RS256 (RFC 7515 4.1.1). \"none\" is never accepted."_s}},
        {u"typ"_s, {u"type"_s, u"What the token is: JWT, or at+jwt for an RFC 9068 access token (RFC 7515 4.1.9)."_s}},
        {u"kid"_s, {u"key id"_s, u"Which key of the issuer's JWKS signed it (RFC 7515 4.1.4)."_s}},
        {u"cty"_s, {u"content type"_s, u"The type of the payload, for nested tokens (RFC 7515 4.1.10)."_s}},
        {u"jku"_s, {u"JWK set URL"_s, u"A URL of keys; TokenLab never fetches keys from a token's own header (RFC 8725 3.10)."_s}},
        {u"x5u"_s, {u"X.509 URL"_s, u"A URL of a certificate chain; never followed (RFC 8725 3.10)."_s}},
        {u"x5c"_s, {u"X.509 chain"_s, u"Certificates embedded in the header; not trusted on their own (RFC 7515 4.1.6)."_s}},
        {u"crit"_s, {u"critical"_s, u"Header parameters the recipient must understand (RFC 7515 4.1.11)."_s}},
        {u"enc"_s, {u"encryption"_s, u"The content encryption of a JWE (RFC 7516 4.1.2)."_s}},
        {u"zip"_s, {u"compression"_s, u"Compression of a JWE's payload (RFC 7516 4.1.3)."_s}},
    };
    return table.value(name);
}

} // namespace ClaimInfo
