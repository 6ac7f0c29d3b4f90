// SPDX-License-Identifier: MIT
#include "api/importedcollection.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <algorithm>

using namespace Qt::StringLiterals;

QString ImportedCollection::formatName(Format format)
{
    switch (format) {
    case Format::Postman:
        return u"postman"_s;
    case Format::Insomnia:
        return u"insomnia"_s;
    case Format::Bruno:
        return u"bruno"_s;
    case Format::OpenApi:
        return u"openapi"_s;
    }
    return {};
}

std::optional<ImportedCollection::Format> ImportedCollection::formatFromName(const QString &name)
{
    for (Format f : {Format::Postman, Format::Insomnia, Format::Bruno, Format::OpenApi}) {
        if (formatName(f) == name.toLower())
            return f;
    }
    return std::nullopt;
}

std::optional<ImportedCollection::Format> ImportedCollection::detect(const QByteArray &bytes, QString *error)
{
    const QByteArray head = bytes.left(64 * 1024);
    const QJsonObject o = QJsonDocument::fromJson(bytes.size() <= MaxBytes ? bytes : QByteArray()).object();
    if (o.contains(u"openapi") || head.contains("\nopenapi:") || head.startsWith("openapi:"))
        return Format::OpenApi;
    if (o.contains(u"__export_format") || o.value(u"_type").toString() == u"export" || head.contains("__export_format:"))
        return Format::Insomnia;
    if ((o.contains(u"info") && o.contains(u"item")) || o.contains(u"_postman_variable_scope") || o.value(u"values").isArray())
        return Format::Postman;
    if (error)
        *error = tr("TokenLab cannot tell which tool wrote this file: it is not a Postman collection or environment, an "
                    "Insomnia export or an OpenAPI document. Name the format with --format.");
    return std::nullopt;
}

QUrl ImportedCollection::issuerFor(const QUrl &endpoint)
{
    QUrl origin;
    origin.setScheme(endpoint.scheme());
    origin.setHost(endpoint.host());
    origin.setPort(endpoint.port());
    const QString path = endpoint.path();
    auto with = [&origin](const QString &p) {
        QUrl u = origin;
        u.setPath(p);
        return u;
    };
    QRegularExpressionMatch m;
    // Entra ID: /<tenant>/oauth2/v2.0/token -> /<tenant>/v2.0
    if (endpoint.host() == u"login.microsoftonline.com"
        && (m = QRegularExpression(u"^/([^/]+)/oauth2/v2\\.0/(token|authorize)$"_s).match(path)).hasMatch())
        return with(u'/' + m.captured(1) + u"/v2.0"_s);
    // Keycloak: /realms/<realm>/protocol/openid-connect/token
    if ((m = QRegularExpression(u"^(.*/realms/[^/]+)/protocol/openid-connect/(token|auth)$"_s).match(path)).hasMatch())
        return with(m.captured(1));
    // Okta custom authorization server: /oauth2/<id>/v1/token
    if ((m = QRegularExpression(u"^(/oauth2/[^/]+)/v1/(token|authorize)$"_s).match(path)).hasMatch() && m.captured(1) != u"/oauth2/v1")
        return with(m.captured(1));
    // Auth0: /oauth/token and /authorize; its issuer ends with a slash.
    if (path == u"/oauth/token" || path == u"/authorize")
        return with(u"/"_s);
    return origin;
}

namespace ImportSteps {

namespace {

const QRegularExpression &placeholder()
{
    static const QRegularExpression re(u"\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*\\}\\}"_s);
    return re;
}

bool looksSecret(const QString &name)
{
    static const QRegularExpression re(u"secret|password|passwd|token|api[-_.]?key|private"_s,
                                       QRegularExpression::CaseInsensitiveOption);
    return re.match(name).hasMatch();
}

QString usableName(QString name)
{
    name.replace(u'/', u'-');
    QString clean;
    for (const QChar ch : name)
        clean += ch.category() == QChar::Other_Control ? u' ' : ch;
    return clean.trimmed().left(200);
}

} // namespace

QString text(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1StringView(key));
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toDouble());
    if (v.isBool())
        return v.toBool() ? u"true"_s : u"false"_s;
    return {};
}

bool tooBig(const QByteArray &bytes, QString *error)
{
    if (bytes.size() <= ImportedCollection::MaxBytes)
        return false;
    if (error)
        *error = ImportedCollection::tr("The file is larger than %1 MiB, more than an export TokenLab reads.")
                     .arg(ImportedCollection::MaxBytes / (1024 * 1024));
    return true;
}

