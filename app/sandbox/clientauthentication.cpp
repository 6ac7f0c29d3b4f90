// SPDX-License-Identifier: MIT
// Client authentication at /oauth/token and /oauth/par: none for public
// clients, client_secret_post and client_secret_basic for the machine-to-
// machine client (RFC 6749 2.3.1), and private_key_jwt for registered
// clients (RFC 7523 2.2 and 3). The assertion itself is never logged.
#include "sandbox/authorizationserver.h"
#include "oauth/clientassertion.h"
#include "sandbox/authorizationsupport.h"
#include "sandbox/clientassertioncheck.h"
#include "jose/jwt.h"

using namespace Qt::StringLiterals;
using namespace AuthorizationSupport;

AuthorizationServer::ClientAuth AuthorizationServer::authenticateClient(const HttpRequest &request, const FormData &form)
{
    ClientAuth auth;
    QString secret;
    bool hasSecret = false;
    const QByteArray authorization = request.header("Authorization");
    if (!authorization.isEmpty()) {
        // RFC 6749 2.3.1: client_secret_basic, form-encoded id and secret.
        if (authorization.left(6).compare("Basic ", Qt::CaseInsensitive) != 0) {
            auth.failed = true;
            auth.error = oauthError(401, u"invalid_client"_s, u"Only Basic client authentication is accepted in the Authorization header."_s);
            return auth;
        }
        const QByteArray decoded = QByteArray::fromBase64(authorization.mid(6).trimmed());
        const qsizetype colon = decoded.indexOf(':');
        const auto id = colon > 0 ? FormData::parse("x=" + decoded.left(colon)) : std::nullopt;
        const auto pw = colon > 0 ? FormData::parse("x=" + decoded.mid(colon + 1)) : std::nullopt;
        if (!id || !pw) {
            auth.failed = true;
            auth.error = oauthError(401, u"invalid_client"_s, u"The Basic credentials are malformed."_s);
            auth.error.setHeader("WWW-Authenticate", "Basic realm=\"sandbox\"");
            return auth;
        }
        auth.clientId = id->value(u"x"_s);
        secret = pw->value(u"x"_s);
        hasSecret = true;
        auth.usedBasic = true;
        if (form.contains(u"client_secret"_s)) {
            auth.failed = true;
            auth.error = oauthError(400, u"invalid_request"_s, u"Use one client authentication method, not Basic and client_secret together."_s);
            return auth;
        }
        if (form.contains(u"client_id"_s) && form.value(u"client_id"_s) != auth.clientId) {
            auth.failed = true;
            auth.error = oauthError(400, u"invalid_request"_s, u"client_id in the body differs from the Basic credentials."_s);
            return auth;
        }
    } else if (form.contains(u"client_assertion_type"_s) || form.contains(u"client_assertion"_s)) {
        authenticateByAssertion(form, auth);
        return auth;
    } else {
        auth.clientId = form.value(u"client_id"_s);
        hasSecret = form.contains(u"client_secret"_s);
        secret = form.value(u"client_secret"_s);
    }

    auto reject = [&auth](const QString &why) {
        auth.failed = true;
        auth.error = oauthError(401, u"invalid_client"_s, why);
        if (auth.usedBasic)
            auth.error.setHeader("WWW-Authenticate", "Basic realm=\"sandbox\"");
    };
    if (auth.clientId.isEmpty()) {
        reject(u"client_id is missing."_s);
    } else if (auth.clientId == nativeClient()) {
        if (hasSecret)
            reject(u"The native client is a public client and has no secret."_s);
    } else if (auth.clientId == m2mClient()) {
        if (!hasSecret)
            reject(u"The machine-to-machine client must authenticate with its secret."_s);
        else if (!constantTimeEquals(secret.toUtf8(), m2mClientSecret().toUtf8()))
            reject(u"Wrong client secret."_s);
        else
            auth.authenticated = true;
    } else if (const RegisteredClient *c = m_clients.find(auth.clientId)) {
        auth.registered = *c;
        if (hasSecret)
            reject(u"The client \"%1\" has no secret; it was registered with %2."_s
                           .arg(auth.clientId, c->isPublic() ? u"no client authentication (a public client)"_s : u"private_key_jwt"_s));
        else if (!c->isPublic())
            reject(u"The client \"%1\" must authenticate with a client assertion (private_key_jwt)."_s.arg(auth.clientId));
    } else {
        reject(u"Unknown client \"%1\"."_s.arg(auth.clientId));
    }
    return auth;
}

void AuthorizationServer::authenticateByAssertion(const FormData &form, ClientAuth &auth)
{
    auto reject = [&auth](const QString &why) {
        auth.failed = true;
        auth.error = oauthError(401, u"invalid_client"_s, why);
    };
    if (form.value(u"client_assertion_type"_s) != QString::fromLatin1(ClientAssertion::AssertionType))
        return reject(u"client_assertion_type must be %1."_s.arg(QString::fromLatin1(ClientAssertion::AssertionType)));
    const QByteArray assertion = form.value(u"client_assertion"_s).toLatin1();
    if (assertion.isEmpty())
        return reject(u"client_assertion is missing."_s);
    if (form.contains(u"client_secret"_s))
        return reject(u"Use one client authentication method, not a client assertion and client_secret together."_s);
    // RFC 7523 3: the client is the assertion's sub; a client_id beside it must agree.
    const QString sub = Jwt::decode(assertion).payload.value(u"sub").toString();
    auth.clientId = form.contains(u"client_id"_s) ? form.value(u"client_id"_s) : sub;
    if (auth.clientId.isEmpty())
        return reject(u"The client assertion names no client (no sub) and client_id is missing."_s);
    const RegisteredClient *client = m_clients.find(auth.clientId);
    if (!client)
        return reject(u"Unknown client \"%1\"."_s.arg(auth.clientId));
    if (client->isPublic())
        return reject(u"The client \"%1\" is a public client and has no keys to sign a client assertion with."_s.arg(auth.clientId));
    auth.registered = *client;

    ClientAssertionCheck::Expectation expected;
    expected.clientId = client->clientId;
    expected.keys = client->keys;
    // OpenID Connect Core 9: the issuer or the token endpoint; RFC 9126 2: the PAR endpoint too.
    expected.audiences = QStringList{issuer().toString(), endpoint(u"/oauth/token"_s).toString(), endpoint(u"/oauth/par"_s).toString()};
    expected.audiences << issuer().toString().chopped(1); // the issuer without its trailing slash
    expected.now = now().toSecsSinceEpoch();
    const ClientAssertionCheck::Result r = ClientAssertionCheck::check(assertion, expected);
    if (!r.ok)
        return reject(r.problem);
    // RFC 7523 3 item 7: a jti is used once while the assertion is valid.
    const QString key = client->clientId + u'\n' + r.jti;
    if (m_assertionJti.contains(key))
        return reject(u"The client assertion was already used (its jti was seen before); sign a new one for each request."_s);
    if (m_assertionJti.size() >= 20000)
        m_assertionJti.erase(m_assertionJti.begin());
    m_assertionJti.insert(key, r.exp);
    auth.authenticated = true;
}

bool AuthorizationServer::isPublicClient(const QString &clientId) const
{
    if (clientId == nativeClient())
        return true;
    const RegisteredClient *c = m_clients.find(clientId);
    return c && c->isPublic();
}
