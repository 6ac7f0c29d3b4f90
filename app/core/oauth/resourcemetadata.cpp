// SPDX-License-Identifier: MIT
#include "oauth/resourcemetadata.h"
#include "oauth/providermetadata.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace {

constexpr int MaxListEntries = 100;

// A member that must be an array of non-empty strings, when present.
bool readStrings(const QJsonObject &o, const QString &key, QStringList *out, QString *why)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined())
        return true;
    if (!v.isArray()) {
        *why = QCoreApplication::translate("ResourceMetadata", "The protected resource metadata's \"%1\" is not an array of strings.").arg(key);
        return false;
    }
    const QJsonArray a = v.toArray();
    if (a.size() > MaxListEntries) {
        *why = QCoreApplication::translate("ResourceMetadata", "The protected resource metadata's \"%1\" has %2 entries; at most %3 are read.").arg(key).arg(a.size()).arg(MaxListEntries);
        return false;
    }
    for (const QJsonValue &e : a) {
        if (!e.isString() || e.toString().isEmpty()) {
            *why = QCoreApplication::translate("ResourceMetadata", "The protected resource metadata's \"%1\" holds something that is not a non-empty string.").arg(key);
            return false;
        }
        out->append(e.toString());
    }
    return true;
}

QString normalisedPath(const QUrl &url)
{
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    return path;
}

} // namespace

QUrl ResourceMetadata::origin(const QUrl &url)
{
    QUrl o;
    o.setScheme(url.scheme());
    o.setHost(url.host());
    o.setPort(url.port());
    return o;
}

bool ResourceMetadata::sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
            && a.port(a.scheme() == u"https" ? 443 : 80) == b.port(b.scheme() == u"https" ? 443 : 80);
}

ResourceMetadata::Match ResourceMetadata::matches(const QUrl &resource, const QUrl &expected, const QUrl &apiUrl)
{
    if (resource.hasFragment() || !sameOrigin(resource, expected))
        return Match::None;
    // A slash at the end of a path is not told apart: https://h and https://h/ are one resource.
    auto same = [](const QUrl &a, const QUrl &b) {
        return normalisedPath(a) == normalisedPath(b) && a.query(QUrl::FullyEncoded) == b.query(QUrl::FullyEncoded);
    };
    // Identical only when it is also the API the user gave: a document at the
    // origin that names the origin covers more than https://h/api/x.
    if (same(resource, expected) && same(expected, apiUrl))
        return Match::Identical;
    if (resource.hasQuery() || !sameOrigin(resource, apiUrl))
        return Match::None;
    const QString r = normalisedPath(resource);
    const QString a = normalisedPath(apiUrl);
    return r.isEmpty() || a == r || a.startsWith(r + u'/') ? Match::PathPrefix : Match::None;
}

QList<ResourceMetadata::WellKnown> ResourceMetadata::wellKnownUrls(const QUrl &apiUrl)
{
    QList<WellKnown> urls;
    // RFC 9728 3.1: only a slash right after the host goes; https://h/api/ keeps its own.
    QString path = apiUrl.path(QUrl::FullyEncoded);
    if (path == u"/")
        path.clear();
    const QUrl base = origin(apiUrl);
    if (!path.isEmpty() || apiUrl.hasQuery()) {
        QUrl url = base;
        url.setPath(u"/.well-known/oauth-protected-resource"_s + path, QUrl::StrictMode);
        if (apiUrl.hasQuery())
            url.setQuery(apiUrl.query(QUrl::FullyEncoded), QUrl::StrictMode);
        QUrl resource = apiUrl;
        resource.setFragment({});
        urls << WellKnown{url, resource};
    }
    QUrl url = base;
    url.setPath(u"/.well-known/oauth-protected-resource"_s);
    urls << WellKnown{url, base};
    return urls;
}