std::optional<QString> variable(const ImportedCollection &c, const QString &name)
{
    for (const SavedVariable &v : c.variables) {
        if (v.name == name && !v.secret)
            return v.value;
    }
    for (const ImportedSecret &s : c.secrets) {
        if (s.kind == ImportedSecret::Kind::Variable && s.name == name && !s.value.isEmpty())
            return s.value;
    }
    return std::nullopt;
}

QString resolve(const ImportedCollection &c, const QString &input)
{
    QString out;
    qsizetype at = 0;
    auto it = placeholder().globalMatch(input);
    while (it.hasNext()) {
        const auto m = it.next();
        out += input.mid(at, m.capturedStart() - at);
        const auto value = variable(c, m.captured(1));
        out += value ? *value : m.captured();
        at = m.capturedEnd();
    }
    return out + input.mid(at);
}

void addVariable(ImportedCollection *c, const QString &name, const QString &value, bool secret, const QString &source)
{
    QString why;
    if (!RequestVariables::isValidName(name, &why)) {
        c->notes << ImportedCollection::tr("The variable \"%1\" of %2 was skipped: %3").arg(name.left(60), source, why);
        return;
    }
    if (c->variables.size() >= ImportedCollection::MaxVariables) {
        c->notes << ImportedCollection::tr("The variable \"%1\" was skipped: an import keeps at most %2 variables.")
                        .arg(name, QString::number(ImportedCollection::MaxVariables));
        return;
    }
    secret = secret || (looksSecret(name) && !value.isEmpty());
    for (int i = 0; i < c->variables.size(); ++i) {
        if (c->variables.at(i).name == name) {
            c->variables.removeAt(i); // a later scope (an environment) wins
            break;
        }
    }
    c->secrets.erase(std::remove_if(c->secrets.begin(), c->secrets.end(),
                                    [&name](const ImportedSecret &s) {
                                        return s.kind == ImportedSecret::Kind::Variable && s.name == name;
                                    }),
                     c->secrets.end());
    c->variables.append({name, secret ? QString() : value, secret});
    if (secret) {
        c->secrets.append({ImportedSecret::Kind::Variable, name, value});
        if (value.isEmpty())
            c->notes << ImportedCollection::tr("The secret variable %1 has no value in %2; set it in the Variables editor.").arg(name, source);
    }
}

bool addRequest(ImportedCollection *c, SavedRequest r, const QStringList &folders)
{
    if (c->requests.size() >= ImportedCollection::MaxRequests) {
        ++c->overLimit;
        return false;
    }
    r.name = usableName(r.name);
    if (r.name.isEmpty())
        r.name = ImportedCollection::tr("Request %1").arg(c->requests.size() + 1);
    QStringList parts;
    for (const QString &f : folders) {
        const QString part = usableName(f);
        if (!part.isEmpty())
            parts << part;
    }
    r.folder = parts.join(u'/');
    r.method = r.method.trimmed().toUpper();
    if (r.method.isEmpty())
        r.method = u"GET"_s;
    static const QRegularExpression token(u"^[A-Z]{1,16}$"_s);
    if (!token.match(r.method).hasMatch()) {
        c->notes << ImportedCollection::tr("The request \"%1\" was skipped: \"%2\" is not an HTTP method.").arg(r.name, r.method.left(20));
        return false;
    }
    QString why;
    if (!SavedRequest::fromJson(r.toJson(), &why)) { // what TokenLab cannot read back, it does not save
        c->notes << ImportedCollection::tr("The request \"%1\" was skipped: %2").arg(r.name.left(60), why);
        return false;
    }
    const QString base = r.name.left(190); // room for " (2)" within the 200 a name may have
    for (int n = 2; c->paths.contains(r.path()); ++n)
        r.name = base + u" (%1)"_s.arg(n);
    c->paths.insert(r.path());
    c->requests.append(r);
    return true;
}

std::optional<ImportedCollection> finish(ImportedCollection c, QString *error)
{
    if (c.overLimit == 0)
        return c;
    if (error)
        *error = ImportedCollection::tr("The file holds %1 requests, more than the %2 an import takes; split it and import the parts.")
                     .arg(c.requests.size() + c.overLimit)
                     .arg(ImportedCollection::MaxRequests);
    return std::nullopt;
}

