// SPDX-License-Identifier: MIT
// /oauth/par (RFC 9126): the client pushes its authorization parameters
// with its client authentication and gets a one-use request_uri; /authorize
// then takes client_id and that request_uri instead of the parameters.
//
//   client                       /oauth/par            /authorize (browser)
//     | POST params + client auth  |                      |
//     |--------------------------->| 201 {request_uri, expires_in}
//     | open authorize?client_id&request_uri ------------>| the pushed params, once
#include "sandbox/authorizationserver.h"
#include "sandbox/authorizationsupport.h"
#include "util/securerandom.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;
using namespace AuthorizationSupport;

namespace {
constexpr int PushedLifetimeSeconds = 60;
constexpr int MaxPushed = 1000;
constexpr auto RequestUriPrefix = "urn:ietf:params:oauth:request_uri:";
} // namespace

HttpResponse AuthorizationServer::pushAuthorizationRequest(const HttpRequest &request)
{
    if (!request.header("Content-Type").toLower().startsWith("application/x-www-form-urlencoded"))
        return oauthError(400, u"invalid_request"_s, u"Send the pushed authorization request as application/x-www-form-urlencoded."_s);
    QString why;
    const auto form = FormData::parse(request.body, &why);
    if (!form)
        return oauthError(400, u"invalid_request"_s, u"The form body is malformed: %1."_s.arg(why));
    ClientAuth client = authenticateClient(request, *form);
    if (client.failed)
        return client.error;
    // RFC 9126 2.1: no request_uri inside a pushed request.
    if (form->contains(u"request_uri"_s))
        return oauthError(400, u"invalid_request"_s, u"A pushed authorization request cannot itself carry a request_uri."_s);

    // What /authorize will see: the parameters without the client's credentials.
    FormData params;
    for (const auto &p : form->pairs()) {
        if (p.first != u"client_secret" && p.first != u"client_assertion" && p.first != u"client_assertion_type")
            params.add(p.first, p.second);
    }
    if (!params.contains(u"client_id"_s))
        params.add(u"client_id"_s, client.clientId);
    if (params.value(u"client_id"_s) != client.clientId)
        return oauthError(400, u"invalid_request"_s, u"client_id differs from the authenticated client."_s);

    // RFC 9449 10.1: a proof at the PAR endpoint binds the code like dpop_jkt does.
    if (request.headerCount("DPoP") > 0) {
        const DpopGuard::Outcome proof = m_dpop.check(request, "POST", endpoint(u"/oauth/par"_s));
        if (!proof.ok)
            return dpopError(proof);
        if (params.contains(u"dpop_jkt"_s) && params.value(u"dpop_jkt"_s) != proof.thumbprint)
            return oauthError(400, u"invalid_dpop_proof"_s, u"dpop_jkt names another key than the one that signed the DPoP proof."_s);
        if (!params.contains(u"dpop_jkt"_s))
            params.add(u"dpop_jkt"_s, proof.thumbprint);
    }

    const AuthorizationCheck check = checkAuthorization(params);
    if (!check.ok)
        return oauthError(400, check.error, check.description);

    evictOldest(m_pushed, MaxPushed);
    const QString uri = QString::fromLatin1(RequestUriPrefix) + QString::fromLatin1(SecureRandom::token(24));
    m_pushed.insert(uri, PushedRequest{params, client.clientId, now().addSecs(PushedLifetimeSeconds), false});
    HttpResponse r = HttpResponse::json(201, toJson({{u"request_uri"_s, uri}, {u"expires_in"_s, PushedLifetimeSeconds}}));
    r.setHeader("Cache-Control", "no-store");
    return r;
}

std::optional<FormData> AuthorizationServer::takePushedRequest(const FormData &q, HttpResponse *refusal)
{
    const QString uri = q.value(u"request_uri"_s);
    auto it = m_pushed.find(uri);
    if (q.count(u"request_uri"_s) != 1 || it == m_pushed.end()) {
        *refusal = errorPage(400, u"Unknown sign-in request"_s,
                             u"The request_uri is not one this sandbox issued. Push the authorization request to /oauth/par again and use the request_uri it returns."_s);
        return std::nullopt;
    }
    if (it->used) {
        *refusal = errorPage(400, u"Sign-in request already used"_s,
                             u"This request_uri was already used; each one is good for one sign-in. Push the authorization request again."_s);
        return std::nullopt;
    }
    if (now() >= it->expiresAt) {
        *refusal = errorPage(400, u"Sign-in request expired"_s,
                             u"This request_uri expired (it is good for %1 seconds). Push the authorization request again."_s.arg(PushedLifetimeSeconds));
        return std::nullopt;
    }
    // RFC 9126 4: client_id must be given and match the one that pushed.
    if (q.value(u"client_id"_s) != it->clientId) {
        *refusal = errorPage(400, u"Wrong client"_s, u"The request_uri was pushed by another client than the client_id given here."_s);
        return std::nullopt;
    }
    it->used = true;
    return it->params;
}
