// SPDX-License-Identifier: MIT
#include "http/localhttpserver.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <memory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcHttp, "tokenlab.http", QtInfoMsg)

struct LocalHttpServer::Connection
{
    QTcpSocket *socket = nullptr;
    QTimer *timer = nullptr;
    HttpRequestParser parser;
    quint64 id = 0;
    bool closing = false;
    bool awaitingResponse = false; // a deferring handler has not answered yet
};

LocalHttpServer::LocalHttpServer(Handler handler, QObject *parent)
    : LocalHttpServer(std::move(handler), Options(), parent)
{
}

LocalHttpServer::LocalHttpServer(Handler handler, Options options, QObject *parent)
    : LocalHttpServer(DeferringHandler([handler = std::move(handler)](const HttpRequest &request, const Responder &respond) {
                          respond(handler(request));
                      }),
                      options, parent)
{
}

LocalHttpServer::LocalHttpServer(DeferringHandler handler, Options options, QObject *parent)
    : QObject(parent), m_handler(std::move(handler)), m_options(options)
{
    connect(&m_server, &QTcpServer::newConnection, this, &LocalHttpServer::onNewConnection);
}

LocalHttpServer::~LocalHttpServer()
{
    close();
}

bool LocalHttpServer::listen(const QHostAddress &address, quint16 port)
{
    // RFC 8252 8.3: loopback listeners must not be reachable from the network.
    if (!address.isLoopback()) {
        m_errorString = QCoreApplication::translate("LocalHttpServer", "refusing to listen on %1: only loopback addresses are allowed").arg(address.toString());
        return false;
    }
    if (!m_server.listen(address, port)) {
        m_errorString = QCoreApplication::translate("LocalHttpServer", "cannot listen on %1 port %2: %3").arg(address.toString()).arg(port).arg(m_server.errorString());
        return false;
    }
    return true;
}

void LocalHttpServer::close()
{
    m_server.close();
    const auto connections = m_connections;
    for (Connection *c : connections)
        dropConnection(c);
}

void LocalHttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        if (int(m_connections.size()) >= m_options.maxConnections)
            dropConnection(m_connections.first()); // the oldest makes room for the newest
        auto *c = new Connection{socket, new QTimer(socket), HttpRequestParser(m_options.limits), m_nextConnectionId++};
        m_connections.append(c);
        c->timer->setSingleShot(true);
        c->timer->start(m_options.requestTimeout);
        connect(c->timer, &QTimer::timeout, this, [this, c] {
            qCDebug(lcHttp) << "dropping a connection that sent no complete request in time";
            dropConnection(c);
        });
        connect(socket, &QTcpSocket::readyRead, this, [this, c] { onReadyRead(c); });
        connect(socket, &QTcpSocket::disconnected, this, [this, c] { dropConnection(c); });
        if (socket->bytesAvailable() > 0)
            onReadyRead(c);
    }
}

void LocalHttpServer::onReadyRead(Connection *c)
{
    if (c->closing || c->awaitingResponse)
        return; // pipelined requests wait in the socket until the answer is out
    // Read no more than the parser may accept in one go; it reports excess.
    const qint64 cap = qint64(m_options.limits.maxHeaderBytes) + m_options.limits.maxBodyBytes + 1;
    QByteArray bytes = c->socket->read(cap);
    while (!bytes.isEmpty() || c->parser.hasBufferedBytes()) {
        const HttpRequestParser::Result r = c->parser.feed(bytes);
        bytes.clear();
        if (r == HttpRequestParser::Result::NeedMore) {
            if (c->socket->bytesAvailable() > 0) {
                bytes = c->socket->read(cap);
                continue;
            }
            return;
        }
        if (r == HttpRequestParser::Result::Error) {
            Q_EMIT requestRejected(c->parser.errorStatus(), c->parser.errorText());
            HttpResponse response = HttpResponse::text(
                    c->parser.errorStatus(), c->parser.errorText().toUtf8() + '\n');
            c->closing = true;
            c->socket->write(response.serialize(true));
            c->socket->disconnectFromHost();
            return;
        }
        const HttpRequest request = c->parser.take();
        c->awaitingResponse = true;
        c->timer->stop(); // the handler bounds its own wait
        const quint64 id = c->id;
        auto answered = std::make_shared<bool>(false);
        QPointer<LocalHttpServer> self(this);
        m_handler(request, [self, id, request, answered](const HttpResponse &response) {
            if (*answered || !self)
                return;
            *answered = true;
            self->respond(id, request, response);
        });
        return; // respond() writes the answer, now or later, and then reads on
    }
}

void LocalHttpServer::respond(quint64 connectionId, const HttpRequest &request, const HttpResponse &response)
{
    Connection *c = nullptr;
    for (Connection *candidate : std::as_const(m_connections)) {
        if (candidate->id == connectionId)
            c = candidate;
    }
    if (!c || !c->awaitingResponse)
        return; // the client went away (or was evicted) while it waited
    c->awaitingResponse = false;
    const bool close = request.wantsClose() || response.closeConnection;
    c->socket->write(response.serialize(close));
    if (close) {
        c->closing = true;
        c->socket->disconnectFromHost();
        return;
    }
    c->timer->start(c->parser.hasBufferedBytes() ? m_options.requestTimeout : m_options.idleTimeout);
    if (c->parser.hasBufferedBytes() || c->socket->bytesAvailable() > 0) {
        // Next pipelined request; from the event loop so a handler that
        // answers at once cannot recurse once per buffered request.
        QPointer<QTcpSocket> socket(c->socket);
        QTimer::singleShot(0, this, [this, connectionId, socket] {
            for (Connection *candidate : std::as_const(m_connections)) {
                if (candidate->id == connectionId && socket)
                    return onReadyRead(candidate);
            }
        });
    }
}

void LocalHttpServer::dropConnection(Connection *c)
{
    if (!m_connections.removeOne(c))
        return;
    QTcpSocket *socket = c->socket;
    delete c;
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}
