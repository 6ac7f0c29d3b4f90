#include "api/probeplan.h"

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

std::optional<ProbePlan> ProbePlan::fromJson(const QByteArray &json, QString *error)
{
    auto fail = [error](const QString &why) -> std::optional<ProbePlan> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return fail(u"The plan is not a JSON object (%1)."_s.arg(pe.errorString()));
    const QJsonValue list = doc.object().value(u"endpoints");
    if (!list.isArray() || list.toArray().isEmpty())
        return fail(u"The plan has no \"endpoints\" array."_s);
    ProbePlan plan;
    int index = 0;
    for (const QJsonValue &v : list.toArray()) {
        ++index;
        const QJsonObject o = v.toObject();
        ProbeEndpoint e;
        e.method = o.value(u"method").toString(u"GET"_s).toUpper().toLatin1();
        e.path = o.value(u"path").toString();
        // Profile::apiUrl() appends the path to the API base: only a path keeps the tokens at that origin.
        if (!e.path.startsWith(u'/'))
            return fail(u"Endpoint %1: \"path\" must start with a slash."_s.arg(index));
        const QString need = o.value(u"expect").toString(u"token"_s);
        if (need == u"public") {
            e.need = ProbeEndpoint::Need::Public;
        } else if (need == u"token") {
            e.need = ProbeEndpoint::Need::AnyToken;
        } else if (need == u"scopes") {
            e.need = ProbeEndpoint::Need::Scopes;
            for (const QJsonValue &s : o.value(u"scopes").toArray())
                e.scopes << s.toString();
            if (e.scopes.isEmpty())
                return fail(u"Endpoint %1 expects scopes but lists none in \"scopes\"."_s.arg(index));
        } else {
            return fail(u"Endpoint %1: \"expect\" is public, token or scopes, not \"%2\"."_s.arg(index).arg(need));
        }
        const QJsonValue headerOnly = o.value(u"header_only");
        if (!headerOnly.isUndefined() && !headerOnly.isBool())
            return fail(u"Endpoint %1: \"header_only\" is true or false."_s.arg(index));
        e.headerOnly = headerOnly.toBool();
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
