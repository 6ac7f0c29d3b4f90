// SPDX-License-Identifier: MIT
#include "cli/profilekeycommand.h"
#include "cli/clitext.h"
#include "cli/commandcontext.h"
#include "storage/profilekeys.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

using namespace Qt::StringLiterals;

QString ProfileKeyCommand::name() const
{
    return u"profile key"_s;
}

QString ProfileKeyCommand::synopsis() const
{
    return u"NAME ..."_s;
}

QString ProfileKeyCommand::summary() const
{
    return tr("Print the public key to register for private_key_jwt (made on first use)");
}

QString ProfileKeyCommand::description() const
{
    return tr("Print the public JWK of the profile's client key, which signs its client assertions "
           "(private_key_jwt, RFC 7523). The key is made on first use (RSA 2048, RS256) and kept in the OS keychain "
           "only; register the printed public key at the issuer. --import FILE replaces it with an existing key "
           "(PKCS#8 PEM). --dpop prints the DPoP proof key instead (made at the first DPoP login).");
}

QList<Command::Positional> ProfileKeyCommand::positionals() const
{
    return {{u"NAME"_s, tr("Profile name."), {}}};
}

QList<QCommandLineOption> ProfileKeyCommand::options() const
{
    return {{u"import"_s, tr("Keep this PKCS#8 PEM private key as the profile's client key."), u"FILE"_s},
            {u"dpop"_s, tr("The DPoP proof key instead of the client key.")},
            {u"jwks"_s, tr("Print a JWK set ({\"keys\":[…]}), as jwks fields and files want.")}};
}

QByteArray ProfileKeyCommand::publicJwkText(const QJsonObject &publicJwk, bool asSet)
{
    const QJsonDocument doc(asSet ? QJsonObject{{u"keys"_s, QJsonArray{publicJwk}}} : publicJwk);
    return doc.toJson(QJsonDocument::Indented);
}

void ProfileKeyCommand::start(const QCommandLineParser &parser)
{
    if (parser.positionalArguments().size() != 1) {
        err() << tr("tokenlab-cli profile key: give exactly one profile NAME.") << '\n';
        return finish(Outcome::UsageError);
    }
    const QString name = parser.positionalArguments().first();
    const bool dpop = parser.isSet(u"dpop"_s);
    if (dpop && parser.isSet(u"import"_s)) {
        err() << tr("tokenlab-cli profile key: --import is for the client key; a DPoP key is TokenLab's own.") << '\n';
        return finish(Outcome::UsageError);
    }
    if (!m_context.loadProfiles())
        return finish(Outcome::Failed);
    const auto profile = m_context.profiles().profile(name);
    if (!profile) {
        err() << CliText::format(tr("tokenlab-cli profile key: there is no profile \"%1\"."), name) << '\n';
        return finish(Outcome::UsageError);
    }
    if (!dpop && !profile->usesClientKey() && !parser.isSet(u"import"_s)) {
        err() << CliText::format(tr("tokenlab-cli profile key: the profile \"%1\" does not use private_key_jwt, so it has no client key to register. Add it again with --client-auth private_key_jwt, or give --dpop for its DPoP key."), name) << '\n';
        return finish(Outcome::UsageError);
    }
    const SecretKind kind = dpop ? SecretKind::DpopKey : SecretKind::ClientKey;
    ProfileKeyJob *job = nullptr;
    if (parser.isSet(u"import"_s)) {
        QFile file(parser.value(u"import"_s));
        if (!file.open(QIODevice::ReadOnly)) {
            err() << CliText::format(tr("tokenlab-cli profile key: cannot read %1: %2"), file.fileName(), file.errorString()) << '\n';
            return finish(Outcome::Failed);
        }
        QByteArray pem = file.read(64 * 1024);
        job = ProfileKeyJob::import(m_context.store(), name, kind, pem, this);
        pem.fill('\0');
    } else {
        job = ProfileKeyJob::obtain(m_context.store(), name, kind, dpop ? PrivateKey::Type::EcP256 : PrivateKey::Type::Rsa2048,
                                    dpop ? ProfileKeyJob::Missing::Fail : ProfileKeyJob::Missing::Create, this);
    }
    const bool asSet = parser.isSet(u"jwks"_s);
    const bool imported = parser.isSet(u"import"_s);
    connect(job, &ProfileKeyJob::finished, this, [this, asSet, imported, kind, name](ProfileKeyJob *done) {
        if (!done->key()) {
            err() << "tokenlab-cli profile key: " << done->errorString()
                  << (kind == SecretKind::DpopKey ? " Turn DPoP on for the profile and log in; the key is made then.\n" : "\n");
            return finish(Outcome::Failed);
        }
        out() << publicJwkText(done->key()->publicJwk(), asSet);
        if (imported)
            err() << CliText::format(tr("Kept the imported %1 (kid %2) in the keychain."), ProfileKeyJob::describe(kind), done->key()->kid()) << '\n';
        else if (done->created())
            err() << CliText::format(tr("Made a new %1 for %2 and kept it in the keychain; register this public key at the issuer."), ProfileKeyJob::describe(kind), name) << '\n';
        finish(Outcome::Success);
    });
}
