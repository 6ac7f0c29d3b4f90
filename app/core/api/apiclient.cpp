// SPDX-License-Identifier: MIT
#include "api/apiclient.h"
#include "api/challengeexplainer.h"
#include "oauth/dpopsigner.h"
#include "http/networkerrors.h"
#include "util/timeformat.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// Explanations stay English in the exchange (the probe's reports quote
// them); whoever shows one translates it (DeferredText::text()).
DeferredText say(const char *source)
{
    return {"ApiClient", source};
}

int defaultPort(const QUrl &u)
{
    return u.port(u.scheme() == u"https" ? 443 : 80);
}

QString shellQuote(const QString &s)
{
    QString out = s;
    out.replace(u'\'', u"'\\''"_s);
    return u'\'' + out + u'\'';
}

} // namespace

QString ApiExchange::curl(bool revealToken) const
{
    QString token;
    for (const auto &h : sentHeaders) {
        if (h.first.compare("Authorization", Qt::CaseInsensitive) == 0)
            token = QString::fromLatin1(h.second.mid(h.second.indexOf(' ') + 1));
    }
    return curlFor(QString(), revealToken ? token : QString());
}

QString ApiExchange::curlFor(const QString &profile, const QString &token) const
{
    QString out = u"curl -X "_s + QString::fromLatin1(request.method) + u' ' + shellQuote(request.url.toString(QUrl::FullyEncoded));
    for (const auto &h : sentHeaders) {
        const bool auth = h.first.compare("Authorization", Qt::CaseInsensitive) == 0;
        // The scheme as sent: Bearer, or DPoP for a DPoP-bound token (whose proof is copied as a header of its own).
        const QString scheme = h.second.startsWith("DPoP ") ? u"DPoP"_s : u"Bearer"_s;
        if (!auth)
            out += u" -H "_s + shellQuote(QString::fromLatin1(h.first) + u": "_s + QString::fromLatin1(h.second));
        else if (!token.isEmpty())
            out += u" -H "_s + shellQuote(u"Authorization: "_s + scheme + u' ' + token);
        else if (profile.isEmpty())
            out += u" -H \"Authorization: "_s + scheme + u" $TOKEN\""_s;
        else
            out += u" -H \"Authorization: "_s + scheme + u" $(tokenlab-cli token --profile "_s + shellQuote(profile) + u")\""_s;
    }
    if (!request.body.isEmpty())
        out += u" --data-raw "_s + shellQuote(QString::fromUtf8(request.body));
    return out;
}

bool ApiClient::sameOrigin(const QUrl &a, const QUrl &b)
{
    // RFC 6454: scheme, host and port.
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0 && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
            && defaultPort(a) == defaultPort(b);
}

struct ApiClient::Flight
{
    ApiCall *call = nullptr;
    ApiExchange exchange;
    QUrl url;
    QByteArray method;
    QByteArray body;
    bool token = false;
    bool ownAuthorization = true; // the request's own Authorization headers still go (same origin)
    bool nonceRetried = false;    // sent again with the API's DPoP nonce
    int hops = 0;
    QElapsedTimer timer;
    QByteArray received;
};

ApiClient::ApiClient(QNetworkAccessManager *network, Clock clock, QObject *parent)
    : QObject(parent), m_network(network), m_clock(std::move(clock))
{
}

void ApiClient::setCredentials(const QUrl &apiBase, const std::optional<TokenSet> &tokens, std::shared_ptr<DpopSigner> dpop)
{
    m_apiBase = apiBase;
    m_tokens = tokens;
    m_dpop = std::move(dpop);
    m_sentTokens.clear();
}

const SentToken &ApiClient::sentToken(const QByteArray &authorization)
{
    if (const auto it = m_sentTokens.constFind(authorization); it != m_sentTokens.cend())
        return *it;
    if (m_sentTokens.size() >= SentTokensKept)
        m_sentTokens.clear();
    return *m_sentTokens.insert(authorization, SentToken::fromAuthorization(authorization));
}

