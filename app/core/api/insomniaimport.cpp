// SPDX-License-Identifier: MIT
#include "api/insomniaimport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;
using namespace ImportSteps;

namespace {

// {{ _.name }} and {{ name }} -> {{name}}; template tags ({% ... %}) stay.
QString rewrite(const QString &text)
{
    static const QRegularExpression re(u"\\{\\{\\s*(?:_\\.)?([A-Za-z0-9_.-]+)\\s*\\}\\}"_s);
    QString out = text;
    out.replace(re, u"{{\\1}}"_s);
    return out;
}

void environment(ImportedCollection *c, const QJsonObject &env)
{
    const bool secret = env.value(u"isPrivate").toBool();
    const QJsonObject data = env.value(u"data").toObject();
    for (auto it = data.begin(); it != data.end(); ++it) {
        const QJsonValue v = *it;
        if (v.isString() || v.isDouble() || v.isBool())
            addVariable(c, it.key(), v.isString() ? v.toString() : v.isBool() ? (v.toBool() ? u"true"_s : u"false"_s) : QString::number(v.toDouble()),
                        secret, QCoreApplication::translate("InsomniaImport", "the environment \"%1\"").arg(text(env, "name")));
        else
            c->notes << QCoreApplication::translate("InsomniaImport", "The variable %1 holds a list or an object, which TokenLab's variables cannot; it was skipped.").arg(it.key().left(60));
    }
}

} // namespace

