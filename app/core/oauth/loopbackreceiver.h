// SPDX-License-Identifier: MIT
// The loopback redirect receiver (RFC 8252 7.3): a one-shot HTTP listener on
// 127.0.0.1 (or [::1]) that waits for the browser to come back from the
// authorization server.
//
// Contract: listen() binds the loopback address only, on the given port or a
// free one. Requests for other paths get 404 and wrong-state callbacks get
// 400; both are counted and the receiver keeps waiting. The first callback
// that ends the login (a code, a provider error, a mix-up, a missing code)
// is answered with a page from resources/pages, the listener stops, and
// finished() is emitted once, after the answer is queued. Bounds on request
// size and read time come from LocalHttpServer.
#pragma once

#include "oauth/authorizationcallback.h"
#include "http/localhttpserver.h"

#include <QObject>

class LoopbackReceiver : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(LoopbackReceiver)

public:
    explicit LoopbackReceiver(QObject *parent = nullptr);

    bool listen(const QString &host, quint16 port);
    QString errorString() const { return m_error; }
    quint16 port() const { return m_http.port(); }
    void expect(const CallbackExpectation &expectation) { m_expected = expectation; }
    void stop();

    int rejectedCount() const { return m_rejected; }
    QString lastRejection() const { return m_lastRejection; }

Q_SIGNALS:
    void finished(const AuthorizationCallback &callback);
    void rejected(const QString &reason);

private:
    HttpResponse handle(const HttpRequest &request);

    LocalHttpServer m_http;
    CallbackExpectation m_expected;
    QString m_error;
    bool m_done = false;
    int m_rejected = 0;
    QString m_lastRejection;
};
