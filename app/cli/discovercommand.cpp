// SPDX-License-Identifier: MIT
#include "cli/discovercommand.h"
#include "cli/clitext.h"
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
    return tr("Fetch and check an issuer's OpenID discovery document (or RFC 8414 metadata)");
}

QString DiscoverCommand::description() const
{
    return tr("Fetch ISSUER/.well-known/openid-configuration (or, where there is none, the RFC 8414 metadata at "
           "/.well-known/oauth-authorization-server), check it, and list the endpoints and what the issuer supports: "
           "PKCE, PAR, DPoP algorithms, client authentication methods, scopes.");
}

QList<QCommandLineOption> DiscoverCommand::options() const
{
    return {{u"json"_s, tr("Print the whole document as JSON.")}};
}

QList<Command::Positional> DiscoverCommand::positionals() const
{
    return {{u"ISSUER"_s, tr("The issuer URL, e.g. https://example.eu.auth0.com/"), {}}};
}

void DiscoverCommand::start(const QCommandLineParser &parser)
{
    if (parser.positionalArguments().size() != 1) {
        err() << tr("tokenlab-cli discover: give exactly one ISSUER URL.") << '\n';
        return finish(Outcome::UsageError);
    }
    const QUrl issuer(parser.positionalArguments().at(0), QUrl::StrictMode);
    if (!issuer.isValid() || issuer.isRelative()) {
        err() << CliText::format(tr("tokenlab-cli discover: \"%1\" is not a URL."), parser.positionalArguments().at(0)) << '\n';
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
        // The keys stay English in every language (most are the metadata's
        // own names), so scripts can read this block by key. The values a
        // person reads are translated.
        auto line = [this](const char *name, const QString &value) {
            if (!value.isEmpty())
                out() << QString::fromLatin1(name).leftJustified(24) << value << '\n';
        };
        line("document", m.fromOAuthMetadata ? tr("RFC 8414 authorization server metadata (no OpenID discovery)")
                                             : tr("OpenID discovery"));
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
    err() << CliText::format(tr("Discovering %1 …"), issuer.toString()) << '\n';
    err().flush();
}
