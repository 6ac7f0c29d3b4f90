// SPDX-License-Identifier: MIT
#include "cli/profileimportcommand.h"
#include "cli/clitext.h"
#include "cli/commandcontext.h"
#include "api/importapply.h"
#include "api/importsource.h"

#include <QCommandLineParser>
#include <QFile>
#include <QProcessEnvironment>
#include <QTextStream>

using namespace Qt::StringLiterals;

QString ProfileImportCommand::name() const
{
    return u"profile import"_s;
}

QString ProfileImportCommand::synopsis() const
{
    return u"NAME ..."_s;
}

QString ProfileImportCommand::summary() const
{
    return tr("Import a profile from Postman, Insomnia, Bruno, OpenAPI, an Auth0 auth_config.json or AUTH0_* variables");
}

QString ProfileImportCommand::description() const
{
    return tr("Import a profile from a Postman collection (v2.1) or environment, an Insomnia export (v4, JSON or YAML), "
           "a Bruno collection folder or an OpenAPI 3 document (--from): its OAuth 2.0 settings become the profile, "
           "its requests saved requests, its variables profile variables. A client secret and secret variables go "
           "to the keychain, never to TokenLab's files; the preview says which. A file without OAuth 2.0 settings "
           "adds its requests and variables to the existing profile NAME. Or import from an Auth0 sample's "
           "auth_config.json, or from AUTH0_DOMAIN, AUTH0_CLIENT_ID and AUTH0_AUDIENCE in the environment.");
}

QList<Command::Positional> ProfileImportCommand::positionals() const
{
    return {{u"NAME"_s, tr("Profile name."), {}}};
}

QList<QCommandLineOption> ProfileImportCommand::options() const
{
    return {{u"from"_s, tr("A Postman, Insomnia or OpenAPI file, or a Bruno collection folder."), u"FILE|FOLDER"_s},
            {u"format"_s, tr("postman, insomnia, bruno or openapi (default: told by the content)."), u"FORMAT"_s},
            {u"client-id"_s, tr("The client ID, when the file has none (OpenAPI) or another one."), u"ID"_s},
            {u"issuer"_s, tr("The issuer, instead of the one derived from the token URL."), u"URL"_s},
            {u"audience"_s, tr("The API identifier to ask tokens for, when the file has none or another one."), u"AUDIENCE"_s},
            {u"dry-run"_s, tr("Print the preview and save nothing.")},
            {u"auth-config"_s, tr("Path to auth_config.json."), u"FILE"_s},
            {u"from-env"_s, tr("Read AUTH0_* variables.")}};
}

void ProfileImportCommand::start(const QCommandLineParser &parser)
{
    const int sources = int(parser.isSet(u"auth-config"_s)) + int(parser.isSet(u"from-env"_s)) + int(parser.isSet(u"from"_s));
    if (parser.positionalArguments().size() != 1 || sources != 1) {
        err() << tr("tokenlab-cli profile import: give a NAME and one of --from FILE|FOLDER, --auth-config FILE or --from-env.") << '\n';
        return finish(Outcome::UsageError);
    }
    const QString name = parser.positionalArguments().first();
    if (parser.isSet(u"from"_s))
        return startFrom(parser, name);
    QString error;
    std::optional<Profile> p;
    if (parser.isSet(u"from-env"_s)) {
        p = ProfileStore::fromEnvironment(QProcessEnvironment::systemEnvironment(), name, &error);
    } else {
        QFile file(parser.value(u"auth-config"_s));
        if (!file.open(QIODevice::ReadOnly)) {
            err() << CliText::format(tr("tokenlab-cli profile import: cannot read %1: %2"), file.fileName(), file.errorString()) << '\n';
            return finish(Outcome::Failed);
        }
        p = ProfileStore::fromAuth0Config(file.read(1024 * 1024), name, &error);
    }
    if (!p || !m_context.loadProfiles() || !m_context.profiles().upsert(*p, &error) || !m_context.profiles().save(&error)) {
        err() << "tokenlab-cli profile import: " << error << '\n';
        return finish(Outcome::Failed);
    }
    err() << CliText::format(tr("Imported profile %1 (%2)."), name, p->issuer.toString()) << '\n';
    finish(Outcome::Success);
}

void ProfileImportCommand::startFrom(const QCommandLineParser &parser, const QString &name)
{
    std::optional<ImportedCollection::Format> format;
    if (parser.isSet(u"format"_s)) {
        format = ImportedCollection::formatFromName(parser.value(u"format"_s));
        if (!format) {
            err() << CliText::format(tr("tokenlab-cli profile import: --format is postman, insomnia, bruno or openapi, not \"%1\"."), parser.value(u"format"_s)) << '\n';
            return finish(Outcome::UsageError);
        }
    }
    QString error;
    auto imported = ImportSource::read(parser.value(u"from"_s), format, &error);
    if (!imported) {
        err() << "tokenlab-cli profile import: " << error << '\n';
        return finish(Outcome::Failed);
    }
    if (parser.isSet(u"client-id"_s))
        imported->profile.clientId = parser.value(u"client-id"_s);
    if (parser.isSet(u"issuer"_s))
        imported->profile.issuer = QUrl(parser.value(u"issuer"_s), QUrl::StrictMode);
    if (parser.isSet(u"audience"_s))
        imported->profile.audience = parser.value(u"audience"_s);
    for (const QString &line : ImportSource::preview(*imported, name))
        out() << line << '\n';
    out().flush();
    if (parser.isSet(u"dry-run"_s))
        return finish(Outcome::Success);
    if (imported->hasOAuth && imported->profile.clientId.isEmpty()) {
        err() << tr("tokenlab-cli profile import: the file names no client ID; give the one registered for TokenLab with --client-id.") << '\n';
        return finish(Outcome::UsageError);
    }
    if (!m_context.loadProfiles())
        return;
    auto *job = ImportApplyJob::start(m_context.store(), m_context.profiles().path(), *imported, name, this);
    connect(job, &ImportApplyJob::finished, this, [this, name](ImportApplyJob *done) {
        if (!done->ok()) {
            err() << "tokenlab-cli profile import: " << done->errorString() << '\n';
            return finish(Outcome::Failed);
        }
        err() << "Imported " << name << ".";
        if (!done->keptSecrets().isEmpty())
            err() << CliText::format(tr(" In the keychain: %1."), done->keptSecrets().join(u"; "_s));
        err() << '\n';
        finish(Outcome::Success);
    });
}
