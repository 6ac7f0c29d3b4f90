// SPDX-License-Identifier: MIT
#include "sandbox/sandboxtenant.h"
#include "jose/jwt.h"
#include "sandbox/rememberedports.h"
#include "sandbox/sandboxdirectory.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSandboxTenant, "tokenlab.sandbox", QtInfoMsg)

SandboxTenant::SandboxTenant(SandboxConfig config, QObject *parent)
    : QObject(parent),
      m_config(std::move(config)),
      m_key(m_config.continuity, m_config.keyWaitTimeout, m_config.maxRequestsWaitingForKey),
      m_as(m_config, m_key)
{
    connect(&m_key, &TenantKey::ready, this, &SandboxTenant::keyReady);
    connect(&m_key, &TenantKey::stateChanged, this, &SandboxTenant::keyStateChanged);
}

SandboxTenant::~SandboxTenant() = default;

void SandboxTenant::setSwitches(const SandboxSwitches &switches)
{
    m_config.switches = switches;
    m_as.setSwitches(switches);
    if (m_api)
        m_api->setSwitches(switches);
}

bool SandboxTenant::start()
{
    if (!m_config.keyWhenFirstNeeded)
        m_key.start(); // on its way while the ports open
    const QString portsFile = m_config.continuity ? m_config.continuity->portsFile : QString();
    const RememberedPorts remembered = portsFile.isEmpty() ? RememberedPorts() : RememberedPorts::load(portsFile).value_or(RememberedPorts());
    // A remembered port keeps the issuer URL (and so the tokens' iss) of the
    // last run; when another program holds it, any free port will do.
    auto listenFirstOn = [this](auto &server, quint16 rememberedPort, quint16 configured) {
        if (rememberedPort != 0 && configured == 0) {
            if (server.listen(rememberedPort))
                return true;
            qCDebug(lcSandboxTenant) << "sandbox port" << rememberedPort << "is taken; taking another";
            m_portsMoved = true;
        }
        return server.listen(configured);
    };

    if (!listenFirstOn(m_as, remembered.authorizationServer, m_config.port)) {
        m_error = tr("The sandbox authorization server could not start: ") + m_as.errorString();
        return false;
    }
    auto api = std::make_unique<SampleApi>(m_config, m_key, m_as.issuer().toString(), audience());
    if (!listenFirstOn(*api, remembered.api, m_config.apiPort)) {
        m_error = tr("The sandbox sample API could not start: ") + api->errorString();
        return false;
    }
    m_api = std::move(api);
    m_as.setApiResource(m_api->resourceIdentifier());

    const RememberedPorts now{m_as.port(), m_api->port()};
    if (!portsFile.isEmpty() && !(remembered == now)) {
        QString error;
        if (!now.save(portsFile, &error))
            qCWarning(lcSandboxTenant).noquote() << error; // the next run takes free ports; nothing else is lost
    }
    return true;
}

const SigningKey &SandboxTenant::signingKey() const
{
    Q_ASSERT_X(m_key.isReady(), "SandboxTenant::signingKey", "the key is not ready yet; wait for keyReady()");
    return *m_key.key();
}

QString SandboxTenant::continuityProblem(const QString &accessToken)
{
    m_key.start(); // tokens from an earlier run are a first need of the key: its kid tells
    const DecodedJwt jwt = Jwt::decode(accessToken.toLatin1());
    if (!jwt.ok() || jwt.kind != JwtKind::Jws)
        return tr("These tokens were not issued by the sandbox tenant; log in again.");
    const QString iss = jwt.payload.value(u"iss").toString();
    if (iss != issuer().toString()) {
        return tr("These tokens are from an earlier sandbox run (its ports have changed: they were issued by %1 and "
                  "the sandbox now runs at %2); log in again.")
                .arg(iss, issuer().toString());
    }
    if (m_key.isReady() && jwt.header.value(u"kid").toString() != m_key.key()->kid())
        return tr("These tokens are from an earlier sandbox run (its signing key has changed); log in again.");
    return {};
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
            {u"registration_endpoint"_s, m_as.registrationEndpoint().toString()},
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
