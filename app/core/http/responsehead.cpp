// SPDX-License-Identifier: MIT
#include "http/responsehead.h"

using namespace Qt::StringLiterals;

namespace {

DeferredText say(const char *source)
{
    return {"ResponseHead", source};
}

bool isTokenChar(char c)
{
    static const QByteArray extra("!#$%&'*+-.^_`|~");
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || extra.contains(c);
}

ResponseHead::Result fail(ResponseHead *head, const DeferredText &why)
{
    *head = ResponseHead();
    head->error = why;
    return ResponseHead::Result::Error;
}

} // namespace

ResponseHead::Result ResponseHead::parse(const QByteArray &bytes, ResponseHead *head)
{
    *head = ResponseHead();
    const qsizetype end = bytes.indexOf("\r\n\r\n");
    if (end < 0) {
        if (bytes.size() > maxHeadBytes)
            return fail(head, say(QT_TRANSLATE_NOOP("ResponseHead", "The answer's head is longer than %1 KiB.")).arg(maxHeadBytes / 1024));
        return Result::NeedMore;
    }
    if (end + 4 > maxHeadBytes)
        return fail(head, say(QT_TRANSLATE_NOOP("ResponseHead", "The answer's head is longer than %1 KiB.")).arg(maxHeadBytes / 1024));
    // Each line with its CRLF; the split leaves an empty piece after the last one.
    QList<QByteArray> lines = bytes.left(end + 2).split('\n');
    lines.removeLast();
    // status-line = HTTP-version SP status-code SP [ reason-phrase ]
    QByteArray statusLine = lines.first();
    if (!statusLine.endsWith('\r'))
        return fail(head, say(QT_TRANSLATE_NOOP("ResponseHead", "The answer's status line does not end in CRLF.")));
    statusLine.chop(1);
    if (!statusLine.startsWith("HTTP/1.") || statusLine.size() < 12 || statusLine.at(8) != ' ')
        return fail(head, say(QT_TRANSLATE_NOOP("ResponseHead", "The answer does not start with an HTTP/1.x status line.")));
    const QByteArray code = statusLine.mid(9, 3);
    for (char c : code) {
        if (c < '0' || c > '9')
            return fail(head, say(QT_TRANSLATE_NOOP("ResponseHead", "The answer's status code is not three digits.")));
    }
    if (statusLine.size() > 12 && statusLine.at(12) != ' ')
        return fail(head, say(QT_TRANSLATE_NOOP("ResponseHead", "The answer's status code is not three digits.")));
    head->status = code.toInt();
    if (head->status < 100)
        return fail(head, say(QT_TRANSLATE_NOOP("ResponseHead", "The answer's status code %1 is not an HTTP status.")).arg(head->status));
    head->reason = statusLine.mid(13);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        if (!line.endsWith('\r'))
            return fail(head, say(QT_TRANSLATE_NOOP("ResponseHead", "Header line %1 of the answer does not end in CRLF.")).arg(i));
        line.chop(1);
        if (line.startsWith(' ') || line.startsWith('\t'))
            return fail(head, say(QT_TRANSLATE_NOOP("ResponseHead", "Header line %1 of the answer is folded (obsolete in RFC 9112 5.2).")).arg(i));
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return fail(head, say(QT_TRANSLATE_NOOP("ResponseHead", "Header line %1 of the answer has no field name.")).arg(i));
        const QByteArray name = line.left(colon);
        for (char c : name) {
            if (!isTokenChar(c))
                return fail(head, say(QT_TRANSLATE_NOOP("ResponseHead", "Header line %1 of the answer has a field name that is not a token.")).arg(i));
        }
        head->headers.append({name, line.mid(colon + 1).trimmed()});
    }
    head->bodyOffset = end + 4;
    return Result::Complete;
}

QByteArray ResponseHead::joined(const QByteArray &name) const
{
    QList<QByteArray> values;
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            values << h.second;
    }
    return values.join(", ");
}
