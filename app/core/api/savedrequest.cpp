// SPDX-License-Identifier: MIT
#include "api/savedrequest.h"
#include "http/formencoding.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace {

const std::pair<SavedRequest::BodyType, const char *> BodyTypeNames[] = {
        {SavedRequest::BodyType::None, "none"},
        {SavedRequest::BodyType::Json, "json"},
        {SavedRequest::BodyType::Form, "form"},
        {SavedRequest::BodyType::Raw, "raw"},
};

QJsonArray pairsToJson(const SavedRequest::Pairs &pairs)
{
    QJsonArray out;
    for (const auto &p : pairs)
        out.append(QJsonArray{p.first, p.second});
    return out;
}

std::optional<SavedRequest::Pairs> pairsFromJson(const QJsonValue &v)
{
    if (v.isUndefined())
        return SavedRequest::Pairs();
    if (!v.isArray())
        return std::nullopt;
    SavedRequest::Pairs out;
    for (const QJsonValue &item : v.toArray()) {
        const QJsonArray pair = item.toArray();
        if (pair.size() != 2 || !pair.at(0).isString() || !pair.at(1).isString())
            return std::nullopt;
        out.append({pair.at(0).toString(), pair.at(1).toString()});
    }
    return out;
}

bool isToken(QByteArrayView s)
{
    // RFC 9110 5.6.2: a header name is a token.
    if (s.isEmpty())
        return false;
    for (const char c : s) {
        if (!(std::isalnum(uchar(c)) || QByteArrayView("!#$%&'*+-.^_`|~").contains(c)))
            return false;
    }
    return true;
}

} // namespace

QString SavedRequest::path() const
{
    return folder.isEmpty() ? name : folder + u'/' + name;
}

bool SavedRequest::operator==(const SavedRequest &o) const
{
    return folder == o.folder && name == o.name && method == o.method && url == o.url && headers == o.headers
            && bodyType == o.bodyType && body == o.body && form == o.form && contentType == o.contentType && withToken == o.withToken;
}

QString SavedRequest::bodyTypeName(BodyType type)
{
    for (const auto &[t, name] : BodyTypeNames) {
        if (t == type)
            return QString::fromLatin1(name);
    }
    return QString();
}

bool SavedRequest::isValidName(const QString &name, QString *error)
{
    auto fail = [error](const QString &sentence) {
        if (error)
            *error = sentence;
        return false;
    };
    if (name.trimmed().isEmpty())
        return fail(tr("A saved request needs a name."));
    if (name.size() > 200)
        return fail(tr("A name is at most 200 characters."));
    if (name.contains(u'/'))
        return fail(tr("The name \"%1\" holds a '/', which separates folders; pick the folder separately.").arg(name));
    for (const QChar c : name) {
        if (c.category() == QChar::Other_Control)
            return fail(tr("A name cannot hold control characters."));
    }
    return true;
}

QStringList SavedRequest::placeholderNames() const
{
    QString all = url + u'\n' + body + u'\n' + contentType;
    for (const auto &p : headers + form)
        all += u'\n' + p.first + u'\n' + p.second;
    return RequestVariables::namesIn(all);
}

