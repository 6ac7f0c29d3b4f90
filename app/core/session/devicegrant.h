// SPDX-License-Identifier: MIT
// One device authorization grant (RFC 8628), from the device code to the
// tokens: the part of a device login between the keys and the storage,
// which LoginFlow does as for a browser login (checks of the id_token, the
// token store under the profile's session lock).
//
//   TokenLab (DeviceGrantJob)                     Authorization server     Other device
//   -------------------------                     --------------------     ------------
//   ---- POST /device/code client_id, scope --------------->
//   <--- device_code, user_code, verification_uri, expires_in, interval --
//   codeReady(user code, URIs) -> the front end shows them ------------->  user opens the URI,
//   every interval:                                                        types the code,
//   ---- POST /token grant_type=device_code [+ DPoP proof] ->              signs in, consents
//   <--- authorization_pending | slow_down (interval += 5 s) --
//   <--- tokens | access_denied | expired_token -------------
//
// Contract: start() returns a job that ends in exactly one finished(), on
// every path (refusals, the deadline of expires_in, cancel()), never before
// start() returns, and deletes itself afterwards. The device code is a
// secret: it is never logged, shown or emitted.
#pragma once

#include "oauth/tokenset.h"
#include "session/requestcredentials.h"

#include <QObject>
#include <QTimer>
#include <QUrl>
#include <chrono>
#include <optional>

class TokenEndpointClient;

// What the user needs to finish the sign-in on another device.
struct DevicePrompt
{
    QString userCode;
    QUrl verificationUri;
    QUrl verificationUriComplete;   // empty when the issuer sent none
    qint64 expiresIn = 0;           // seconds
    qint64 interval = 5;            // seconds between polls, as it stands
};

class DeviceGrantJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(DeviceGrantJob)

public:
    struct Request
    {
        QUrl deviceEndpoint;
        QUrl tokenEndpoint;
        QString scope;
        QString audience;
        QString resource;
        RequestCredentials credentials;
        // How long one of the issuer's seconds lasts here; tests shorten it so
        // that intervals, slow_down and the deadline pass quickly.
        std::chrono::milliseconds second{1000};
    };

    static DeviceGrantJob *start(TokenEndpointClient *client, const Request &request, QObject *parent);
    // Ends the grant at once: finished() with cancelled, and late answers are dropped.
    void cancel();

Q_SIGNALS:
    void codeReady(const DevicePrompt &prompt);
    void progress(const QString &message);
    // tokens, or a sentence; cancelled when cancel() ended it.
    void finished(const std::optional<TokenSet> &tokens, const QString &error, bool cancelled);

private:
    DeviceGrantJob(TokenEndpointClient *client, const Request &request, QObject *parent);
    void requestCodes();
    void poll();
    void finish(const std::optional<TokenSet> &tokens, const QString &error, bool cancelled = false);

    TokenEndpointClient *m_client;
    Request m_request;
    QString m_deviceCode;
    qint64 m_interval = 5;
    QString m_lastProblem; // the sentence of the last poll that got no OAuth answer
    int m_polls = 0;
    bool m_done = false;
    QTimer m_pollTimer;
    QTimer m_deadline;
};
