// SPDX-License-Identifier: MIT
// A response body made readable by its content type: JSON indented, a form
// as one "name = value" line per field, XML, HTML and other text as they
// are, anything else as its size and a hex dump of its start. Bodies larger
// than PrettyLimit are not re-indented, and at most maxShown characters are
// shown, so a large answer never holds up the window; `cut` says so.
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

struct FormattedBody
{
    enum class Kind { Empty, Json, Form, Text, Binary };
    Kind kind = Kind::Empty;
    QString text;
    bool cut = false;    // text shows only the start
    QString summary;     // "JSON · 1.2 KiB", "binary (image/png) · 20 KiB"
};

class ResponseBody
{
    Q_DECLARE_TR_FUNCTIONS(ResponseBody)

public:
    static constexpr qsizetype PrettyLimit = 1024 * 1024;
    static constexpr qsizetype DefaultShown = 256 * 1024;

    // totalSize: the body's size as it came (it may be more than `body` holds).
    static FormattedBody format(const QByteArray &body, const QByteArray &contentType, qint64 totalSize,
                                qsizetype maxShown = DefaultShown);
    static QString size(qint64 bytes);
};