std::optional<ApiRequest> SavedRequest::toApiRequest(const RequestVariables &asked, const QUrl &apiBase, QString *error) const
{
    auto fail = [error](const QString &sentence) -> std::optional<ApiRequest> {
        if (error)
            *error = sentence;
        return std::nullopt;
    };
    RequestVariables variables = asked;
    if (!variables.contains(QString::fromLatin1(RequestVariables::Base))) {
        QString base = apiBase.toString();
        while (base.endsWith(u'/'))
            base.chop(1);
        variables.set(QString::fromLatin1(RequestVariables::Base), base);
    }
    auto resolve = [&variables](const QString &text, const QString &where, QString *why) -> std::optional<QString> {
        QString problem;
        auto out = variables.resolve(text, &problem);
        if (!out && why)
            *why = tr("%1: %2").arg(where, problem);
        return out;
    };
    ApiRequest r;
    r.withToken = withToken;
    const QString m = method.trimmed().toUpper();
    if (!isToken(m.toLatin1()) || m.size() > 32)
        return fail(tr("The method \"%1\" is not an HTTP method name.").arg(method));
    r.method = m.toLatin1();

    const auto resolvedUrl = resolve(url, tr("URL"), error);
    if (!resolvedUrl)
        return std::nullopt;
    const QString line = resolvedUrl->trimmed();
    if (line.isEmpty())
        return fail(tr("Type a path such as /api/private, or a full URL."));
    if (line.startsWith(u"http://"_s, Qt::CaseInsensitive) || line.startsWith(u"https://"_s, Qt::CaseInsensitive)) {
        r.url = QUrl(line, QUrl::StrictMode);
    } else {
        if (apiBase.isEmpty())
            return fail(tr("The profile has no API base URL, so \"%1\" needs to be a full URL.").arg(line));
        QUrl joined = apiBase;
        QString basePath = joined.path();
        while (basePath.endsWith(u'/'))
            basePath.chop(1);
        const QString rel = line.startsWith(u'/') ? line : u'/' + line;
        r.url = QUrl(joined.toString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment) + basePath + rel, QUrl::StrictMode);
    }
    if (!r.url.isValid() || r.url.host().isEmpty())
        return fail(tr("The URL \"%1\" is not valid: %2").arg(line, r.url.errorString()));

    for (const auto &h : headers) {
        if (h.first.trimmed().isEmpty() && h.second.trimmed().isEmpty())
            continue;
        const QString name = h.first.trimmed();
        if (!isToken(name.toLatin1()) || name.toLatin1() != name.toUtf8())
            return fail(tr("The header name \"%1\" is not valid (letters, digits and !#$%&'*+-.^_`|~ only).").arg(name));
        const auto value = resolve(h.second, tr("Header %1").arg(name), error);
        if (!value)
            return std::nullopt;
        if (value->contains(u'\n') || value->contains(u'\r'))
            return fail(tr("The value of header %1 holds a line break.").arg(name));
        r.headers.append({name.toLatin1(), value->trimmed().toUtf8()});
    }
    auto setType = [&r](const QByteArray &type) {
        if (firstHeader(r.headers, "content-type").isEmpty())
            r.headers.append({"Content-Type", type});
    };
    switch (bodyType) {
    case BodyType::None:
        break;
    case BodyType::Json: {
        const auto text = resolve(body, tr("Body"), error);
        if (!text)
            return std::nullopt;
        QJsonParseError pe;
        QJsonDocument::fromJson(text->toUtf8(), &pe);
        if (!text->trimmed().isEmpty() && pe.error != QJsonParseError::NoError)
            return fail(tr("The JSON body is not valid JSON: %1 at character %2.").arg(pe.errorString()).arg(pe.offset + 1));
        r.body = text->toUtf8();
        setType("application/json");
        break;
    }
    case BodyType::Form: {
        FormData data;
        for (const auto &f : form) {
            if (f.first.isEmpty() && f.second.isEmpty())
                continue;
            const auto key = resolve(f.first, tr("Form field"), error);
            if (!key)
                return std::nullopt;
            const auto value = resolve(f.second, tr("Form field %1").arg(*key), error);
            if (!value)
                return std::nullopt;
            data.add(*key, *value);
        }
        r.body = data.encode();
        setType("application/x-www-form-urlencoded");
        break;
    }
    case BodyType::Raw: {
        const auto text = resolve(body, tr("Body"), error);
        if (!text)
            return std::nullopt;
        r.body = text->toUtf8();
        const QString type = contentType.trimmed().isEmpty() ? u"text/plain; charset=utf-8"_s : contentType.trimmed();
        if (type.contains(u'\n') || type.contains(u'\r'))
            return fail(tr("The content type holds a line break."));
        setType(type.toUtf8());
        break;
    }
    }
    return r;
}

