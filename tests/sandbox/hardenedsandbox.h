// SPDX-License-Identifier: MIT
// An in-process sandbox tenant whose config a test chooses (DPoP nonces,
// required PAR, the API's DPoP mode, a clients file), with a clock the test
// moves by hand, and the client side of DPoP, PAR and private_key_jwt built
// with the core's own DpopProof and ClientAssertion. Header-only, for the
// suites in tests/sandbox.
#pragma once

#include "http/formencoding.h"
#include "jose/base64url.h"
#include "jose/dpopproof.h"
#include "jose/privatekey.h"
#include "jose/publickey.h"
#include "oauth/clientassertion.h"
#include "oauth/pkce.h"
#include "sandbox/sandboxtenant.h"
#include "support/sandboxfixture.h"
#include "support/testhttp.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <functional>
#include <memory>

class HardenedSandbox
{
public:
    explicit HardenedSandbox(const std::function<void(SandboxConfig &)> &adjust = {})
    {
        SandboxConfig config;
        config.clock = m_clock.clock();
        config.autoApprove = AutoApprove{QStringLiteral("alice"), std::nullopt};
        if (adjust)
            adjust(config);
        m_tenant = std::make_unique<SandboxTenant>(config);
        m_started = m_tenant->start();
        if (m_started && !m_tenant->isKeyReady()) {
            QSignalSpy ready(m_tenant.get(), &SandboxTenant::keyReady);
            m_started = ready.wait(30000);
        }
    }

    bool started() const { return m_started; }
    SandboxTenant &tenant() { return *m_tenant; }
    ManualClock &clock() { return m_clock; }
    TestHttp &http() { return m_http; }
    qint64 now() const { return m_clock.now().toSecsSinceEpoch(); }

    QUrl url(const QString &path) const
    {
        QUrl u = m_tenant->issuer();
        u.setPath(path);
        return u;
    }
    QUrl api(const QString &path) const
    {
        QUrl u = m_tenant->apiBaseUrl();
        u.setPath(path);
        return u;
    }
    QUrl tokenEndpoint() const { return url(QStringLiteral("/oauth/token")); }

    // A proof for this request, made now by the tenant's clock.
    QByteArray proof(const PrivateKey &key, const QByteArray &method, const QUrl &url, const QString &nonce = {},
                     const QString &accessToken = {}) const
    {
        DpopProof::Claims c;
        c.method = method;
        c.url = url;
        c.issuedAt = now();
        c.nonce = nonce;
        c.accessToken = accessToken;
        return DpopProof::make(key, c);
    }

    HttpResult postForm(const QString &path, const FormData &form, const HttpHeaders &headers = {})
    {
        return m_http.post(url(path), form.encode(), "application/x-www-form-urlencoded", headers);
    }

    // The machine-to-machine client's client-credentials request for the API.
    FormData m2mForm() const
    {
        FormData f;
        f.add(QStringLiteral("grant_type"), QStringLiteral("client_credentials"));
        f.add(QStringLiteral("client_id"), m_tenant->m2mClientId());
        f.add(QStringLiteral("client_secret"), m_tenant->m2mClientSecret());
        f.add(QStringLiteral("audience"), m_tenant->audience());
        return f;
    }

    FormData authorizeParams(const QByteArray &challenge, const QString &clientId = {}) const
    {
        FormData f;
        f.add(QStringLiteral("response_type"), QStringLiteral("code"));
        f.add(QStringLiteral("client_id"), clientId.isEmpty() ? m_tenant->clientId() : clientId);
        f.add(QStringLiteral("redirect_uri"), SandboxFixture::redirectUri());
        f.add(QStringLiteral("scope"), QStringLiteral("openid profile offline_access read:messages"));
        f.add(QStringLiteral("audience"), m_tenant->audience());
        f.add(QStringLiteral("state"), QStringLiteral("state-123"));
        f.add(QStringLiteral("code_challenge"), QString::fromLatin1(challenge));
        f.add(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
        return f;
    }
    HttpResult authorize(const FormData &params)
    {
        QUrl u = url(QStringLiteral("/authorize"));
        u.setQuery(QString::fromLatin1(params.encode()), QUrl::StrictMode);
        return m_http.get(u);
    }
    FormData codeExchangeForm(const QString &code, const QByteArray &verifier, const QString &clientId = {}) const
    {
        FormData form;
        form.add(QStringLiteral("grant_type"), QStringLiteral("authorization_code"));
        form.add(QStringLiteral("client_id"), clientId.isEmpty() ? m_tenant->clientId() : clientId);
        form.add(QStringLiteral("code"), code);
        form.add(QStringLiteral("code_verifier"), QString::fromLatin1(verifier));
        form.add(QStringLiteral("redirect_uri"), SandboxFixture::redirectUri());
        return form;
    }
    FormData refreshForm(const QString &refreshToken) const
    {
        FormData form;
        form.add(QStringLiteral("grant_type"), QStringLiteral("refresh_token"));
        form.add(QStringLiteral("client_id"), m_tenant->clientId());
        form.add(QStringLiteral("refresh_token"), refreshToken);
        return form;
    }

    // An auto-approved authorization request with extra parameters; the code or empty.
    QString code(QByteArray *verifier, const QList<QPair<QString, QString>> &extra = {})
    {
        *verifier = Pkce::generateVerifier();
        FormData params = authorizeParams(Pkce::challengeS256(*verifier));
        for (const auto &p : extra)
            params.add(p.first, p.second);
        return authorize(params).locationParam(QStringLiteral("code"));
    }

    // A DPoP-bound login of the native client; the token response.
    QJsonObject dpopLogin(const PrivateKey &key)
    {
        QByteArray verifier;
        const QString c = code(&verifier);
        const HttpResult r = postForm(QStringLiteral("/oauth/token"), codeExchangeForm(c, verifier),
                                      {{"DPoP", proof(key, "POST", tokenEndpoint())}});
        return r.status == 200 ? r.json() : QJsonObject();
    }

    static QString jkt(const PrivateKey &key) { return PublicKey::thumbprint(key.publicJwk()); }

    // A compact JWS with any header and payload, signed by key with alg (or unsigned for "none").
    static QByteArray jws(const PrivateKey &key, const QJsonObject &header, const QJsonObject &payload)
    {
        const QByteArray input = PrivateKey::signingInput(header, payload);
        const QString alg = header.value(QStringLiteral("alg")).toString();
        QByteArray signature;
        if (alg.startsWith(QStringLiteral("HS")))
            signature = PrivateKey::hmac(alg, "a shared secret anyone could guess", input);
        else if (alg != QStringLiteral("none"))
            signature = key.sign(alg, input);
        return input + '.' + Base64Url::encode(signature);
    }

private:
    ManualClock m_clock;
    std::unique_ptr<SandboxTenant> m_tenant;
    TestHttp m_http;
    bool m_started = false;
};
