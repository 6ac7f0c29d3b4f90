// SPDX-License-Identifier: MIT
#include "api/wwwauthenticate.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {

bool isTchar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken68Char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || QByteArrayView("-._~+/").contains(c);
}

class Reader
{
public:
    explicit Reader(const QByteArray &s) : m_s(s) { }
    bool atEnd() const { return m_pos >= m_s.size(); }
    char peek() const { return atEnd() ? '\0' : m_s.at(m_pos); }
    void skipSpace()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t'))
            ++m_pos;
    }
    void skipSpaceAndCommas()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == ','))
            ++m_pos;
    }
    QByteArray token()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && isTchar(peek()))
            ++m_pos;
        return m_s.mid(start, m_pos - start);
    }
    qsizetype pos() const { return m_pos; }
    void seek(qsizetype p) { m_pos = p; }
    // RFC 9110 5.6.4 quoted-string; false when it is not closed.
    bool quoted(QByteArray *out)
    {
        ++m_pos; // the opening quote
        while (!atEnd()) {
            const char c = m_s.at(m_pos++);
            if (c == '"')
                return true;
            if (c == '\\') {
                if (atEnd())
                    return false;
                out->append(m_s.at(m_pos++));
                continue;
            }
            out->append(c);
        }
        return false;
    }
    // token68: 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
    QByteArray token68()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && isToken68Char(peek()))
            ++m_pos;
        while (!atEnd() && peek() == '=')
            ++m_pos;
        return m_s.mid(start, m_pos - start);
    }

private:
    const QByteArray &m_s;
    qsizetype m_pos = 0;
};

} // namespace

QString AuthChallenge::param(const QString &name) const
{
    for (const auto &p : params) {
        if (p.first.compare(name, Qt::CaseInsensitive) == 0)
            return p.second;
    }
    return {};
}

const AuthChallenge *WwwAuthenticate::find(const QString &scheme) const
{
    for (const AuthChallenge &c : challenges) {
        if (c.isScheme(scheme))
            return &c;
    }
    return nullptr;
}

WwwAuthenticate WwwAuthenticate::parse(const QByteArray &header)
{
    WwwAuthenticate out;
    if (header.size() > 16 * 1024) {
        out.error = QCoreApplication::translate("WwwAuthenticate", "The WWW-Authenticate header is longer than 16 KiB.");
        return out;
    }
    Reader r(header);
    r.skipSpaceAndCommas();
    while (!r.atEnd()) {
        const QByteArray scheme = r.token();
        if (scheme.isEmpty()) {
            out.error = QCoreApplication::translate("WwwAuthenticate", "Unexpected character '%1' where a scheme should start.").arg(QChar::fromLatin1(r.peek()));
            return out;
        }
        AuthChallenge challenge;
        challenge.scheme = QString::fromLatin1(scheme);
        r.skipSpace();
        // token68 directly after the scheme, if what follows is not name=value.
        if (!r.atEnd() && r.peek() != ',') {
            const qsizetype mark = r.pos();
            const QByteArray name = r.token();
            r.skipSpace();
            const bool isParam = !name.isEmpty() && r.peek() == '=' && [&] {
                // "abc==" is token68; "abc=value" or "abc=\"x\"" is a parameter.
                const qsizetype eq = r.pos();
                r.seek(eq + 1);
                r.skipSpace();
                const bool param = !r.atEnd() && r.peek() != '=' && r.peek() != ',';
                r.seek(eq);
                return param;
            }();
            r.seek(mark);
            if (!isParam) {
                challenge.token68 = QString::fromLatin1(r.token68());
                if (challenge.token68.isEmpty()) {
                    out.error = QCoreApplication::translate("WwwAuthenticate", "The %1 challenge has something that is neither a parameter nor a token68.").arg(challenge.scheme);
                    out.challenges << challenge;
                    return out;
                }
                r.skipSpace();
            }
        }
        // auth-params until the next scheme (a token not followed by "=").
        while (challenge.token68.isEmpty()) {
            r.skipSpaceAndCommas();
            if (r.atEnd())
                break;
            const qsizetype mark = r.pos();
            const QByteArray name = r.token();
            r.skipSpace();
            if (name.isEmpty()) {
                out.error = QCoreApplication::translate("WwwAuthenticate", "Unexpected character '%1' in the %2 challenge.").arg(QChar::fromLatin1(r.peek()), challenge.scheme);
                out.challenges << challenge;
                return out;
            }
            if (r.peek() != '=') {
                r.seek(mark); // the next challenge's scheme
                break;
            }
            r.seek(r.pos() + 1);
            r.skipSpace();
            QByteArray value;
            if (r.peek() == '"') {
                if (!r.quoted(&value)) {
                    out.error = QCoreApplication::translate("WwwAuthenticate", "A quoted value in the %1 challenge is not closed.").arg(challenge.scheme);
                    out.challenges << challenge;
                    return out;
                }
            } else {
                value = r.token();
                if (value.isEmpty()) {
                    out.error = QCoreApplication::translate("WwwAuthenticate", "The parameter \"%1\" of the %2 challenge has no value.").arg(QString::fromLatin1(name), challenge.scheme);
                    out.challenges << challenge;
                    return out;
                }
            }
            challenge.params.append({QString::fromLatin1(name).toLower(), QString::fromUtf8(value)});
            r.skipSpace();
            if (!r.atEnd() && r.peek() != ',') {
                out.error = QCoreApplication::translate("WwwAuthenticate", "Missing comma after the parameter \"%1\" of the %2 challenge.").arg(QString::fromLatin1(name), challenge.scheme);
                out.challenges << challenge;
                return out;
            }
        }
        out.challenges << challenge;
        r.skipSpaceAndCommas();
    }
    return out;
}