void settleApiBase(ImportedCollection *c)
{
    static const QStringList baseNames{u"base"_s, u"baseurl"_s, u"base_url"_s, u"host"_s, u"url"_s, u"apiurl"_s,
                                       u"api_url"_s, u"apibase"_s, u"api_base"_s};
    for (int i = 0; i < c->variables.size(); ++i) {
        const SavedVariable v = c->variables.at(i);
        const QUrl url(v.value.trimmed(), QUrl::StrictMode);
        if (v.secret || !baseNames.contains(v.name.toLower()) || !url.isValid()
            || (url.scheme() != u"https" && url.scheme() != u"http") || url.host().isEmpty())
            continue;
        c->profile.apiBase = url;
        c->baseVariable = v.name;
        c->variables.removeAt(i);
        const QString from = u"{{"_s + v.name + u"}}"_s;
        for (SavedRequest &r : c->requests) {
            r.url.replace(from, u"{{base}}"_s);
            for (auto &h : r.headers)
                h.second.replace(from, u"{{base}}"_s);
        }
        c->notes << ImportedCollection::tr("The variable %1 became the profile's API base %2, and {{%1}} became {{base}}.")
                        .arg(v.name, url.toString());
        return;
    }
    QString origin;
    for (const SavedRequest &r : c->requests) {
        const QUrl url(r.url, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() || r.url.contains(u"{{"_s))
            continue;
        const QString o = url.scheme() + u"://"_s + url.authority();
        if (!origin.isEmpty() && o != origin)
            return;
        origin = o;
    }
    if (!origin.isEmpty() && c->profile.apiBase.isEmpty())
        c->profile.apiBase = QUrl(origin);
}

void applyOAuth(ImportedCollection *c, const ImportedOAuth &o)
{
    if (c->hasOAuth) {
        if (resolve(*c, o.clientId) != c->profile.clientId || QUrl(resolve(*c, o.tokenUrl)) != c->tokenUrl)
            c->notes << ImportedCollection::tr("%1 has its own OAuth 2.0 settings; only the first ones found became the profile.").arg(o.where);
        return;
    }
    const QString grant = o.grant.isEmpty() ? u"authorization_code"_s : o.grant;
    Profile &p = c->profile;
    if (grant == u"client_credentials") {
        p.grant = Profile::Grant::ClientCredentials;
    } else if (grant.startsWith(u"authorization_code")) {
        p.grant = Profile::Grant::AuthorizationCode;
        if (!o.pkce && grant != u"authorization_code_with_pkce")
            c->notes << ImportedCollection::tr("%1 signs in without PKCE; TokenLab always sends a PKCE S256 challenge (RFC 7636).").arg(o.where);
    } else {
        c->notes << ImportedCollection::tr("%1 uses the %2 grant, which TokenLab does not do; the profile uses the authorization "
                                           "code grant with PKCE instead.").arg(o.where, grant);
    }
    c->hasOAuth = true;
    p.clientAuth = o.basicAuth ? Profile::ClientAuth::Basic : Profile::ClientAuth::Post;
    c->tokenUrl = QUrl(resolve(*c, o.tokenUrl).trimmed(), QUrl::StrictMode);
    c->authorizeUrl = QUrl(resolve(*c, o.authorizeUrl).trimmed(), QUrl::StrictMode);
    p.clientId = resolve(*c, o.clientId).trimmed();
    if (!o.scope.trimmed().isEmpty())
        p.scope = resolve(*c, o.scope).simplified();
    p.audience = resolve(*c, o.audience).trimmed();
    p.resource = resolve(*c, o.resource).trimmed();
    const QUrl endpoint = c->tokenUrl.isValid() && !c->tokenUrl.host().isEmpty() ? c->tokenUrl : c->authorizeUrl;
    if (endpoint.isValid() && !endpoint.host().isEmpty() && !endpoint.toString().contains(u"{{"_s)) {
        p.issuer = ImportedCollection::issuerFor(endpoint);
        c->notes << ImportedCollection::tr("The issuer %1 was derived from %2; discovery checks it when you sign in.")
                        .arg(p.issuer.toString(), endpoint.toString());
    } else {
        c->notes << ImportedCollection::tr("%1 has no token or authorization URL TokenLab can read; give the issuer yourself.").arg(o.where);
    }
    if (p.clientId.isEmpty() || p.clientId.contains(u"{{"_s))
        c->notes << ImportedCollection::tr("%1 names no client ID TokenLab can read; give the one registered for TokenLab.").arg(o.where);
    if (!o.clientSecret.isEmpty()) {
        const QString secret = resolve(*c, o.clientSecret);
        if (secret.contains(u"{{"_s))
            c->notes << ImportedCollection::tr("The client secret refers to a variable the import does not hold; store it with "
                                               "the profile editor.");
        else
            c->secrets.append({ImportedSecret::Kind::ClientSecret, ImportedCollection::tr("client secret"), secret});
    }
}

} // namespace ImportSteps