SavedRequest SavedRequest::fromApiRequest(const ApiRequest &request, const QUrl &apiBase)
{
    SavedRequest s;
    s.method = QString::fromLatin1(request.method);
    s.withToken = request.withToken;
    const QString url = request.url.toString();
    QString base = apiBase.toString();
    while (base.endsWith(u'/'))
        base.chop(1);
    s.url = !base.isEmpty() && url.startsWith(base + u'/') ? url.mid(base.size()) : url;
    QByteArray type;
    for (const auto &h : request.headers) {
        if (h.first.compare("content-type", Qt::CaseInsensitive) == 0)
            type = h.second;
        else
            s.headers.append({QString::fromLatin1(h.first), QString::fromUtf8(h.second)});
    }
    if (request.body.isEmpty() && type.isEmpty())
        return s;
    const QByteArray lower = type.toLower();
    const auto form = FormData::parse(request.body);
    if (lower.contains("x-www-form-urlencoded") && form) {
        s.bodyType = BodyType::Form;
        s.form = form->pairs();
    } else if (lower.contains("json") || (type.isEmpty() && !QJsonDocument::fromJson(request.body).isNull())) {
        s.bodyType = BodyType::Json;
        s.body = QString::fromUtf8(request.body);
    } else {
        s.bodyType = BodyType::Raw;
        s.body = QString::fromUtf8(request.body);
        s.contentType = QString::fromUtf8(type);
    }
    return s;
}

QJsonObject SavedRequest::toJson() const
{
    QJsonObject o{{u"name"_s, name}, {u"method"_s, method}, {u"url"_s, url}};
    if (!folder.isEmpty())
        o.insert(u"folder"_s, folder);
    if (!headers.isEmpty())
        o.insert(u"headers"_s, pairsToJson(headers));
    if (!withToken)
        o.insert(u"withToken"_s, false);
    if (bodyType != BodyType::None) {
        QJsonObject b{{u"type"_s, bodyTypeName(bodyType)}};
        if (bodyType == BodyType::Form)
            b.insert(u"fields"_s, pairsToJson(form));
        else
            b.insert(u"text"_s, body);
        if (bodyType == BodyType::Raw && !contentType.isEmpty())
            b.insert(u"contentType"_s, contentType);
        o.insert(u"body"_s, b);
    }
    return o;
}

std::optional<SavedRequest> SavedRequest::fromJson(const QJsonObject &o, QString *error)
{
    auto fail = [error](const QString &sentence) -> std::optional<SavedRequest> {
        if (error)
            *error = sentence;
        return std::nullopt;
    };
    SavedRequest s;
    if (!o.value(u"name").isString())
        return fail(tr("a request has no name."));
    s.name = o.value(u"name").toString();
    QString why;
    if (!isValidName(s.name, &why))
        return fail(tr("the request \"%1\" has a name TokenLab cannot use: %2").arg(s.name.left(60), why));
    const QJsonValue folder = o.value(u"folder");
    if (!folder.isUndefined() && !folder.isString())
        return fail(tr("the folder of \"%1\" is not text.").arg(s.name));
    s.folder = folder.toString();
    for (const QString &part : s.folder.split(u'/', Qt::KeepEmptyParts)) {
        if (!s.folder.isEmpty() && !isValidName(part, &why))
            return fail(tr("the folder of \"%1\" has an empty or unusable part.").arg(s.name));
    }
    if (!o.value(u"method").isString() || !o.value(u"url").isString())
        return fail(tr("the request \"%1\" has no method or URL as text.").arg(s.name));
    s.method = o.value(u"method").toString();
    s.url = o.value(u"url").toString();
    const auto headers = pairsFromJson(o.value(u"headers"));
    if (!headers)
        return fail(tr("the headers of \"%1\" are not a list of name and value pairs.").arg(s.name));
    s.headers = *headers;
    s.withToken = o.value(u"withToken").toBool(true);
    const QJsonValue body = o.value(u"body");
    if (!body.isUndefined()) {
        if (!body.isObject())
            return fail(tr("the body of \"%1\" is not an object with a type.").arg(s.name));
        const QString type = body.toObject().value(u"type").toString();
        bool known = false;
        for (const auto &[t, name] : BodyTypeNames) {
            if (type == QLatin1StringView(name)) {
                s.bodyType = t;
                known = true;
            }
        }
        if (!known)
            return fail(tr("the body of \"%1\" has the type \"%2\"; TokenLab knows json, form, raw and none.").arg(s.name, type.left(40)));
        if (s.bodyType == BodyType::Form) {
            const auto fields = pairsFromJson(body.toObject().value(u"fields"));
            if (!fields)
                return fail(tr("the form fields of \"%1\" are not a list of name and value pairs.").arg(s.name));
            s.form = *fields;
        } else if (s.bodyType != BodyType::None) {
            s.body = body.toObject().value(u"text").toString();
            if (s.bodyType == BodyType::Raw)
                s.contentType = body.toObject().value(u"contentType").toString();
        }
    }
    return s;
}
