// SPDX-License-Identifier: MIT
#include "api/errorbody.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

// Past this many characters of one string nothing more is looked at: a
// quote is MaxChars long, and white space collapses at most this much.
constexpr qsizetype MaxScannedChars = ErrorBody::MaxChars * 8;

QString bounded(QString s)
{
    if (s.size() <= ErrorBody::MaxChars)
        return s;
    qsizetype cut = ErrorBody::MaxChars - 1;
    if (s.at(cut - 1).isHighSurrogate())
        --cut;
    s.truncate(cut);
    return s + u'…';
}

// One quotable line: controls, line separators and format characters
// (bidi overrides, zero-width joiners) become spaces, lone surrogates go,
// white space collapses, and the length is bounded.
QString oneLine(QStringView in)
{
    QString out;
    out.reserve(qMin(in.size(), MaxScannedChars));
    const qsizetype end = qMin(in.size(), MaxScannedChars);
    for (qsizetype i = 0; i < end; ++i) {
        const QChar c = in.at(i);
        char32_t ucs = c.unicode();
        const bool pair = c.isHighSurrogate() && i + 1 < in.size() && in.at(i + 1).isLowSurrogate();
        if (pair)
            ucs = QChar::surrogateToUcs4(c, in.at(i + 1));
        else if (c.isSurrogate())
            continue;
        switch (QChar::category(ucs)) {
        case QChar::Other_Control:
        case QChar::Other_Format:
        case QChar::Other_NotAssigned:
        case QChar::Other_PrivateUse:
        case QChar::Separator_Line:
        case QChar::Separator_Paragraph:
            out += u' ';
            break;
        default:
            out += c;
            if (pair)
                out += in.at(i + 1);
        }
        if (pair)
            ++i;
    }
    return bounded(out.simplified());
}

// RFC 9110 8.3.1: type/subtype, case-insensitive, parameters after ';'.
QByteArray mediaType(const QByteArray &contentType)
{
    const qsizetype semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.left(semi)).trimmed().toLower();
}

bool declaresLatin1(const QByteArray &contentType)
{
    const QByteArray lower = contentType.toLower();
    const qsizetype at = lower.indexOf("charset=");
    if (at < 0)
        return false;
    QByteArray charset = lower.mid(at + 8);
    const qsizetype semi = charset.indexOf(';');
    if (semi >= 0)
        charset.truncate(semi);
    charset = charset.trimmed();
    if (charset.startsWith('"'))
        charset = charset.mid(1, charset.size() - 2);
    return charset == "iso-8859-1" || charset == "latin1" || charset == "windows-1252";
}

// The body as text, or nullopt when it is not text (a NUL byte, bytes that
// are not UTF-8). A code point cut in half by the read limit is dropped.
std::optional<QString> decode(QByteArray bytes, bool cut, bool latin1)
{
    if (bytes.contains('\0'))
        return std::nullopt;
    if (latin1)
        return QString::fromLatin1(bytes);
    if (cut) {
        qsizetype i = bytes.size();
        while (i > 0 && bytes.size() - i < 3 && (uchar(bytes.at(i - 1)) & 0xC0) == 0x80)
            --i;
        if (i > 0 && uchar(bytes.at(i - 1)) >= 0xC0)
            bytes.truncate(i - 1);
    }
    QStringDecoder utf8(QStringDecoder::Utf8);
    QString text = utf8.decode(bytes);
    if (utf8.hasError())
        return std::nullopt;
    return text;
}

// A member by name, ignoring case ("Message" from ASP.NET, "message" elsewhere).
QJsonValue member(const QJsonObject &o, QLatin1StringView name)
{
    const auto exact = o.constFind(name);
    if (exact != o.constEnd())
        return *exact;
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        if (it.key().compare(name, Qt::CaseInsensitive) == 0)
            return it.value();
    }
    return {};
}

QString firstString(const QJsonObject &o, std::initializer_list<QLatin1StringView> names)
{
    for (QLatin1StringView name : names) {
        const QJsonValue v = member(o, name);
        if (v.isString()) {
            const QString s = oneLine(v.toString());
            if (!s.isEmpty())
                return s;
        }
    }
    return {};
}

// A code may be a string or a whole number ("code": 403); nothing else.
QString codeOf(const QJsonValue &v)
{
    if (v.isString())
        return oneLine(v.toString());
    const double d = v.toDouble(NAN);
    if (v.isDouble() && std::isfinite(d) && std::abs(d) < 1e12 && d == std::floor(d))
        return QString::number(qint64(d));
    return {};
}

const std::initializer_list<QLatin1StringView> MessageNames{"error_description"_L1, "message"_L1, "detail"_L1, "description"_L1,
                                                            "error_message"_L1, "errorMessage"_L1, "msg"_L1, "reason"_L1};

