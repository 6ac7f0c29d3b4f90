// SPDX-License-Identifier: MIT
#include "api/historyentry.h"
#include "api/redaction.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace {

const std::pair<ApiOutcome, const char *> OutcomeNames[] = {
        {ApiOutcome::Success, "success"},          {ApiOutcome::HttpError, "http-error"},
        {ApiOutcome::TokenExpired, "token-expired"}, {ApiOutcome::TransportError, "transport-error"},
        {ApiOutcome::InvalidRequest, "invalid-request"},
};

QJsonArray headersToJson(const HttpHeaders &headers)
{
    QJsonArray out;
    for (const auto &h : headers)
        out.append(QJsonArray{QString::fromLatin1(h.first), QString::fromLatin1(h.second)});
    return out;
}

std::optional<HttpHeaders> headersFromJson(const QJsonValue &v)
{
    if (v.isUndefined())
        return HttpHeaders();
    if (!v.isArray())
        return std::nullopt;
    HttpHeaders out;
    for (const QJsonValue &h : v.toArray()) {
        const QJsonArray pair = h.toArray();
        if (pair.size() != 2 || !pair.at(0).isString() || !pair.at(1).isString())
            return std::nullopt;
        out.append({pair.at(0).toString().toLatin1(), pair.at(1).toString().toLatin1()});
    }
    return out;
}

// Bytes as a JSON string when they are UTF-8, else base64 under another key.
void putBytes(QJsonObject &o, const QString &key, const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    if (!decoder.hasError())
        o.insert(key, text);
    else
        o.insert(key + u"Base64"_s, QString::fromLatin1(bytes.toBase64()));
}

QByteArray getBytes(const QJsonObject &o, const QString &key)
{
    if (o.contains(key + u"Base64"_s))
        return QByteArray::fromBase64(o.value(key + u"Base64"_s).toString().toLatin1());
    return o.value(key).toString().toUtf8();
}

QStringList stringList(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray())
        out.append(s.toString());
    return out;
}

// A JSON number as a size or a duration: negative, huge or not a number gives 0.
qint64 bounded(const QJsonValue &v, double max = 1e15)
{
    const double d = v.toDouble();
    return d >= 0 && d <= max ? qint64(d) : 0;
}

QString newId(const QDateTime &date)
{
    return u"%1-%2"_s.arg(date.toMSecsSinceEpoch()).arg(QRandomGenerator::system()->generate(), 8, 16, QChar(u'0'));
}

} // namespace

QString HistoryEntry::outcomeName(ApiOutcome outcome)
{
    for (const auto &[o, name] : OutcomeNames) {
        if (o == outcome)
            return QString::fromLatin1(name);
    }
    return QString();
}

bool HistoryEntry::isValidId(const QString &id)
{
    // It names a file: digits, lowercase hex and '-', bounded.
    if (id.isEmpty() || id.size() > 40)
        return false;
    for (const QChar c : id) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || c == u'-'))
            return false;
    }
    return true;
}

QJsonObject HistorySummary::toJson() const
{
    return {{u"id"_s, id},
            {u"date"_s, date.toUTC().toString(Qt::ISODateWithMs)},
            {u"method"_s, QString::fromLatin1(method)},
            {u"url"_s, url.toString(QUrl::FullyEncoded)},
            {u"status"_s, status},
            {u"outcome"_s, HistoryEntry::outcomeName(outcome)},
            {u"ms"_s, elapsedMs},
            {u"label"_s, label}};
}

std::optional<HistorySummary> HistorySummary::fromJson(const QJsonObject &o, QString *error)
{
    auto fail = [error](const QString &sentence) -> std::optional<HistorySummary> {
        if (error)
            *error = sentence;
        return std::nullopt;
    };
    HistorySummary s;
    s.id = o.value(u"id").toString();
    if (!HistoryEntry::isValidId(s.id))
        return fail(HistoryEntry::tr("an entry has no valid id."));
    if (!o.value(u"method").isString() || !o.value(u"url").isString())
        return fail(HistoryEntry::tr("the entry %1 has no method or URL.").arg(s.id));
    s.date = QDateTime::fromString(o.value(u"date").toString(), Qt::ISODateWithMs);
    s.method = o.value(u"method").toString().toLatin1().left(32);
    s.url = QUrl(o.value(u"url").toString(), QUrl::StrictMode);
    const double status = o.value(u"status").toDouble();
    s.status = status >= 0 && status < 1000 ? int(status) : 0;
    const QString outcome = o.value(u"outcome").toString();
    for (const auto &[value, name] : OutcomeNames) {
        if (outcome == QLatin1StringView(name))
            s.outcome = value;
    }
    s.elapsedMs = bounded(o.value(u"ms"));
    s.label = o.value(u"label").toString().left(200);
    return s;
}

