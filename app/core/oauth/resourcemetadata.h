// SPDX-License-Identifier: MIT
// OAuth 2.0 protected resource metadata (RFC 9728), parsed as a value type,
// and where to find it for an API URL.
//
// parse() checks what a client relies on before it follows the document to
// an authorization server: the document's "resource" identifies the API URL
// the user gave (RFC 9728 3.3, against one resource speaking for another),
// it names at least one authorization server, every URL in it is https
// (or http on a loopback address), and every member has the type the RFC
// gives it. A refusal is one sentence naming the member and what was wrong.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <QUrl>
#include <optional>

struct ResourceMetadata
{
    static constexpr qint64 MaxDocumentBytes = 64 * 1024;

    QUrl resource;                          // RFC 9728 2: the resource identifier
    QList<QUrl> authorizationServers;       // issuer identifiers (RFC 8414)
    QStringList scopesSupported;
    QStringList bearerMethodsSupported;     // "header", "body", "query"
    QStringList dpopSigningAlgs;            // dpop_signing_alg_values_supported
    bool dpopBoundAccessTokensRequired = false;
    QUrl jwksUri;
    QString resourceName;
    QUrl resourceDocumentation;
    QJsonObject raw;

    // RFC 9728 3.3: the resource must identify apiUrl: the same URL, or the
    // same origin with a path that is a whole-segment prefix of apiUrl's
    // (an API at https://h/api identifies https://h/api/private too).
    static std::optional<ResourceMetadata> parse(const QByteArray &json, const QUrl &apiUrl, QString *error);
    static bool identifies(const QUrl &resource, const QUrl &apiUrl);

    // RFC 9728 3.1: the well-known URLs to try for apiUrl, most specific
    // first: "/.well-known/oauth-protected-resource" inserted before the
    // path when there is one, then at the origin.
    static QList<QUrl> wellKnownUrls(const QUrl &apiUrl);
    // The scheme, host and port of url, with an empty path.
    static QUrl origin(const QUrl &url);
    static bool sameOrigin(const QUrl &a, const QUrl &b);
};
