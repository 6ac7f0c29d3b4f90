// SPDX-License-Identifier: MIT
#include "gui/jsonhighlighter.h"

#include <QGuiApplication>
#include <QPalette>

using namespace Qt::StringLiterals;

JsonHighlighter::JsonHighlighter(QTextDocument *document) : QSyntaxHighlighter(document)
{
    const bool dark = QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
    m_key.setForeground(dark ? QColor(0x7d, 0xc4, 0xe4) : QColor(0x1f, 0x4e, 0x9c));
    m_key.setFontWeight(QFont::DemiBold);
    m_string.setForeground(dark ? QColor(0xa5, 0xd6, 0xa7) : QColor(0x1b, 0x7a, 0x3a));
    m_number.setForeground(dark ? QColor(0xff, 0xcc, 0x80) : QColor(0xa0, 0x52, 0x00));
    m_literal.setForeground(dark ? QColor(0xce, 0x93, 0xd8) : QColor(0x7b, 0x1f, 0xa2));
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    static const QRegularExpression strings(uR"("(?:[^"\\]|\\.)*")"_s);
    static const QRegularExpression numbers(uR"((?<![\w"])-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)"_s);
    static const QRegularExpression literals(uR"(\b(?:true|false|null)\b)"_s);
    for (auto it = numbers.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        setFormat(int(m.capturedStart()), int(m.capturedLength()), m_number);
    }
    for (auto it = literals.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        setFormat(int(m.capturedStart()), int(m.capturedLength()), m_literal);
    }
    for (auto it = strings.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const bool isKey = text.mid(m.capturedEnd()).trimmed().startsWith(u':');
        setFormat(int(m.capturedStart()), int(m.capturedLength()), isKey ? m_key : m_string);
    }
}
