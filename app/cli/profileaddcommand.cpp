// SPDX-License-Identifier: MIT
#include "cli/profileaddcommand.h"
#include "cli/clitext.h"
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
    return tr("Add or replace a profile (--issuer URL | --domain HOST, --client-id ID)");
}

QString ProfileAddCommand::description() const
{
    return tr("Add a profile, or replace the one with the same NAME.");
}

QList<Command::Positional> ProfileAddCommand::positionals() const
{
    return {{u"NAME"_s, tr("Profile name (letters, digits, . _ -)."), {}}};
}

QList<QCommandLineOption> ProfileAddCommand::options() const
{
    return {
        {u"issuer"_s, tr("The issuer URL (https://…/)."), u"URL"_s},
        {u"domain"_s, tr("An Auth0 domain; the issuer becomes https://HOST/."), u"HOST"_s},
        {u"client-id"_s, tr("The application's client ID."), u"ID"_s},
        {u"audience"_s, tr("The API identifier, sent as audience (Auth0)."), u"A"_s},
        {u"resource"_s, tr("A resource indicator (RFC 8707)."), u"URI"_s},
        {u"scope"_s, tr("Scopes to request (default \"openid profile email\")."), u"S"_s},
        {u"api-base"_s, tr("Base URL of the API to call."), u"URL"_s},
        {u"redirect-port"_s, tr("Fixed loopback port for the redirect (0: a free one)."), u"N"_s},
        {u"redirect-host"_s, tr("127.0.0.1 (default), ::1 or localhost."), u"HOST"_s},
        {u"param"_s, tr("An extra authorize parameter; repeatable."), u"KEY=VALUE"_s},
        {u"alg"_s, tr("A signature algorithm the inspector accepts (default: what the issuer advertises); repeatable."), u"ALG"_s},
        {u"grant"_s, tr("authorization-code (default) or client-credentials (machine to machine)."), u"GRANT"_s},
        {u"client-secret-stdin"_s, tr("Client credentials: read the client secret from stdin (kept in the keychain only).")},
        {u"client-secret-env"_s, tr("Client credentials: read the client secret from this environment variable."), u"VAR"_s},
        {u"client-auth"_s, tr("client_secret_post (default for client credentials), client_secret_basic, or private_key_jwt "
                           "(a key in the keychain signs each request; also makes a code-flow profile a confidential client)."), u"METHOD"_s},
        {u"assertion-aud"_s, tr("private_key_jwt: the assertion's audience, issuer (default) or token-endpoint."), u"AUD"_s},
        {u"client-key"_s, tr("private_key_jwt: keep this PKCS#8 PEM private key as the client key (default: make one)."), u"FILE"_s},
        {u"dpop"_s, tr("Bind tokens to a DPoP proof key (RFC 9449); the key lives in the keychain.")},
        {u"par"_s, tr("Always push the authorization request (PAR, RFC 9126), not only when the issuer requires it.")},
        {u"device"_s, tr("Log in on another device (device authorization grant, RFC 8628) rather than through a browser here.")},
        {u"refresh-before"_s, tr("Refresh this many seconds before expiry (default 60)."), u"S"_s},
    };
}

void ProfileAddCommand::start(const QCommandLineParser &parser)
{
    if (parser.positionalArguments().size() != 1) {
        err() << tr("tokenlab-cli profile add: give exactly one profile NAME.") << '\n';
        return finish(Outcome::UsageError);
    }
    Profile p;
    p.name = parser.positionalArguments().first();
    QString error;
    if (parser.isSet(u"issuer"_s) == parser.isSet(u"domain"_s)) {
        err() << tr("tokenlab-cli profile add: give either --issuer URL or --domain HOST.") << '\n';
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
            err() << CliText::format(tr("tokenlab-cli profile add: Redirect port: \"%1\" is not a port number from 0 to 65535."), parser.value(u"redirect-port"_s)) << '\n';
            return finish(Outcome::UsageError);
        }
        p.redirectPort = quint16(port);
    }
    p.allowedAlgorithms = parser.values(u"alg"_s);
    const QString grant = parser.value(u"grant"_s);
    if (!grant.isEmpty() && grant != u"authorization-code" && grant != u"client-credentials") {
        err() << tr("tokenlab-cli profile add: --grant must be authorization-code or client-credentials.") << '\n';
        return finish(Outcome::UsageError);
    }
    p.grant = grant == u"client-credentials" ? Profile::Grant::ClientCredentials : Profile::Grant::AuthorizationCode;
    const QString auth = parser.value(u"client-auth"_s);
    if (!auth.isEmpty() && auth != u"client_secret_post" && auth != u"client_secret_basic" && auth != u"private_key_jwt") {
        err() << tr("tokenlab-cli profile add: --client-auth must be client_secret_post, client_secret_basic or private_key_jwt.") << '\n';
        return finish(Outcome::UsageError);
    }
    p.clientAuth = auth == u"client_secret_basic" ? Profile::ClientAuth::Basic
                   : auth == u"private_key_jwt"   ? Profile::ClientAuth::PrivateKeyJwt
                                                  : Profile::ClientAuth::Post;
    if (!p.isMachineToMachine() && !auth.isEmpty() && !p.usesClientKey()) {
        err() << tr("tokenlab-cli profile add: a code-flow profile is a public client, or a confidential one with --client-auth private_key_jwt; a client secret goes with --grant client-credentials only.") << '\n';
        return finish(Outcome::UsageError);
    }
    const QString aud = parser.value(u"assertion-aud"_s);
    if (!aud.isEmpty() && aud != u"issuer" && aud != u"token-endpoint") {
        err() << tr("tokenlab-cli profile add: --assertion-aud must be issuer or token-endpoint.") << '\n';
        return finish(Outcome::UsageError);
    }
    if ((!aud.isEmpty() || parser.isSet(u"client-key"_s)) && !p.usesClientKey()) {
        err() << tr("tokenlab-cli profile add: --assertion-aud and --client-key go with --client-auth private_key_jwt.") << '\n';
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
            err() << CliText::format(tr("tokenlab-cli profile add: cannot read %1: %2"), file.fileName(), file.errorString()) << '\n';
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
            err() << tr("tokenlab-cli profile add: a client-credentials profile needs its secret from --client-secret-stdin or --client-secret-env VAR (never on the command line).") << '\n';
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
            err() << tr("tokenlab-cli profile add: the client secret is empty.") << '\n';
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
            err() << CliText::format(tr("tokenlab-cli profile add: --param \"%1\" is not KEY=VALUE."), kv) << '\n';
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
            err() << CliText::format(tr("tokenlab-cli profile add: the client secret could not be kept: %1"), message) << '\n';
            return finish(Outcome::Failed);
        }
        err() << CliText::format(tr("Kept the client secret in %1."), m_context.store()->backendName()) << '\n';
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
            err() << CliText::format(tr("tokenlab-cli profile add: the client key could not be kept: %1"), done->errorString()) << '\n';
            return finish(Outcome::Failed);
        }
        out() << ProfileKeyCommand::publicJwkText(done->key()->publicJwk(), false);
        err() << CliText::format(done->created() ? tr("Made a client key for %1; it is in the keychain. Register the public key above at the issuer (again: tokenlab-cli profile key %2).")
                                         : tr("The client key of %1 is in the keychain; register the public key above at the issuer (again: tokenlab-cli profile key %2)."), name, name) << '\n';
        finish(Outcome::Success);
    });
}
