// SPDX-License-Identifier: MIT
#include "api/redaction.h"
#include "http/formencoding.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QUrlQuery>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace Redaction {

namespace {

QJsonValue redactJson(const QJsonValue &value)
{
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &v : value.toArray())
            out.append(redactJson(v));
        return out;
    }
    if (!value.isObject())
        return value;
    QJsonObject out;
    const QJsonObject in = value.toObject();
    for (auto it = in.begin(); it != in.end(); ++it)
        out.insert(it.key(), isSensitiveName(it.key()) ? QJsonValue(QString::fromLatin1(Marker)) : redactJson(it.value()));
    return out;
}

bool isCredentialHeader(const QByteArray &name)
{
    static const QByteArray exact[] = {"authorization", "proxy-authorization", "cookie", "set-cookie", "dpop"};
    const QByteArray lower = name.toLower();
    for (const QByteArray &e : exact) {
        if (lower == e)
            return true;
    }
    return false;
}

} // namespace

bool isSensitiveName(const QString &name)
{
    const QString n = name.toLower();
    if (isCredentialHeader(n.toLatin1()))
        return true;
    static const QString parts[] = {u"token"_s,    u"secret"_s,   u"password"_s,      u"passwd"_s,  u"assertion"_s, u"apikey"_s,
                                    u"api-key"_s,  u"api_key"_s,  u"code_verifier"_s, u"session"_s, u"signature"_s, u"credential"_s,
                                    u"private_key"_s};
    for (const QString &p : parts) {
        if (n.contains(p))
            return true;
    }
    return n == u"sig"_s || n == u"code"_s || n == u"key"_s || n == u"auth"_s;
}

HttpHeaders headers(const HttpHeaders &in)
{
    HttpHeaders out;
    for (const auto &h : in) {
        if (isCredentialHeader(h.first)) {
            // Keep the scheme ("Bearer"), so the history says what kind of credential went.
            const qsizetype space = h.second.indexOf(' ');
            const bool schemed = h.first.compare("authorization", Qt::CaseInsensitive) == 0 && space > 0;
            out.append({h.first, (schemed ? h.second.left(space + 1) : QByteArray()) + Marker});
        } else {
            out.append({h.first, isSensitiveName(QString::fromLatin1(h.first)) ? QByteArray(Marker) : h.second});
        }
    }
    return out;
}

QUrl url(const QUrl &in)
{
    QUrl out = in;
    out.setUserInfo(QString());
    if (!in.password().isEmpty() || !in.userName().isEmpty())
        out.setUserName(QString::fromLatin1(Marker));
    if (in.hasQuery()) {
        QUrlQuery query(in);
        QList<QPair<QString, QString>> items = query.queryItems(QUrl::FullyEncoded);
        for (auto &item : items) {
            if (isSensitiveName(QUrl::fromPercentEncoding(item.first.toLatin1())))
                item.second = QString::fromLatin1(QUrl::toPercentEncoding(QString::fromLatin1(Marker)));
        }
        QUrlQuery cleaned;
        cleaned.setQueryItems(items);
        out.setQuery(cleaned.query(QUrl::FullyEncoded), QUrl::StrictMode);
    }
    if (in.hasFragment())
        out.setFragment(QString::fromLatin1(Marker));
    return out;
}

QByteArray body(const QByteArray &in, const QByteArray &contentType)
{
    const QByteArray type = contentType.toLower();
    if (type.contains("x-www-form-urlencoded")) {
        const auto form = FormData::parse(in);
        if (!form)
            return Marker; // a form TokenLab cannot read might hide a secret anywhere
        FormData out;
        for (const auto &pair : form->pairs())
            out.add(pair.first, isSensitiveName(pair.first) ? QString::fromLatin1(Marker) : pair.second);
        return out.encode();
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(in, &pe);
    if (pe.error == QJsonParseError::NoError && (doc.isObject() || doc.isArray())) {
        const QJsonValue redacted = redactJson(doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array()));
        const QJsonDocument out = redacted.isObject() ? QJsonDocument(redacted.toObject()) : QJsonDocument(redacted.toArray());
        return out.toJson(QJsonDocument::Compact);
    }
    return in;
}

QByteArray scrub(QByteArray text, const QList<QByteArray> &secrets)
{
    for (const QByteArray &s : secrets) {
        if (s.size() >= 8)
            text.replace(s, Marker);
    }
    return text;
}

QByteArray scrubValues(QByteArray text, const QList<QByteArray> &values)
{
    for (const QByteArray &v : values) {
        if (v.isEmpty())
            continue;
        QByteArray form = QUrl::toPercentEncoding(QString::fromUtf8(v), " ");
        form.replace(' ', '+');
        QByteArray json = QJsonDocument(QJsonArray{QString::fromUtf8(v)}).toJson(QJsonDocument::Compact);
        json = json.mid(2, json.size() - 4); // ["…"] without the brackets and quotes
        // Longest first, so a value is not half-replaced by a shorter form of it.
        QList<QByteArray> forms{v, QUrl::toPercentEncoding(QString::fromUtf8(v)), form, json};
        std::sort(forms.begin(), forms.end(), [](const QByteArray &a, const QByteArray &b) { return a.size() > b.size(); });
        for (const QByteArray &f : forms)
            text.replace(f, Marker);
    }
    return text;
}

QList<QByteArray> credentialsIn(const HttpHeaders &in)
{
    QList<QByteArray> out;
    for (const auto &h : in) {
        if (!isCredentialHeader(h.first) || h.second.endsWith(Marker))
            continue;
        const qsizetype space = h.second.indexOf(' ');
        out.append(h.second.trimmed());
        if (space > 0)
            out.append(h.second.mid(space + 1).trimmed());
    }
    return out;
}

} // namespace Redaction
