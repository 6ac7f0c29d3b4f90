// SPDX-License-Identifier: MIT
#include "http/formencoding.h"

#include <QCoreApplication>
#include <QSet>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::optional<QString> decodeComponent(const QByteArray &in, QString *error)
{
    QByteArray raw;
    raw.reserve(in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        const char c = in.at(i);
        if (c == '+') {
            raw.append(' ');
        } else if (c == '%') {
            const int hi = i + 1 < in.size() ? hexValue(in.at(i + 1)) : -1;
            const int lo = i + 2 < in.size() ? hexValue(in.at(i + 2)) : -1;
            if (hi < 0 || lo < 0) {
                if (error)
                    *error = QCoreApplication::translate("Formencoding", "a percent sign is not followed by two hexadecimal digits");
                return std::nullopt;
            }
            raw.append(char(hi * 16 + lo));
            i += 2;
        } else {
            raw.append(c);
        }
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(raw);
    if (decoder.hasError()) {
        if (error)
            *error = QCoreApplication::translate("Formencoding", "a value is not valid UTF-8");
        return std::nullopt;
    }
    return text;
}

} // namespace

std::optional<FormData> FormData::parse(const QByteArray &encoded, QString *error)
{
    FormData form;
    if (encoded.isEmpty())
        return form;
    for (const QByteArray &part : encoded.split('&')) {
        if (part.isEmpty())
            continue; // "a=1&&b=2" and a trailing '&' are harmless
        const qsizetype eq = part.indexOf('=');
        const QByteArray rawKey = eq < 0 ? part : part.left(eq);
        const QByteArray rawValue = eq < 0 ? QByteArray() : part.mid(eq + 1);
        const auto key = decodeComponent(rawKey, error);
        if (!key)
            return std::nullopt;
        const auto value = decodeComponent(rawValue, error);
        if (!value)
            return std::nullopt;
        if (key->isEmpty()) {
            if (error)
                *error = QCoreApplication::translate("Formencoding", "a parameter has no name");
            return std::nullopt;
        }
        form.add(*key, *value);
    }
    return form;
}

QByteArray FormData::encodeComponent(const QString &value)
{
    return value.toUtf8().toPercentEncoding();
}

QByteArray FormData::encode() const
{
    QByteArray out;
    for (const Pair &p : m_pairs) {
        if (!out.isEmpty())
            out.append('&');
        out.append(encodeComponent(p.first));
        out.append('=');
        out.append(encodeComponent(p.second));
    }
    return out;
}

bool FormData::contains(const QString &key) const
{
    return count(key) > 0;
}

int FormData::count(const QString &key) const
{
    int n = 0;
    for (const Pair &p : m_pairs)
        n += p.first == key ? 1 : 0;
    return n;
}

QString FormData::value(const QString &key) const
{
    for (const Pair &p : m_pairs) {
        if (p.first == key)
            return p.second;
    }
    return {};
}

QString FormData::firstDuplicate() const
{
    QSet<QString> seen;
    for (const Pair &p : m_pairs) {
        if (seen.contains(p.first))
            return p.first;
        seen.insert(p.first);
    }
    return {};
}