ApiCall *ApiClient::send(const ApiRequest &request)
{
    auto *flight = new Flight;
    flight->call = new ApiCall(this);
    flight->exchange.request = request;
    flight->url = request.url;
    flight->method = request.method.toUpper();
    flight->body = request.body;
    flight->timer.start();
    ApiCall *call = flight->call;
    ApiExchange &x = flight->exchange;
    if (m_tokens)
        x.tokenScopes = m_tokens->grantedScopes();

    const bool validUrl = request.url.isValid() && !request.url.isRelative()
            && (request.url.scheme() == u"http" || request.url.scheme() == u"https") && !request.url.host().isEmpty();
    static const QList<QByteArray> methods{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};
    if (!validUrl || !methods.contains(flight->method)) {
        x.outcome = ApiOutcome::InvalidRequest;
        x.explanation = !validUrl ? say(QT_TRANSLATE_NOOP("ApiClient", "\"%1\" is not an http(s) URL; set the profile's API base URL or give a full URL.")).arg(request.url.toString())
                                  : say(QT_TRANSLATE_NOOP("ApiClient", "TokenLab sends GET, POST, PUT, PATCH, DELETE, HEAD and OPTIONS, not \"%1\".")).arg(QString::fromLatin1(flight->method));
        QTimer::singleShot(0, this, [this, flight] { finish(flight); });
        return call;
    }
    if (request.withToken) {
        const QDateTime now = m_clock();
        if (!m_tokens || m_tokens->accessToken.isEmpty()) {
            x.notes << QCoreApplication::translate("ApiClient", "There is no access token for this profile yet, so the request went without one.");
        } else if (!sameOrigin(request.url, m_apiBase)) {
            // RFC 6750 5.3: the token goes only where it is meant to.
            x.notes << QCoreApplication::translate("ApiClient", "Sent without the token: %1 is not the profile's API origin (%2).").arg(
                    request.url.toString(QUrl::RemovePath | QUrl::RemoveQuery), m_apiBase.toString(QUrl::RemovePath | QUrl::RemoveQuery));
        } else if (m_tokens->isDpopBound() && !m_dpop) {
            // RFC 9449 7.1: a DPoP-bound token goes with a proof or not at all.
            x.outcome = ApiOutcome::InvalidRequest;
            x.explanation = say(QT_TRANSLATE_NOOP("ApiClient", "Not sent: the token is DPoP-bound, and this profile's proof key could not be read from the keychain, so "
                            "no proof could go with it. Log in again (a new key is made)."));
            QTimer::singleShot(0, this, [this, flight] { finish(flight); });
            return call;
        } else if (m_tokens->isExpired(now) && !request.sendExpired) {
            x.outcome = ApiOutcome::TokenExpired;
        } else {
            flight->token = true;
            if (m_tokens->isExpired(now))
                x.notes << QCoreApplication::translate("ApiClient", "Sent an expired token, as asked.");
        }
        if (x.outcome == ApiOutcome::TokenExpired) {
            x.explanation = say(QT_TRANSLATE_NOOP("ApiClient", "Not sent: the access token expired %1 ago. Log in again, or send it anyway to see how the API answers an expired token."))
                                    .arg(TimeFormat::duration(m_tokens->expiresAt.secsTo(now)));
            QTimer::singleShot(0, this, [this, flight] { finish(flight); });
            return call;
        }
    }
    sendHop(flight);
    return call;
}

