// SPDX-License-Identifier: MIT
#include "api/profilediscovery.h"
#include "api/wwwauthenticate.h"
#include "http/networkerrors.h"
#include "oauth/discoveryclient.h"
#include "storage/profilestore.h"
#include "storage/tokenstore.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcDiscover, "tokenlab.discover")

namespace {

constexpr qint64 MaxProbeBytes = 64 * 1024;

QString httpStatus(int status)
{
    return status ? u"HTTP %1"_s.arg(status) : QCoreApplication::translate("ProfileDiscovery", "no HTTP status");
}

} // namespace

ProfileDiscovery::ProfileDiscovery(QNetworkAccessManager *network, DiscoveryClient *discovery, QObject *parent)
    : QObject(parent), m_network(network), m_discovery(discovery)
{
}

QUrl ProfileDiscovery::resourceMetadataUrl(const QByteArray &wwwAuthenticate, QString *error)
{
    const WwwAuthenticate parsed = WwwAuthenticate::parse(wwwAuthenticate);
    for (const AuthChallenge &c : parsed.challenges) {
        const QString value = c.param(u"resource_metadata"_s);
        if (value.isEmpty())
            continue;
        const QUrl url(value, QUrl::StrictMode);
        if (!ProviderMetadata::isAcceptableEndpoint(url) || url.hasFragment()) {
            if (error)
                *error = QCoreApplication::translate("ProfileDiscovery", "The API's challenge names resource_metadata \"%1\", which is not an https URL (or http on a loopback address).").arg(value);
            return {};
        }
        return url;
    }
    return {};
}

bool ProfileDiscovery::registrationAllowed(const ProviderMetadata &server, QString *error)
{
    if (server.registrationEndpoint.isEmpty()) {
        if (error)
            *error = QCoreApplication::translate("ProfileDiscovery", "The authorization server %1 offers no dynamic client registration (no usable \"registration_endpoint\"); register a client there yourself and give its client ID.")
                             .arg(server.issuer.toString());
        return false;
    }
    // The metadata could send TokenLab's registration anywhere: only the issuer's own origin gets it.
    if (!ResourceMetadata::sameOrigin(server.registrationEndpoint, server.issuer)) {
        if (error)
            *error = QCoreApplication::translate("ProfileDiscovery", "The authorization server %1 names a registration endpoint on another origin (%2); TokenLab registers only at the issuer's own origin. Register a client yourself and give its client ID.")
                             .arg(server.issuer.toString(), server.registrationEndpoint.toString());
        return false;
    }
    return true;
}

void ProfileDiscovery::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void ProfileDiscovery::fail(const QString &sentence)
{
    if (m_done)
        return;
    m_done = true;
    m_error = sentence;
    m_profile.reset();
    setState(State::Failed);
    Q_EMIT finished(this);
}

void ProfileDiscovery::start(const Request &request)
{
    m_request = request;
    QTimer::singleShot(0, this, [this] {
        const QUrl &url = m_request.apiUrl;
        if (!ProviderMetadata::isAcceptableEndpoint(url))
            return fail(QCoreApplication::translate("ProfileDiscovery", "\"%1\" is not an https URL (http is allowed only on loopback addresses).").arg(url.toString()));
        if (m_request.registration == Registration::UseClientId && m_request.clientId.trimmed().isEmpty())
            return fail(QCoreApplication::translate("ProfileDiscovery", "The client ID is empty; give the ID of a client registered at the API's authorization server."));
        probe();
    });
}

void ProfileDiscovery::get(const QUrl &url, const Answer &then)
{
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(int(m_timeout.count()));
    // Redirects are not followed: each document must come from the URL that was checked.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = m_network->get(request);
    NetworkErrors::limitAnswer(reply, ResourceMetadata::MaxDocumentBytes + 1);
    connect(reply, &QNetworkReply::finished, this, [this, reply, then] {
        reply->deleteLater();
        if (m_done)
            return;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const qint64 received = reply->bytesAvailable();
        if (NetworkErrors::answerTooLarge(reply))
            return fail(QCoreApplication::translate("ProfileDiscovery", "%1 answered with more than %2 bytes; it is not read.").arg(reply->url().toString()).arg(ResourceMetadata::MaxDocumentBytes));
        if (NetworkErrors::transferFailed(reply, received))
            return fail(QCoreApplication::translate("ProfileDiscovery", "Could not read %1: %2").arg(reply->url().toString(), NetworkErrors::sentence(reply, received)));
        then(reply, status, reply->read(ResourceMetadata::MaxDocumentBytes + 1));
    });
}

