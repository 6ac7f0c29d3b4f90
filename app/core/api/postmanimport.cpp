// SPDX-License-Identifier: MIT
#include "api/postmanimport.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;
using namespace ImportSteps;

namespace {

// Postman writes auth settings as [{"key", "value", "type"}] (v2.1) or as an object (v2.0).
QJsonObject settings(const QJsonValue &v)
{
    if (v.isObject())
        return v.toObject();
    QJsonObject o;
    for (const QJsonValue &e : v.toArray())
        o.insert(e.toObject().value(u"key").toString(), e.toObject().value(u"value"));
    return o;
}

// tokenRequestParams / authRequestParams: [{"key", "value", "enabled"}].
QString param(const QJsonObject &s, const QString &name)
{
    for (const char *list : {"tokenRequestParams", "authRequestParams"}) {
        for (const QJsonValue &e : s.value(QLatin1StringView(list)).toArray()) {
            const QJsonObject o = e.toObject();
            if (o.value(u"key").toString() == name && o.value(u"enabled").toBool(true))
                return o.value(u"value").toString();
        }
    }
    return {};
}

class Reader
{
public:
    explicit Reader(ImportedCollection *c) : m_c(c) {}

    void auth(const QJsonValue &value, const QString &where, bool *withToken)
    {
        if (!value.isObject())
            return;
        const QJsonObject a = value.toObject();
        const QString type = a.value(u"type").toString();
        if (type == u"noauth") {
            *withToken = false;
        } else if (type == u"oauth2") {
            const QJsonObject s = settings(a.value(u"oauth2"));
            ImportedOAuth o;
            o.grant = text(s, "grant_type");
            o.pkce = o.grant == u"authorization_code_with_pkce";
            o.authorizeUrl = text(s, "authUrl");
            o.tokenUrl = text(s, "accessTokenUrl");
            o.clientId = text(s, "clientId");
            o.clientSecret = text(s, "clientSecret");
            o.scope = text(s, "scope");
            o.audience = param(s, u"audience"_s);
            o.resource = param(s, u"resource"_s);
            o.basicAuth = text(s, "client_authentication") == u"header"; // Postman's "Send as Basic Auth header"
            o.where = where;
            applyOAuth(m_c, o);
        } else if (!type.isEmpty() && type != u"bearer" && type != u"inherit") {
            m_c->notes << QCoreApplication::translate("PostmanImport", "%1 uses Postman's %2 authorization, which TokenLab does not import; its requests send the profile's token.")
                              .arg(where, type.left(40));
        }
    }

    void items(const QJsonArray &list, QStringList folders, bool withToken, int depth)
    {
        if (depth > ImportedCollection::MaxDepth) {
            m_fatal = QCoreApplication::translate("PostmanImport", "The folders are nested more than %1 deep.").arg(ImportedCollection::MaxDepth);
            return;
        }
        for (const QJsonValue &v : list) {
            if (!m_fatal.isEmpty())
                return;
            const QJsonObject item = v.toObject();
            const QString name = text(item, "name");
            bool token = withToken;
            if (item.value(u"item").isArray()) {
                auth(item.value(u"auth"), QCoreApplication::translate("PostmanImport", "The folder \"%1\"").arg(name), &token);
                items(item.value(u"item").toArray(), folders << name, token, depth + 1);
                folders.removeLast();
            } else if (item.contains(u"request")) {
                request(item, folders, token);
            } else {
                m_c->notes << QCoreApplication::translate("PostmanImport", "An item without a request or items (\"%1\") was skipped.").arg(name.left(60));
            }
        }
    }

    void request(const QJsonObject &item, const QStringList &folders, bool withToken)
    {
        SavedRequest r;
        r.name = text(item, "name");
        const QJsonValue req = item.value(u"request");
        if (req.isString()) {
            r.url = req.toString();
            r.withToken = withToken;
            addRequest(m_c, r, folders);
            return;
        }
        if (!req.isObject()) {
            m_c->notes << QCoreApplication::translate("PostmanImport", "The request \"%1\" was skipped: it is not an object.").arg(r.name.left(60));
            return;
        }
        const QJsonObject o = req.toObject();
        r.method = text(o, "method");
        const QJsonValue url = o.value(u"url");
        if (url.isString()) {
            r.url = url.toString();
        } else {
            const QJsonObject u = url.toObject();
            r.url = text(u, "raw");
            if (r.url.isEmpty()) {
                QStringList host, path;
                for (const QJsonValue &h : u.value(u"host").toArray())
                    host << h.toString();
                for (const QJsonValue &p : u.value(u"path").toArray())
                    path << (p.isString() ? p.toString() : p.toObject().value(u"value").toString());
                r.url = (u.contains(u"protocol") ? text(u, "protocol") + u"://"_s : QString()) + host.join(u'.')
                        + (path.isEmpty() ? QString() : u'/' + path.join(u'/'));
            }
        }
        r.url = r.url.trimmed();
        if (r.url.isEmpty()) {
            m_c->notes << QCoreApplication::translate("PostmanImport", "The request \"%1\" was skipped: it has no URL.").arg(r.name.left(60));
            return;
        }
        for (const QJsonValue &h : o.value(u"header").toArray()) {
            const QJsonObject ho = h.toObject();
            if (!ho.value(u"disabled").toBool() && !text(ho, "key").isEmpty())
                r.headers.append({text(ho, "key"), text(ho, "value")});
        }
        body(o.value(u"body").toObject(), &r);
        bool token = withToken;
        auth(o.value(u"auth"), QCoreApplication::translate("PostmanImport", "The request \"%1\"").arg(r.name.left(60)), &token);
        r.withToken = token;
        addRequest(m_c, r, folders);
    }

