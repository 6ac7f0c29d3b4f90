// SPDX-License-Identifier: MIT
// /oidc/register: dynamic client registration (RFC 7591), the minimal part
// that lets a user register a native public client or a private_key_jwt
// client with its public keys. Registered clients are kept (public
// metadata only) in the file the config names, so they outlive a restart.
#include "sandbox/authorizationserver.h"
#include "sandbox/authorizationsupport.h"
#include "util/securerandom.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;
using namespace AuthorizationSupport;

Q_DECLARE_LOGGING_CATEGORY(lcSandbox)

HttpResponse AuthorizationServer::registerClient(const HttpRequest &request)
{
    // RFC 7591 3.1: a JSON document.
    if (!request.header("Content-Type").toLower().startsWith("application/json"))
        return oauthError(400, u"invalid_client_metadata"_s, u"Send the client metadata as application/json."_s);
    RegisteredClient::Refusal refusal;
    auto client = RegisteredClient::fromMetadata(request.body, &refusal);
    if (!client)
        return oauthError(400, refusal.error, refusal.description); // RFC 7591 3.2.2
    client->clientId = u"dyn-"_s + QString::fromLatin1(SecureRandom::token(16));
    client->issuedAt = now().toSecsSinceEpoch();
    QString error;
    if (!m_clients.add(*client, &error))
        return oauthError(500, u"server_error"_s, error);
    qCDebug(lcSandbox) << "registered a client with" << (client->isPublic() ? "no client authentication" : "private_key_jwt");
    HttpResponse r = HttpResponse::json(201, toJson(client->toJson())); // RFC 7591 3.2.1
    r.setHeader("Cache-Control", "no-store");
    return r;
}
