// SPDX-License-Identifier: MIT
#include "cli/profileaddcommand.h"
#include "cli/profilekeycommand.h"
#include "storage/profilekeys.h"
#include "cli/commandcontext.h"
#include "storage/tokenstore.h"

#include <QCommandLineParser>
#include <QFile>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;

QString ProfileAddCommand::name() const
{
    return u"profile add"_s;
}

QString ProfileAddCommand::synopsis() const
{
    return u"NAME ..."_s;
}

QString ProfileAddCommand::summary() const
{
    return u"Add or replace a profile (--issuer URL | --domain HOST, --client-id ID)"_s;
}

QString ProfileAddCommand::description() const
{
    return u"Add a profile, or replace the one with the same NAME."_s;
}

QList<Command::Positional> ProfileAddCommand::positionals() const
{
    return {{u"NAME"_s, u"Profile name (letters, digits, . _ -)."_s, {}}};
}

QList<QCommandLineOption> ProfileAddCommand::options() const
{
    return {
        {u"issuer"_s, u"The issuer URL (https://…/)."_s, u"URL"_s},
        {u"domain"_s, u"An Auth0 domain; the issuer becomes https://HOST/."_s, u"HOST"_s},
        {u"client-id"_s, u"The application's client ID."_s, u"ID"_s},
        {u"audience"_s, u"The API identifier, sent as audience (Auth0)."_s, u"A"_s},
        {u"resource"_s, u"A resource indicator (RFC 8707)."_s, u"URI"_s},
        {u"scope"_s, u"Scopes to request (default \"openid profile email\")."_s, u"S"_s},
        {u"api-base"_s, u"Base URL of the API to call."_s, u"URL"_s},
        {u"redirect-port"_s, u"Fixed loopback port for the redirect (0: a free one)."_s, u"N"_s},
        {u"redirect-host"_s, u"127.0.0.1 (default), ::1 or localhost."_s, u"HOST"_s},
        {u"param"_s, u"An extra authorize parameter; repeatable."_s, u"KEY=VALUE"_s},
        {u"alg"_s, u"A signature algorithm the inspector accepts (default: what the issuer advertises); repeatable."_s, u"ALG"_s},
        {u"grant"_s, u"authorization-code (default) or client-credentials (machine to machine)."_s, u"GRANT"_s},
        {u"client-secret-stdin"_s, u"Client credentials: read the client secret from stdin (kept in the keychain only)."_s},
        {u"client-secret-env"_s, u"Client credentials: read the client secret from this environment variable."_s, u"VAR"_s},
        {u"client-auth"_s, u"client_secret_post (default for client credentials), client_secret_basic, or private_key_jwt "
                           "(a key in the keychain signs each request; also makes a code-flow profile a confidential client)."_s, u"METHOD"_s},
        {u"assertion-aud"_s, u"private_key_jwt: the assertion's audience, issuer (default) or token-endpoint."_s, u"AUD"_s},
        {u"client-key"_s, u"private_key_jwt: keep this PKCS#8 PEM private key as the client key (default: make one)."_s, u"FILE"_s},
        {u"dpop"_s, u"Bind tokens to a DPoP proof key (RFC 9449); the key lives in the keychain."_s},
        {u"par"_s, u"Always push the authorization request (PAR, RFC 9126), not only when the issuer requires it."_s},
        {u"device"_s, u"Log in on another device (device authorization grant, RFC 8628) rather than through a browser here."_s},
        {u"refresh-before"_s, u"Refresh this many seconds before expiry (default 60)."_s, u"S"_s},
    };
}