void ProfileDiscovery::probe()
{
    setState(State::Probing);
    const QUrl url = m_request.apiUrl;
    Q_EMIT step(tr("Calling %1 without a token.").arg(url.toString()));
    get(url, [this, url](QNetworkReply *reply, int status, const QByteArray &) {
        const QByteArray header = reply->rawHeader("WWW-Authenticate");
        if (status == 401 && !header.isEmpty()) {
            QString why;
            const QUrl metadata = resourceMetadataUrl(header, &why);
            if (!why.isEmpty())
                return fail(why);
            if (!metadata.isEmpty()) {
                if (refuseLoopback(metadata, tr("its protected resource metadata")))
                    return;
                Q_EMIT step(tr("The API answered HTTP 401 and names its protected resource metadata: %1.").arg(metadata.toString()));
                // RFC 9728 3.3: the document must then be about the URL that was called.
                return readResourceMetadata({{metadata, url}}, true);
            }
            Q_EMIT step(tr("The API answered HTTP 401 without resource_metadata; trying the well-known address (RFC 9728 3.1)."));
        } else {
            Q_EMIT step(tr("The API answered %1, not HTTP 401 with a challenge; trying the well-known address (RFC 9728 3.1).").arg(httpStatus(status)));
        }
        readResourceMetadata(ResourceMetadata::wellKnownUrls(url), false);
    });
}

namespace {

// This machine, however it is written: localhost (with a trailing dot, or any
// name under .localhost, RFC 6761 6.3), a loopback address (IPv4-mapped too),
// or the unspecified address, which reaches local services on most systems.
bool isThisMachine(const QUrl &url)
{
    QString host = url.host().toLower();
    if (host.endsWith(u'.'))
        host.chop(1);
    if (host == u"localhost" || host.endsWith(u".localhost"))
        return true;
    const QHostAddress address(host);
    if (address.isNull())
        return false;
    bool mapped = false;
    const quint32 v4 = address.toIPv4Address(&mapped);
    if (mapped && (QHostAddress(v4).isLoopback() || v4 == 0))
        return true;
    return address.isLoopback() || address == QHostAddress::AnyIPv4 || address == QHostAddress::AnyIPv6;
}

} // namespace

bool ProfileDiscovery::mayFollow(const QUrl &target, const QUrl &apiUrl)
{
    return !isThisMachine(target) || isThisMachine(apiUrl);
}

bool ProfileDiscovery::refuseLoopback(const QUrl &url, const QString &what)
{
    if (mayFollow(url, m_request.apiUrl))
        return false;
    fail(tr("The API at %1 names %2 at %3, a loopback address on this machine; TokenLab follows loopback addresses only for an API "
            "that is itself on one.")
                 .arg(m_request.apiUrl.toString(), what, url.toString()));
    return true;
}

void ProfileDiscovery::readResourceMetadata(QList<ResourceMetadata::WellKnown> candidates, bool fromChallenge)
{
    setState(State::ReadingResourceMetadata);
    const ResourceMetadata::WellKnown at = candidates.takeFirst();
    const QUrl url = at.url;
    get(url, [this, at, url, candidates, fromChallenge](QNetworkReply *, int status, const QByteArray &body) {
        if (status == 404 && !candidates.isEmpty()) {
            Q_EMIT step(tr("%1 answered HTTP 404; trying %2.").arg(url.toString(), candidates.first().url.toString()));
            return readResourceMetadata(candidates, fromChallenge);
        }
        if (status != 200) {
            return fail(fromChallenge ? QCoreApplication::translate("ProfileDiscovery", "The protected resource metadata at %1 answered %2.").arg(url.toString(), httpStatus(status))
                                      : QCoreApplication::translate("ProfileDiscovery", "The API publishes no protected resource metadata (%1 answered %2); it does not say where to log in, so make the profile by hand with its issuer and client ID.")
                                                .arg(url.toString(), httpStatus(status)));
        }
        QString why;
        m_resource = ResourceMetadata::parse(body, at.resource, m_request.apiUrl, &why);
        if (!m_resource)
            return fail(u"%1: %2"_s.arg(url.toString(), why));
        const ResourceMetadata &r = *m_resource;
        if (r.match == ResourceMetadata::Match::PathPrefix)
            Q_EMIT step(tr("Warning: the metadata names the resource %1, wider than the API at %2; RFC 9728 3.3 asks for the very URL. "
                           "TokenLab uses it because it is on the same origin and the API lies under it, as with an API that publishes "
                           "one document for all its paths: the profile's tokens will be meant for all of %1.")
                                .arg(r.resource.toString(), m_request.apiUrl.toString()));
        if (refuseLoopback(r.authorizationServers.first(), tr("its authorization server")))
            return;
        Q_EMIT step(tr("The resource is %1; its authorization server: %2; its scopes: %3.")
                            .arg(r.resource.toString(), r.authorizationServers.first().toString(),
                                 r.scopesSupported.isEmpty() ? tr("none named") : r.scopesSupported.join(u' ')));
        if (r.authorizationServers.size() > 1)
            Q_EMIT step(tr("It names %1 authorization servers; TokenLab uses the first.").arg(r.authorizationServers.size()));
        readServerMetadata();
    });
}

