// SPDX-License-Identifier: MIT
#include "cli/profileimportcommand.h"
#include "cli/commandcontext.h"

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
    return u"Import a profile from an Auth0 auth_config.json or AUTH0_* variables"_s;
}

QString ProfileImportCommand::description() const
{
    return u"Import a profile from an Auth0 sample's auth_config.json, or from AUTH0_DOMAIN, "
           "AUTH0_CLIENT_ID and AUTH0_AUDIENCE in the environment."_s;
}

QList<Command::Positional> ProfileImportCommand::positionals() const
{
    return {{u"NAME"_s, u"Profile name."_s, {}}};
}

QList<QCommandLineOption> ProfileImportCommand::options() const
{
    return {{u"auth-config"_s, u"Path to auth_config.json."_s, u"FILE"_s},
            {u"from-env"_s, u"Read AUTH0_* variables."_s}};
}

void ProfileImportCommand::start(const QCommandLineParser &parser)
{
    if (parser.positionalArguments().size() != 1 || parser.isSet(u"auth-config"_s) == parser.isSet(u"from-env"_s)) {
        err() << "tokenlab-cli profile import: give a NAME and either --auth-config FILE or --from-env.\n";
        return finish(Outcome::UsageError);
    }
    const QString name = parser.positionalArguments().first();
    QString error;
    std::optional<Profile> p;
    if (parser.isSet(u"from-env"_s)) {
        p = ProfileStore::fromEnvironment(QProcessEnvironment::systemEnvironment(), name, &error);
    } else {
        QFile file(parser.value(u"auth-config"_s));
        if (!file.open(QIODevice::ReadOnly)) {
            err() << "tokenlab-cli profile import: cannot read " << file.fileName() << ": " << file.errorString() << '\n';
            return finish(Outcome::Failed);
        }
        p = ProfileStore::fromAuth0Config(file.read(1024 * 1024), name, &error);
    }
    if (!p || !m_context.loadProfiles() || !m_context.profiles().upsert(*p, &error) || !m_context.profiles().save(&error)) {
        err() << "tokenlab-cli profile import: " << error << '\n';
        return finish(Outcome::Failed);
    }
    err() << "Imported profile " << name << " (" << p->issuer.toString() << ").\n";
    finish(Outcome::Success);
}
