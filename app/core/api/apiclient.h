// SPDX-License-Identifier: MIT
// Calls to a profile's API with its access token: the one place that builds
// API requests and adds "Authorization: Bearer" (RFC 6750 2.1), or for a
// DPoP-bound token "Authorization: DPoP" with a fresh proof in the DPoP
// header (RFC 9449 7.1), retried once with the API's nonce when it answers
// use_dpop_nonce (RFC 9449 9).
//
// Rules, each tested:
// - the token goes only to the profile's API origin (scheme, host, port);
//   any other origin gets the request without it, and the exchange says so;
// - redirects are followed by hand: within the origin with the token, to
//   another origin without it, nor any Authorization header the request
//   carried itself (Qt's own redirect handling is never used, so it cannot
//   forward the header); at most five hops; or not at all when asked;
// - an expired token is noticed before sending and not sent, unless the
//   request asks to send it anyway (to test the API's answer); with no token
//   at all the request goes without one, and says so;
// - every request has a timeout; the body is read up to 4 MiB.
// Every send() returns a call that emits finished() exactly once.
#pragma once

#include "util/clock.h"
#include "util/deferredtext.h"
#include "http/httpmessage.h"
#include "oauth/tokenset.h"
#include "api/apiexpectations.h"
#include "api/senttoken.h"
#include "api/wwwauthenticate.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QUrl>
#include <chrono>
#include <memory>

class DpopSigner;

class QNetworkAccessManager;
class QNetworkReply;

struct ApiRequest
{
    QByteArray method = "GET";
    QUrl url;
    HttpHeaders headers;
    QByteArray body;
    bool withToken = true;
    bool sendExpired = false;
    // Off: a 3xx is the answer (the probe grades it; a login page's 200 proves nothing).
    bool followRedirects = true;
    std::chrono::milliseconds timeout{30000};
    // What the profile expects of this endpoint (ApiExpectations::of), to
    // explain a 401 or 403 that comes without a Bearer error.
    ApiExpectations expected;
};

enum class ApiOutcome {
    Success,          // 2xx
    HttpError,        // any other status
    TokenExpired,     // not sent: the token had expired
    TransportError,   // refused, timeout, TLS, DNS...
    InvalidRequest,   // a URL or method TokenLab will not send
};

struct ApiExchange
{
    ApiRequest request;
    QUrl finalUrl;
    HttpHeaders sentHeaders;        // as sent, Authorization included (views redact it)
    bool tokenSent = false;
    QStringList notes;              // what TokenLab did on the user's behalf
    ApiOutcome outcome = ApiOutcome::TransportError;
    int status = 0;
    QByteArray reason;
    HttpHeaders responseHeaders;
    QByteArray body;                // at most ApiClient::MaxBodyBytes
    qint64 bodySize = 0;
    bool bodyTruncated = false;
    qint64 elapsedMs = 0;
    DeferredText transportError;    // why no (whole) answer came; English until shown
    bool closedByServer = false;    // no answer because the server closed the connection (not a timeout)
    WwwAuthenticate challenges;
    // One or two sentences for anything but 2xx (ChallengeExplainer): text()
    // where a person reads it, english() in the probe's reports.
    DeferredText explanation;
    QString missingScope;           // what the token lacks, for "log in again asking for it" (ChallengeExplanation)
    QStringList tokenScopes;        // the scopes the token sent carried: its scope claim, else the granted scopes

    // "curl -X GET ..." with the token as $TOKEN unless revealToken. A DPoP
    // proof is copied as it was sent (it is only good for a minute or so).
    QString curl(bool revealToken) const;
    // The DPoP proof sent with the (last attempt of the) request; empty without DPoP.
    QByteArray dpopProof() const { return firstHeader(sentHeaders, "DPoP"); }
    // The same for a profile: the token as "$(tokenlab-cli token --profile P)",
    // so the command works later with a fresh token; or, when token is given,
    // the token itself. Only a call that carried the token gets the header.
    QString curlFor(const QString &profile, const QString &token = QString()) const;
};

class ApiCall : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(ApiCall)

public:
    using QObject::QObject;

Q_SIGNALS:
    void finished(const ApiExchange &exchange);
};

class ApiClient : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(ApiClient)

public:
    static constexpr qint64 MaxBodyBytes = 4 * 1024 * 1024;

    ApiClient(QNetworkAccessManager *network, Clock clock, QObject *parent = nullptr);

    // The active profile's API base URL (its origin receives the token),
    // tokens, and for DPoP-bound tokens the signer of its proofs.
    void setCredentials(const QUrl &apiBase, const std::optional<TokenSet> &tokens,
                        std::shared_ptr<DpopSigner> dpop = {});
    static bool sameOrigin(const QUrl &a, const QUrl &b);

    ApiCall *send(const ApiRequest &request);

private:
    struct Flight;
    void sendHop(Flight *flight);
    void onReply(Flight *flight, QNetworkReply *reply);
    void finish(Flight *flight);
    // SentToken::fromAuthorization, remembered for the last few header
    // values: decoding a JWT's claims is most of what reading an answer
    // costs, and the same token goes with many requests.
    const SentToken &sentToken(const QByteArray &authorization);

    QNetworkAccessManager *m_network;
    Clock m_clock;
    QUrl m_apiBase;
    std::optional<TokenSet> m_tokens;
    std::shared_ptr<DpopSigner> m_dpop;
    QHash<QByteArray, SentToken> m_sentTokens; // at most SentTokensKept, emptied by setCredentials()
    static constexpr qsizetype SentTokensKept = 64;
};
