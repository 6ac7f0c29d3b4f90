// SPDX-License-Identifier: MIT
#include "oauth/clientregistration.h"
#include "oauth/providermetadata.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

QJsonObject ClientRegistration::request(const QUrl &redirectUri, const QString &clientName)
{
    return QJsonObject{
            {u"client_name"_s, clientName},
            {u"application_type"_s, u"native"_s},                 // OpenID Connect Registration 2
            {u"redirect_uris"_s, QJsonArray{redirectUri.toString()}}, // RFC 8252 7.3: loopback, any port
            {u"token_endpoint_auth_method"_s, u"none"_s},         // RFC 8252 8.4: a public client
            {u"grant_types"_s, QJsonArray{u"authorization_code"_s, u"refresh_token"_s}},
            {u"response_types"_s, QJsonArray{u"code"_s}},
    };
}

std::optional<ClientRegistration> ClientRegistration::parseResponse(int status, const QByteArray &body, QString *error)
{
    auto fail = [error](const QString &sentence) -> std::optional<ClientRegistration> {
        if (error)
            *error = sentence;
        return std::nullopt;
    };
    if (body.size() > MaxResponseBytes)
        return fail(QCoreApplication::translate("ClientRegistration", "The registration answer is larger than %1 bytes; it is not read.").arg(MaxResponseBytes));
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    const QJsonObject o = doc.object();
    if (status != 201 && status != 200) {
        // RFC 7591 3.2.2: error and error_description.
        const QString code = o.value(u"error").toString().left(100);
        const QString description = o.value(u"error_description").toString().left(500);
        if (code.isEmpty())
            return fail(QCoreApplication::translate("ClientRegistration", "The registration endpoint answered HTTP %1 without an OAuth error.").arg(status));
        return fail(description.isEmpty() ? QCoreApplication::translate("ClientRegistration", "The registration endpoint refused TokenLab (HTTP %1, %2).").arg(status).arg(code)
                                          : QCoreApplication::translate("ClientRegistration", "The registration endpoint refused TokenLab (HTTP %1, %2): %3").arg(status).arg(code, description));
    }
    if (pe.error != QJsonParseError::NoError)
        return fail(QCoreApplication::translate("ClientRegistration", "The registration answer is not valid JSON (%1).").arg(pe.errorString()));
    if (!doc.isObject())
        return fail(QCoreApplication::translate("ClientRegistration", "The registration answer is not a JSON object."));

    ClientRegistration r;
    const QJsonValue id = o.value(u"client_id");
    if (!id.isString() || id.toString().isEmpty() || id.toString().size() > 500)
        return fail(QCoreApplication::translate("ClientRegistration", "The registration answer has no \"client_id\" string."));
    r.clientId = id.toString();
    // A public client must not be handed a secret it cannot keep (RFC 8252 8.5).
    if (o.contains(u"client_secret"))
        return fail(QCoreApplication::translate("ClientRegistration", "The registration answer holds a client_secret although TokenLab registered a public client; it is not used."));
    const QJsonValue method = o.value(u"token_endpoint_auth_method");
    if (!method.isUndefined() && (!method.isString() || method.toString() != u"none"))
        return fail(QCoreApplication::translate("ClientRegistration", "The authorization server registered TokenLab with token_endpoint_auth_method \"%1\", not \"none\"; a public client cannot use it.")
                            .arg(method.toString()));
    r.tokenEndpointAuthMethod = u"none"_s;
    const QJsonValue token = o.value(u"registration_access_token");
    if (!token.isUndefined() && (!token.isString() || token.toString().isEmpty() || token.toString().size() > 4096))
        return fail(QCoreApplication::translate("ClientRegistration", "The registration answer's \"registration_access_token\" is not a string."));
    r.registrationAccessToken = token.toString();
    const QJsonValue uri = o.value(u"registration_client_uri");
    if (!uri.isUndefined()) {
        const QUrl url(uri.toString(), QUrl::StrictMode);
        if (!uri.isString() || !ProviderMetadata::isAcceptableEndpoint(url))
            return fail(QCoreApplication::translate("ClientRegistration", "The registration answer's \"registration_client_uri\" is not an https URL (or http on a loopback address)."));
        r.registrationClientUri = url;
    }
    r.raw = o;
    r.raw.remove(u"registration_access_token"_s);
    return r;
}
