#include "sandbox/sandboxtenant.h"
#include "sandbox/sandboxdirectory.h"

using namespace Qt::StringLiterals;

SandboxTenant::SandboxTenant(SandboxConfig config, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_as(m_config, m_key)
{
}

SandboxTenant::~SandboxTenant() = default;

bool SandboxTenant::start()
{
    if (!m_as.listen()) {
        m_error = u"The sandbox authorization server could not start: "_s + m_as.errorString();
        return false;
    }
    auto api = std::make_unique<SampleApi>(
            m_config, AccessTokenVerifier(m_key.publicJwk(), m_as.issuer().toString(), m_config.leewaySeconds, m_config.clock),
            audience());
    if (!api->listen()) {
        m_error = u"The sandbox sample API could not start: "_s + api->errorString();
        return false;
    }
    m_api = std::move(api);
    return true;
}

QString SandboxTenant::audience() const
{
    return QString::fromLatin1(SandboxDirectory::ApiAudience);
}

QString SandboxTenant::clientId() const
{
    return QString::fromLatin1(SandboxDirectory::NativeClientId);
}

QString SandboxTenant::m2mClientId() const
{
    return QString::fromLatin1(SandboxDirectory::M2mClientId);
}

QJsonObject SandboxTenant::info() const
{
    QUrl jwks = issuer();
    jwks.setPath(u"/.well-known/jwks.json"_s);
    return {{u"issuer"_s, issuer().toString()},
            {u"api_base_url"_s, apiBaseUrl().toString()},
            {u"audience"_s, audience()},
            {u"client_id"_s, clientId()},
            {u"m2m_client_id"_s, m2mClientId()},
            {u"m2m_client_secret"_s, m2mClientSecret()},
            {u"jwks_uri"_s, jwks.toString()},
            {u"token_lifetime"_s, m_config.tokenLifetimeSeconds}};
}

Profile SandboxTenant::profileFor(const Profile &stored) const
{
    Profile p = stored;
    p.kind = Profile::Kind::Sandbox;
    p.name = QString::fromLatin1(Profile::SandboxName);
    p.issuer = issuer();
    p.apiBase = apiBaseUrl();
    p.clientId = clientId();
    if (p.audience.isEmpty() && p.resource.isEmpty())
        p.audience = audience();
    return p;
}
