// SPDX-License-Identifier: MIT
#include "support/sandboxfixture.h"
#include "oauth/pkce.h"
#include "sandbox/signingkey.h"

#include <QJsonArray>
#include <QSignalSpy>

using namespace Qt::StringLiterals;

SandboxFixture::SandboxFixture(std::optional<AutoApprove> autoApprove, int tokenLifetime, bool realClock)
{
    SandboxConfig config;
    config.clock = realClock ? systemClock() : m_clock.clock();
    config.autoApprove = autoApprove;
    config.tokenLifetimeSeconds = tokenLifetime;
    m_tenant = std::make_unique<SandboxTenant>(config);
    m_started = m_tenant->start();
    // Tests sign with the tenant's key directly, so they wait for it here.
    if (m_started && !m_tenant->isKeyReady()) {
        QSignalSpy ready(m_tenant.get(), &SandboxTenant::keyReady);
        m_started = ready.wait(30000);
    }
}

QUrl SandboxFixture::url(const QString &path) const
{
    QUrl u = m_tenant->issuer();
    const qsizetype q = path.indexOf(u'?');
    u.setPath(q < 0 ? path : path.left(q));
    if (q >= 0)
        u.setQuery(path.mid(q + 1), QUrl::StrictMode);
    return u;
}

QUrl SandboxFixture::api(const QString &path) const
{
    QUrl u = m_tenant->apiBaseUrl();
    u.setPath(path);
    return u;
}

FormData SandboxFixture::authorizeParams(const QByteArray &challenge) const
{
    FormData f;
    f.add(u"response_type"_s, u"code"_s);
    f.add(u"client_id"_s, m_tenant->clientId());
    f.add(u"redirect_uri"_s, redirectUri());
    f.add(u"scope"_s, u"openid profile email offline_access read:messages"_s);
    f.add(u"audience"_s, m_tenant->audience());
    f.add(u"state"_s, u"state-123"_s);
    f.add(u"nonce"_s, u"nonce-456"_s);
    f.add(u"code_challenge"_s, QString::fromLatin1(challenge));
    f.add(u"code_challenge_method"_s, u"S256"_s);
    return f;
}

HttpResult SandboxFixture::authorize(const FormData &params)
{
    QUrl u = url(u"/authorize"_s);
    u.setQuery(QString::fromLatin1(params.encode()), QUrl::StrictMode);
    return m_http.get(u);
}

HttpResult SandboxFixture::token(const FormData &form, const HttpHeaders &headers)
{
    return m_http.post(url(u"/oauth/token"_s), form.encode(), "application/x-www-form-urlencoded", headers);
}

SandboxFixture::Login SandboxFixture::login(const QString &scope)
{
    Login l;
    l.verifier = Pkce::generateVerifier();
    FormData params;
    const FormData defaults = authorizeParams(Pkce::challengeS256(l.verifier));
    for (const auto &p : defaults.pairs())
        params.add(p.first, p.first == u"scope" ? scope : p.second);
    const HttpResult r = authorize(params);
    l.code = r.locationParam(u"code"_s);
    if (l.code.isEmpty())
        return l;
    const HttpResult t = token(codeExchangeForm(l.code, l.verifier));
    if (t.status == 200)
        l.tokens = t.json();
    return l;
}

QByteArray SandboxFixture::sign(const QJsonObject &claims, const QJsonObject &header) const
{
    return m_tenant->signingKey().signRs256(header, claims);
}

QJsonObject SandboxFixture::validAccessClaims() const
{
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    return {{u"iss"_s, m_tenant->issuer().toString()},
            {u"sub"_s, u"sandbox|alice"_s},
            {u"aud"_s, m_tenant->audience()},
            {u"iat"_s, now},
            {u"exp"_s, now + 600},
            {u"scope"_s, u"openid read:messages"_s}};
}

FormData SandboxFixture::codeExchangeForm(const QString &code, const QByteArray &verifier) const
{
    FormData form;
    form.add(u"grant_type"_s, u"authorization_code"_s);
    form.add(u"client_id"_s, m_tenant->clientId());
    form.add(u"code"_s, code);
    form.add(u"code_verifier"_s, QString::fromLatin1(verifier));
    form.add(u"redirect_uri"_s, redirectUri());
    return form;
}

FormData SandboxFixture::refreshForm(const QString &refreshToken) const
{
    FormData form;
    form.add(u"grant_type"_s, u"refresh_token"_s);
    form.add(u"client_id"_s, m_tenant->clientId());
    form.add(u"refresh_token"_s, refreshToken);
    return form;
}
