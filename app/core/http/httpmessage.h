// SPDX-License-Identifier: MIT
// HTTP/1.1 messages for TokenLab's own small servers: the sandbox tenant and
// the loopback redirect receiver. Both face whatever a local process or a
// browser sends, so HttpRequestParser is incremental and bounded: a request
// line and headers of at most maxHeaderBytes, a body of at most maxBodyBytes
// (Content-Length only; chunked bodies are refused), and every violation is
// an error with the status to answer (400, 413, 431, 501, 505).
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

// Header fields in the order they came, names as sent: the servers' messages
// here and ApiClient's exchanges share this one type.
using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;
// The first value of a header, its name compared case-insensitively
// (RFC 9110 5.1), or an empty array.
QByteArray firstHeader(const HttpHeaders &headers, const QByteArray &name);

struct HttpRequest
{
    QByteArray method;
    QByteArray target;  // the raw request-target, origin-form ("/path?query")
    QByteArray path;    // target before '?', still percent-encoded
    QByteArray query;   // target after '?', still percent-encoded
    int versionMinor = 1;
    HttpHeaders headers;
    QByteArray body;

    // Case-insensitive; the first value when a header repeats.
    QByteArray header(const QByteArray &name) const;
    int headerCount(const QByteArray &name) const;
    bool wantsClose() const;
};

struct HttpResponse
{
    int status = 200;
    HttpHeaders headers;
    QByteArray body;
    bool closeConnection = false; // answer with "Connection: close" and close after writing

    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(const QByteArray &name) const;
    QByteArray serialize(bool closeConnection) const;

    static HttpResponse json(int status, const QByteArray &jsonBody);
    static HttpResponse html(int status, const QByteArray &htmlBody);
    static HttpResponse text(int status, const QByteArray &textBody);
    static HttpResponse redirect(const QUrl &location);
    static QByteArray reasonPhrase(int status);
};

class HttpRequestParser
{
public:
    enum class Result { NeedMore, Complete, Error };

    struct Limits
    {
        int maxHeaderBytes = 16 * 1024;
        int maxBodyBytes = 64 * 1024;
    };

    HttpRequestParser() = default;
    explicit HttpRequestParser(Limits limits) : m_limits(limits) { }

    // Appends bytes and tries to complete a request. After Complete, take()
    // the request; bytes past its end stay buffered for the next one.
    Result feed(const QByteArray &bytes);
    HttpRequest take();

    int errorStatus() const { return m_errorStatus; }
    QString errorText() const { return m_errorText; }
    bool hasBufferedBytes() const { return !m_buffer.isEmpty(); }

private:
    Result parseHead();
    Result fail(int status, const QString &text);

    Limits m_limits;
    QByteArray m_buffer;
    HttpRequest m_request;
    bool m_headDone = false;
    qint64 m_bodyLength = 0;
    int m_errorStatus = 0;
    QString m_errorText;
};
