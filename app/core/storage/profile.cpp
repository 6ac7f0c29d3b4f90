// SPDX-License-Identifier: MIT
#include "storage/profile.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {

bool isHttpUrl(const QUrl &url)
{
    return url.isValid() && !url.isRelative() && (url.scheme() == u"https" || url.scheme() == u"http")
            && !url.host().isEmpty();
}

} // namespace

QStringList Profile::validate() const
{
    QStringList errors;
    static const QRegularExpression namePattern(u"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"_s);
    if (!namePattern.match(name).hasMatch())
        errors << QCoreApplication::translate("Profile", "Name: use 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit.");
    if (!isHttpUrl(issuer))
        errors << QCoreApplication::translate("Profile", "Issuer: \"%1\" is not an http(s) URL.").arg(issuer.toString());
    if (clientId.trimmed().isEmpty())
        errors << QCoreApplication::translate("Profile", "Client ID: it is empty; copy it from the application's settings at the authorization server.");
    if (scope.contains(u'"') || scope.contains(u'\\'))
        errors << QCoreApplication::translate("Profile", "Scope: quotes and backslashes are not allowed in scope values (RFC 6749 3.3).");
    if (redirectHost != u"127.0.0.1" && redirectHost != u"::1" && redirectHost != u"localhost")
        errors << QCoreApplication::translate("Profile", "Redirect host: \"%1\" is not a loopback address; use 127.0.0.1, ::1 or localhost (RFC 8252 7.3).").arg(redirectHost);
    if (!redirectPath.startsWith(u'/'))
        errors << QCoreApplication::translate("Profile", "Redirect path: \"%1\" must start with a slash.").arg(redirectPath);
    if (!apiBase.isEmpty() && !isHttpUrl(apiBase))
        errors << QCoreApplication::translate("Profile", "API base URL: \"%1\" is not an http(s) URL.").arg(apiBase.toString());
    for (const QString *p : {&publicPath, &privatePath, &scopedPath}) {
        if (!p->startsWith(u'/'))
            errors << QCoreApplication::translate("Profile", "API path: \"%1\" must start with a slash.").arg(*p);
    }
    if (device && isMachineToMachine())
        errors << QCoreApplication::translate("Profile", "Sign-in: a machine-to-machine profile has no user to sign in on another device (RFC 8628); turn the device login off.");
    if (!resource.isEmpty() && QUrl(resource).isRelative())
        errors << QCoreApplication::translate("Profile", "Resource: \"%1\" must be an absolute URI (RFC 8707 2).").arg(resource);
    static const QStringList known{u"RS256"_s, u"RS384"_s, u"RS512"_s, u"PS256"_s, u"PS384"_s, u"PS512"_s,
                                   u"ES256"_s, u"ES384"_s, u"ES512"_s, u"EdDSA"_s};
    for (const QString &alg : allowedAlgorithms) {
        if (!known.contains(alg))
            errors << QCoreApplication::translate("Profile", "Allowed algorithms: \"%1\" is not one TokenLab verifies (%2).").arg(alg, known.join(u' '));
    }
    if (refreshBeforeSeconds < 0 || refreshBeforeSeconds > 3600)
        errors << QCoreApplication::translate("Profile", "Refresh before expiry: %1 s is not between 0 and 3600.").arg(refreshBeforeSeconds);
    if (isMachineToMachine() && audience.isEmpty() && resource.isEmpty())
        errors << QCoreApplication::translate("Profile", "Audience: a machine-to-machine profile needs the API identifier it asks a token for.");
    for (const auto &p : extraParams) {
        if (p.first.trimmed().isEmpty())
            errors << QCoreApplication::translate("Profile", "Extra parameter: a parameter has no name.");
    }
    return errors;
}

QString Profile::clientAuthName(ClientAuth auth)
{
    switch (auth) {
    case ClientAuth::Post: return u"client_secret_post"_s;
    case ClientAuth::Basic: return u"client_secret_basic"_s;
    case ClientAuth::PrivateKeyJwt: return u"private_key_jwt"_s;
    }
    return {};
}

QUrl Profile::redirectUri(quint16 actualPort) const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(redirectHost);
    url.setPort(actualPort);
    url.setPath(redirectPath);
    return url;
}

QUrl Profile::apiUrl(const QString &path) const
{
    QUrl url = apiBase;
    QString base = url.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    const qsizetype q = path.indexOf(u'?');
    url.setPath(base + (q < 0 ? path : path.left(q)));
    if (q >= 0)
        url.setQuery(path.mid(q + 1));
    return url;
}

