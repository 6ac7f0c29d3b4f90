// SPDX-License-Identifier: MIT
#include "sandbox/registeredclient.h"
#include "jose/publickey.h"
#include "sandbox/authorizationsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLockFile>
#include <QSaveFile>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace {

using Refusal = RegisteredClient::Refusal;

std::optional<RegisteredClient> refuse(Refusal *refusal, const QString &description,
                                       const QString &error = u"invalid_client_metadata"_s)
{
    if (refusal)
        *refusal = Refusal{error, description};
    return std::nullopt;
}

std::optional<QStringList> stringList(const QJsonValue &v)
{
    if (!v.isArray())
        return std::nullopt;
    QStringList out;
    for (const QJsonValue &e : v.toArray()) {
        if (!e.isString() || e.toString().isEmpty() || e.toString().size() > 2000)
            return std::nullopt;
        if (!out.contains(e.toString()))
            out << e.toString();
    }
    return out;
}

// RFC 8252 7.3: a native client may register its loopback redirect without
// a port ("http://127.0.0.1/callback"), as TokenLab does, and pick one per login.
bool isPortlessLoopback(const QUrl &url)
{
    QUrl withPort = url;
    withPort.setPort(1);
    return url.port() == -1 && AuthorizationSupport::isLoopbackRedirect(withPort);
}

bool isRegistrableLoopback(const QUrl &url)
{
    return AuthorizationSupport::isLoopbackRedirect(url) || isPortlessLoopback(url);
}

// A confidential client may come back to an https address or to loopback.
bool isAcceptableWebRedirect(const QUrl &url)
{
    if (AuthorizationSupport::isLoopbackRedirect(url))
        return true;
    return url.isValid() && url.scheme() == u"https" && !url.host().isEmpty() && !url.hasFragment()
            && url.userInfo().isEmpty();
}

} // namespace

std::optional<RegisteredClient> RegisteredClient::fromMetadata(const QByteArray &json, Refusal *refusal)
{
    if (json.size() > MaxRequestBytes)
        return refuse(refusal, u"The registration request is larger than %1 bytes."_s.arg(MaxRequestBytes));
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return refuse(refusal, u"The registration request is not a JSON object."_s);
    return fromMetadata(doc.object(), refusal);
}

