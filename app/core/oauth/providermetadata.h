// SPDX-License-Identifier: MIT
// OpenID Provider metadata (OpenID Connect Discovery 1.0 section 3) or
// OAuth 2.0 authorization server metadata (RFC 8414), parsed as a value type. parse() checks what a client relies on: the issuer
// in the document equals the one asked for (Discovery 4.3, against mix-up),
// the endpoints TokenLab uses are absolute URLs, and every URL is https
// unless it points at a loopback address (the sandbox, local test servers).
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>
#include <QUrl>
#include <optional>

struct ProviderMetadata
{
    QUrl issuer;
    QUrl authorizationEndpoint;
    QUrl tokenEndpoint;
    QUrl userinfoEndpoint;
    QUrl jwksUri;
    QUrl revocationEndpoint;
    QUrl endSessionEndpoint;
    QUrl pushedAuthorizationRequestEndpoint;    // RFC 9126 5
    QUrl introspectionEndpoint;                 // RFC 8414 2 (RFC 7662)
    QUrl deviceAuthorizationEndpoint;           // RFC 8628 4
    QUrl registrationEndpoint;                  // RFC 8414 2 (RFC 7591 3); empty when absent or not https/loopback
    bool requirePushedAuthorizationRequests = false;
    QStringList dpopSigningAlgs;                // RFC 9449 5.1: dpop_signing_alg_values_supported
    QStringList tokenEndpointAuthMethods;       // RFC 8414 2
    QStringList tokenEndpointAuthSigningAlgs;
    QStringList scopesSupported;
    QStringList codeChallengeMethods;
    QStringList idTokenSigningAlgs;
    QStringList grantTypes;
    bool issParameterSupported = false; // RFC 9207
    bool fromOAuthMetadata = false;     // read from RFC 8414 metadata, not OpenID discovery
    QJsonObject raw;

    enum class Document { OpenIdDiscovery, OAuthMetadata };
    // RFC 8414 metadata need not name a jwks_uri (an issuer of opaque tokens has none).
    static std::optional<ProviderMetadata> parse(const QByteArray &json, const QUrl &expectedIssuer, QString *error,
                                                 Document document = Document::OpenIdDiscovery);
    // ISSUER without a trailing slash + "/.well-known/openid-configuration".
    static QUrl discoveryUrl(const QUrl &issuer);
    // RFC 8414 3.1: "/.well-known/oauth-authorization-server" inserted between
    // the host and the issuer's path ("https://h/t1" -> "https://h/.well-known/oauth-authorization-server/t1").
    static QUrl oauthMetadataUrl(const QUrl &issuer);
    // https, or http to 127.0.0.0/8, ::1 or localhost.
    // localhost or a loopback address, under any scheme.
    static bool isLoopbackHost(const QUrl &url);
    static bool isAcceptableEndpoint(const QUrl &url);
};