void ProfileAddCommand::start(const QCommandLineParser &parser)
{
    if (parser.positionalArguments().size() != 1) {
        err() << "tokenlab-cli profile add: give exactly one profile NAME.\n";
        return finish(Outcome::UsageError);
    }
    Profile p;
    p.name = parser.positionalArguments().first();
    QString error;
    if (parser.isSet(u"issuer"_s) == parser.isSet(u"domain"_s)) {
        err() << "tokenlab-cli profile add: give either --issuer URL or --domain HOST.\n";
        return finish(Outcome::UsageError);
    }
    if (parser.isSet(u"domain"_s)) {
        const auto issuer = Profile::issuerFromDomain(parser.value(u"domain"_s), &error);
        if (!issuer) {
            err() << "tokenlab-cli profile add: " << error << '\n';
            return finish(Outcome::UsageError);
        }
        p.issuer = *issuer;
    } else {
        p.issuer = QUrl(parser.value(u"issuer"_s), QUrl::StrictMode);
    }
    p.clientId = parser.value(u"client-id"_s);
    p.audience = parser.value(u"audience"_s);
    p.resource = parser.value(u"resource"_s);
    if (parser.isSet(u"scope"_s))
        p.scope = parser.value(u"scope"_s);
    if (parser.isSet(u"api-base"_s))
        p.apiBase = QUrl(parser.value(u"api-base"_s), QUrl::StrictMode);
    if (parser.isSet(u"redirect-host"_s))
        p.redirectHost = parser.value(u"redirect-host"_s);
    if (parser.isSet(u"redirect-port"_s)) {
        bool ok = false;
        const int port = parser.value(u"redirect-port"_s).toInt(&ok);
        if (!ok || port < 0 || port > 65535) {
            err() << "tokenlab-cli profile add: Redirect port: \"" << parser.value(u"redirect-port"_s)
                  << "\" is not a port number from 0 to 65535.\n";
            return finish(Outcome::UsageError);
        }
        p.redirectPort = quint16(port);
    }
    p.allowedAlgorithms = parser.values(u"alg"_s);
    const QString grant = parser.value(u"grant"_s);
    if (!grant.isEmpty() && grant != u"authorization-code" && grant != u"client-credentials") {
        err() << "tokenlab-cli profile add: --grant must be authorization-code or client-credentials.\n";
        return finish(Outcome::UsageError);
    }
    p.grant = grant == u"client-credentials" ? Profile::Grant::ClientCredentials : Profile::Grant::AuthorizationCode;
    const QString auth = parser.value(u"client-auth"_s);
    if (!auth.isEmpty() && auth != u"client_secret_post" && auth != u"client_secret_basic" && auth != u"private_key_jwt") {
        err() << "tokenlab-cli profile add: --client-auth must be client_secret_post, client_secret_basic or private_key_jwt.\n";
        return finish(Outcome::UsageError);
    }
    p.clientAuth = auth == u"client_secret_basic" ? Profile::ClientAuth::Basic
                   : auth == u"private_key_jwt"   ? Profile::ClientAuth::PrivateKeyJwt
                                                  : Profile::ClientAuth::Post;
    if (!p.isMachineToMachine() && !auth.isEmpty() && !p.usesClientKey()) {
        err() << "tokenlab-cli profile add: a code-flow profile is a public client, or a confidential one with --client-auth private_key_jwt; "
                 "a client secret goes with --grant client-credentials only.\n";
        return finish(Outcome::UsageError);
    }
    const QString aud = parser.value(u"assertion-aud"_s);
    if (!aud.isEmpty() && aud != u"issuer" && aud != u"token-endpoint") {
        err() << "tokenlab-cli profile add: --assertion-aud must be issuer or token-endpoint.\n";
        return finish(Outcome::UsageError);
    }
    if ((!aud.isEmpty() || parser.isSet(u"client-key"_s)) && !p.usesClientKey()) {
        err() << "tokenlab-cli profile add: --assertion-aud and --client-key go with --client-auth private_key_jwt.\n";
        return finish(Outcome::UsageError);
    }
    p.assertionAudience = aud == u"token-endpoint" ? Profile::AssertionAudience::TokenEndpoint : Profile::AssertionAudience::Issuer;
    p.dpop = parser.isSet(u"dpop"_s);
    p.par = parser.isSet(u"par"_s);
    p.device = parser.isSet(u"device"_s);
    QByteArray clientKeyPem;
    if (parser.isSet(u"client-key"_s)) {
        QFile file(parser.value(u"client-key"_s));
        if (!file.open(QIODevice::ReadOnly)) {
            err() << "tokenlab-cli profile add: cannot read " << file.fileName() << ": " << file.errorString() << '\n';
            return finish(Outcome::Failed);
        }
        clientKeyPem = file.read(64 * 1024);
    }
    if (parser.isSet(u"refresh-before"_s)) {
        bool okBefore = false;
        p.refreshBeforeSeconds = parser.value(u"refresh-before"_s).toInt(&okBefore);
        if (!okBefore)
            p.refreshBeforeSeconds = -1; // refused by validate() with its sentence
    }
    QString secret;
    if (p.usesClientSecret()) {
        if (parser.isSet(u"client-secret-stdin"_s) == parser.isSet(u"client-secret-env"_s)) {
            err() << "tokenlab-cli profile add: a client-credentials profile needs its secret from --client-secret-stdin or "
                     "--client-secret-env VAR (never on the command line).\n";
            return finish(Outcome::UsageError);
        }
        if (parser.isSet(u"client-secret-stdin"_s)) {
            QFile in;
            if (in.open(stdin, QIODevice::ReadOnly))
                secret = QString::fromUtf8(in.read(8192)).trimmed();
        } else {
            secret = qEnvironmentVariable(parser.value(u"client-secret-env"_s).toLocal8Bit().constData()).trimmed();
        }
        if (secret.isEmpty()) {
            err() << "tokenlab-cli profile add: the client secret is empty.\n";
            return finish(Outcome::UsageError);
        }
    } else if (parser.isSet(u"client-secret-stdin"_s) || parser.isSet(u"client-secret-env"_s)) {
        err() << (p.usesClientKey() ? "tokenlab-cli profile add: a private_key_jwt client signs with its key and has no secret.\n"
                                    : "tokenlab-cli profile add: a client secret goes with --grant client-credentials only; a native app has none.\n");
        return finish(Outcome::UsageError);
    }
    for (const QString &kv : parser.values(u"param"_s)) {
        const qsizetype eq = kv.indexOf(u'=');
        if (eq <= 0) {
            err() << "tokenlab-cli profile add: --param \"" << kv << "\" is not KEY=VALUE.\n";
            return finish(Outcome::UsageError);
        }
        p.extraParams.append({kv.left(eq), kv.mid(eq + 1)});
    }
    if (!m_context.loadProfiles())
        return finish(Outcome::Failed);
    const bool replacing = m_context.profiles().profile(p.name).has_value();
    if (!m_context.profiles().upsert(p, &error)) {
        err() << "tokenlab-cli profile add: " << error << '\n';
        return finish(Outcome::UsageError);
    }
    if (!m_context.profiles().save(&error)) {
        err() << "tokenlab-cli profile add: " << error << '\n';
        return finish(Outcome::Failed);
    }
    err() << (replacing ? "Replaced profile " : "Added profile ") << p.name << ".\n";
    if (p.usesClientKey())
        return keepClientKey(p.name, clientKeyPem);
    if (secret.isEmpty())
        return finish(Outcome::Success);
    connect(m_context.store()->saveSecret(p.name, secret), &TokenStoreJob::finished, this, [this](TokenStoreJob *saved) {
        if (saved->error() != TokenStoreError::None) {
            const QString message = saved->errorString();
            err() << "tokenlab-cli profile add: the client secret could not be kept: " << message << '\n';
            return finish(Outcome::Failed);
        }
        err() << "Kept the client secret in " << m_context.store()->backendName() << ".\n";
        finish(Outcome::Success);
    });
}


void ProfileAddCommand::keepClientKey(const QString &name, QByteArray pem)
{
    // The public half goes to stdout, to be registered at the issuer; the private half to the keychain only.
    ProfileKeyJob *job = pem.isEmpty()
            ? ProfileKeyJob::obtain(m_context.store(), name, SecretKind::ClientKey, PrivateKey::Type::Rsa2048, ProfileKeyJob::Missing::Create, this)
            : ProfileKeyJob::import(m_context.store(), name, SecretKind::ClientKey, pem, this);
    pem.fill('\0');
    connect(job, &ProfileKeyJob::finished, this, [this, name](ProfileKeyJob *done) {
        if (!done->key()) {
            err() << "tokenlab-cli profile add: the client key could not be kept: " << done->errorString() << '\n';
            return finish(Outcome::Failed);
        }
        out() << ProfileKeyCommand::publicJwkText(done->key()->publicJwk(), false);
        err() << (done->created() ? "Made a client key for " : "The client key of ") << name
              << " is in the keychain; register the public key above at the issuer (again: tokenlab-cli profile key " << name << ").\n";
        finish(Outcome::Success);
    });
}