void ProfileDiscovery::readServerMetadata()
{
    setState(State::ReadingServerMetadata);
    const QUrl issuer = m_resource->authorizationServers.first();
    Q_EMIT step(tr("Reading the metadata of %1 (RFC 8414, then OpenID discovery).").arg(issuer.toString()));
    // RFC 9728 7.6 and RFC 8414 3.3: the document's issuer must be the very entry of authorization_servers.
    DiscoveryJob *job = m_discovery->discover(issuer, ProviderMetadata::Document::OAuthMetadata);
    connect(job, &DiscoveryJob::finished, this, [this, issuer](const DiscoveryResult &result) {
        if (m_done)
            return;
        if (!result.metadata)
            return fail(QCoreApplication::translate("ProfileDiscovery", "The authorization server %1 named by the API: %2").arg(issuer.toString(), result.error));
        m_server = result.metadata;
        Q_EMIT step(tr("Found %1 metadata: authorization at %2, tokens at %3%4.")
                            .arg(m_server->fromOAuthMetadata ? tr("RFC 8414") : tr("OpenID"),
                                 m_server->authorizationEndpoint.toString(), m_server->tokenEndpoint.toString(),
                                 m_server->registrationEndpoint.isEmpty() ? QString()
                                                                          : tr(", registration at %1").arg(m_server->registrationEndpoint.toString())));
        askOrRegister();
    });
}

void ProfileDiscovery::askOrRegister()
{
    switch (m_request.registration) {
    case Registration::UseClientId:
        Q_EMIT step(tr("Using the client ID %1; not registering.").arg(m_request.clientId));
        return finishProfile();
    case Registration::Register:
    case Registration::Ask: {
        if (m_request.earlier && m_request.earlierIssuer == m_server->issuer) {
            m_registration = m_request.earlier;
            Q_EMIT step(tr("Using the client %1 that TokenLab registered at %2 in the run before; not registering again.")
                                .arg(m_registration->clientId, m_server->issuer.toString()));
            return finishProfile();
        }
        QString why;
        if (!registrationAllowed(*m_server, &why))
            return fail(why);
        if (m_request.registration == Registration::Register)
            return registerClient();
        setState(State::WaitingForConsent);
        Q_EMIT step(tr("Waiting for consent to register TokenLab at %1.").arg(m_server->registrationEndpoint.toString()));
        Q_EMIT registrationConsentNeeded(m_server->registrationEndpoint, m_server->issuer);
        return;
    }
    }
}

void ProfileDiscovery::consent(bool agreed)
{
    if (m_done || m_state != State::WaitingForConsent)
        return;
    if (!agreed)
        return fail(QCoreApplication::translate("ProfileDiscovery", "TokenLab did not register at %1 because you declined; give the ID of a client you registered yourself instead.")
                            .arg(m_server->registrationEndpoint.toString()));
    registerClient();
}

void ProfileDiscovery::registerClient()
{
    setState(State::Registering);
    const QUrl endpoint = m_server->registrationEndpoint;
    Q_EMIT step(tr("Registering TokenLab as a native public client at %1.").arg(endpoint.toString()));
    // RFC 8252 7.3: a loopback redirect without a port; each login picks its own.
    const Profile defaults;
    QUrl redirect;
    redirect.setScheme(u"http"_s);
    redirect.setHost(defaults.redirectHost);
    redirect.setPath(defaults.redirectPath);
    QNetworkRequest request(endpoint);
    request.setRawHeader("Content-Type", "application/json");
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(int(m_timeout.count()));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = m_network->post(request, QJsonDocument(ClientRegistration::request(redirect)).toJson(QJsonDocument::Compact));
    NetworkErrors::limitAnswer(reply, ClientRegistration::MaxResponseBytes + 1);
    connect(reply, &QNetworkReply::finished, this, [this, reply, endpoint] {
        reply->deleteLater();
        if (m_done)
            return;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const qint64 received = reply->bytesAvailable();
        if (NetworkErrors::answerTooLarge(reply))
            return fail(QCoreApplication::translate("ProfileDiscovery", "The registration endpoint %1 answered with more than %2 bytes; it is not read.").arg(endpoint.toString()).arg(ClientRegistration::MaxResponseBytes));
        if (NetworkErrors::transferFailed(reply, received))
            return fail(QCoreApplication::translate("ProfileDiscovery", "Could not register at %1: %2").arg(endpoint.toString(), NetworkErrors::sentence(reply, received)));
        QString why;
        m_registration = ClientRegistration::parseResponse(status, reply->read(ClientRegistration::MaxResponseBytes + 1), &why);
        if (!m_registration)
            return fail(u"%1: %2"_s.arg(endpoint.toString(), why));
        Q_EMIT step(m_registration->registrationAccessToken.isEmpty()
                            ? tr("Registered: the client ID is %1.").arg(m_registration->clientId)
                            : tr("Registered: the client ID is %1; its registration access token will be kept in the keychain.").arg(m_registration->clientId));
        finishProfile();
    });
}

