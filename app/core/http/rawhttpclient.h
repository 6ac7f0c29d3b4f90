// SPDX-License-Identifier: MIT
// One HTTP/1.1 request over a socket of its own, with its header fields
// exactly as given, duplicates included: for the requests Qt's network
// stack will not send as asked (QNetworkRequest keeps one field per name),
// such as the probe's two Authorization headers. http and https (verified
// as Qt verifies any TLS peer); no redirects, no keep-alive, no proxies.
//
// Contract: each send() returns a job that emits finished() exactly once,
// never before send() returns, within the timeout; the answer's head is
// parsed by ResponseHead and at most maxBodyBytes of the body are kept.
// The job deletes itself after finished().
#pragma once

#include "http/httpmessage.h"
#include "http/responsehead.h"

#include <QObject>
#include <QUrl>
#include <chrono>

class QAbstractSocket;
class QTimer;

struct RawHttpAnswer
{
    ResponseHead head;          // status 0: no answer
    QByteArray body;            // as sent (chunked bodies are not decoded)
    DeferredText error;         // why there is no answer, or why it broke off (English until shown)
    bool closedByServer = false; // the server closed the connection before answering
    qint64 elapsedMs = 0;
};

class RawHttpJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(RawHttpJob)

public:
    static constexpr qsizetype maxBodyBytes = 256 * 1024;

    RawHttpJob(const QByteArray &method, const QUrl &url, const HttpHeaders &headers, const QByteArray &body,
               std::chrono::milliseconds timeout, QObject *parent = nullptr);

Q_SIGNALS:
    void finished(const RawHttpAnswer &answer);

private:
    void start();
    void onReadable();
    void complete(const DeferredText &error);

    QAbstractSocket *m_socket = nullptr;
    QTimer *m_timer;
    QByteArray m_request;
    QByteArray m_received;
    RawHttpAnswer m_answer;
    QUrl m_url;
    qint64 m_started = 0;
    bool m_done = false;
};

namespace RawHttpClient {
// The request as given; Host, Connection: close and, with a body, Content-Length are added.
RawHttpJob *send(const QByteArray &method, const QUrl &url, const HttpHeaders &headers, const QByteArray &body,
                 std::chrono::milliseconds timeout, QObject *parent = nullptr);
}
