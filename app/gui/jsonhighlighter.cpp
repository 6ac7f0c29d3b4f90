// SPDX-License-Identifier: MIT
#include "gui/jsonhighlighter.h"
#include "gui/semanticcolors.h"

#include <QGuiApplication>
#include <QPalette>

using namespace Qt::StringLiterals;

JsonHighlighter::JsonHighlighter(QTextDocument *document) : QSyntaxHighlighter(document)
{
    const QPalette palette = QGuiApplication::palette();
    m_key.setForeground(SemanticColors::color(JsonPart::Key, palette));
    m_key.setFontWeight(QFont::DemiBold);
    m_string.setForeground(SemanticColors::color(JsonPart::String, palette));
    m_number.setForeground(SemanticColors::color(JsonPart::Number, palette));
    m_literal.setForeground(SemanticColors::color(JsonPart::Literal, palette));
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