void ProfileDiscovery::finishProfile()
{
    Profile p;
    p.name = m_request.name;
    p.kind = Profile::Kind::Custom;
    p.grant = Profile::Grant::AuthorizationCode;
    p.issuer = m_server->issuer;
    p.clientId = m_registration ? m_registration->clientId : m_request.clientId.trimmed();
    // RFC 8707: tokens for this resource, named by its RFC 9728 identifier.
    p.resource = m_resource->resource.toString();
    QStringList scopes;
    const bool openId = !m_server->fromOAuthMetadata || m_server->scopesSupported.contains(u"openid"_s);
    if (openId)
        scopes << u"openid"_s;
    for (const QString &s : std::as_const(m_resource->scopesSupported)) {
        if (!scopes.contains(s))
            scopes << s;
    }
    p.scope = scopes.join(u' ');
    p.dpop = m_resource->dpopBoundAccessTokensRequired;
    const QUrl api = m_request.apiUrl;
    p.apiBase = ResourceMetadata::origin(api);
    if (!api.path().isEmpty() && api.path() != u"/")
        p.privatePath = api.path() + (api.hasQuery() ? u"?"_s + api.query() : QString());
    const QStringList problems = p.validate();
    if (!problems.isEmpty())
        return fail(QCoreApplication::translate("ProfileDiscovery", "The discovered profile is not valid: %1").arg(problems.join(u' ')));
    m_profile = p;
    m_done = true;
    Q_EMIT step(tr("The profile %1 is ready: issuer %2, client %3, resource %4, scope \"%5\".")
                        .arg(p.name, p.issuer.toString(), p.clientId, p.resource, p.scope));
    setState(State::Succeeded);
    Q_EMIT finished(this);
}

DiscoveredProfileSave *DiscoveredProfileSave::save(const Profile &profile, const QString &registrationAccessToken, ProfileStore &profiles,
                                                   TokenStore *tokens, QObject *parent)
{
    auto *job = new DiscoveredProfileSave(parent);
    job->m_profile = profile;
    job->m_profiles = &profiles;
    job->m_tokens = tokens;
    QTimer::singleShot(0, job, [job, registrationAccessToken] {
        QString error;
        if (!job->m_profiles->load(&error))
            return job->finish(error);
        if (job->m_profiles->profile(job->m_profile.name))
            return job->finish(QCoreApplication::translate("ProfileDiscovery", "A profile named %1 exists already; choose another name or remove that profile first.").arg(job->m_profile.name));
        // The name is claimed in the file before anything is kept under it, so a
        // process that took it meanwhile keeps its own keychain entries.
        if (!job->m_profiles->insert(job->m_profile, &error) || !job->m_profiles->save(&error))
            return job->finish(error);
        if (registrationAccessToken.isEmpty())
            return job->finish({});
        TokenStoreJob *secret = job->m_tokens->saveSecret(job->m_profile.name, registrationAccessToken, SecretKind::RegistrationAccessToken);
        connect(secret, &TokenStoreJob::finished, job, [job](TokenStoreJob *saved) {
            if (saved->error() == TokenStoreError::None)
                return job->finish({});
            job->removeProfile(QCoreApplication::translate("ProfileDiscovery", "The registration access token could not be kept in the keychain, so the profile was not saved: %1")
                                       .arg(saved->errorString()));
        });
    });
    return job;
}

void DiscoveredProfileSave::removeProfile(const QString &why)
{
    // Nothing half-saved: the profile goes again when its token could not be kept.
    QString error;
    if (!m_profiles->remove(m_profile.name, &error) || !m_profiles->save(&error))
        return finish(QCoreApplication::translate("ProfileDiscovery", "The registration access token could not be kept in the keychain, "
                                                                      "and the profile %1, saved a moment before, could not be removed "
                                                                      "again (%2); remove it with tokenlab-cli profile remove %1.")
                              .arg(m_profile.name, error));
    finish(why);
}

void DiscoveredProfileSave::finish(const QString &error)
{
    m_error = error;
    Q_EMIT finished(this);
    deleteLater();
}
