// SPDX-License-Identifier: MIT
#include "api/sendjob.h"
#include "api/secretvariables.h"
#include "session/session.h"

#include <QTimer>

using namespace Qt::StringLiterals;

SendJob::SendJob(QNetworkAccessManager *network, Session *session, QObject *parent)
    : QObject(parent), m_network(network), m_session(session), m_profile(session ? session->profile() : Profile())
{
}

void SendJob::setDraft(const SavedRequest &draft, const RequestVariables &plain, const QStringList &secretNames, const QString &service)
{
    m_draft = draft;
    m_variables = plain;
    m_secretNames = secretNames;
    m_service = service;
    m_withToken = draft.withToken || draft.placeholderNames().contains(QString::fromLatin1(RequestVariables::Token));
}

void SendJob::setRequest(const ApiRequest &request)
{
    m_request = request;
    m_withToken = request.withToken;
    m_sendExpired = m_sendExpired || request.sendExpired;
}

void SendJob::start()
{
    // Never finish inside start(): the caller connects after it returns.
    QTimer::singleShot(0, this, [this] {
        if (!m_session)
            return fail(tr("The profile is gone; select one to call its API."));
        if (m_draft) {
            // Placeholders are checked before anything goes, with stand-ins for the token and the secrets.
            RequestVariables check = m_variables;
            for (const QString &name : std::as_const(m_secretNames))
                check.set(name, u"secret"_s);
            check.set(QString::fromLatin1(RequestVariables::Token), u"token"_s);
            QString error;
            if (!m_draft->toApiRequest(check, m_profile.apiBase, &error))
                return fail(error);
        }
        readSecrets();
    });
}

void SendJob::readSecrets()
{
    if (m_secretNames.isEmpty())
        return getTokens();
    auto *job = new SecretVariablesJob(m_service, m_profile.name, m_secretNames, this);
    connect(job, &SecretVariablesJob::finished, this, [this](SecretVariablesJob *done) {
        done->deleteLater();
        if (!done->ok())
            return fail(done->errorString());
        const auto values = done->values();
        for (auto it = values.begin(); it != values.end(); ++it) {
            m_variables.set(it.key(), it.value());
            m_secrets.append(it.value().toUtf8());
        }
        getTokens();
    });
    job->start();
}

void SendJob::getTokens()
{
    if (!m_session)
        return fail(tr("The profile is gone; select one to call its API."));
    if (!m_withToken)
        return send(std::nullopt, false);
    if (m_sendExpired) // on purpose: what the session holds, expired or not
        return sendHeld();
    // The session hands out its current tokens, renewed first when they have expired.
    Q_EMIT progress(tr("Getting a fresh token …"));
    connect(m_session->freshTokens(), &SessionJob::finished, this, [this](const SessionResult &r) {
        if (r.ok())
            return send(r.tokens, false, r.dpop);
        // No fresh tokens: send what the session holds (or nothing), and the API's answer explains.
        sendHeld();
    });
}

void SendJob::sendHeld()
{
    const std::optional<TokenSet> tokens = m_session ? m_session->tokens() : std::nullopt;
    if (!tokens || !tokens->isDpopBound())
        return send(tokens, true);
    // A DPoP-bound token never goes without a proof: the signer of its key first.
    connect(m_session->proofKey(), &SessionJob::finished, this, [this, tokens](const SessionResult &r) { send(tokens, true, r.dpop); });
}

void SendJob::send(const std::optional<TokenSet> &tokens, bool expiredOnPurpose, const std::shared_ptr<DpopSigner> &dpop)
{
    ApiRequest request;
    if (m_request) {
        request = *m_request;
    } else {
        RequestVariables v = m_variables;
        if (tokens)
            v.set(QString::fromLatin1(RequestVariables::Token), tokens->accessToken);
        else if (m_draft->placeholderNames().contains(QString::fromLatin1(RequestVariables::Token)))
            return fail(tr("The request uses {{token}}, but this profile has no access token; log in first."));
        QString error;
        auto built = m_draft->toApiRequest(v, m_profile.apiBase, &error);
        if (!built)
            return fail(error);
        request = *built;
    }
    request.withToken = m_withToken;
    request.sendExpired = expiredOnPurpose;
    // The plan's scopes for this endpoint and the profile's issuer and audience, for explaining a refusal.
    request.expected = ApiExpectations::of(m_profile, request.method, request.url);
    Q_EMIT progress(tr("%1 %2 …").arg(QString::fromLatin1(request.method), request.url.toString()));
    auto *client = new ApiClient(m_network, systemClock(), this);
    client->setCredentials(m_profile.apiBase.isEmpty() ? request.url : m_profile.apiBase, m_withToken ? tokens : std::nullopt, dpop);
    connect(client->send(request), &ApiCall::finished, this, [this](const ApiExchange &x) {
        m_exchange = x;
        Q_EMIT finished(this);
    });
}

void SendJob::fail(const QString &sentence)
{
    m_problem = sentence;
    Q_EMIT finished(this);
}