std::optional<RegisteredClient> RegisteredClient::fromMetadata(const QJsonObject &m, Refusal *refusal)
{
    RegisteredClient c;
    // RFC 7591 2: members the sandbox does not know are ignored.
    if (m.contains(u"client_name"_s)) {
        const QJsonValue v = m.value(u"client_name"_s);
        if (!v.isString() || v.toString().size() > 200)
            return refuse(refusal, u"client_name must be a string of at most 200 characters."_s);
        c.name = v.toString();
    }
    const QString method = m.contains(u"token_endpoint_auth_method"_s) ? m.value(u"token_endpoint_auth_method"_s).toString()
                                                                       : u"client_secret_basic"_s; // RFC 7591 2's default
    if (method == u"none")
        c.auth = Auth::None;
    else if (method == u"private_key_jwt")
        c.auth = Auth::PrivateKeyJwt;
    else
        return refuse(refusal, u"token_endpoint_auth_method \"%1\" is not offered: the sandbox registers public clients (\"none\") and \"private_key_jwt\" clients, and issues no secrets."_s.arg(method));

    if (m.contains(u"grant_types"_s)) {
        const auto grants = stringList(m.value(u"grant_types"_s));
        if (!grants || grants->isEmpty())
            return refuse(refusal, u"grant_types must be a non-empty array of strings."_s);
        c.grantTypes = *grants;
    } else {
        c.grantTypes = QStringList{u"authorization_code"_s}; // RFC 7591 2's default
    }
    const QStringList allowed = c.isPublic()
            ? QStringList{u"authorization_code"_s, u"refresh_token"_s}
            : QStringList{u"authorization_code"_s, u"refresh_token"_s, u"client_credentials"_s};
    for (const QString &g : std::as_const(c.grantTypes)) {
        if (!allowed.contains(g))
            return refuse(refusal, u"The grant type \"%1\" is not offered to a %2 client (it may use %3)."_s
                                           .arg(g, c.isPublic() ? u"public"_s : u"private_key_jwt"_s, allowed.join(u", ")));
    }
    if (c.grantTypes == QStringList{u"refresh_token"_s})
        return refuse(refusal, u"refresh_token alone is no way to get tokens; add authorization_code."_s);
    if (m.contains(u"response_types"_s)) {
        const auto types = stringList(m.value(u"response_types"_s));
        if (!types || (!types->isEmpty() && *types != QStringList{u"code"_s}))
            return refuse(refusal, u"response_types may only be [\"code\"]."_s);
    }

    if (m.contains(u"redirect_uris"_s)) {
        const auto uris = stringList(m.value(u"redirect_uris"_s));
        if (!uris || uris->size() > 20)
            return refuse(refusal, u"redirect_uris must be an array of at most 20 strings."_s, u"invalid_redirect_uri"_s);
        c.redirectUris = *uris;
    }
    const bool code = c.mayUse(u"authorization_code"_s);
    if (code && c.redirectUris.isEmpty())
        return refuse(refusal, u"A client that uses authorization_code needs redirect_uris."_s, u"invalid_redirect_uri"_s);
    for (const QString &s : std::as_const(c.redirectUris)) {
        const QUrl url(s, QUrl::StrictMode);
        if (c.isPublic() && !isRegistrableLoopback(url))
            return refuse(refusal, u"\"%1\" is not a loopback redirect; a native client uses http://127.0.0.1[:PORT]/PATH or http://[::1][:PORT]/PATH (RFC 8252 7.3)."_s.arg(s),
                          u"invalid_redirect_uri"_s);
        if (!c.isPublic() && !isAcceptableWebRedirect(url))
            return refuse(refusal, u"\"%1\" is neither an https address nor a loopback one."_s.arg(s), u"invalid_redirect_uri"_s);
    }

    if (m.contains(u"jwks_uri"_s))
        return refuse(refusal, u"jwks_uri is not supported; send the public keys inline in jwks."_s);
    if (c.isPublic()) {
        if (m.contains(u"jwks"_s))
            return refuse(refusal, u"jwks is for private_key_jwt clients; a public client has no keys."_s);
        return c;
    }
    if (!m.value(u"jwks"_s).isObject())
        return refuse(refusal, u"A private_key_jwt client needs jwks, an object with its public keys in \"keys\"."_s);
    const QJsonValue keys = m.value(u"jwks"_s).toObject().value(u"keys"_s);
    if (!keys.isArray() || keys.toArray().isEmpty() || keys.toArray().size() > MaxKeys)
        return refuse(refusal, u"jwks.keys must hold 1 to %1 public keys."_s.arg(MaxKeys));
    for (const QJsonValue &k : keys.toArray()) {
        if (!k.isObject())
            return refuse(refusal, u"Every entry of jwks.keys must be a JWK object."_s);
        const QJsonObject jwk = k.toObject();
        for (const QString &secret : {u"d"_s, u"p"_s, u"q"_s, u"dp"_s, u"dq"_s, u"qi"_s, u"oth"_s, u"k"_s}) {
            if (jwk.contains(secret))
                return refuse(refusal, u"jwks holds private key material (\"%1\"); register the public key only, and keep the private key to yourself."_s.arg(secret));
        }
        QString why;
        if (!PublicKey::fromJwk(jwk, &why))
            return refuse(refusal, u"A key in jwks is not a usable public key: %1"_s.arg(why));
        c.keys.append(jwk);
    }
    return c;
}

QJsonObject RegisteredClient::toJson() const
{
    QJsonObject o{{u"client_id"_s, clientId},
                  {u"client_id_issued_at"_s, issuedAt},
                  {u"token_endpoint_auth_method"_s, isPublic() ? u"none"_s : u"private_key_jwt"_s},
                  {u"grant_types"_s, QJsonArray::fromStringList(grantTypes)},
                  {u"redirect_uris"_s, QJsonArray::fromStringList(redirectUris)}};
    if (mayUse(u"authorization_code"_s))
        o.insert(u"response_types"_s, QJsonArray{u"code"_s});
    if (!name.isEmpty())
        o.insert(u"client_name"_s, name);
    if (!isPublic()) {
        o.insert(u"jwks"_s, QJsonObject{{u"keys"_s, keys}});
    }
    return o;
}

