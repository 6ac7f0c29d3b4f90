// The embedded sandbox tenant: an authorization server and the sample API on
// two loopback ports, sharing one signing key, so TokenLab works offline with
// no account anywhere. The GUI starts one in-process for the sandbox
// profile; tokenlab-sandbox runs one alone.
#pragma once

#include "sandbox/authorizationserver.h"
#include "storage/profile.h"
#include "sandbox/sampleapi.h"
#include "sandbox/sandboxconfig.h"
#include "sandbox/signingkey.h"

#include <QJsonObject>
#include <QObject>
#include <memory>

class SandboxTenant : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(SandboxTenant)

public:
    explicit SandboxTenant(SandboxConfig config = {}, QObject *parent = nullptr);
    ~SandboxTenant() override;

    // Binds both ports; false with errorString() when either cannot listen.
    bool start();
    QString errorString() const { return m_error; }
    bool isRunning() const { return m_api != nullptr; }

    QUrl issuer() const { return m_as.issuer(); }
    QUrl apiBaseUrl() const { return m_api ? m_api->baseUrl() : QUrl(); }
    QString audience() const;
    QString clientId() const;
    QString m2mClientId() const;
    QString m2mClientSecret() const { return m_as.m2mClientSecret(); }
    const SigningKey &signingKey() const { return m_key; }

    // The stored sandbox profile with this tenant's URLs, client and API filled in.
    Profile profileFor(const Profile &stored) const;

    // One JSON object: issuer, api_base_url, audience, client_id,
    // m2m_client_id, m2m_client_secret, jwks_uri, token_lifetime.
    QJsonObject info() const;

private:
    SandboxConfig m_config;
    SigningKey m_key;
    AuthorizationServer m_as;
    std::unique_ptr<SampleApi> m_api;
    QString m_error;
};
