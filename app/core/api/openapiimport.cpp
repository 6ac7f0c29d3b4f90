// SPDX-License-Identifier: MIT
#include "api/openapiimport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;
using namespace ImportSteps;

namespace {

QString scopesOf(const QJsonObject &flow)
{
    return flow.value(u"scopes").toObject().keys().join(u' ');
}

void security(ImportedCollection *c, const QJsonObject &schemes)
{
    for (auto it = schemes.begin(); it != schemes.end(); ++it) {
        const QJsonObject s = it->toObject();
        const QString type = s.value(u"type").toString();
        if (type == u"openIdConnect" && !c->hasOAuth) {
            QString url = s.value(u"openIdConnectUrl").toString();
            static const QString wellKnown = u"/.well-known/openid-configuration"_s;
            if (url.endsWith(wellKnown))
                url.chop(wellKnown.size());
            const QUrl issuer(url, QUrl::StrictMode);
            if (!issuer.isValid() || issuer.host().isEmpty()) {
                c->notes << QCoreApplication::translate("OpenApiImport", "The scheme %1 has no openIdConnectUrl TokenLab can read.").arg(it.key().left(60));
                continue;
            }
            c->hasOAuth = true;
            c->profile.issuer = issuer;
            c->notes << QCoreApplication::translate("OpenApiImport", "The issuer %1 comes from the scheme %2's openIdConnectUrl.").arg(issuer.toString(), it.key());
            return;
        }
        if (type != u"oauth2")
            continue;
        const QJsonObject flows = s.value(u"flows").toObject();
        ImportedOAuth o;
        o.where = QCoreApplication::translate("OpenApiImport", "The scheme %1").arg(it.key().left(60));
        QJsonObject flow;
        if (flows.contains(u"authorizationCode")) {
            flow = flows.value(u"authorizationCode").toObject();
            o.grant = u"authorization_code"_s;
            o.pkce = true; // TokenLab always sends PKCE; the document cannot say either way
        } else if (flows.contains(u"clientCredentials")) {
            flow = flows.value(u"clientCredentials").toObject();
            o.grant = u"client_credentials"_s;
        } else if (!flows.isEmpty()) {
            flow = flows.begin()->toObject();
            o.grant = flows.begin().key();
        } else {
            c->notes << QCoreApplication::translate("OpenApiImport", "The scheme %1 has no flows.").arg(it.key().left(60));
            continue;
        }
        o.authorizeUrl = flow.value(u"authorizationUrl").toString();
        o.tokenUrl = flow.value(u"tokenUrl").toString();
        o.scope = scopesOf(flow);
        applyOAuth(c, o);
        return;
    }
}

} // namespace

