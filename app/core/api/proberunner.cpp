// SPDX-License-Identifier: MIT
#include "api/proberunner.h"
#include "jose/dpopproof.h"
#include "jose/privatekey.h"
#include "oauth/dpopsigner.h"
#include "api/apiexpectations.h"
#include "api/probepreparation.h"
#include "http/formencoding.h"
#include "http/rawhttpclient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {

// Reasons stay English in the material (the reports are English); the
// window and the CLI translate them when they show them.
DeferredText say(const char *source)
{
    return {"ProbeRunner", source};
}

} // namespace

ProbeRunner::ProbeRunner(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), m_network(network), m_client(new ApiClient(network, systemClock(), this))
{
}

void ProbeRunner::start(const Profile &profile, const ProbePlan &plan, const ProbeTokens &tokens)
{
    m_profile = profile;
    m_profilePlan = profile.apiBase.isEmpty() ? ProbePlan() : ProbePlan::of(profile);
    m_expectations.clear();
    m_cells.clear();
    m_queue.clear();
    m_nonceRetried.clear();
    m_notes.clear();
    m_inFlight = 0;
    m_done = 0;
    m_toSend = 0;
    m_making = false;
    m_running = true;
    const quint64 generation = ++m_generation;
    if (m_preparation) {
        m_preparation->disconnect(this);
        m_preparation->deleteLater();
    }
    m_preparation = new ProbePreparation(m_network, systemClock(), this);
    connect(m_preparation, &ProbePreparation::ready, this, [this, plan, generation](const ProbeMaterial &material) {
        if (generation == m_generation)
            run(plan, material);
    });
    Q_EMIT progress(0, 0);
    m_preparation->start(profile, tokens);
}

void ProbeRunner::run(const ProbePlan &plan, const ProbeMaterial &material)
{
    for (const DeferredText &why : material.unfit)
        m_notes << why;
    std::sort(m_notes.begin(), m_notes.end(), [](const DeferredText &a, const DeferredText &b) { return a.english() < b.english(); });
    // The cases carry their own Authorization header; ApiClient adds none.
    m_client->setCredentials(m_profile.apiBase, std::nullopt);
    m_dpop = material.tokens.dpop;
    m_otherKey = material.freshKey;
    m_plan = plan;
    m_material = material;
    m_nextEndpoint = 0;
    m_making = true;
    makeSomeCases();
}

void ProbeRunner::makeSomeCases()
{
    // About one frame's worth of work at a time: a plan of a thousand
    // endpoints takes seconds to make, and the window must not freeze meanwhile.
    constexpr qint64 SliceNs = 8'000'000;
    QElapsedTimer slice;
    slice.start();
    while (m_nextEndpoint < m_plan.endpoints.size() && (m_nextEndpoint == 0 || slice.nsecsElapsed() < SliceNs)) {
        const int i = m_nextEndpoint++;
        const ProbeEndpoint &e = m_plan.endpoints.at(i);
        for (const ProbeCase &c : ProbeCases::generate(e, i, m_material)) {
            ProbeCell cell;
            cell.endpoint = e;
            cell.probe = c;
            if (!c.notRun.isEmpty()) {
                ProbeReport::skip(cell, c.notRun);
            } else {
                m_queue.enqueue(int(m_cells.size()));
                ++m_toSend;
            }
            m_cells << cell;
        }
    }
    m_making = m_nextEndpoint < m_plan.endpoints.size();
    if (!m_making) {
        m_plan = {};
        m_material = {};
    }
    Q_EMIT progress(m_done, m_toSend);
    if (m_making) {
        QTimer::singleShot(0, this, [this, generation = m_generation] {
            if (generation == m_generation)
                makeSomeCases();
        });
    } else if (m_done == m_toSend && m_inFlight == 0) {
        // Nothing (left) to send: finished() still comes after start() returned.
        QTimer::singleShot(0, this, [this, generation = m_generation] {
            if (generation == m_generation)
                complete();
        });
        return;
    }
    pump();
}

