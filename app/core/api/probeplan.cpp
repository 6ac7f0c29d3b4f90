// SPDX-License-Identifier: MIT
#include "api/probeplan.h"
#include "api/jsonposition.h"
#include "api/openapiplan.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

ProbePlan ProbePlan::quickstart(const Profile &profile)
{
    ProbePlan plan;
    plan.endpoints = {{"GET", profile.publicPath, ProbeEndpoint::Need::Public, {}},
                      {"GET", profile.privatePath, ProbeEndpoint::Need::AnyToken, {}},
                      {"GET", profile.scopedPath, ProbeEndpoint::Need::Scopes, {u"read:messages"_s}}};
    return plan;
}

ProbePlan ProbePlan::of(const Profile &profile)
{
    if (profile.probePlan.isEmpty())
        return quickstart(profile);
    return fromJson(QJsonDocument(profile.probePlan).toJson(), nullptr).value_or(quickstart(profile));
}

namespace {

// RFC 9110 5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
bool isToken(const QByteArray &s)
{
    static const QByteArray extra("!#$%&'*+-.^_`|~");
    for (const char c : s) {
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || extra.contains(c)))
            return false;
    }
    return !s.isEmpty();
}

// RFC 6749 3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
bool isScopeToken(const QString &s)
{
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        if (u < 0x21 || u > 0x7E || u == 0x22 || u == 0x5C)
            return false;
    }
    return !s.isEmpty();
}

QString jsonKind(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return u"true or false"_s;
    case QJsonValue::Double:
        return u"a number"_s;
    case QJsonValue::String:
        return u"a string"_s;
    case QJsonValue::Array:
        return u"a list"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    default:
        return u"nothing"_s;
    }
}

std::optional<ProbePlan> refuse(QString *error, const QString &why)
{
    if (error)
        *error = why;
    return std::nullopt;
}

QString tooBig(qsizetype size)
{
    return u"The plan is %1 KiB; TokenLab reads plans of up to %2 KiB."_s.arg((size + 1023) / 1024).arg(ProbePlan::maxDocumentBytes / 1024);
}

} // namespace

QString ProbePlan::check(const ProbeEndpoint &e)
{
    if (e.method.size() > 32 || !isToken(e.method))
        return u"the method \"%1\" is not an HTTP method name (letters, digits and !#$%&'*+-.^_`|~)"_s.arg(QString::fromLatin1(e.method.left(32)));
    // What ApiClient sends; any other method would only ever get "no answer".
    static const QList<QByteArray> sent{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};
    if (!sent.contains(e.method.toUpper()))
        return u"TokenLab probes with GET, POST, PUT, PATCH, DELETE, HEAD and OPTIONS, not \"%1\""_s.arg(QString::fromLatin1(e.method));
    // Profile::apiUrl() appends the path to the API base: only a path keeps the tokens at that origin.
    if (!e.path.startsWith(u'/'))
        return u"the path must start with a slash"_s;
    if (e.path.size() > 8192)
        return u"the path is longer than 8,192 characters"_s;
    for (const QChar c : e.path) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7F)
            return u"the path contains a control character"_s;
    }
    if (e.need == ProbeEndpoint::Need::Scopes) {
        if (e.scopes.isEmpty())
            return u"it expects scopes but lists none"_s;
        for (const QString &scope : e.scopes) {
            if (!isScopeToken(scope))
                return u"\"%1\" is not one scope (RFC 6749 3.3: no spaces, quotes or backslashes)"_s.arg(scope.left(64));
        }
    }
    return {};
}

std::optional<ProbePlan> ProbePlan::parse(const QByteArray &bytes, QString *error, QStringList *notes)
{
    if (notes)
        notes->clear();
    if (bytes.size() > maxDocumentBytes)
        return refuse(error, tooBig(bytes.size()));
    const QByteArray body = bytes.startsWith("\xEF\xBB\xBF") ? bytes.mid(3) : bytes; // a UTF-8 byte order mark
    const QByteArray trimmed = body.trimmed();
    if (trimmed.isEmpty())
        return refuse(error, u"The plan is empty."_s);
    if (trimmed.startsWith('[')) // JSON, and not an object
        return fromJson(body, error);
    if (trimmed.startsWith('{')) {
        QJsonParseError pe;
        const QJsonObject root = QJsonDocument::fromJson(body, &pe).object();
        if (pe.error != QJsonParseError::NoError)
            return refuse(error, JsonPosition::describe(body, pe));
        if (!root.contains(u"openapi") && !root.contains(u"swagger"))
            return fromJson(body, error);
    }
    return OpenApiPlan::parse(body, error, notes);
}