HistoryEntry HistoryEntry::from(const ApiExchange &x, const QString &label, const QDateTime &date, const QList<QByteArray> &more)
{
    // The credentials that went, scrubbed from everything that is kept.
    // more: the values of secret variables, scrubbed whatever their length and encoding.
    const QList<QByteArray> secrets = Redaction::credentialsIn(x.sentHeaders) + Redaction::credentialsIn(x.request.headers);
    auto scrubAll = [&secrets, &more](const QByteArray &text) { return Redaction::scrubValues(Redaction::scrub(text, secrets), more); };
    auto scrubUrl = [&scrubAll](const QUrl &url) { return QUrl::fromEncoded(scrubAll(Redaction::url(url).toEncoded())); };
    auto scrubHeaders = [&scrubAll](const HttpHeaders &headers) {
        HttpHeaders out = Redaction::headers(headers);
        for (auto &h : out)
            h.second = scrubAll(h.second);
        return out;
    };
    HistoryEntry e;
    e.summary.id = newId(date);
    e.summary.date = date;
    e.summary.method = x.request.method;
    e.summary.url = scrubUrl(x.request.url);
    e.summary.status = x.status;
    e.summary.outcome = x.outcome;
    e.summary.elapsedMs = x.elapsedMs;
    e.summary.label = label;
    e.headers = scrubHeaders(x.request.headers);
    e.sentHeaders = scrubHeaders(x.sentHeaders);
    const QByteArray contentType = firstHeader(x.request.headers, "content-type");
    e.body = scrubAll(Redaction::body(x.request.body, contentType)).left(MaxBodyBytes);
    e.bodySize = x.request.body.size();
    e.withToken = x.request.withToken;
    e.tokenSent = x.tokenSent;
    e.finalUrl = scrubUrl(x.finalUrl);
    e.reason = x.reason;
    e.responseHeaders = scrubHeaders(x.responseHeaders);
    e.responseBody = Redaction::scrub(x.body.left(MaxBodyBytes), secrets);
    e.responseSize = x.bodySize;
    e.explanation = QString::fromUtf8(Redaction::scrub(x.explanation.text().toUtf8(), secrets));
    for (const QString &note : x.notes)
        e.notes.append(QString::fromUtf8(Redaction::scrub(note.toUtf8(), secrets)));
    e.missingScope = x.missingScope;
    e.tokenScopes = x.tokenScopes;
    return e;
}

ApiExchange HistoryEntry::toExchange() const
{
    ApiExchange x;
    x.request = request();
    x.request.headers = headers;
    x.finalUrl = finalUrl;
    x.sentHeaders = sentHeaders;
    x.tokenSent = tokenSent;
    x.notes = notes;
    x.outcome = summary.outcome;
    x.status = summary.status;
    x.reason = reason;
    x.responseHeaders = responseHeaders;
    x.body = responseBody;
    x.bodySize = responseSize;
    x.bodyTruncated = responseSize > responseBody.size();
    x.elapsedMs = summary.elapsedMs;
    x.explanation = explanation;
    x.missingScope = missingScope;
    x.tokenScopes = tokenScopes;
    return x;
}

ApiRequest HistoryEntry::request() const
{
    ApiRequest r;
    r.method = summary.method;
    r.url = summary.url;
    for (const auto &h : headers) {
        if (!h.second.endsWith(Redaction::Marker))
            r.headers.append(h);
    }
    r.body = body;
    r.withToken = withToken;
    return r;
}

QJsonObject HistoryEntry::toJson() const
{
    QJsonObject o = summary.toJson();
    o.insert(u"headers"_s, headersToJson(headers));
    o.insert(u"sentHeaders"_s, headersToJson(sentHeaders));
    putBytes(o, u"body"_s, body);
    o.insert(u"bodySize"_s, bodySize);
    if (bodySize > body.size())
        o.insert(u"bodyCut"_s, true); // for whoever reads the file: only the first MaxBodyBytes are here
    o.insert(u"withToken"_s, withToken);
    o.insert(u"tokenSent"_s, tokenSent);
    o.insert(u"finalUrl"_s, finalUrl.toString(QUrl::FullyEncoded));
    o.insert(u"reason"_s, QString::fromLatin1(reason));
    o.insert(u"responseHeaders"_s, headersToJson(responseHeaders));
    putBytes(o, u"responseBody"_s, responseBody);
    o.insert(u"responseSize"_s, responseSize);
    if (responseSize > responseBody.size())
        o.insert(u"responseBodyCut"_s, true);
    o.insert(u"explanation"_s, explanation);
    o.insert(u"notes"_s, QJsonArray::fromStringList(notes));
    o.insert(u"missingScope"_s, missingScope);
    o.insert(u"tokenScopes"_s, QJsonArray::fromStringList(tokenScopes));
    return o;
}

std::optional<HistoryEntry> HistoryEntry::fromJson(const QJsonObject &o, QString *error)
{
    const auto summary = HistorySummary::fromJson(o, error);
    if (!summary)
        return std::nullopt;
    HistoryEntry e;
    e.summary = *summary;
    const auto headers = headersFromJson(o.value(u"headers"));
    const auto sent = headersFromJson(o.value(u"sentHeaders"));
    const auto response = headersFromJson(o.value(u"responseHeaders"));
    if (!headers || !sent || !response) {
        if (error)
            *error = tr("the headers of entry %1 are not a list of name and value pairs.").arg(e.summary.id);
        return std::nullopt;
    }
    e.headers = *headers;
    e.sentHeaders = *sent;
    e.responseHeaders = *response;
    e.body = getBytes(o, u"body"_s).left(MaxBodyBytes);
    e.bodySize = qMax<qint64>(e.body.size(), bounded(o.value(u"bodySize")));
    e.withToken = o.value(u"withToken").toBool(true);
    e.tokenSent = o.value(u"tokenSent").toBool();
    e.finalUrl = QUrl(o.value(u"finalUrl").toString(), QUrl::StrictMode);
    e.reason = o.value(u"reason").toString().toLatin1().left(200);
    e.responseBody = getBytes(o, u"responseBody"_s).left(MaxBodyBytes);
    e.responseSize = qMax<qint64>(e.responseBody.size(), bounded(o.value(u"responseSize")));
    e.explanation = o.value(u"explanation").toString();
    e.notes = stringList(o.value(u"notes"));
    e.missingScope = o.value(u"missingScope").toString();
    e.tokenScopes = stringList(o.value(u"tokenScopes"));
    return e;
}
