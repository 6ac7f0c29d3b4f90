// SPDX-License-Identifier: MIT
#include "session/tokenintrospection.h"
#include "oauth/discoveryclient.h"
#include "oauth/tokenendpointclient.h"
#include "session/requestcredentials.h"
#include "util/clock.h"

#include <QTimer>

TokenIntrospectionJob *TokenIntrospectionJob::start(const Profile &profile, const QString &token, const QString &hint,
                                                    QNetworkAccessManager *network, DiscoveryClient *discovery, TokenStore *store,
                                                    QObject *parent)
{
    auto *job = new TokenIntrospectionJob(parent);
    job->m_profile = profile;
    job->m_profile.dpop = false; // introspection takes no proof
    job->m_token = token;
    job->m_hint = hint;
    job->m_network = network;
    job->m_discovery = discovery;
    job->m_store = store;
    QTimer::singleShot(0, job, &TokenIntrospectionJob::run);
    return job;
}

void TokenIntrospectionJob::finish(TokenIntrospection::Outcome outcome, const QString &error)
{
    if (m_done)
        return;
    m_done = true;
    m_result.outcome = outcome;
    m_result.error = error;
    Q_EMIT finished(m_result);
    deleteLater();
}

void TokenIntrospectionJob::run()
{
    if (m_token.isEmpty())
        return finish(TokenIntrospection::Outcome::NotAnswered, tr("There is no token to ask about."));
    connect(m_discovery->discover(m_profile.issuer), &DiscoveryJob::finished, this, [this](const DiscoveryResult &d) {
        if (!d.metadata)
            return finish(TokenIntrospection::Outcome::MetadataUnreadable, d.error);
        m_result.endpoint = d.metadata->introspectionEndpoint;
        if (m_result.endpoint.isEmpty())
            return finish(TokenIntrospection::Outcome::NoEndpoint,
                          tr("The issuer %1 names no introspection_endpoint in its metadata, so it cannot be asked about a token (RFC 7662).")
                                  .arg(m_profile.issuer.toString()));
        auto *credentials = RequestCredentialsJob::load(m_profile, *d.metadata, m_store, systemClock(),
                                                        RequestCredentialsJob::DpopKey::MustExist, this);
        connect(credentials, &RequestCredentialsJob::finished, this, [this](const RequestCredentials &c, const QString &error) {
            if (!error.isEmpty())
                return finish(TokenIntrospection::Outcome::NoCredentials, error);
            m_result.clientAuthentication = c.client.methodName();
            Q_EMIT asking(m_result.endpoint, m_result.clientAuthentication);
            auto *client = new TokenEndpointClient(m_network, systemClock(), this);
            connect(client->introspect(m_result.endpoint, c.client, m_token, m_hint), &IntrospectionJob::finished, this,
                    [this](const Introspection &answer) {
                        m_result.introspection = answer;
                        if (!answer.answered)
                            return finish(TokenIntrospection::Outcome::NotAnswered, answer.error);
                        finish(TokenIntrospection::Outcome::Answered, {});
                    });
        });
    });
}
