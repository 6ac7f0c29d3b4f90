// SPDX-License-Identifier: MIT
#include "oauth/providermetadata.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace {

QStringList stringList(const QJsonObject &o, const QString &key)
{
    QStringList out;
    for (const QJsonValue &v : o.value(key).toArray()) {
        if (v.isString())
            out << v.toString();
    }
    return out;
}

} // namespace

bool ProviderMetadata::isLoopbackHost(const QUrl &url)
{
    if (url.host().compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(url.host());
    return !address.isNull() && address.isLoopback();
}

bool ProviderMetadata::isAcceptableEndpoint(const QUrl &url)
{
    if (!url.isValid() || url.isRelative() || url.host().isEmpty())
        return false;
    if (url.scheme() == u"https")
        return true;
    return url.scheme() == u"http" && isLoopbackHost(url);
}

QUrl ProviderMetadata::discoveryUrl(const QUrl &issuer)
{
    QUrl url = issuer;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + u"/.well-known/openid-configuration"_s);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

QUrl ProviderMetadata::oauthMetadataUrl(const QUrl &issuer)
{
    QUrl url = issuer;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(u"/.well-known/oauth-authorization-server"_s + path);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

std::optional<ProviderMetadata> ProviderMetadata::parse(const QByteArray &json, const QUrl &expectedIssuer, QString *error,
                                                        Document document)
{
    auto fail = [error](const QString &why) -> std::optional<ProviderMetadata> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError)
        return fail(QCoreApplication::translate("ProviderMetadata", "The discovery document is not valid JSON (%1).").arg(pe.errorString()));
    if (!doc.isObject())
        return fail(QCoreApplication::translate("ProviderMetadata", "The discovery document is not a JSON object."));
    const QJsonObject o = doc.object();

    ProviderMetadata m;
    m.raw = o;
    if (!o.value(u"issuer").isString())
        return fail(QCoreApplication::translate("ProviderMetadata", "The discovery document has no \"issuer\"."));
    m.issuer = QUrl(o.value(u"issuer").toString(), QUrl::StrictMode);
    // OpenID Connect Discovery 4.3: exactly the issuer we asked about.
    if (m.issuer.toString() != expectedIssuer.toString()) {
        return fail(QCoreApplication::translate("ProviderMetadata", "The discovery document names the issuer \"%1\", not \"%2\". Check the profile's issuer (Auth0 issuers end with a slash).")
                            .arg(m.issuer.toString(), expectedIssuer.toString()));
    }

    struct Field { const char16_t *key; QUrl *target; bool required; };
    const Field fields[] = {
        {u"authorization_endpoint", &m.authorizationEndpoint, true},
        {u"token_endpoint", &m.tokenEndpoint, true},
        {u"jwks_uri", &m.jwksUri, document == Document::OpenIdDiscovery},
        {u"userinfo_endpoint", &m.userinfoEndpoint, false},
        {u"revocation_endpoint", &m.revocationEndpoint, false},
        {u"end_session_endpoint", &m.endSessionEndpoint, false},
        {u"pushed_authorization_request_endpoint", &m.pushedAuthorizationRequestEndpoint, false},
        {u"introspection_endpoint", &m.introspectionEndpoint, false},
        {u"device_authorization_endpoint", &m.deviceAuthorizationEndpoint, false},
    };
    for (const Field &f : fields) {
        const QString key = QString::fromUtf16(f.key);
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull()) {
            if (f.required)
                return fail(QCoreApplication::translate("ProviderMetadata", "The discovery document has no \"%1\".").arg(key));
            continue;
        }
        const QUrl url(v.toString(), QUrl::StrictMode);
        if (!v.isString() || !isAcceptableEndpoint(url))
            return fail(QCoreApplication::translate("ProviderMetadata", "The discovery document's \"%1\" is not an https URL (or http on a loopback address): \"%2\".")
                                .arg(key, v.toString()));
        *f.target = url;
    }
    // RFC 8414 2: only a client that registers uses it, so an unusable one is
    // left empty here rather than failing discovery for every other profile.
    const QUrl registration(o.value(u"registration_endpoint").toString(), QUrl::StrictMode);
    if (isAcceptableEndpoint(registration))
        m.registrationEndpoint = registration;
    m.scopesSupported = stringList(o, u"scopes_supported"_s);
    m.codeChallengeMethods = stringList(o, u"code_challenge_methods_supported"_s);
    m.idTokenSigningAlgs = stringList(o, u"id_token_signing_alg_values_supported"_s);
    m.grantTypes = stringList(o, u"grant_types_supported"_s);
    m.issParameterSupported = o.value(u"authorization_response_iss_parameter_supported").toBool();
    m.fromOAuthMetadata = document == Document::OAuthMetadata;
    m.requirePushedAuthorizationRequests = o.value(u"require_pushed_authorization_requests").toBool();
    if (m.requirePushedAuthorizationRequests && m.pushedAuthorizationRequestEndpoint.isEmpty())
        return fail(QCoreApplication::translate("ProviderMetadata", "The discovery document requires pushed authorization requests but names no \"pushed_authorization_request_endpoint\"."));
    m.dpopSigningAlgs = stringList(o, u"dpop_signing_alg_values_supported"_s);
    m.tokenEndpointAuthMethods = stringList(o, u"token_endpoint_auth_methods_supported"_s);
    m.tokenEndpointAuthSigningAlgs = stringList(o, u"token_endpoint_auth_signing_alg_values_supported"_s);
    return m;
}
