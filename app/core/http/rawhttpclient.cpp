// SPDX-License-Identifier: MIT
#include "http/rawhttpclient.h"

#include <QDateTime>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

DeferredText say(const char *source)
{
    return {"RawHttpClient", source};
}

} // namespace

RawHttpJob::RawHttpJob(const QByteArray &method, const QUrl &url, const HttpHeaders &headers, const QByteArray &body,
                       std::chrono::milliseconds timeout, QObject *parent)
    : QObject(parent), m_timer(new QTimer(this)), m_url(url)
{
    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    const bool defaultPort = url.port() < 0 || (url.scheme() == u"https" ? url.port() == 443 : url.port() == 80);
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    m_request = method + ' ' + target + " HTTP/1.1\r\nHost: " + host + (defaultPort ? QByteArray() : ':' + QByteArray::number(url.port())) + "\r\n";
    for (const auto &h : headers)
        m_request += h.first + ": " + h.second + "\r\n";
    // RFC 9110 8.6: a method that defines a body says its length, even when it is empty.
    if (!body.isEmpty() || method == "POST" || method == "PUT" || method == "PATCH")
        m_request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    m_request += "Connection: close\r\n\r\n" + body;
    m_timer->setSingleShot(true);
    m_timer->setInterval(timeout);
    connect(m_timer, &QTimer::timeout, this, [this] { complete(say(QT_TRANSLATE_NOOP("RawHttpClient", "no complete answer within %1 s")).arg(m_timer->interval() / 1000)); });
    QMetaObject::invokeMethod(this, &RawHttpJob::start, Qt::QueuedConnection);
}

void RawHttpJob::start()
{
    m_started = QDateTime::currentMSecsSinceEpoch();
    m_timer->start();
    const bool tls = m_url.scheme() == u"https";
    if (m_url.scheme() != u"http" && !tls)
        return complete(say(QT_TRANSLATE_NOOP("RawHttpClient", "%1 is not an http(s) URL")).arg(m_url.toString()));
    if (tls) {
        auto *ssl = new QSslSocket(this);
        m_socket = ssl;
        connect(ssl, &QSslSocket::encrypted, this, [this] { m_socket->write(m_request); });
        connect(ssl, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
            complete(QString(u"TLS: "_s + (errors.isEmpty() ? QString() : errors.first().errorString()))); // Qt's words
        });
        ssl->connectToHostEncrypted(m_url.host(), quint16(m_url.port(443)));
    } else {
        m_socket = new QTcpSocket(this);
        connect(m_socket, &QTcpSocket::connected, this, [this] { m_socket->write(m_request); });
        m_socket->connectToHost(m_url.host(), quint16(m_url.port(80)));
    }
    connect(m_socket, &QAbstractSocket::readyRead, this, &RawHttpJob::onReadable);
    connect(m_socket, &QAbstractSocket::disconnected, this, [this] {
        onReadable();
        m_answer.closedByServer = !m_answer.head.status;
        complete(m_answer.head.status ? DeferredText() : say(QT_TRANSLATE_NOOP("RawHttpClient", "the connection closed before an answer")));
    });
    connect(m_socket, &QAbstractSocket::errorOccurred, this, [this](QAbstractSocket::SocketError e) {
        if (e == QAbstractSocket::RemoteHostClosedError) {
            onReadable();
            m_answer.closedByServer = !m_answer.head.status;
            return complete(m_answer.head.status ? DeferredText() : say(QT_TRANSLATE_NOOP("RawHttpClient", "the connection closed before an answer")));
        }
        complete(m_socket->errorString());
    });
}

void RawHttpJob::onReadable()
{
    if (m_done || !m_socket)
        return;
    m_received += m_socket->readAll();
    while (!m_answer.head.status) {
        ResponseHead head;
        switch (ResponseHead::parse(m_received, &head)) {
        case ResponseHead::Result::NeedMore:
            return;
        case ResponseHead::Result::Error:
            return complete(head.error);
        case ResponseHead::Result::Complete:
            m_received.remove(0, head.bodyOffset);
            // 1xx answers (100 Continue, 103 Early Hints) come before the final one (RFC 9110 15.2).
            if (head.status >= 200)
                m_answer.head = head;
            break;
        }
    }
    m_answer.body += m_received;
    m_received.clear();
    bool ok = false;
    const qsizetype length = m_answer.head.joined("Content-Length").toLongLong(&ok);
    if (m_answer.body.size() >= maxBodyBytes || (ok && m_answer.body.size() >= length) || m_answer.head.status == 204
        || m_answer.head.status == 304) {
        m_answer.body.truncate(ok ? qMin(length, maxBodyBytes) : maxBodyBytes);
        complete({});
    }
}

void RawHttpJob::complete(const DeferredText &error)
{
    if (m_done)
        return;
    m_done = true;
    m_timer->stop();
    m_answer.error = error;
    m_answer.elapsedMs = m_started ? QDateTime::currentMSecsSinceEpoch() - m_started : 0;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    Q_EMIT finished(m_answer);
    deleteLater();
}

namespace RawHttpClient {

RawHttpJob *send(const QByteArray &method, const QUrl &url, const HttpHeaders &headers, const QByteArray &body,
                 std::chrono::milliseconds timeout, QObject *parent)
{
    return new RawHttpJob(method, url, headers, body, timeout, parent);
}

} // namespace RawHttpClient
