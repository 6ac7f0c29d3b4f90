// SPDX-License-Identifier: MIT
// A small HTTP/1.1 server bound to a loopback address, for the sandbox tenant
// and the loopback redirect receiver (RFC 8252 7.3).
//
// Contract: it listens only on the address it is given (callers pass
// 127.0.0.1 or ::1), parses with HttpRequestParser's bounds, answers parse
// errors itself, drops a connection that has not sent a whole request within
// requestTimeout, keeps at most maxConnections open (the oldest goes first),
// and hands each complete request to the handler, whose response it writes.
// Handlers run on the server's thread and must not block. A deferring
// handler may answer later through its Responder (once; later calls and
// calls after the connection is gone do nothing); until it does, the
// connection reads no further request and its request timer is paused, so
// such a handler must bound its own wait and answer on every path.
#pragma once

#include "http/httpmessage.h"

#include <QHostAddress>
#include <QObject>
#include <QTcpServer>
#include <chrono>
#include <functional>

class QTcpSocket;
class QTimer;

class LocalHttpServer : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(LocalHttpServer)

public:
    using Handler = std::function<HttpResponse(const HttpRequest &)>;
    using Responder = std::function<void(HttpResponse)>;
    using DeferringHandler = std::function<void(const HttpRequest &, Responder)>;

    struct Options
    {
        HttpRequestParser::Limits limits;
        std::chrono::milliseconds requestTimeout{10000};
        std::chrono::milliseconds idleTimeout{15000};
        int maxConnections = 128;
    };

    explicit LocalHttpServer(Handler handler, QObject *parent = nullptr);
    LocalHttpServer(Handler handler, Options options, QObject *parent = nullptr);
    LocalHttpServer(DeferringHandler handler, Options options, QObject *parent = nullptr);
    ~LocalHttpServer() override;

    // Refuses any address that is not a loopback address.
    bool listen(const QHostAddress &address, quint16 port = 0);
    void close();
    // Stops accepting connections but lets open ones finish their answer.
    void stopAccepting() { m_server.close(); }
    bool isListening() const { return m_server.isListening(); }
    quint16 port() const { return m_server.serverPort(); }
    QHostAddress address() const { return m_server.serverAddress(); }
    QString errorString() const { return m_errorString; }
    int openConnections() const { return int(m_connections.size()); }

Q_SIGNALS:
    // A request the parser refused (status 400, 413, 431, 501 or 505).
    void requestRejected(int status, const QString &reason);

private:
    struct Connection;
    void onNewConnection();
    void onReadyRead(Connection *c);
    void dropConnection(Connection *c);
    void respond(quint64 connectionId, const HttpRequest &request, const HttpResponse &response);

    DeferringHandler m_handler;
    Options m_options;
    QTcpServer m_server;
    QList<Connection *> m_connections;
    QString m_errorString;
    quint64 m_nextConnectionId = 1;
};