ApiRequest ProbeRunner::requestFor(const ProbeCell &cell)
{
    ApiRequest request;
    request.method = cell.endpoint.method;
    request.url = m_profile.apiUrl(cell.endpoint.path);
    request.withToken = false;
    request.followRedirects = false; // every probe token stays at the API's origin, and a 3xx is graded as it is
    if (!cell.probe.authorization.isEmpty())
        request.headers.append({"Authorization", cell.probe.authorization});
    if (cell.probe.proof != ProbeCase::Proof::None && m_dpop)
        request.headers.append({"DPoP", proofFor(cell.probe, request.method, request.url)});
    if (!cell.probe.queryToken.isEmpty()) {
        QUrlQuery query(request.url);
        query.addQueryItem(u"access_token"_s, QString::fromLatin1(cell.probe.queryToken));
        request.url.setQuery(query);
    }
    if (!cell.probe.formToken.isEmpty()) {
        request.headers.append({QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")});
        request.body = "access_token=" + FormData::encodeComponent(QString::fromLatin1(cell.probe.formToken));
    }
    request.timeout = std::chrono::seconds(15);
    // The explanation of a refusal checks it against the endpoint this plan says it is.
    // (ApiExpectations::of reads the origin and path: a case's query token changes neither.)
    const QString endpoint = QString::fromLatin1(request.method) + u' ' + cell.endpoint.path;
    auto expected = m_expectations.constFind(endpoint);
    if (expected == m_expectations.cend())
        expected = m_expectations.insert(endpoint, ApiExpectations::of(m_profile, m_profilePlan, request.method, request.url));
    request.expected = *expected;
    if (cell.endpoint.need == ProbeEndpoint::Need::Scopes)
        request.expected.neededScopes = cell.endpoint.scopes;
    return request;
}

QByteArray ProbeRunner::proofFor(const ProbeCase &c, const QByteArray &method, const QUrl &url) const
{
    // The token is what follows the scheme; a proof carries its hash (ath).
    const qsizetype space = c.authorization.indexOf(' ');
    DpopProof::Claims claims;
    claims.method = method;
    claims.url = url;
    claims.issuedAt = QDateTime::currentSecsSinceEpoch();
    claims.nonce = m_dpop->nonce(url);
    claims.accessToken = QString::fromLatin1(space < 0 ? c.authorization : c.authorization.mid(space + 1));
    const PrivateKey *key = &m_dpop->key();
    QString alg = m_dpop->algorithm();
    switch (c.proof) {
    case ProbeCase::Proof::None:
        return {};
    case ProbeCase::Proof::Valid:
    case ProbeCase::Proof::Replayed:
        break;
    case ProbeCase::Proof::WrongMethod:
        claims.method = method == "POST" ? "GET" : "POST";
        break;
    case ProbeCase::Proof::WrongUrl:
        claims.url = url.resolved(QUrl(u"tokenlab-probe-elsewhere"_s));
        break;
    case ProbeCase::Proof::WrongAth:
        claims.accessToken = claims.accessToken + u'x';
        break;
    case ProbeCase::Proof::OtherKey:
        if (m_otherKey) {
            key = m_otherKey.get();
            alg = m_otherKey->defaultAlgorithm();
        }
        break;
    case ProbeCase::Proof::Stale:
        claims.issuedAt -= 3600;
        break;
    }
    return DpopProof::make(*key, claims, alg);
}

void ProbeRunner::sendRaw(int index)
{
    // QNetworkRequest keeps one field per name: two Authorization headers go over a socket of their own.
    const ProbeCell &cell = m_cells.at(index);
    ApiRequest request = requestFor(cell);
    request.headers.append({QByteArray("Authorization"), cell.probe.secondAuthorization});
    RawHttpJob *job = RawHttpClient::send(request.method, request.url, request.headers, request.body, request.timeout, this);
    connect(job, &RawHttpJob::finished, this, [this, index, request, generation = m_generation](const RawHttpAnswer &answer) {
        if (generation != m_generation)
            return;
        ApiExchange x;
        x.request = request;
        x.finalUrl = request.url;
        x.sentHeaders = request.headers;
        x.tokenSent = true;
        x.status = answer.head.status;
        x.reason = answer.head.reason;
        x.responseHeaders = answer.head.headers;
        x.body = answer.body;
        x.bodySize = answer.body.size();
        x.elapsedMs = answer.elapsedMs;
        x.challenges = WwwAuthenticate::parse(answer.head.joined("WWW-Authenticate"));
        x.outcome = x.status == 0 ? ApiOutcome::TransportError : x.status < 300 && x.status >= 200 ? ApiOutcome::Success : ApiOutcome::HttpError;
        x.transportError = answer.error;
        x.closedByServer = answer.closedByServer;
        x.notes << tr("Sent over a socket of TokenLab's own, with both Authorization header fields as given.");
        onAnswer(index, x);
    });
}

void ProbeRunner::pump()
{
    while (m_inFlight < m_maxInFlight && !m_queue.isEmpty()) {
        const int index = m_queue.dequeue();
        ++m_inFlight;
        if (!m_cells.at(index).probe.secondAuthorization.isEmpty()) {
            sendRaw(index);
            continue;
        }
        const ApiRequest request = requestFor(m_cells.at(index));
        if (m_cells.at(index).probe.proof == ProbeCase::Proof::Replayed) {
            // The same request, proof and all, twice: the second answer is the one graded.
            connect(m_client->send(request), &ApiCall::finished, this, [this, index, request, generation = m_generation](const ApiExchange &) {
                if (generation != m_generation)
                    return;
                connect(m_client->send(request), &ApiCall::finished, this, [this, index, generation](const ApiExchange &x) {
                    if (generation == m_generation)
                        onAnswer(index, x);
                });
            });
            continue;
        }
        connect(m_client->send(request), &ApiCall::finished, this,
                [this, index, generation = m_generation](const ApiExchange &x) {
                    if (generation == m_generation)
                        onAnswer(index, x);
                });
    }
}

void ProbeRunner::onAnswer(int index, const ApiExchange &x)
{
    --m_inFlight;
    // RFC 9449 9: an API that demands its nonce gets the case again, once, with a proof that carries it.
    const ProbeCase &probe = m_cells.at(index).probe;
    const QByteArray nonce = firstHeader(x.responseHeaders, "DPoP-Nonce");
    const AuthChallenge *challenge = x.challenges.find(u"DPoP"_s);
    if (probe.proof != ProbeCase::Proof::None && m_dpop && !nonce.isEmpty() && challenge
        && challenge->param(u"error"_s) == u"use_dpop_nonce" && !m_nonceRetried.contains(index)) {
        m_dpop->rememberNonce(x.request.url, nonce);
        m_nonceRetried.insert(index);
        m_queue.prepend(index);
        return pump();
    }
    if (m_dpop && !nonce.isEmpty())
        m_dpop->rememberNonce(x.request.url, nonce); // a rotated nonce, for the cases still to come
    ++m_done;
    ProbeCell &c = m_cells[index];
    c.exchange = x;
    ProbeReport::judge(c);
    if (!c.probe.keyPath.isEmpty() && m_preparation) {
        const int fetched = m_preparation->fetches(c.probe.keyPath);
        const QString host = m_profile.apiBase.host();
        const bool local = host == u"127.0.0.1" || host == u"localhost" || host == u"::1";
        const DeferredText fetchedNote = fetched ? say(QT_TRANSLATE_NOOP("ProbeRunner", "The API fetched the key at %1 (%2 time(s)): it follows URLs the token names.")).arg(c.probe.keyPath).arg(fetched)
                : local ? say(QT_TRANSLATE_NOOP("ProbeRunner", "The API did not fetch the key the token points at."))
                        : say(QT_TRANSLATE_NOOP("ProbeRunner", "The key the token points at is on this machine's 127.0.0.1, which an API on %1 cannot reach: whether it would fetch one is not known.")).arg(host);
        c.note = DeferredText::joined(c.note, fetchedNote);
    }
    Q_EMIT progress(m_done, m_toSend);
    if (m_done == m_toSend && !m_making)
        return complete();
    pump();
}

void ProbeRunner::complete()
{
    // A minted token as valid as the issuer's own, refused: the API does not
    // trust the sandbox, and the other minted cases of that endpoint say nothing.
    for (const ProbeCell &valid : std::as_const(m_cells)) {
        if (valid.probe.id != u"mint-valid" || valid.grade != ProbeGrade::Fail)
            continue;
        for (ProbeCell &c : m_cells) {
            if (c.endpoint.path == valid.endpoint.path && c.endpoint.method == valid.endpoint.method && c.probe.id.startsWith(u"mint-")
                && c.probe.id != u"mint-valid")
                ProbeReport::skip(c, say(QT_TRANSLATE_NOOP("ProbeRunner", "The API refused the valid minted token on this endpoint, so it does not trust the sandbox key; this case says nothing.")));
        }
    }
    m_running = false;
    Q_EMIT finished(m_cells);
}
