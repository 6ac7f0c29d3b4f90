// Requests to a token endpoint (RFC 6749 3.2): the code exchange now,
// refresh and client credentials later, all through one place that sets
// the content type, bounds the answer, refuses redirects and turns the
// answer into a TokenSet or one sentence.
//
// Contract: post() returns a job that emits finished() exactly once, on
// every path (network error, timeout, HTTP error, malformed answer), and
// deletes itself afterwards.
#pragma once

#include "clock.h"
#include "formencoding.h"
#include "tokenset.h"

#include <QObject>
#include <QUrl>
#include <chrono>
#include <optional>

class QNetworkAccessManager;

class TokenJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(TokenJob)

public:
    using QObject::QObject;

Q_SIGNALS:
    void finished(const std::optional<TokenSet> &tokens, const QString &error);
};

class TokenEndpointClient : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(TokenEndpointClient)

public:
    TokenEndpointClient(QNetworkAccessManager *network, Clock clock, QObject *parent = nullptr);

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    TokenJob *post(const QUrl &tokenEndpoint, const FormData &form, const QString &requestedScope,
                   const QByteArray &authorization = {});
    // RFC 6749 4.1.3 with RFC 7636 4.5.
    TokenJob *exchangeCode(const QUrl &tokenEndpoint, const QString &clientId, const QString &code,
                           const QByteArray &verifier, const QUrl &redirectUri, const QString &requestedScope);

private:
    QNetworkAccessManager *m_network;
    Clock m_clock;
    std::chrono::milliseconds m_timeout{30000};
};
