// SPDX-License-Identifier: MIT
#include "http/httpmessage.h"

using namespace Qt::StringLiterals;

namespace {

// RFC 9110 5.6.2: tchar
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(const QByteArray &s)
{
    if (s.isEmpty())
        return false;
    for (const char c : s) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

// RFC 9110 5.5: field values are visible characters, spaces and tabs; obs-text
// is tolerated, control characters (including a lone CR or NUL) are not.
bool isFieldValue(const QByteArray &s)
{
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 && c != '\t')
            return false;
        if (u == 0x7f)
            return false;
    }
    return true;
}

// RFC 9112 3.2: origin-form, printable ASCII with no spaces.
bool isOriginForm(const QByteArray &s)
{
    if (!s.startsWith('/'))
        return false;
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f)
            return false;
    }
    return true;
}

} // namespace

QByteArray firstHeader(const HttpHeaders &headers, const QByteArray &name)
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

QByteArray HttpRequest::header(const QByteArray &name) const
{
    return firstHeader(headers, name);
}

int HttpRequest::headerCount(const QByteArray &name) const
{
    int n = 0;
    for (const auto &h : headers)
        n += h.first.compare(name, Qt::CaseInsensitive) == 0 ? 1 : 0;
    return n;
}

bool HttpRequest::wantsClose() const
{
    const QByteArray connection = header("Connection").toLower();
    if (versionMinor == 0)
        return !connection.contains("keep-alive");
    return connection.contains("close");
}

void HttpResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            h.second = value;
            return;
        }
    }
    headers.append({name, value});
}

QByteArray HttpResponse::header(const QByteArray &name) const
{
    return firstHeader(headers, name);
}

QByteArray HttpResponse::reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 204: return "No Content";
    case 302: return "Found";
    case 303: return "See Other";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Status";
    }
}

QByteArray HttpResponse::serialize(bool closeConnection) const
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const auto &h : headers)
        out += h.first + ": " + h.second + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    if (closeConnection)
        out += "Connection: close\r\n";
    out += "\r\n";
    out += body;
    return out;
}

HttpResponse HttpResponse::json(int status, const QByteArray &jsonBody)
{
    HttpResponse r;
    r.status = status;
    r.setHeader("Content-Type", "application/json; charset=utf-8");
    r.body = jsonBody;
    return r;
}

HttpResponse HttpResponse::html(int status, const QByteArray &htmlBody)
{
    HttpResponse r;
    r.status = status;
    r.setHeader("Content-Type", "text/html; charset=utf-8");
    // The pages are TokenLab's own: no scripts, no framing by other sites.
    r.setHeader("Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http://127.0.0.1:* http://[::1]:*; frame-ancestors 'none'");
    r.setHeader("X-Frame-Options", "DENY");
    r.setHeader("Referrer-Policy", "no-referrer");
    r.setHeader("Cache-Control", "no-store");
    r.body = htmlBody;
    return r;
}

HttpResponse HttpResponse::text(int status, const QByteArray &textBody)
{
    HttpResponse r;
    r.status = status;
    r.setHeader("Content-Type", "text/plain; charset=utf-8");
    r.body = textBody;
    return r;
}

HttpResponse HttpResponse::redirect(const QUrl &location)
{
    HttpResponse r;
    r.status = 302;
    r.setHeader("Location", location.toEncoded());
    r.setHeader("Cache-Control", "no-store");
    r.setHeader("Referrer-Policy", "no-referrer");
    return r;
}

HttpRequestParser::Result HttpRequestParser::fail(int status, const QString &text)
{
    m_errorStatus = status;
    m_errorText = text;
    m_buffer.clear();
    return Result::Error;
}

HttpRequestParser::Result HttpRequestParser::feed(const QByteArray &bytes)
{
    if (m_errorStatus)
        return Result::Error;
    m_buffer.append(bytes);
    if (!m_headDone) {
        const Result r = parseHead();
        if (r != Result::Complete)
            return r;
    }
    if (m_buffer.size() < m_bodyLength)
        return Result::NeedMore;
    return Result::Complete;
}

