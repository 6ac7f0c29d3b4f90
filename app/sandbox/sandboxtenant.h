// SPDX-License-Identifier: MIT
// The embedded sandbox tenant: an authorization server and the sample API on
// two loopback ports, sharing one signing key, so TokenLab works offline with
// no account anywhere. The GUI starts one in-process for the sandbox
// profile, and so does tokenlab-cli login; tokenlab-sandbox runs one alone.
//
// start() listens at once and returns; the key arrives a moment later
// (keyReady()), and requests that need it wait for it (see TenantKey). With
// SandboxConfig::continuity set, the key is the one an earlier run kept in
// the keychain and the ports are the ones it listened on when they are free,
// so tokens from that run still verify; continuityProblem() says when they
// cannot.
#pragma once

#include "sandbox/authorizationserver.h"
#include "storage/profile.h"
#include "sandbox/sampleapi.h"
#include "sandbox/sandboxconfig.h"
#include "sandbox/signingkey.h"
#include "sandbox/tenantkey.h"

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

    // Binds both ports (with continuity: the remembered ones first, then the
    // configured ones) and begins loading the key; does not wait for it.
    // False with errorString() when either server cannot listen.
    bool start();
    QString errorString() const { return m_error; }
    bool isRunning() const { return m_api != nullptr; }
    // True when continuity is on and a remembered port was taken, so this
    // run listens elsewhere than the last one.
    bool portsMoved() const { return m_portsMoved; }

    QUrl issuer() const { return m_as.issuer(); }
    QUrl apiBaseUrl() const { return m_api ? m_api->baseUrl() : QUrl(); }
    QString audience() const;
    QString clientId() const;
    QString m2mClientId() const;
    QString m2mClientSecret() const { return m_as.m2mClientSecret(); }

    bool isKeyReady() const { return m_key.isReady(); }
    TenantKey::State keyState() const { return m_key.state(); }
    // Where the key came from, a phrase for the activity log; empty until ready.
    QString keyNote() const { return m_key.note(); }
    // Only once isKeyReady().
    const SigningKey &signingKey() const;

    // Empty when accessToken was issued by this tenant as it runs now (its
    // iss is this issuer and its header's kid is this key's); otherwise a
    // sentence that says why it will be refused and to log in again. Before
    // the key is ready only iss is compared: ask again after keyReady(). Starts
    // loading the key when keyWhenFirstNeeded has not yet.
    QString continuityProblem(const QString &accessToken);

    // The switches in force; setSwitches() changes them for the next request
    // (the file is the caller's business).
    SandboxSwitches switches() const { return m_config.switches; }
    void setSwitches(const SandboxSwitches &switches);

    // The stored sandbox profile with this tenant's URLs, client and API filled in.
    Profile profileFor(const Profile &stored) const;

    // One JSON object: issuer, api_base_url, audience, client_id,
    // m2m_client_id, m2m_client_secret, jwks_uri, registration_endpoint,
    // token_lifetime.
    QJsonObject info() const;

Q_SIGNALS:
    // Once, when requests can be signed and verified.
    void keyReady();
    void keyStateChanged(TenantKey::State state);

private:
    SandboxConfig m_config;
    TenantKey m_key;
    AuthorizationServer m_as;
    std::unique_ptr<SampleApi> m_api;
    QString m_error;
    bool m_portsMoved = false;
};