    void body(const QJsonObject &b, SavedRequest *r)
    {
        const QString mode = text(b, "mode");
        if (mode.isEmpty() || b.value(u"disabled").toBool())
            return;
        if (mode == u"raw") {
            const QString language = b.value(u"options").toObject().value(u"raw").toObject().value(u"language").toString();
            r->body = text(b, "raw");
            if (language == u"json") {
                r->bodyType = SavedRequest::BodyType::Json;
            } else {
                r->bodyType = SavedRequest::BodyType::Raw;
                for (const auto &h : r->headers) {
                    if (h.first.compare(u"content-type"_s, Qt::CaseInsensitive) == 0)
                        r->contentType = h.second;
                }
                if (r->contentType.isEmpty())
                    r->contentType = language == u"xml" ? u"application/xml"_s
                                   : language == u"html" ? u"text/html"_s
                                   : language == u"javascript" ? u"application/javascript"_s : u"text/plain"_s;
            }
        } else if (mode == u"urlencoded") {
            r->bodyType = SavedRequest::BodyType::Form;
            for (const QJsonValue &f : b.value(u"urlencoded").toArray()) {
                const QJsonObject fo = f.toObject();
                if (!fo.value(u"disabled").toBool())
                    r->form.append({text(fo, "key"), text(fo, "value")});
            }
        } else if (mode == u"graphql") {
            const QJsonObject g = b.value(u"graphql").toObject();
            QJsonObject q{{u"query"_s, g.value(u"query").toString()}};
            const QJsonDocument vars = QJsonDocument::fromJson(g.value(u"variables").toString().toUtf8());
            if (vars.isObject())
                q.insert(u"variables"_s, vars.object());
            r->bodyType = SavedRequest::BodyType::Json;
            r->body = QString::fromUtf8(QJsonDocument(q).toJson(QJsonDocument::Indented));
        } else {
            m_c->notes << QCoreApplication::translate("PostmanImport", "The %1 body of \"%2\" was left out: TokenLab sends JSON, form and raw bodies.").arg(mode.left(20), r->name.left(60));
        }
    }

    QString fatal() const { return m_fatal; }

private:
    ImportedCollection *m_c;
    QString m_fatal;
};

} // namespace

std::optional<ImportedCollection> PostmanImport::parse(const QByteArray &bytes, QString *error)
{
    auto fail = [error](const QString &sentence) -> std::optional<ImportedCollection> {
        if (error)
            *error = sentence;
        return std::nullopt;
    };
    if (tooBig(bytes, error))
        return std::nullopt;
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &pe);
    if (pe.error != QJsonParseError::NoError)
        return fail(QCoreApplication::translate("PostmanImport", "The file is not valid JSON (%1 at byte %2).").arg(pe.errorString()).arg(pe.offset));
    if (!doc.isObject())
        return fail(QCoreApplication::translate("PostmanImport", "The file is JSON but not an object, so not a Postman collection or environment."));
    const QJsonObject root = doc.object();
    ImportedCollection c;
    c.format = ImportedCollection::Format::Postman;
    if (root.value(u"values").isArray() && !root.contains(u"item")) {
        c.title = text(root, "name");
        for (const QJsonValue &v : root.value(u"values").toArray()) {
            const QJsonObject o = v.toObject();
            if (o.value(u"enabled").toBool(true))
                addVariable(&c, text(o, "key"), text(o, "value"), o.value(u"type").toString() == u"secret",
                            QCoreApplication::translate("PostmanImport", "the environment"));
        }
        settleApiBase(&c);
        return finish(c, error);
    }
    if (root.contains(u"requests") && root.contains(u"order"))
        return fail(QCoreApplication::translate("PostmanImport", "This is a Postman collection v1; export it again as Collection v2.1."));
    if (!root.value(u"info").isObject() || !root.value(u"item").isArray())
        return fail(QCoreApplication::translate("PostmanImport", "A Postman collection needs an \"info\" object and an \"item\" list; this file has not both."));
    const QString schema = root.value(u"info").toObject().value(u"schema").toString();
    if (!schema.isEmpty() && !schema.contains(u"v2.1") && !schema.contains(u"v2.0"))
        return fail(QCoreApplication::translate("PostmanImport", "The collection's schema %1 is not v2.0 or v2.1; export it again as Collection v2.1.").arg(schema.left(100)));
    c.title = root.value(u"info").toObject().value(u"name").toString();
    for (const QJsonValue &v : root.value(u"variable").toArray()) {
        const QJsonObject o = v.toObject();
        if (!o.value(u"disabled").toBool())
            addVariable(&c, text(o, "key"), text(o, "value"), o.value(u"type").toString() == u"secret", QCoreApplication::translate("PostmanImport", "the collection"));
    }
    Reader reader(&c);
    bool withToken = true;
    reader.auth(root.value(u"auth"), QCoreApplication::translate("PostmanImport", "The collection"), &withToken);
    reader.items(root.value(u"item").toArray(), {}, withToken, 0);
    if (!reader.fatal().isEmpty())
        return fail(reader.fatal());
    settleApiBase(&c);
    return ImportSteps::finish(c, error);
}