void readObject(const QJsonObject &o, ErrorBody &out)
{
    out.message = firstString(o, MessageNames);
    const QJsonValue error = member(o, "error"_L1);
    if (error.isObject()) {
        // {"error": {"code": 403, "message": "...", "status": "PERMISSION_DENIED"}} (Google, Microsoft Graph)
        const QJsonObject inner = error.toObject();
        if (out.message.isEmpty())
            out.message = firstString(inner, MessageNames);
        out.code = codeOf(member(inner, "code"_L1));
        if (out.code.isEmpty())
            out.code = firstString(inner, {"status"_L1, "type"_L1, "error"_L1});
    } else {
        out.code = codeOf(error);
    }
    if (out.code.isEmpty())
        out.code = codeOf(member(o, "code"_L1));
    if (out.message.isEmpty()) {
        // {"errors": [{"message": "..."}]} (GraphQL, JSON:API) or ["..."]
        const QJsonValue errors = member(o, "errors"_L1);
        const QJsonValue first = errors.isArray() ? errors.toArray().at(0) : QJsonValue();
        out.message = first.isString() ? oneLine(first.toString()) : first.isObject() ? firstString(first.toObject(), MessageNames) : QString();
    }
    out.title = firstString(o, {"title"_L1});
    const QJsonValue status = member(o, "status"_L1);
    const int code = status.isDouble() ? status.toInt() : status.isString() ? status.toString().toInt() : 0;
    out.status = code >= 100 && code <= 599 ? code : 0;
}

void readJson(const QByteArray &bytes, bool problem, ErrorBody &out)
{
    QJsonParseError error;
    QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError) // a JSON string alone: "Unauthorized"
        doc = QJsonDocument::fromJson('[' + bytes + ']', &error);
    if (error.error != QJsonParseError::NoError) {
        out.form = ErrorBody::Form::Unreadable;
        return;
    }
    out.form = ErrorBody::Form::Json;
    QJsonValue top = doc.isObject() ? QJsonValue(doc.object()) : doc.array().at(0);
    if (top.isString()) {
        out.message = oneLine(top.toString());
        return;
    }
    if (!top.isObject())
        return;
    readObject(top.toObject(), out);
    if (problem) {
        // RFC 9457 3.1: "about:blank" says nothing beyond the status.
        out.form = ErrorBody::Form::Problem;
        const QString type = firstString(top.toObject(), {"type"_L1});
        out.type = type == u"about:blank" ? QString() : type;
    }
}

QString decodeEntities(QString s)
{
    static const std::initializer_list<std::pair<QLatin1StringView, QLatin1StringView>> entities{
            {"&lt;"_L1, "<"_L1}, {"&gt;"_L1, ">"_L1}, {"&quot;"_L1, "\""_L1}, {"&#39;"_L1, "'"_L1},
            {"&apos;"_L1, "'"_L1}, {"&nbsp;"_L1, " "_L1}, {"&amp;"_L1, "&"_L1}};
    for (const auto &[entity, plain] : entities)
        s.replace(entity, plain, Qt::CaseInsensitive);
    return s;
}

void readHtml(const QByteArray &bytes, ErrorBody &out)
{
    out.form = ErrorBody::Form::Html;
    const QByteArray lower = bytes.toLower();
    const qsizetype open = lower.indexOf("<title");
    const qsizetype start = open < 0 ? -1 : lower.indexOf('>', open);
    const qsizetype close = start < 0 ? -1 : lower.indexOf("</title", start);
    if (close < 0)
        return;
    out.title = oneLine(decodeEntities(QString::fromUtf8(bytes.mid(start + 1, close - start - 1))));
}

bool looksLikeHtml(const QByteArray &bytes)
{
    const QByteArray head = bytes.left(64).trimmed().toLower();
    return head.startsWith("<!doctype html") || head.startsWith("<html");
}

} // namespace

QString ErrorBody::said() const
{
    QStringList parts;
    for (const QString &p : {code, title, message}) {
        bool known = false;
        for (QString &q : parts) {
            if (q.contains(p, Qt::CaseInsensitive)) {
                known = true;
            } else if (p.contains(q, Qt::CaseInsensitive)) {
                q = p;
                known = true;
            }
        }
        if (!p.isEmpty() && !known)
            parts << p;
    }
    return bounded(parts.join(u": "_s));
}

ErrorBody ErrorBody::parse(const QByteArray &body, const QByteArray &contentType)
{
    ErrorBody out;
    const bool cut = body.size() > MaxReadBytes;
    const QByteArray bytes = cut ? body.left(MaxReadBytes) : body;
    const QByteArray trimmed = bytes.trimmed();
    if (trimmed.isEmpty())
        return out;
    const QByteArray type = mediaType(contentType);
    const bool problem = type == "application/problem+json";
    const bool json = problem || type == "application/json" || type.endsWith("+json")
            || (type.isEmpty() && (trimmed.startsWith('{') || trimmed.startsWith('[')));
    if (json && !cut) {
        readJson(trimmed, problem, out);
        if (out.form != Form::Unreadable)
            return out;
    }
    if (type == "text/html" || type == "application/xhtml+xml" || looksLikeHtml(trimmed)) {
        readHtml(bytes, out);
        return out;
    }
    if (json) {
        // A JSON body that does not parse (or is too long to read whole) is not quoted.
        out.form = Form::Unreadable;
        return out;
    }
    const std::optional<QString> text = decode(bytes, cut, declaresLatin1(contentType));
    if (!text) {
        out.form = Form::Unreadable;
        return out;
    }
    out.form = Form::Text;
    const QStringList lines = text->left(MaxScannedChars).split(u'\n');
    qsizetype next = 0;
    while (next < lines.size() && out.message.isEmpty())
        out.message = oneLine(lines.at(next++));
    // More after the first line (a stack trace, a page of text): say there is more.
    const bool more = std::any_of(lines.cbegin() + next, lines.cend(), [](const QString &l) { return !l.trimmed().isEmpty(); });
    if (more && !out.message.endsWith(u'…'))
        out.message = bounded(out.message + u" …"_s);
    return out;
}
