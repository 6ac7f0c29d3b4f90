// SPDX-License-Identifier: MIT
#include "support/testhttp.h"
#include "http/formencoding.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

QByteArray HttpResult::header(const QByteArray &name) const
{
    return firstHeader(headers, name);
}

QJsonObject HttpResult::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QUrl HttpResult::location() const
{
    return QUrl::fromEncoded(header("Location"), QUrl::StrictMode);
}

QString HttpResult::locationParam(const QString &key) const
{
    const auto form = FormData::parse(location().query(QUrl::FullyEncoded).toLatin1());
    return form ? form->value(key) : QString();
}

HttpResult TestHttp::get(const QUrl &url, const HttpHeaders &headers)
{
    return send("GET", url, {}, headers);
}

HttpResult TestHttp::post(const QUrl &url, const QByteArray &body, const QByteArray &contentType,
                          const HttpHeaders &headers)
{
    auto all = headers;
    all.prepend({"Content-Type", contentType});
    return send("POST", url, body, all);
}

HttpResult TestHttp::send(const QByteArray &verb, const QUrl &url, const QByteArray &body,
                          const HttpHeaders &headers)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(10000);
    for (const auto &h : headers)
        request.setRawHeader(h.first, h.second);
    QNetworkReply *reply = m_network.sendCustomRequest(request, verb, body);
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        done.wait(15000);
    HttpResult r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.error = reply->error();
    r.headers = reply->rawHeaderPairs();
    r.body = reply->readAll();
    reply->deleteLater();
    return r;
}

QByteArray rawExchange(quint16 port, const QByteArray &bytes, int timeoutMs, bool closeWrite)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(timeoutMs))
        return {};
    socket.write(bytes);
    socket.waitForBytesWritten(timeoutMs);
    if (closeWrite)
        socket.disconnectFromHost();
    QByteArray response;
    QElapsedTimer timer;
    timer.start();
    auto complete = [&response] {
        // A whole response: headers, then Content-Length bytes of body.
        const qsizetype end = response.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        const qsizetype at = response.toLower().indexOf("\r\ncontent-length: ");
        if (at < 0 || at > end)
            return false;
        const qint64 length = response.mid(at + 18, response.indexOf("\r\n", at + 2) - at - 18).trimmed().toLongLong();
        return response.size() >= end + 4 + length;
    };
    while (timer.elapsed() < timeoutMs && socket.state() == QAbstractSocket::ConnectedState && !complete()) {
        // Qt's event loop must run for the server side, which lives in this thread.
        QTest::qWait(10);
        response += socket.readAll();
    }
    response += socket.readAll();
    return response;
}

int rawStatus(const QByteArray &response)
{
    if (!response.startsWith("HTTP/1.1 "))
        return 0;
    return response.mid(9, 3).toInt();
}
