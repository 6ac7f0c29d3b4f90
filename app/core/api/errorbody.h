// SPDX-License-Identifier: MIT
// What an API's error answer says in its body, for the APIs that send no
// WWW-Authenticate error (Express apps, go-jose, the jwt gem): the common
// JSON shapes ({"message"}, {"error", "error_description"}, {"detail"},
// {"error": {"message", "code"}}, {"errors": [{"message"}]}), RFC 9457
// problem details (application/problem+json: type, title, status,
// detail), one short line of plain text, an HTML page's <title>.
//
// Contract: parse() is a pure function of outside bytes that never fails:
// hostile input (huge, deeply nested, not UTF-8, arrays, numbers where
// strings belong) gives a body with less in it, never an error. It reads
// at most MaxReadBytes, and every string it returns is one line of at most
// MaxChars characters with control and bidi-override characters removed, so
// an explanation can quote it. It only reports the API's words; what they
// mean is the explainer's business.
#pragma once

#include <QByteArray>
#include <QString>

struct ErrorBody
{
    enum class Form {
        Empty,       // no body, or only white space
        Json,        // JSON (its words may still be none of the known fields)
        Problem,     // RFC 9457 problem details
        Text,        // plain text
        Html,        // an HTML page (an error page of a proxy or framework, often)
        Unreadable,  // not text: binary, not UTF-8, or JSON that does not parse
    };

    static constexpr qsizetype MaxReadBytes = 256 * 1024;
    static constexpr qsizetype MaxChars = 200;

    Form form = Form::Empty;
    QString code;        // a short code: "Forbidden", "invalid_token", "insufficient_scope", "403"
    QString title;       // a problem's title, an HTML page's <title>
    QString message;     // the sentence: error_description, message, detail, error.message, a text line
    QString type;        // a problem's type URI (about:blank left out)
    int status = 0;      // a problem's status member, 0 when absent

    // The API's words as one line to quote ("Forbidden: Insufficient scope"),
    // or empty when the body says nothing readable.
    QString said() const;

    static ErrorBody parse(const QByteArray &body, const QByteArray &contentType);
};