std::optional<ImportedCollection> OpenApiImport::parse(const QByteArray &bytes, QString *error)
{
    auto fail = [error](const QString &sentence) -> std::optional<ImportedCollection> {
        if (error)
            *error = sentence;
        return std::nullopt;
    };
    const auto doc = loadDocument(bytes, error);
    if (!doc)
        return std::nullopt;
    const QJsonObject root = doc->toObject();
    if (root.contains(u"swagger"))
        return fail(QCoreApplication::translate("OpenApiImport", "This is a Swagger 2.0 document; TokenLab reads OpenAPI 3.x (convert it with swagger2openapi)."));
    const QJsonValue version = root.value(u"openapi"); // YAML's 3.0 unquoted is a number
    if (!(version.isString() && version.toString().startsWith(u"3.")) && !(version.isDouble() && version.toDouble() >= 3 && version.toDouble() < 4))
        return fail(QCoreApplication::translate("OpenApiImport", "The document has no \"openapi\": \"3.x\" field, so it is not an OpenAPI 3 document."));
    if (!root.value(u"paths").isUndefined() && !root.value(u"paths").isObject())
        return fail(QCoreApplication::translate("OpenApiImport", "\"paths\" is not a map of paths to operations."));
    ImportedCollection c;
    c.format = ImportedCollection::Format::OpenApi;
    c.title = root.value(u"info").toObject().value(u"title").toString();
    const QString server = root.value(u"servers").toArray().at(0).toObject().value(u"url").toString();
    const QUrl base(server, QUrl::StrictMode);
    if (base.isValid() && (base.scheme() == u"https" || base.scheme() == u"http") && !base.host().isEmpty())
        c.profile.apiBase = base;
    else if (!server.isEmpty())
        c.notes << QCoreApplication::translate("OpenApiImport", "The server URL %1 is not an absolute http(s) URL; set the profile's API base yourself.").arg(server.left(100));
    security(&c, root.value(u"components").toObject().value(u"securitySchemes").toObject());
    if (!c.hasOAuth)
        c.notes << QCoreApplication::translate("OpenApiImport", "The document declares no oauth2 or openIdConnect security scheme.");
    else if (c.profile.isMachineToMachine())
        c.notes << QCoreApplication::translate("OpenApiImport", "An OpenAPI document names no audience; a client credentials profile needs the API identifier it asks tokens for.");
    const bool globalSecurity = root.contains(u"security");
    static const QStringList verbs{u"get"_s, u"put"_s, u"post"_s, u"delete"_s, u"patch"_s, u"head"_s, u"options"_s};
    static const QRegularExpression param(u"\\{([^{}/]+)\\}"_s);
    const QJsonObject paths = root.value(u"paths").toObject();
    for (auto p = paths.begin(); p != paths.end(); ++p) {
        if (!p.key().startsWith(u'/')) {
            c.notes << QCoreApplication::translate("OpenApiImport", "The path %1 does not start with a slash and was skipped.").arg(p.key().left(60));
            continue;
        }
        const QJsonObject item = p->toObject();
        for (const QString &verb : verbs) {
            if (!item.value(verb).isObject())
                continue;
            const QJsonObject op = item.value(verb).toObject();
            SavedRequest r;
            r.method = verb.toUpper();
            r.name = op.value(u"summary").toString().simplified();
            if (r.name.isEmpty())
                r.name = op.value(u"operationId").toString();
            if (r.name.isEmpty())
                r.name = r.method + u' ' + p.key();
            QString path = p.key();
            auto it = param.globalMatch(p.key());
            while (it.hasNext()) {
                const QString name = it.next().captured(1);
                if (!variable(c, name) && !c.variables.contains(SavedVariable{name, QString(), false}))
                    addVariable(&c, name, QString(), false, QCoreApplication::translate("OpenApiImport", "the path %1").arg(p.key().left(60)));
                path.replace(u'{' + name + u'}', u"{{"_s + name + u"}}"_s);
            }
            r.url = u"{{base}}"_s + path;
            const QJsonObject content = op.value(u"requestBody").toObject().value(u"content").toObject();
            if (content.contains(u"application/json")) {
                const QJsonObject media = content.value(u"application/json").toObject();
                QJsonValue example = media.value(u"example");
                const QJsonObject examples = media.value(u"examples").toObject();
                if (example.isUndefined() && !examples.isEmpty())
                    example = examples.begin()->toObject().value(u"value");
                r.bodyType = SavedRequest::BodyType::Json;
                r.body = example.isObject() ? QString::fromUtf8(QJsonDocument(example.toObject()).toJson(QJsonDocument::Indented))
                       : example.isArray()  ? QString::fromUtf8(QJsonDocument(example.toArray()).toJson(QJsonDocument::Indented))
                                            : u"{}"_s;
            } else if (content.contains(u"application/x-www-form-urlencoded")) {
                r.bodyType = SavedRequest::BodyType::Form;
            }
            // An empty security requirement list: the operation is public.
            const QJsonValue sec = op.contains(u"security") ? op.value(u"security") : root.value(u"security");
            r.withToken = !(sec.isArray() && sec.toArray().isEmpty() && (op.contains(u"security") || globalSecurity));
            const QJsonArray tags = op.value(u"tags").toArray();
            addRequest(&c, r, tags.isEmpty() ? QStringList() : QStringList{tags.first().toString()});
        }
    }
    return ImportSteps::finish(c, error);
}
