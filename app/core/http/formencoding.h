// SPDX-License-Identifier: MIT
// application/x-www-form-urlencoded (WHATWG URL "urlencoded" and RFC 6749
// appendix B), used for query strings, token requests and form posts.
//
// parse() is strict where OAuth needs it to be: it keeps every pair in order
// (so callers can refuse duplicated parameters, RFC 6749 section 3.1), and it
// refuses malformed percent-escapes and invalid UTF-8 instead of guessing.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <optional>

class FormData
{
public:
    using Pair = QPair<QString, QString>;

    static std::optional<FormData> parse(const QByteArray &encoded, QString *error = nullptr);

    void add(const QString &key, const QString &value) { m_pairs.append({key, value}); }
    QByteArray encode() const;

    const QList<Pair> &pairs() const { return m_pairs; }
    bool contains(const QString &key) const;
    int count(const QString &key) const;
    QString value(const QString &key) const;
    // The first key that appears more than once, or an empty string.
    QString firstDuplicate() const;
    bool isEmpty() const { return m_pairs.isEmpty(); }

    // Percent-encodes everything outside RFC 3986 unreserved characters;
    // space becomes %20 (never '+', which servers disagree about).
    static QByteArray encodeComponent(const QString &value);

private:
    QList<Pair> m_pairs;
};
