// SPDX-License-Identifier: MIT
// OAuth 2.0 protected resource metadata (RFC 9728), parsed as a value type,
// and where to find it for an API URL.
//
// parse() checks what a client relies on before it follows the document to
// an authorization server: the document's "resource" is the resource the
// client expected (RFC 9728 3.3, against one resource speaking for another),
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

    // How "resource" relates to the resource the client expected.
    enum class Match {
        None,       // another resource: the document is not used
        Identical,  // what RFC 9728 3.3 requires
        PathPrefix, // the same origin, a path that is a whole-segment prefix of the
                    // API URL's (https://h/api for https://h/api/private, or the origin):
                    // a wider resource than the API. RFC 9728 3.3 refuses it; it is used
                    // with a warning, as many APIs publish one document for all their
                    // paths and draft-mcguinness-oauth-rfc9728bis would allow it
    };
    Match match = Match::None;

    // RFC 9728 3.3: expected is the URL the client called (metadata named
    // by a 401's resource_metadata) or the identifier the well-known path
    // was inserted into; apiUrl is the URL the user gave.
    static std::optional<ResourceMetadata> parse(const QByteArray &json, const QUrl &expected, const QUrl &apiUrl, QString *error);
    static std::optional<ResourceMetadata> parse(const QByteArray &json, const QUrl &apiUrl, QString *error)
    {
        return parse(json, apiUrl, apiUrl, error);
    }
    static Match matches(const QUrl &resource, const QUrl &expected, const QUrl &apiUrl);
    static bool identifies(const QUrl &resource, const QUrl &apiUrl) { return matches(resource, apiUrl, apiUrl) != Match::None; }

    // RFC 9728 3.1: where to look for apiUrl's metadata, most specific
    // first: "/.well-known/oauth-protected-resource" inserted between the
    // host and the path and query when there are any (the resource is then
    // apiUrl), then at the origin (the resource is then the origin).
    struct WellKnown
    {
        QUrl url;
        QUrl resource; // the identifier the document there must name
    };
    static QList<WellKnown> wellKnownUrls(const QUrl &apiUrl);
    // The scheme, host and port of url, with an empty path.
    static QUrl origin(const QUrl &url);
    static bool sameOrigin(const QUrl &a, const QUrl &b);
};
