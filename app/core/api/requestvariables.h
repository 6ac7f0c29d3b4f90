// SPDX-License-Identifier: MIT
// {{name}} placeholders in a request: {{base}} (the profile's API base URL),
// {{token}} (the access token) and the profile's own variables. resolve()
// replaces every placeholder or fails with a sentence that names the
// problem: an unknown name, an empty name, a "{{" never closed, a
// placeholder inside a placeholder. Nothing is replaced by an empty string
// silently. Values are inserted as they are and never resolved again, so a
// value that contains "{{" stays as it is.
#pragma once

#include <QCoreApplication>
#include <QHash>
#include <QString>
#include <QStringList>
#include <optional>

class RequestVariables
{
    Q_DECLARE_TR_FUNCTIONS(RequestVariables)

public:
    static constexpr char Base[] = "base";
    static constexpr char Token[] = "token";
    // Longest text resolve() accepts, and the longest name.
    static constexpr qsizetype MaxText = 16 * 1024 * 1024;
    static constexpr qsizetype MaxName = 128;

    void set(const QString &name, const QString &value) { m_values.insert(name, value); }
    bool contains(const QString &name) const { return m_values.contains(name); }
    QString value(const QString &name) const { return m_values.value(name); }

    // The text with every {{name}} replaced, or nullopt and *error.
    std::optional<QString> resolve(const QString &text, QString *error) const;
    // The names a text uses, in order, each once; malformed placeholders are skipped.
    static QStringList namesIn(const QString &text);
    // A name a user may define: letters, digits, '_', '-', '.', and not base or token.
    static bool isValidName(const QString &name, QString *error);

private:
    QHash<QString, QString> m_values;
};
