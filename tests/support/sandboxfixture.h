// SPDX-License-Identifier: MIT
// An in-process sandbox tenant for tests, with a clock the test moves by
// hand, and helpers for the steps of a login done over real HTTP.
#pragma once

#include "http/formencoding.h"
#include "sandbox/sandboxtenant.h"
#include "support/testhttp.h"

#include <QDateTime>
#include <memory>

class ManualClock
{
public:
    QDateTime now() const { return m_now; }
    void advance(qint64 seconds) { m_now = m_now.addSecs(seconds); }
    Clock clock() const { return [this] { return m_now; }; }

private:
    QDateTime m_now = QDateTime::currentDateTimeUtc();
};

class SandboxFixture
{
public:
    explicit SandboxFixture(std::optional<AutoApprove> autoApprove = AutoApprove{QStringLiteral("alice"), std::nullopt},
                            int tokenLifetime = 3600, bool realClock = false);

    bool started() const { return m_started; }
    SandboxTenant &tenant() { return *m_tenant; }
    ManualClock &clock() { return m_clock; }
    TestHttp &http() { return m_http; }

    QUrl url(const QString &path) const;
    QUrl api(const QString &path) const;
    static QString redirectUri() { return QStringLiteral("http://127.0.0.1:50123/callback"); }

    // A complete, valid authorization request; tests change or drop entries.
    FormData authorizeParams(const QByteArray &challenge) const;
    HttpResult authorize(const FormData &params);
    HttpResult token(const FormData &form, const HttpHeaders &headers = {});
    // The native client's code exchange (RFC 6749 4.1.3 with RFC 7636 4.5).
    FormData codeExchangeForm(const QString &code, const QByteArray &verifier) const;
    // The native client's refresh request (RFC 6749 6).
    FormData refreshForm(const QString &refreshToken) const;

    struct Login
    {
        QString code;
        QByteArray verifier;
        QJsonObject tokens;
    };
    // Auto-approved login: authorize, then exchange. tokens empty on failure.
    Login login(const QString &scope = QStringLiteral("openid profile email offline_access read:messages"));

    // A token signed by the tenant's key with arbitrary claims and header.
    QByteArray sign(const QJsonObject &claims, const QJsonObject &header = {}) const;
    QJsonObject validAccessClaims() const;

private:
    ManualClock m_clock;
    std::unique_ptr<SandboxTenant> m_tenant;
    TestHttp m_http;
    bool m_started = false;
};
