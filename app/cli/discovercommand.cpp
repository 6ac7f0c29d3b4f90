// SPDX-License-Identifier: MIT
#include "cli/discovercommand.h"
#include "cli/commandcontext.h"
#include "oauth/discoveryclient.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QTextStream>

using namespace Qt::StringLiterals;

QString DiscoverCommand::name() const
{
    return u"discover"_s;
}

QString DiscoverCommand::synopsis() const
{
    return u"ISSUER"_s;
}

QString DiscoverCommand::summary() const
{
    return u"Fetch and check an issuer's OpenID discovery document (or RFC 8414 metadata)"_s;
}

QString DiscoverCommand::description() const
{
    return u"Fetch ISSUER/.well-known/openid-configuration (or, where there is none, the RFC 8414 metadata at "
           "/.well-known/oauth-authorization-server), check it, and list the endpoints and what the issuer supports: "
           "PKCE, PAR, DPoP algorithms, client authentication methods, scopes."_s;
}

QList<QCommandLineOption> DiscoverCommand::options() const
{
    return {{u"json"_s, u"Print the whole document as JSON."_s}};
}

QList<Command::Positional> DiscoverCommand::positionals() const
{
    return {{u"ISSUER"_s, u"The issuer URL, e.g. https://example.eu.auth0.com/"_s, {}}};
}

void DiscoverCommand::start(const QCommandLineParser &parser)
{
    if (parser.positionalArguments().size() != 1) {
        err() << "tokenlab-cli discover: give exactly one ISSUER URL.\n";
        return finish(Outcome::UsageError);
    }
    const QUrl issuer(parser.positionalArguments().at(0), QUrl::StrictMode);
    if (!issuer.isValid() || issuer.isRelative()) {
        err() << "tokenlab-cli discover: \"" << parser.positionalArguments().at(0) << "\" is not a URL.\n";
        return finish(Outcome::UsageError);
    }
    const bool json = parser.isSet(u"json"_s);
    DiscoveryClient *discovery = m_context.discovery();
    connect(discovery->discover(issuer), &DiscoveryJob::finished, this, [this, json](const DiscoveryResult &r) {
        if (!r.metadata) {
            err() << "tokenlab-cli discover: " << r.error << '\n';
            return finish(Outcome::Failed);
        }
        const ProviderMetadata &m = *r.metadata;
        if (json) {
            out() << QJsonDocument(m.raw).toJson(QJsonDocument::Indented);
            return finish(Outcome::Success);
        }
        auto line = [this](const char *name, const QString &value) {
            if (!value.isEmpty())
                out() << QString::fromLatin1(name).leftJustified(24) << value << '\n';
        };
        line("document", m.fromOAuthMetadata ? u"RFC 8414 authorization server metadata (no OpenID discovery)"_s
                                             : u"OpenID discovery"_s);
        line("issuer", m.issuer.toString());
        line("authorization_endpoint", m.authorizationEndpoint.toString());
        line("token_endpoint", m.tokenEndpoint.toString());
        line("jwks_uri", m.jwksUri.toString());
        line("userinfo_endpoint", m.userinfoEndpoint.toString());
        line("revocation_endpoint", m.revocationEndpoint.toString());
        line("end_session_endpoint", m.endSessionEndpoint.toString());
        line("par_endpoint", m.pushedAuthorizationRequestEndpoint.toString());
        line("par", m.requirePushedAuthorizationRequests ? u"required"_s : QString());
        line("device_endpoint", m.deviceAuthorizationEndpoint.toString()); // RFC 8628
        line("dpop_algs", m.dpopSigningAlgs.join(u' '));
        line("client_auth", m.tokenEndpointAuthMethods.join(u' '));
        line("pkce", m.codeChallengeMethods.join(u' '));
        line("scopes", m.scopesSupported.join(u' '));
        finish(Outcome::Success);
    });
    err() << "Discovering " << issuer.toString() << " …\n";
    err().flush();
}
