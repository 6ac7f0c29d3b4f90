// SPDX-License-Identifier: MIT
// A profile: everything a user would otherwise retype for one authorization
// server, client and API. A value type with validation and a JSON form; it
// never holds a secret (tokens and client secrets live in the keychain).
//
// The sandbox profile is special only in where its URLs come from: the
// embedded tenant picks free ports at start, so its issuer and API base are
// filled in at run time (withSandbox) rather than stored.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <optional>

struct Profile
{
    enum class Kind { Sandbox, Custom };
    enum class Grant { AuthorizationCode, ClientCredentials };
    // How the client authenticates at the token endpoint: client_secret_post,
    // client_secret_basic (RFC 6749 2.3.1), or private_key_jwt (RFC 7523 2.2,
    // its key in the keychain). A code-flow profile is a public client
    // unless it says PrivateKeyJwt.
    enum class ClientAuth { Post, Basic, PrivateKeyJwt };
    // The aud of a private_key_jwt assertion: the issuer identifier (RFC
    // 7523bis, Auth0), or the token endpoint URL (RFC 7523 3, Okta).
    enum class AssertionAudience { Issuer, TokenEndpoint };

    static constexpr auto SandboxName = "sandbox";
    static constexpr auto DefaultScope = "openid profile email";

    QString name;
    Kind kind = Kind::Custom;
    Grant grant = Grant::AuthorizationCode;
    ClientAuth clientAuth = ClientAuth::Post;   // for client credentials; the secret or key lives in the keychain
    AssertionAudience assertionAudience = AssertionAudience::Issuer;
    bool dpop = false;  // bind tokens to a proof key (RFC 9449); the key lives in the keychain
    bool par = false;   // always push the authorization request (RFC 9126), not only when the issuer requires it
    bool device = false; // log in on another device (RFC 8628) rather than through a browser here
    int refreshBeforeSeconds = 60;              // refresh this long before expiry (at most half the lifetime)
    QUrl issuer;
    QString clientId;
    QString audience;   // Auth0 style "audience" parameter
    QString resource;   // RFC 8707 "resource" parameter
    QString scope = QString::fromLatin1(DefaultScope);
    QList<QPair<QString, QString>> extraParams;
    QString redirectHost = QStringLiteral("127.0.0.1");
    quint16 redirectPort = 0;  // 0: a free port per login
    QString redirectPath = QStringLiteral("/callback");
    QUrl apiBase;
    QString publicPath = QStringLiteral("/api/public");
    QString privatePath = QStringLiteral("/api/private");
    QString scopedPath = QStringLiteral("/api/private-scoped");
    QStringList allowedAlgorithms; // for verifying tokens; empty: what the issuer advertises
    QJsonObject probePlan;         // the authorization probe's plan; empty: the quickstart's endpoints

    bool isSandbox() const { return kind == Kind::Sandbox; }
    bool isMachineToMachine() const { return grant == Grant::ClientCredentials; }
    // private_key_jwt: a client key in the keychain signs each token request's assertion.
    bool usesClientKey() const { return clientAuth == ClientAuth::PrivateKeyJwt; }
    // A machine-to-machine profile with client_secret_post or _basic.
    bool usesClientSecret() const { return isMachineToMachine() && !usesClientKey(); }
    static QString clientAuthName(ClientAuth auth);
    // An Auth0 tenant (its issuer is https://*.auth0.com/): logout goes to /v2/logout.
    bool isAuth0() const;

    // Sentences naming the field and the reason; empty when valid.
    QStringList validate() const;
    QUrl redirectUri(quint16 actualPort) const;
    QUrl apiUrl(const QString &path) const;

    QJsonObject toJson() const;
    static std::optional<Profile> fromJson(const QJsonObject &json, QString *error);

    // "example.eu.auth0.com" -> https://example.eu.auth0.com/ ; nullopt if not a host name.
    static std::optional<QUrl> issuerFromDomain(const QString &domain, QString *error);
    // The sandbox profile, with the running tenant's URLs.
    static Profile sandbox(const QUrl &issuer, const QUrl &apiBase, const QString &clientId, const QString &audience);
};
