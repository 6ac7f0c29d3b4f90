// SPDX-License-Identifier: MIT
#include "api/responsebody.h"
#include "http/formencoding.h"

#include <QJsonDocument>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace {

bool looksTextual(const QByteArray &type)
{
    return type.startsWith("text/") || type.contains("xml") || type.contains("html") || type.contains("javascript")
            || type.contains("yaml") || type.contains("csv") || type.contains("graphql");
}

QString hexDump(const QByteArray &bytes, qsizetype count)
{
    QString out;
    for (qsizetype at = 0; at < qMin(bytes.size(), count); at += 16) {
        const QByteArray row = bytes.mid(at, 16);
        QString ascii;
        for (const char c : row)
            ascii += (c >= 0x20 && c < 0x7f) ? QChar::fromLatin1(c) : u'.';
        out += u"%1  %2  %3\n"_s.arg(at, 8, 16, QChar(u'0')).arg(QString::fromLatin1(row.toHex(' ')), -47).arg(ascii);
    }
    return out;
}

} // namespace

QString ResponseBody::size(qint64 bytes)
{
    if (bytes < 1024)
        return bytes == 1 ? tr("1 byte") : tr("%1 bytes").arg(bytes);
    if (bytes < 1024 * 1024)
        return tr("%1 KiB").arg(double(bytes) / 1024, 0, 'f', 1);
    return tr("%1 MiB").arg(double(bytes) / (1024 * 1024), 0, 'f', 1);
}

FormattedBody ResponseBody::format(const QByteArray &body, const QByteArray &contentType, qint64 totalSize, qsizetype maxShown)
{
    FormattedBody f;
    totalSize = qMax<qint64>(totalSize, body.size());
    if (body.isEmpty()) {
        f.summary = tr("no body");
        return f;
    }
    const QByteArray type = contentType.toLower();
    const QByteArray bare = (type.contains(';') ? type.left(type.indexOf(';')) : type).trimmed();
    const bool complete = totalSize == body.size();
    auto shown = [&f, maxShown](const QString &text) {
        f.cut = f.cut || text.size() > maxShown;
        f.text = text.left(maxShown);
    };

    // JSON: by type, or by shape when the type says nothing.
    if (bare.contains("json") || bare.isEmpty() || bare == "text/plain") {
        if (body.size() <= PrettyLimit && complete) {
            QJsonParseError pe;
            const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
            if (pe.error == QJsonParseError::NoError && (doc.isObject() || doc.isArray())) {
                f.kind = FormattedBody::Kind::Json;
                shown(QString::fromUtf8(doc.toJson(QJsonDocument::Indented)));
                f.summary = tr("JSON · %1").arg(size(totalSize));
                return f;
            }
        }
        if (bare.contains("json")) {
            f.kind = FormattedBody::Kind::Json;
            shown(QString::fromUtf8(body));
            f.cut = f.cut || !complete;
            f.summary = body.size() > PrettyLimit || !complete ? tr("JSON, too large to indent · %1").arg(size(totalSize))
                                                               : tr("JSON that does not parse · %1").arg(size(totalSize));
            return f;
        }
    }
    if (bare == "application/x-www-form-urlencoded") {
        if (const auto form = FormData::parse(body)) {
            f.kind = FormattedBody::Kind::Form;
            QString text;
            for (const auto &pair : form->pairs())
                text += pair.first + u" = "_s + pair.second + u'\n';
            shown(text);
            f.summary = (form->pairs().size() == 1 ? tr("form · 1 field · %1").arg(size(totalSize)) : tr("form · %1 fields · %2").arg(form->pairs().size()).arg(size(totalSize)));
            return f;
        }
    }
    QStringDecoder decoder(type.contains("iso-8859-1") || type.contains("latin1") ? QStringDecoder::Latin1 : QStringDecoder::Utf8,
                           QStringDecoder::Flag::Stateless);
    // A body cut in the middle of a UTF-8 sequence is still text.
    const QByteArray sample = body.left(qMin<qsizetype>(body.size(), maxShown * 4));
    QString text = decoder.decode(complete ? sample : sample.left(sample.size() - 3));
    const bool textual = looksTextual(bare) || (!decoder.hasError() && !sample.contains('\0'));
    if (textual && !(decoder.hasError() && !looksTextual(bare))) {
        f.kind = FormattedBody::Kind::Text;
        shown(text);
        f.cut = f.cut || sample.size() < totalSize;
        f.summary = tr("%1 · %2").arg(bare.isEmpty() ? tr("text") : QString::fromLatin1(bare), size(totalSize));
        return f;
    }
    f.kind = FormattedBody::Kind::Binary;
    f.text = hexDump(body, 512);
    f.cut = totalSize > 512;
    f.summary = tr("binary (%1) · %2; the first bytes are shown").arg(bare.isEmpty() ? tr("no content type") : QString::fromLatin1(bare), size(totalSize));
    return f;
}