std::optional<ProbePlan> ProbePlan::fromJson(const QByteArray &json, QString *error)
{
    if (json.size() > maxDocumentBytes)
        return refuse(error, tooBig(json.size()));
    if (json.trimmed().isEmpty())
        return refuse(error, u"The plan is empty."_s);
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError)
        return refuse(error, JsonPosition::describe(json, pe));
    if (!doc.isObject())
        return refuse(error, u"The plan must be a JSON object with an \"endpoints\" list, not a list."_s);
    const QJsonValue list = doc.object().value(u"endpoints");
    if (!list.isArray() || list.toArray().isEmpty())
        return refuse(error, u"The plan has no \"endpoints\" list (it is %1)."_s.arg(jsonKind(list)));
    const QJsonArray endpoints = list.toArray();
    if (endpoints.size() > maxEndpoints)
        return refuse(error, u"The plan has %L1 endpoints; TokenLab probes at most %L2 in one plan."_s.arg(endpoints.size()).arg(maxEndpoints));
    ProbePlan plan;
    int index = 0;
    for (const QJsonValue &v : endpoints) {
        ++index;
        auto fail = [&](const QString &why) { return refuse(error, u"Endpoint %1: %2."_s.arg(index).arg(why)); };
        if (!v.isObject())
            return fail(u"it must be an object with a \"path\", not %1"_s.arg(jsonKind(v)));
        const QJsonObject o = v.toObject();
        // Other keys are left alone, so a plan may carry notes of its own.
        for (const char16_t *key : {u"method", u"path", u"expect"}) {
            const QJsonValue field = o.value(key);
            if (!field.isUndefined() && !field.isString())
                return fail(u"\"%1\" must be a string, not %2"_s.arg(QStringView(key), jsonKind(field)));
        }
        if (!o.contains(u"path"))
            return fail(u"it has no \"path\""_s);
        ProbeEndpoint e;
        e.method = o.value(u"method").toString(u"GET"_s).toUpper().toUtf8();
        e.path = o.value(u"path").toString();
        const QJsonValue scopes = o.value(u"scopes");
        if (!scopes.isUndefined() && !scopes.isArray())
            return fail(u"\"scopes\" must be a list of strings, not %1"_s.arg(jsonKind(scopes)));
        const QString need = o.value(u"expect").toString(u"token"_s);
        if (need == u"public") {
            e.need = ProbeEndpoint::Need::Public;
        } else if (need == u"token") {
            e.need = ProbeEndpoint::Need::AnyToken;
        } else if (need == u"scopes") {
            e.need = ProbeEndpoint::Need::Scopes;
            for (const QJsonValue &s : scopes.toArray()) {
                if (!s.isString())
                    return fail(u"each scope must be a string, not %1"_s.arg(jsonKind(s)));
                e.scopes << s.toString();
            }
        } else {
            return fail(u"\"expect\" is public, token or scopes, not \"%1\""_s.arg(need.left(64)));
        }
        const QJsonValue headerOnly = o.value(u"header_only");
        if (!headerOnly.isUndefined() && !headerOnly.isBool())
            return fail(u"\"header_only\" is true or false, not %1"_s.arg(jsonKind(headerOnly)));
        e.headerOnly = headerOnly.toBool();
        if (const QString wrong = check(e); !wrong.isEmpty())
            return fail(wrong);
        plan.endpoints << e;
    }
    return plan;
}

QByteArray ProbePlan::toJson() const
{
    QJsonArray list;
    for (const ProbeEndpoint &e : endpoints) {
        QJsonObject o{{u"method"_s, QString::fromLatin1(e.method)}, {u"path"_s, e.path}};
        o.insert(u"expect"_s, e.need == ProbeEndpoint::Need::Public ? u"public"_s : e.need == ProbeEndpoint::Need::AnyToken ? u"token"_s : u"scopes"_s);
        if (e.need == ProbeEndpoint::Need::Scopes)
            o.insert(u"scopes"_s, QJsonArray::fromStringList(e.scopes));
        if (e.headerOnly)
            o.insert(u"header_only"_s, true);
        list.append(o);
    }
    return QJsonDocument(QJsonObject{{u"endpoints"_s, list}}).toJson(QJsonDocument::Indented);
}