HttpRequestParser::Result HttpRequestParser::parseHead()
{
    // RFC 9112 2.2: ignore at least one empty line before the request line.
    while (m_buffer.startsWith("\r\n"))
        m_buffer.remove(0, 2);
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        if (m_buffer.size() > m_limits.maxHeaderBytes)
            return fail(431, u"the request headers are larger than %1 bytes"_s.arg(m_limits.maxHeaderBytes));
        // A bare LF where CRLF belongs is refused early instead of waiting.
        const qsizetype lf = m_buffer.indexOf('\n');
        if (lf >= 0 && (lf == 0 || m_buffer.at(lf - 1) != '\r'))
            return fail(400, u"a line ends without CR LF"_s);
        return Result::NeedMore;
    }
    if (end > m_limits.maxHeaderBytes)
        return fail(431, u"the request headers are larger than %1 bytes"_s.arg(m_limits.maxHeaderBytes));

    const QByteArray head = m_buffer.left(end);
    m_buffer.remove(0, end + 4);
    const QList<QByteArray> lines = head.split('\n');
    for (const QByteArray &line : lines) {
        if (!line.endsWith('\r') && &line != &lines.last())
            return fail(400, u"a line ends without CR LF"_s);
    }

    QByteArray requestLine = lines.first();
    if (requestLine.endsWith('\r'))
        requestLine.chop(1);
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3)
        return fail(400, u"the request line is not METHOD TARGET VERSION"_s);
    if (!isToken(parts.at(0)))
        return fail(400, u"the method is not a token"_s);
    if (parts.at(2) == "HTTP/1.1")
        m_request.versionMinor = 1;
    else if (parts.at(2) == "HTTP/1.0")
        m_request.versionMinor = 0;
    else if (parts.at(2).startsWith("HTTP/"))
        return fail(505, u"only HTTP/1.0 and HTTP/1.1 are spoken here"_s);
    else
        return fail(400, u"the request line has no HTTP version"_s);
    if (!isOriginForm(parts.at(1)))
        return fail(400, u"the request target is not a path"_s);
    m_request.method = parts.at(0);
    m_request.target = parts.at(1);
    const qsizetype q = m_request.target.indexOf('?');
    m_request.path = q < 0 ? m_request.target : m_request.target.left(q);
    m_request.query = q < 0 ? QByteArray() : m_request.target.mid(q + 1);

    for (qsizetype i = 1; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.startsWith(' ') || line.startsWith('\t'))
            return fail(400, u"obsolete header line folding is not accepted"_s); // RFC 9112 5.2
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return fail(400, u"a header line has no name"_s);
        const QByteArray name = line.left(colon);
        if (!isToken(name))
            return fail(400, u"a header name contains characters that are not allowed"_s);
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (!isFieldValue(value))
            return fail(400, u"a header value contains control characters"_s);
        m_request.headers.append({name, value});
    }

    if (m_request.headerCount("Transfer-Encoding") > 0)
        return fail(501, u"chunked or encoded request bodies are not accepted; send Content-Length"_s);
    const int lengths = m_request.headerCount("Content-Length");
    if (lengths > 1)
        return fail(400, u"Content-Length is given more than once"_s);
    m_bodyLength = 0;
    if (lengths == 1) {
        const QByteArray raw = m_request.header("Content-Length");
        if (raw.isEmpty() || raw.size() > 18)
            return fail(raw.isEmpty() ? 400 : 413, u"Content-Length is not a valid length"_s);
        for (const char c : raw) {
            if (c < '0' || c > '9')
                return fail(400, u"Content-Length is not a number"_s);
        }
        m_bodyLength = raw.toLongLong();
        if (m_bodyLength > m_limits.maxBodyBytes)
            return fail(413, u"the request body is larger than %1 bytes"_s.arg(m_limits.maxBodyBytes));
    }
    m_headDone = true;
    return Result::Complete;
}

HttpRequest HttpRequestParser::take()
{
    HttpRequest r = std::move(m_request);
    r.body = m_buffer.left(m_bodyLength);
    m_buffer.remove(0, m_bodyLength);
    m_request = HttpRequest();
    m_headDone = false;
    m_bodyLength = 0;
    return r;
}