std::optional<ResourceMetadata> ResourceMetadata::parse(const QByteArray &json, const QUrl &expected, const QUrl &apiUrl, QString *error)
{
    QString why;
    auto fail = [error](const QString &sentence) -> std::optional<ResourceMetadata> {
        if (error)
            *error = sentence;
        return std::nullopt;
    };
    if (json.size() > MaxDocumentBytes)
        return fail(QCoreApplication::translate("ResourceMetadata", "The protected resource metadata is larger than %1 bytes; it is not read.").arg(MaxDocumentBytes));
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError)
        return fail(QCoreApplication::translate("ResourceMetadata", "The protected resource metadata is not valid JSON (%1).").arg(pe.errorString()));
    if (!doc.isObject())
        return fail(QCoreApplication::translate("ResourceMetadata", "The protected resource metadata is not a JSON object."));
    const QJsonObject o = doc.object();

    ResourceMetadata m;
    m.raw = o;
    // RFC 9728 2: "resource" is REQUIRED.
    const QJsonValue resource = o.value(u"resource");
    if (!resource.isString() || resource.toString().isEmpty())
        return fail(QCoreApplication::translate("ResourceMetadata", "The protected resource metadata has no \"resource\" string."));
    m.resource = QUrl(resource.toString(), QUrl::StrictMode);
    if (!ProviderMetadata::isAcceptableEndpoint(m.resource) || m.resource.hasFragment())
        return fail(QCoreApplication::translate("ResourceMetadata", "The protected resource metadata's \"resource\" is not an https URL without a fragment (or http on a loopback address): \"%1\".")
                            .arg(resource.toString()));
    // RFC 9728 3.3: the metadata must be about the resource the user asked for.
    m.match = matches(m.resource, expected, apiUrl);
    if (m.match == Match::None)
        return fail(QCoreApplication::translate("ResourceMetadata", "The protected resource metadata is about \"%1\", which is not the API at %2; it is not used (RFC 9728 3.3).")
                            .arg(resource.toString(), apiUrl.toString()));

    QStringList servers;
    if (!readStrings(o, u"authorization_servers"_s, &servers, &why))
        return fail(why);
    if (servers.isEmpty())
        return fail(QCoreApplication::translate("ResourceMetadata", "The protected resource metadata names no \"authorization_servers\"; TokenLab cannot tell where to log in."));
    for (const QString &s : std::as_const(servers)) {
        const QUrl issuer(s, QUrl::StrictMode);
        if (!ProviderMetadata::isAcceptableEndpoint(issuer) || issuer.hasQuery() || issuer.hasFragment())
            return fail(QCoreApplication::translate("ResourceMetadata", "The authorization server \"%1\" is not an https URL without query or fragment (or http on a loopback address).").arg(s));
        m.authorizationServers << issuer;
    }
    if (!readStrings(o, u"scopes_supported"_s, &m.scopesSupported, &why)
        || !readStrings(o, u"bearer_methods_supported"_s, &m.bearerMethodsSupported, &why)
        || !readStrings(o, u"dpop_signing_alg_values_supported"_s, &m.dpopSigningAlgs, &why))
        return fail(why);
    for (const QString &method : std::as_const(m.bearerMethodsSupported)) {
        if (method != u"header" && method != u"body" && method != u"query")
            return fail(QCoreApplication::translate("ResourceMetadata", "The protected resource metadata's \"bearer_methods_supported\" names \"%1\"; RFC 9728 2 knows header, body and query.").arg(method));
    }
    const QJsonValue bound = o.value(u"dpop_bound_access_tokens_required");
    if (!bound.isUndefined() && !bound.isBool())
        return fail(QCoreApplication::translate("ResourceMetadata", "The protected resource metadata's \"dpop_bound_access_tokens_required\" is not true or false."));
    m.dpopBoundAccessTokensRequired = bound.toBool();

    struct UrlField { const char16_t *key; QUrl *target; };
    for (const UrlField &f : {UrlField{u"jwks_uri", &m.jwksUri}, UrlField{u"resource_documentation", &m.resourceDocumentation}}) {
        const QString key = QString::fromUtf16(f.key);
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            continue;
        const QUrl url(v.toString(), QUrl::StrictMode);
        if (!v.isString() || !ProviderMetadata::isAcceptableEndpoint(url))
            return fail(QCoreApplication::translate("ResourceMetadata", "The protected resource metadata's \"%1\" is not an https URL (or http on a loopback address).").arg(key));
        *f.target = url;
    }
    const QJsonValue name = o.value(u"resource_name");
    if (!name.isUndefined() && !name.isString())
        return fail(QCoreApplication::translate("ResourceMetadata", "The protected resource metadata's \"resource_name\" is not a string."));
    m.resourceName = name.toString().left(200);
    return m;
}