QJsonObject Profile::toJson() const
{
    QJsonObject o{{u"name"_s, name}, {u"kind"_s, isSandbox() ? u"sandbox"_s : u"custom"_s}};
    o.insert(u"grant"_s, isMachineToMachine() ? u"client_credentials"_s : u"authorization_code"_s);
    if (isMachineToMachine() || usesClientKey())
        o.insert(u"client_auth"_s, clientAuthName(clientAuth));
    if (usesClientKey())
        o.insert(u"assertion_aud"_s, assertionAudience == AssertionAudience::TokenEndpoint ? u"token_endpoint"_s : u"issuer"_s);
    if (dpop)
        o.insert(u"dpop"_s, true);
    if (par)
        o.insert(u"par"_s, true);
    if (device)
        o.insert(u"device_login"_s, true);
    o.insert(u"refresh_before"_s, refreshBeforeSeconds);
    if (!isSandbox()) {
        o.insert(u"issuer"_s, issuer.toString());
        o.insert(u"client_id"_s, clientId);
        o.insert(u"api_base"_s, apiBase.toString());
    }
    o.insert(u"audience"_s, audience);
    o.insert(u"resource"_s, resource);
    o.insert(u"scope"_s, scope);
    QJsonArray extra;
    for (const auto &p : extraParams)
        extra.append(QJsonArray{p.first, p.second});
    o.insert(u"extra_params"_s, extra);
    o.insert(u"redirect_host"_s, redirectHost);
    o.insert(u"redirect_port"_s, int(redirectPort));
    o.insert(u"redirect_path"_s, redirectPath);
    if (!probePlan.isEmpty())
        o.insert(u"probe_plan"_s, probePlan);
    if (!allowedAlgorithms.isEmpty())
        o.insert(u"allowed_algs"_s, QJsonArray::fromStringList(allowedAlgorithms));
    o.insert(u"paths"_s, QJsonObject{{u"public"_s, publicPath}, {u"private"_s, privatePath}, {u"scoped"_s, scopedPath}});
    return o;
}

std::optional<Profile> Profile::fromJson(const QJsonObject &o, QString *error)
{
    Profile p;
    p.name = o.value(u"name").toString();
    p.kind = o.value(u"kind").toString() == u"sandbox" ? Kind::Sandbox : Kind::Custom;
    p.grant = o.value(u"grant").toString() == u"client_credentials" ? Grant::ClientCredentials : Grant::AuthorizationCode;
    const QString clientAuth = o.value(u"client_auth").toString();
    p.clientAuth = clientAuth == u"client_secret_basic" ? ClientAuth::Basic
                   : clientAuth == u"private_key_jwt"   ? ClientAuth::PrivateKeyJwt
                                                        : ClientAuth::Post;
    p.assertionAudience = o.value(u"assertion_aud").toString() == u"token_endpoint" ? AssertionAudience::TokenEndpoint
                                                                                     : AssertionAudience::Issuer;
    p.dpop = o.value(u"dpop").toBool();
    p.par = o.value(u"par").toBool();
    p.device = o.value(u"device_login").toBool();
    p.refreshBeforeSeconds = o.value(u"refresh_before").toInt(60);
    p.issuer = QUrl(o.value(u"issuer").toString(), QUrl::StrictMode);
    p.clientId = o.value(u"client_id").toString();
    p.apiBase = QUrl(o.value(u"api_base").toString(), QUrl::StrictMode);
    p.audience = o.value(u"audience").toString();
    p.resource = o.value(u"resource").toString();
    p.scope = o.value(u"scope").toString(QString::fromLatin1(DefaultScope));
    for (const QJsonValue &v : o.value(u"extra_params").toArray()) {
        const QJsonArray pair = v.toArray();
        if (pair.size() == 2)
            p.extraParams.append({pair.at(0).toString(), pair.at(1).toString()});
    }
    p.redirectHost = o.value(u"redirect_host").toString(p.redirectHost);
    const int port = o.value(u"redirect_port").toInt(0);
    if (port < 0 || port > 65535) {
        if (error)
            *error = QCoreApplication::translate("Profile", "Profile \"%1\": redirect port %2 is out of range 0-65535.").arg(p.name).arg(port);
        return std::nullopt;
    }
    p.redirectPort = quint16(port);
    p.redirectPath = o.value(u"redirect_path").toString(p.redirectPath);
    p.probePlan = o.value(u"probe_plan").toObject();
    for (const QJsonValue &a : o.value(u"allowed_algs").toArray())
        p.allowedAlgorithms << a.toString();
    const QJsonObject paths = o.value(u"paths").toObject();
    p.publicPath = paths.value(u"public").toString(p.publicPath);
    p.privatePath = paths.value(u"private").toString(p.privatePath);
    p.scopedPath = paths.value(u"scoped").toString(p.scopedPath);
    if (p.isSandbox()) // filled in from the running tenant
        return p;
    const QStringList problems = p.validate();
    if (!problems.isEmpty()) {
        if (error)
            *error = u"Profile \"%1\": %2"_s.arg(p.name, problems.join(u' '));
        return std::nullopt;
    }
    return p;
}

std::optional<QUrl> Profile::issuerFromDomain(const QString &domain, QString *error)
{
    QString host = domain.trimmed();
    if (host.startsWith(u"https://"))
        host = host.mid(8);
    while (host.endsWith(u'/'))
        host.chop(1);
    static const QRegularExpression hostPattern(u"^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+(:[0-9]{1,5})?$"_s);
    if (!hostPattern.match(host).hasMatch()) {
        if (error)
            *error = QCoreApplication::translate("Profile", "Domain: \"%1\" is not a host name like example.eu.auth0.com.").arg(domain);
        return std::nullopt;
    }
    return QUrl(u"https://"_s + host + u'/', QUrl::StrictMode);
}

Profile Profile::sandbox(const QUrl &issuer, const QUrl &apiBase, const QString &clientId, const QString &audience)
{
    Profile p;
    p.name = QString::fromLatin1(SandboxName);
    p.kind = Kind::Sandbox;
    p.issuer = issuer;
    p.apiBase = apiBase;
    p.clientId = clientId;
    p.audience = audience;
    p.scope = u"openid profile email offline_access read:messages"_s;
    return p;
}

bool Profile::isAuth0() const
{
    return issuer.scheme() == u"https" && (issuer.host().endsWith(u".auth0.com"_s));
}
