// SPDX-License-Identifier: MIT
// The head of an HTTP/1.1 response (RFC 9112 4, 5) read from raw bytes as a
// pure function: the status line and the header fields, as far as the bytes
// go. For the few requests Qt's network stack will not send as asked (the
// probe's two Authorization headers), which go over a socket of their own.
//
// Contract: parse() never reads past maxHeadBytes; it returns NeedMore until
// the blank line after the fields arrives, Complete with the head and the
// offset of the body, or Error with a sentence for a status line or field
// that is not HTTP. Obsolete line folding is refused, as RFC 9112 5.2 allows.
#pragma once

#include "http/httpmessage.h"
#include "util/deferredtext.h"

#include <QByteArray>
#include <QString>

struct ResponseHead
{
    enum class Result { NeedMore, Complete, Error };

    int status = 0;
    QByteArray reason;
    HttpHeaders headers;
    qsizetype bodyOffset = 0;   // where the body starts in the bytes parsed
    DeferredText error;         // for Error (English until shown: the probe's reports quote it)

    static constexpr qsizetype maxHeadBytes = 64 * 1024;

    static Result parse(const QByteArray &bytes, ResponseHead *head);
    // Every field of this name (case-insensitive), joined with ", " (RFC 9110 5.3).
    QByteArray joined(const QByteArray &name) const;
};
