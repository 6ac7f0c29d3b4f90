// SPDX-License-Identifier: MIT
// A client registered at the sandbox's /oidc/register (RFC 7591, the minimal
// part TokenLab needs), and the file that keeps them across runs.
//
// Two kinds are accepted, and nothing that would need a secret:
//   - a native public client: token_endpoint_auth_method "none", loopback
//     redirect_uris (RFC 8252 7.3), grant_types authorization_code and
//     refresh_token;
//   - a confidential client authenticating with private_key_jwt (RFC 7523):
//     inline public keys in jwks, for client_credentials and/or
//     authorization_code (then with redirect_uris).
// Parsing is pure: a client or a refusal with RFC 7591 3.2.2's error code
// and a sentence. The file holds public metadata only, never a secret.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <optional>

struct RegisteredClient
{
    enum class Auth { None, PrivateKeyJwt };

    QString clientId;
    qint64 issuedAt = 0;
    QString name;
    Auth auth = Auth::None;
    QStringList redirectUris;
    QStringList grantTypes;
    QJsonArray keys; // public JWKs

    static constexpr int MaxRequestBytes = 16 * 1024;
    static constexpr int MaxKeys = 10;

    struct Refusal
    {
        QString error;       // "invalid_client_metadata" or "invalid_redirect_uri"
        QString description; // one sentence
    };

    // RFC 7591 2: the metadata of a registration request (client_id and
    // issuedAt are left for the caller to assign); nullopt with *refusal.
    static std::optional<RegisteredClient> fromMetadata(const QByteArray &json, Refusal *refusal);
    static std::optional<RegisteredClient> fromMetadata(const QJsonObject &metadata, Refusal *refusal);
    // RFC 7591 3.2.1: client_id, client_id_issued_at and the metadata as registered.
    QJsonObject toJson() const;

    bool isPublic() const { return auth == Auth::None; }
    bool mayUse(const QString &grantType) const { return grantTypes.contains(grantType); }
    // A registered redirect URI; a loopback one matches on any port (RFC 8252 7.3).
    bool acceptsRedirect(const QUrl &uri) const;
};

// The registered clients, bounded, and their file:
// {"version":1,"clients":[<toJson()>...]}. A missing or foreign file means
// no clients; an entry that no longer validates is skipped.
//
// The app's tenant and tokenlab-cli's may run at once and share the file:
// add() re-reads it under a lock file and writes the union atomically
// (QSaveFile), and find() re-reads it when it changed since the last read,
// so a client registered through one tenant is known to the other.
class ClientRegistry
{
public:
    static constexpr int MaxClients = 200;
    static constexpr qint64 MaxFileBytes = 4 * 1024 * 1024;

    explicit ClientRegistry(QString path = {}) : m_path(std::move(path)) {}

    // Reads the file (when there is one); the clients it holds replace these.
    void load();
    // False with a sentence when the registry is full or the file cannot be written.
    bool add(const RegisteredClient &client, QString *error);
    // nullptr for an unknown client. The pointer lasts until the next add() or find().
    const RegisteredClient *find(const QString &clientId) const;
    qsizetype size() const { return m_clients.size(); }

    static QList<RegisteredClient> parseFile(const QByteArray &json);
    static QByteArray toFile(const QList<RegisteredClient> &clients);

private:
    QList<RegisteredClient> readFile() const;
    const RegisteredClient *lookup(const QString &clientId) const;

    QString m_path;
    // A cache of the file: find() is const to its callers, and refreshes it.
    mutable QList<RegisteredClient> m_clients;
    mutable QDateTime m_readAt;   // the file's modification time when last read
};
