// SPDX-License-Identifier: MIT
// Test helpers for real HTTP on 127.0.0.1: one request at a time through a
// QNetworkAccessManager (redirects never followed, so tests see them), and
// raw bytes over a QTcpSocket for what no well-behaved client would send.
#pragma once

#include "http/httpmessage.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPair>
#include <QUrl>

struct HttpResult
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    HttpHeaders headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const;
    QJsonObject json() const;
    QUrl location() const;
    // Query parameters of the Location header, decoded.
    QString locationParam(const QString &key) const;
};

class TestHttp
{
public:
    HttpResult get(const QUrl &url, const HttpHeaders &headers = {});
    HttpResult post(const QUrl &url, const QByteArray &body,
                    const QByteArray &contentType = "application/x-www-form-urlencoded",
                    const HttpHeaders &headers = {});
    HttpResult send(const QByteArray &verb, const QUrl &url, const QByteArray &body,
                    const HttpHeaders &headers);

    QNetworkAccessManager &network() { return m_network; }

private:
    QNetworkAccessManager m_network;
};

// Sends bytes, then reads until the peer closes or timeoutMs passes.
QByteArray rawExchange(quint16 port, const QByteArray &bytes, int timeoutMs = 5000,
                       bool closeWrite = false);
// The status code from a raw HTTP response, or 0.
int rawStatus(const QByteArray &response);
