// SPDX-License-Identifier: MIT
// A profile from an API URL: the chain from a protected resource to a
// ready profile, as one async job.
//
//   ProfileDiscovery        API                 authorization server
//     | GET URL, no token   |                          |
//     |-------------------->|                          |
//     |<-- 401 WWW-Authenticate: Bearer resource_metadata="M"
//     | GET M (or /.well-known/oauth-protected-resource[/path], RFC 9728 3.1)
//     |-------------------->|                          |
//     |<-- resource, authorization_servers, scopes     |
//     | RFC 8414 metadata, then OpenID discovery (issuer = an entry of the list)
//     |----------------------------------------------->|
//     | [consent] POST registration_endpoint (RFC 7591) |
//     |----------------------------------------------->|
//     |<-- client_id [, registration_access_token] ----|
//     | finished(): a Profile with the resource as its RFC 8707 resource
//
// Every step says what it did or found in a step() sentence, for front ends
// to show. Registration happens only with the user's consent: Register
// agrees beforehand, Ask emits registrationConsentNeeded() and waits for
// consent(); UseClientId never registers. A registration endpoint on
// another origin than the authorization server's issuer is refused, and so
// is a loopback address named by an API that is not itself on one (a remote
// API must not make TokenLab call services on the user's own machine).
//
// Contract: start() returns at once; the job ends in exactly one finished(),
// on every path, never before start() returns. Nothing is stored by the
// job itself: save() (DiscoveredProfileSave) stores the profile and, in
// the keychain only, the registration access token, after success.
#pragma once

#include "oauth/clientregistration.h"
#include "oauth/providermetadata.h"
#include "oauth/resourcemetadata.h"
#include "storage/profile.h"

#include <QObject>
#include <chrono>
#include <functional>
#include <optional>

class DiscoveryClient;
class ProfileStore;
class QNetworkAccessManager;
class QNetworkReply;
class TokenStore;

class ProfileDiscovery : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(ProfileDiscovery)

public:
    enum class State { Idle, Probing, ReadingResourceMetadata, ReadingServerMetadata, WaitingForConsent, Registering, Succeeded, Failed };
    Q_ENUM(State)
    enum class Registration { Ask, Register, UseClientId };

    struct Request
    {
        QString name;
        QUrl apiUrl;
        Registration registration = Registration::Ask;
        QString clientId; // UseClientId
        // A client this front end registered in an earlier run (and did not
        // save): used again instead of registering another when the chain
        // leads to the same issuer, so a second run leaves no orphan client.
        std::optional<ClientRegistration> earlier;
        QUrl earlierIssuer;
    };

    ProfileDiscovery(QNetworkAccessManager *network, DiscoveryClient *discovery, QObject *parent = nullptr);

    void start(const Request &request);
    // The answer to registrationConsentNeeded(); ignored in any other state.
    void consent(bool agreed);
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    State state() const { return m_state; }
    // After a successful finished():
    std::optional<Profile> profile() const { return m_profile; }
    std::optional<ResourceMetadata> resourceMetadata() const { return m_resource; }
    std::optional<ProviderMetadata> serverMetadata() const { return m_server; }
    std::optional<ClientRegistration> registration() const { return m_registration; }
    QString errorString() const { return m_error; }

    // RFC 9728 5.1: the resource_metadata parameter of a 401's challenges
    // (any scheme: Bearer or DPoP), or an empty URL; *error says why one
    // that is present cannot be used.
    static QUrl resourceMetadataUrl(const QByteArray &wwwAuthenticate, QString *error);
    // A target on this machine (localhost and names under .localhost,
    // 127.0.0.0/8, ::1, 0.0.0.0, ::) only for an API on one. The check reads
    // the URL as written: a DNS name that resolves to 127.0.0.1 is not caught.
    static bool mayFollow(const QUrl &target, const QUrl &apiUrl);
    // The registration endpoint may be used only on the issuer's origin.
    static bool registrationAllowed(const ProviderMetadata &server, QString *error);

Q_SIGNALS:
    void step(const QString &sentence);
    void stateChanged(ProfileDiscovery::State state);
    void registrationConsentNeeded(const QUrl &registrationEndpoint, const QUrl &issuer);
    void finished(ProfileDiscovery *job);

private:
    using Answer = std::function<void(QNetworkReply *reply, int status, const QByteArray &body)>;
    void setState(State state);
    void get(const QUrl &url, const Answer &then);
    void probe();
    void readResourceMetadata(QList<ResourceMetadata::WellKnown> candidates, bool fromChallenge);
    bool refuseLoopback(const QUrl &url, const QString &what);
    void readServerMetadata();
    void askOrRegister();
    void registerClient();
    void finishProfile();
    void fail(const QString &sentence);

    QNetworkAccessManager *m_network;
    DiscoveryClient *m_discovery;
    std::chrono::milliseconds m_timeout{15000};
    Request m_request;
    State m_state = State::Idle;
    std::optional<ResourceMetadata> m_resource;
    std::optional<ProviderMetadata> m_server;
    std::optional<ClientRegistration> m_registration;
    std::optional<Profile> m_profile;
    QString m_error;
    bool m_done = false;
};

// Stores a discovered profile: the profile in the profile file first (its
// name claimed with ProfileStore::insert, so a process that took the name
// meanwhile is refused rather than overwritten), then the registration
// access token (if any) in the keychain; when the token cannot be kept the
// profile is removed again, so nothing is half-saved. Refuses to replace
// an existing profile. Ends in exactly one finished(),
// never before save() returns, and deletes itself afterwards.
class DiscoveredProfileSave : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(DiscoveredProfileSave)

public:
    static DiscoveredProfileSave *save(const Profile &profile, const QString &registrationAccessToken, ProfileStore &profiles,
                                       TokenStore *tokens, QObject *parent = nullptr);
    bool ok() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; }

Q_SIGNALS:
    void finished(DiscoveredProfileSave *job);

private:
    using QObject::QObject;
    void removeProfile(const QString &why);
    void finish(const QString &error);

    Profile m_profile;
    ProfileStore *m_profiles = nullptr;
    TokenStore *m_tokens = nullptr;
    QString m_error;
};