bool RegisteredClient::acceptsRedirect(const QUrl &uri) const
{
    for (const QString &s : redirectUris) {
        const QUrl registered(s, QUrl::StrictMode);
        if (registered == uri)
            return true;
        // RFC 8252 7.3: the port of a loopback redirect is the client's to choose.
        if (isRegistrableLoopback(registered) && AuthorizationSupport::isLoopbackRedirect(uri)) {
            QUrl a = registered;
            QUrl b = uri;
            a.setPort(-1);
            b.setPort(-1);
            if (a == b)
                return true;
        }
    }
    return false;
}

QList<RegisteredClient> ClientRegistry::parseFile(const QByteArray &json)
{
    QList<RegisteredClient> out;
    if (json.size() > MaxFileBytes)
        return out;
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (!doc.isObject() || doc.object().value(u"version"_s).toInt() != 1)
        return out;
    for (const QJsonValue &v : doc.object().value(u"clients"_s).toArray()) {
        const QJsonObject o = v.toObject();
        const QString id = o.value(u"client_id"_s).toString();
        // The same rules as a registration: a file edited by hand gets no more.
        auto client = RegisteredClient::fromMetadata(o, nullptr);
        if (!client || id.isEmpty() || id.size() > 100 || out.size() >= MaxClients)
            continue;
        client->clientId = id;
        // A number from the file, in range before it is converted (out of range is undefined).
        const double issuedAt = o.value(u"client_id_issued_at"_s).toDouble();
        client->issuedAt = issuedAt >= 0 && issuedAt <= 1e15 ? qint64(issuedAt) : 0;
        bool duplicate = false;
        for (const RegisteredClient &c : std::as_const(out))
            duplicate = duplicate || c.clientId == id;
        if (!duplicate)
            out << *client;
    }
    return out;
}

QByteArray ClientRegistry::toFile(const QList<RegisteredClient> &clients)
{
    QJsonArray list;
    for (const RegisteredClient &c : clients)
        list.append(c.toJson());
    return QJsonDocument(QJsonObject{{u"version"_s, 1}, {u"clients"_s, list}}).toJson(QJsonDocument::Indented);
}

QList<RegisteredClient> ClientRegistry::readFile() const
{
    m_readAt = QFileInfo(m_path).lastModified();
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return parseFile(file.read(MaxFileBytes + 1));
}

void ClientRegistry::load()
{
    if (!m_path.isEmpty())
        m_clients = readFile();
}

bool ClientRegistry::add(const RegisteredClient &client, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (m_path.isEmpty()) {
        if (m_clients.size() >= MaxClients)
            return fail(u"The sandbox holds %1 registered clients already; no more can be registered."_s.arg(MaxClients));
        m_clients << client;
        return true;
    }
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
        return fail(u"The sandbox cannot create the folder of %1."_s.arg(m_path));
    // Another TokenLab process may be adding a client at this moment.
    QLockFile lock(m_path + u".lock"_s);
    lock.setStaleLockTime(10000);
    if (!lock.tryLock(5000))
        return fail(u"The sandbox cannot lock %1 to keep the client; try again."_s.arg(m_path));
    QList<RegisteredClient> next = readFile();
    if (next.size() >= MaxClients)
        return fail(u"The sandbox holds %1 registered clients already; no more can be registered."_s.arg(MaxClients));
    next << client;
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) || file.write(toFile(next)) < 0 || !file.commit())
        return fail(u"The sandbox cannot keep the client in %1: %2"_s.arg(m_path, file.errorString()));
    m_clients = next;
    m_readAt = QFileInfo(m_path).lastModified();
    return true;
}

const RegisteredClient *ClientRegistry::lookup(const QString &clientId) const
{
    for (const RegisteredClient &c : std::as_const(m_clients)) {
        if (c.clientId == clientId)
            return &c;
    }
    return nullptr;
}

const RegisteredClient *ClientRegistry::find(const QString &clientId) const
{
    if (const RegisteredClient *c = lookup(clientId))
        return c;
    // Registered through another tenant since the last read?
    if (m_path.isEmpty() || QFileInfo(m_path).lastModified() == m_readAt)
        return nullptr;
    m_clients = readFile();
    return lookup(clientId);
}
