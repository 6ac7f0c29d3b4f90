// SPDX-License-Identifier: MIT
// Where a JSON document went wrong, in the words an editor uses: QJsonDocument
// reports a byte offset, people look for a line and a column.
//
// Contract: pure functions of the bytes. Lines and columns count from 1;
// a column counts characters, not UTF-8 bytes.
#pragma once

#include <QByteArray>
#include <QJsonParseError>
#include <QString>

namespace JsonPosition {

// "Line 3, column 7" for a byte offset into text (clamped to its size).
QString at(const QByteArray &text, qsizetype offset);

// "Line 3, column 7: the JSON does not parse (missing value separator)."
QString describe(const QByteArray &text, const QJsonParseError &error);

} // namespace JsonPosition