std::optional<ImportedCollection> InsomniaImport::parse(const QByteArray &bytes, QString *error)
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
    if (root.value(u"type").toString().startsWith(u"collection.insomnia.rest"))
        return fail(QCoreApplication::translate("InsomniaImport", "This is an Insomnia 5 collection; export it as \"Insomnia v4 (JSON)\" for TokenLab."));
    if (root.value(u"__export_format").toInt() != 4 || !root.value(u"resources").isArray())
        return fail(QCoreApplication::translate("InsomniaImport", "An Insomnia export needs \"__export_format\": 4 and a \"resources\" list; this file has not both."));
    QString c_title;
    QHash<QString, QJsonObject> byId;
    QList<QJsonObject> requests, environments;
    for (const QJsonValue &v : root.value(u"resources").toArray()) {
        const QJsonObject o = v.toObject();
        const QString type = text(o, "_type");
        byId.insert(text(o, "_id"), o);
        if (type == u"request")
            requests << o;
        else if (type == u"environment")
            environments << o;
        else if (type == u"workspace" && c_title.isEmpty())
            c_title = text(o, "name");
    }
    ImportedCollection c;
    c.format = ImportedCollection::Format::Insomnia;
    c.title = c_title;
    // The base environment hangs under the workspace; its sub-environments under it.
    QString baseId;
    for (const QJsonObject &e : environments) {
        if (byId.value(text(e, "parentId")).value(u"_type").toString() == u"workspace") {
            baseId = text(e, "_id");
            environment(&c, e);
            break;
        }
    }
    bool subUsed = false;
    for (const QJsonObject &e : environments) {
        if (baseId.isEmpty() || text(e, "parentId") != baseId)
            continue;
        if (subUsed) {
            c.notes << QCoreApplication::translate("InsomniaImport", "The environment \"%1\" was left out: the import takes the first sub-environment only.").arg(text(e, "name").left(60));
            continue;
        }
        subUsed = true;
        environment(&c, e);
    }
    auto oauth = [&c](const QJsonObject &a, const QString &where) {
        ImportedOAuth o;
        o.grant = text(a, "grantType");
        o.pkce = a.value(u"usePkce").toBool();
        o.authorizeUrl = rewrite(text(a, "authorizationUrl"));
        o.tokenUrl = rewrite(text(a, "accessTokenUrl"));
        o.clientId = rewrite(text(a, "clientId"));
        o.clientSecret = rewrite(text(a, "clientSecret"));
        o.scope = rewrite(text(a, "scope"));
        o.audience = rewrite(text(a, "audience"));
        o.resource = rewrite(text(a, "resource"));
        o.basicAuth = !a.value(u"credentialsInBody").toBool(); // Insomnia's default: "As Basic Auth Header"
        o.where = where;
        applyOAuth(&c, o);
    };
    // Groups first (the settings a folder gives its requests), in file order.
    for (const QJsonValue &v : root.value(u"resources").toArray()) {
        const QJsonObject g = v.toObject();
        if (text(g, "_type") == u"request_group" && g.value(u"authentication").toObject().value(u"type").toString() == u"oauth2")
            oauth(g.value(u"authentication").toObject(), QCoreApplication::translate("InsomniaImport", "The folder \"%1\"").arg(text(g, "name").left(60)));
    }
    for (const QJsonObject &o : requests) {
        QStringList folders;
        QString parent = text(o, "parentId");
        for (int depth = 0; byId.value(parent).value(u"_type").toString() == u"request_group"; ++depth) {
            if (depth >= ImportedCollection::MaxDepth)
                return fail(QCoreApplication::translate("InsomniaImport", "The folders are nested more than %1 deep (or loop).").arg(ImportedCollection::MaxDepth));
            folders.prepend(byId.value(parent).value(u"name").toString());
            parent = byId.value(parent).value(u"parentId").toString();
        }
        SavedRequest r;
        r.name = text(o, "name");
        r.method = text(o, "method");
        r.url = rewrite(text(o, "url")).trimmed();
        if (r.url.isEmpty()) {
            c.notes << QCoreApplication::translate("InsomniaImport", "The request \"%1\" was skipped: it has no URL.").arg(r.name.left(60));
            continue;
        }
        for (const QJsonValue &h : o.value(u"headers").toArray()) {
            const QJsonObject ho = h.toObject();
            if (!ho.value(u"disabled").toBool() && !text(ho, "name").isEmpty())
                r.headers.append({text(ho, "name"), rewrite(text(ho, "value"))});
        }
        const QJsonObject body = o.value(u"body").toObject();
        const QString mime = text(body, "mimeType");
        if (mime == u"application/x-www-form-urlencoded") {
            r.bodyType = SavedRequest::BodyType::Form;
            for (const QJsonValue &p : body.value(u"params").toArray()) {
                const QJsonObject po = p.toObject();
                if (!po.value(u"disabled").toBool())
                    r.form.append({text(po, "name"), rewrite(text(po, "value"))});
            }
        } else if (mime == u"multipart/form-data") {
            c.notes << QCoreApplication::translate("InsomniaImport", "The multipart body of \"%1\" was left out: TokenLab sends JSON, form and raw bodies.").arg(r.name.left(60));
        } else if (body.contains(u"text")) {
            r.body = rewrite(text(body, "text"));
            r.bodyType = mime == u"application/json" ? SavedRequest::BodyType::Json : SavedRequest::BodyType::Raw;
            if (r.bodyType == SavedRequest::BodyType::Raw)
                r.contentType = mime.isEmpty() ? u"text/plain"_s : mime;
        }
        const QJsonObject auth = o.value(u"authentication").toObject();
        const QString type = text(auth, "type");
        if (type == u"none")
            r.withToken = false;
        else if (type == u"oauth2")
            oauth(auth, QCoreApplication::translate("InsomniaImport", "The request \"%1\"").arg(r.name.left(60)));
        else if (!type.isEmpty() && type != u"bearer")
            c.notes << QCoreApplication::translate("InsomniaImport", "The request \"%1\" uses Insomnia's %2 authentication, which TokenLab does not import; it sends the profile's token.")
                           .arg(r.name.left(60), type.left(40));
        addRequest(&c, r, folders);
    }
    settleApiBase(&c);
    return ImportSteps::finish(c, error);
}