void ApiClient::sendHop(Flight *flight)
{
    ApiExchange &x = flight->exchange;
    QNetworkRequest request(flight->url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(int(x.request.timeout.count()));
    x.sentHeaders.clear();
    for (const auto &h : x.request.headers) {
        if (h.first.compare("Authorization", Qt::CaseInsensitive) == 0 && (flight->token || !flight->ownAuthorization))
            continue; // ours wins; and no credentials follow a redirect to another origin
        request.setRawHeader(h.first, h.second);
        x.sentHeaders.append(h);
    }
    if (!flight->body.isEmpty() && !request.hasRawHeader("Content-Type")) {
        const QByteArray type = flight->body.trimmed().startsWith('{') || flight->body.trimmed().startsWith('[')
                ? QByteArrayLiteral("application/json") : QByteArrayLiteral("application/x-www-form-urlencoded");
        request.setRawHeader("Content-Type", type);
        x.sentHeaders.append({"Content-Type", type});
    }
    // A token the user put in the headers counts as sent, for the explanation.
    x.tokenSent = flight->token || std::any_of(x.sentHeaders.cbegin(), x.sentHeaders.cend(), [](const auto &h) {
                      return h.first.compare("Authorization", Qt::CaseInsensitive) == 0;
                  });
    if (flight->token && m_tokens->isDpopBound()) {
        // RFC 9449 7.1: the DPoP scheme, and a proof of this method and URL with the token's hash.
        const QByteArray value = "DPoP " + m_tokens->accessToken.toLatin1();
        request.setRawHeader("Authorization", value);
        const QByteArray proof = m_dpop->proof(flight->method, flight->url, m_tokens->accessToken);
        request.setRawHeader("DPoP", proof);
        x.sentHeaders.prepend({"DPoP", proof});
        x.sentHeaders.prepend({"Authorization", value});
    } else if (flight->token) {
        const QByteArray value = "Bearer " + m_tokens->accessToken.toLatin1();
        request.setRawHeader("Authorization", value);
        x.sentHeaders.prepend({"Authorization", value});
    }
    flight->received.clear();
    // RFC 9110 8.6: no Content-Length for a GET or HEAD without content. Qt
    // sends "Content-Length: 0" for any body given, even an empty one, and
    // takes its slower upload path to do it.
    const bool bodiless = flight->body.isEmpty() && (flight->method == "GET" || flight->method == "HEAD");
    QNetworkReply *reply = bodiless ? m_network->sendCustomRequest(request, flight->method)
                                    : m_network->sendCustomRequest(request, flight->method, flight->body);
    connect(reply, &QNetworkReply::readyRead, this, [flight, reply] {
        flight->received += reply->read(MaxBodyBytes + 1 - flight->received.size());
        if (flight->received.size() > MaxBodyBytes) {
            flight->exchange.bodyTruncated = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, flight, reply] { onReply(flight, reply); });
}

void ApiClient::onReply(Flight *flight, QNetworkReply *reply)
{
    reply->deleteLater();
    ApiExchange &x = flight->exchange;
    if (!x.bodyTruncated && reply->isOpen()) // a timed-out reply is already closed
        flight->received += reply->read(MaxBodyBytes + 1 - flight->received.size());
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    x.finalUrl = flight->url;
    if (status == 0) {
        x.outcome = ApiOutcome::TransportError;
        x.transportError = NetworkErrors::describe(reply);
        x.closedByServer = reply->error() == QNetworkReply::RemoteHostClosedError;
        x.explanation = DeferredText::joined({say(QT_TRANSLATE_NOOP("ApiClient", "The request did not get an answer: ")), x.transportError}, QString());
        return finish(flight);
    }
    const QByteArray nonce = reply->rawHeader("DPoP-Nonce");
    const bool proofSent = flight->token && m_dpop && m_tokens && m_tokens->isDpopBound();
    if (proofSent && !nonce.isEmpty())
        m_dpop->rememberNonce(flight->url, nonce);
    // RFC 9449 9: the API wants its nonce in the proof; once, with the one it gave.
    if (proofSent && status == 401 && !nonce.isEmpty() && !flight->nonceRetried) {
        const WwwAuthenticate challenges = WwwAuthenticate::parse(reply->rawHeader("WWW-Authenticate"));
        const AuthChallenge *dpop = challenges.find(u"DPoP"_s);
        if (dpop && dpop->param(u"error"_s) == u"use_dpop_nonce") {
            flight->nonceRetried = true;
            x.notes << QCoreApplication::translate("ApiClient", "The API asked for a DPoP nonce (use_dpop_nonce); TokenLab sent the request again with it.");
            return sendHop(flight);
        }
    }
    const QByteArray location = reply->rawHeader("Location");
    if (status >= 300 && status < 400 && status != 304 && !location.isEmpty() && flight->hops < 5 && x.request.followRedirects) {
        const QUrl next = flight->url.resolved(QUrl::fromEncoded(location));
        ++flight->hops;
        if (!sameOrigin(next, flight->url) && flight->ownAuthorization
            && std::any_of(x.request.headers.cbegin(), x.request.headers.cend(),
                           [](const auto &h) { return h.first.compare("Authorization", Qt::CaseInsensitive) == 0; })) {
            flight->ownAuthorization = false;
            x.notes << QCoreApplication::translate("ApiClient", "Redirected to another origin (%1): the request's Authorization header stayed behind.").arg(
                    next.toString(QUrl::RemovePath | QUrl::RemoveQuery));
        }
        if (flight->token && !sameOrigin(next, m_apiBase)) {
            flight->token = false; // the token never follows a redirect out of its origin
            x.notes << QCoreApplication::translate("ApiClient", "Redirected to %1: followed without the token, which stays with %2.").arg(
                    next.toString(QUrl::RemoveQuery), m_apiBase.toString(QUrl::RemovePath | QUrl::RemoveQuery));
        } else {
            x.notes << QCoreApplication::translate("ApiClient", "Redirected (HTTP %1) to %2.").arg(status).arg(next.toString(QUrl::RemoveQuery));
        }
        // RFC 9110 15.4: 303 (and, as browsers do, 301/302 after POST) continue with GET.
        if (status == 303 || ((status == 301 || status == 302) && flight->method == "POST")) {
            flight->method = "GET";
            flight->body.clear();
        }
        flight->url = next;
        return sendHop(flight);
    }
    x.status = status;
    x.reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    x.responseHeaders = reply->rawHeaderPairs();
    x.bodySize = flight->received.size();
    x.body = flight->received.left(MaxBodyBytes);
    x.challenges = WwwAuthenticate::parse(reply->rawHeader("WWW-Authenticate"));
    if (!x.bodyTruncated && NetworkErrors::transferFailed(reply, x.bodySize)) {
        // The status line came, the rest did not: show what arrived, but never as a success.
        x.outcome = ApiOutcome::TransportError;
        x.transportError = NetworkErrors::describe(reply, x.bodySize);
        x.explanation = say(QT_TRANSLATE_NOOP("ApiClient", "HTTP %1 arrived, but the answer broke off after %2 bytes: %3")).arg(status).arg(x.bodySize).arg(x.transportError);
        return finish(flight);
    }
    x.outcome = status >= 200 && status < 300 ? ApiOutcome::Success : ApiOutcome::HttpError;
    ChallengeContext answer;
    answer.status = status;
    answer.challenges = x.challenges;
    answer.tokenSent = x.tokenSent;
    // The token as the API saw it: ours, or one the user (or a probe case) put in the headers.
    for (const auto &h : x.sentHeaders) {
        if (h.first.compare("Authorization", Qt::CaseInsensitive) == 0) {
            answer.token = sentToken(h.second);
            break;
        }
    }
    if (answer.token.scopes)
        x.tokenScopes = *answer.token.scopes;
    answer.tokenScopes = x.tokenScopes;
    answer.method = x.request.method;
    answer.path = x.finalUrl.path();
    answer.allow = firstHeader(x.responseHeaders, "Allow");
    answer.body = x.body;
    answer.contentType = firstHeader(x.responseHeaders, "Content-Type");
    answer.expected = x.request.expected;
    answer.now = m_clock();
    const ChallengeExplanation explained = ChallengeExplainer::explain(answer);
    x.explanation = explained.sentence;
    x.missingScope = explained.missingScope;
    finish(flight);
}

void ApiClient::finish(Flight *flight)
{
    flight->exchange.elapsedMs = flight->timer.elapsed();
    ApiCall *call = flight->call;
    const ApiExchange exchange = std::move(flight->exchange);
    delete flight;
    Q_EMIT call->finished(exchange);
    call->deleteLater();
}
