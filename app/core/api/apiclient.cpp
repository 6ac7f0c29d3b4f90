#include "api/apiclient.h"
#include "http/networkerrors.h"
#include "util/timeformat.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

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

QByteArray ApiExchange::responseHeader(const QByteArray &name) const
{
    for (const auto &h : responseHeaders) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

QString ApiExchange::curl(bool revealToken) const
{
    QString out = u"curl -X "_s + QString::fromLatin1(request.method) + u' ' + shellQuote(request.url.toString(QUrl::FullyEncoded));
    for (const auto &h : sentHeaders) {
        QString value = QString::fromLatin1(h.second);
        const bool auth = h.first.compare("Authorization", Qt::CaseInsensitive) == 0;
        if (auth && !revealToken)
            out += u" -H \"Authorization: Bearer $TOKEN\""_s;
        else
            out += u" -H "_s + shellQuote(QString::fromLatin1(h.first) + u": "_s + value);
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

namespace ApiExplainer {

void explain(ApiExchange &x, const QDateTime &tokenExpiry, const QDateTime &now)
{
    const AuthChallenge *bearer = x.challenges.find(u"Bearer"_s);
    const QString error = bearer ? bearer->param(u"error"_s) : QString();
    const QString description = bearer ? bearer->param(u"error_description"_s) : QString();
    const QString server = description.isEmpty() ? QString() : u" (the API says: \"%1\")"_s.arg(description);
    switch (x.outcome) {
    case ApiOutcome::Success:
        x.explanation.clear();
        return;
    case ApiOutcome::TokenExpired:
        x.explanation = u"Not sent: the access token expired %1 ago. Log in again, or send it anyway to see how the API answers an expired token."_s
                                .arg(TimeFormat::duration(tokenExpiry.secsTo(now)));
        return;
    case ApiOutcome::InvalidRequest:
    case ApiOutcome::TransportError:
        return; // the transport sentence is already the explanation
    case ApiOutcome::HttpError:
        break;
    }
    const int s = x.status;
    if (s == 401) {
        if (!x.tokenSent)
            x.explanation = u"No token was sent, and this endpoint needs one (401). Log in, and send with the token."_s;
        else if (error == u"invalid_token" && (description.contains(u"exp"_s) || description.contains(u"expired"_s, Qt::CaseInsensitive)))
            x.explanation = u"The API says the token has expired%1. Log in again for a fresh token."_s.arg(server);
        else if (error == u"invalid_token")
            x.explanation = u"The API refused the token as invalid%1. Check that it was issued for this API's audience by the issuer the API trusts, and that it was not altered."_s.arg(server);
        else if (error.isEmpty())
            x.explanation = u"The API answered as if no token had been sent (401 without an error). It may expect another scheme or header, or not read the Authorization header at all."_s;
        else
            x.explanation = u"The API refused the credentials (401, %1)%2."_s.arg(error, server);
        return;
    }
    if (s == 403) {
        if (error == u"insufficient_scope") {
            x.missingScope = bearer->param(u"scope"_s);
            QStringList missing;
            for (const QString &scope : x.missingScope.split(u' ', Qt::SkipEmptyParts)) {
                if (!x.tokenScopes.contains(scope))
                    missing << scope;
            }
            const QString needed = missing.isEmpty() ? x.missingScope : missing.join(u' ');
            x.explanation = u"The token lacks the scope %1 that this endpoint needs (403 insufficient_scope); it carries %2. "
                            "Log in again asking for %1, and consent to it (the user must also be allowed to have it)."_s
                                    .arg(needed.isEmpty() ? u"the API names"_s : needed,
                                         x.tokenScopes.isEmpty() ? u"no scopes"_s : x.tokenScopes.join(u' '));
        } else {
            x.explanation = u"The API forbids this request (403)%1 without naming a missing scope; the user or client may lack a permission."_s.arg(server);
        }
        return;
    }
    if (s == 400) {
        x.explanation = error == u"invalid_request"
                ? u"The API refused the request as malformed (invalid_request)%1. Send the token once, as \"Authorization: Bearer <token>\"."_s.arg(server)
                : u"The API refused the request as malformed (400)%1."_s.arg(server);
        return;
    }
    if (s == 404) {
        x.explanation = u"Nothing is at %1 (404). Check the profile's API base URL and the path."_s.arg(x.finalUrl.path());
        return;
    }
    if (s == 405) {
        x.explanation = u"The endpoint does not accept %1 (405); it allows %2."_s.arg(QString::fromLatin1(x.request.method),
                                                                                       QString::fromLatin1(x.responseHeader("Allow")));
        return;
    }
    if (s >= 500) {
        x.explanation = u"The API failed (HTTP %1): the problem is on the server's side; its body may say more."_s.arg(s);
        return;
    }
    if (s >= 300 && s < 400) {
        x.explanation = u"The API answered with a redirect (HTTP %1) that TokenLab did not follow."_s.arg(s);
        return;
    }
    x.explanation = u"The API answered HTTP %1%2."_s.arg(s).arg(server);
}

} // namespace ApiExplainer

struct ApiClient::Flight
{
    ApiCall *call = nullptr;
    ApiExchange exchange;
    QUrl url;
    QByteArray method;
    QByteArray body;
    bool token = false;
    int hops = 0;
    QElapsedTimer timer;
    QByteArray received;
};

ApiClient::ApiClient(QNetworkAccessManager *network, Clock clock, QObject *parent)
    : QObject(parent), m_network(network), m_clock(std::move(clock))
{
}

void ApiClient::setCredentials(const QUrl &apiBase, const std::optional<TokenSet> &tokens)
{
    m_apiBase = apiBase;
    m_tokens = tokens;
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
        x.explanation = !validUrl ? u"\"%1\" is not an http(s) URL; set the profile's API base URL or give a full URL."_s.arg(request.url.toString())
                                  : u"TokenLab sends GET, POST, PUT, PATCH, DELETE, HEAD and OPTIONS, not \"%1\"."_s.arg(QString::fromLatin1(flight->method));
        QTimer::singleShot(0, this, [this, flight] { finish(flight); });
        return call;
    }
    if (request.withToken) {
        const QDateTime now = m_clock();
        if (!m_tokens || m_tokens->accessToken.isEmpty()) {
            x.notes << u"There is no access token for this profile yet, so the request went without one."_s;
        } else if (!sameOrigin(request.url, m_apiBase)) {
            // RFC 6750 5.3: the token goes only where it is meant to.
            x.notes << u"Sent without the token: %1 is not the profile's API origin (%2)."_s.arg(
                    request.url.toString(QUrl::RemovePath | QUrl::RemoveQuery), m_apiBase.toString(QUrl::RemovePath | QUrl::RemoveQuery));
        } else if (m_tokens->isExpired(now) && !request.sendExpired) {
            x.outcome = ApiOutcome::TokenExpired;
        } else {
            flight->token = true;
            if (m_tokens->isExpired(now))
                x.notes << u"Sent an expired token, as asked."_s;
        }
        if (x.outcome == ApiOutcome::TokenExpired) {
            ApiExplainer::explain(x, m_tokens ? m_tokens->expiresAt : QDateTime(), now);
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
        if (h.first.compare("Authorization", Qt::CaseInsensitive) == 0 && flight->token)
            continue; // ours wins
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
    if (flight->token) {
        const QByteArray value = "Bearer " + m_tokens->accessToken.toLatin1();
        request.setRawHeader("Authorization", value);
        x.sentHeaders.prepend({"Authorization", value});
    }
    flight->received.clear();
    QNetworkReply *reply = m_network->sendCustomRequest(request, flight->method, flight->body);
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
        x.transportError = NetworkErrors::sentence(reply);
        x.explanation = u"The request did not get an answer: "_s + x.transportError;
        return finish(flight);
    }
    const QByteArray location = reply->rawHeader("Location");
    if (status >= 300 && status < 400 && status != 304 && !location.isEmpty() && flight->hops < 5) {
        const QUrl next = flight->url.resolved(QUrl::fromEncoded(location));
        ++flight->hops;
        if (flight->token && !sameOrigin(next, m_apiBase)) {
            flight->token = false; // the token never follows a redirect out of its origin
            x.notes << u"Redirected to %1: followed without the token, which stays with %2."_s.arg(
                    next.toString(QUrl::RemoveQuery), m_apiBase.toString(QUrl::RemovePath | QUrl::RemoveQuery));
        } else {
            x.notes << u"Redirected (HTTP %1) to %2."_s.arg(status).arg(next.toString(QUrl::RemoveQuery));
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
        x.transportError = NetworkErrors::sentence(reply, x.bodySize);
        x.explanation = u"HTTP %1 arrived, but the answer broke off after %2 bytes: %3"_s.arg(status).arg(x.bodySize).arg(x.transportError);
        return finish(flight);
    }
    x.outcome = status >= 200 && status < 300 ? ApiOutcome::Success : ApiOutcome::HttpError;
    ApiExplainer::explain(x, m_tokens ? m_tokens->expiresAt : QDateTime(), m_clock());
    finish(flight);
}

void ApiClient::finish(Flight *flight)
{
    flight->exchange.elapsedMs = flight->timer.elapsed();
    ApiCall *call = flight->call;
    const ApiExchange exchange = flight->exchange;
    delete flight;
    Q_EMIT call->finished(exchange);
    call->deleteLater();
}
