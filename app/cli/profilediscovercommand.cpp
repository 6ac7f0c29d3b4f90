// SPDX-License-Identifier: MIT
#include "cli/profilediscovercommand.h"
#include "cli/clitext.h"
#include "util/terminal.h"
#include "api/profilediscovery.h"
#include "cli/commandcontext.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;

QString ProfileDiscoverCommand::name() const
{
    return u"profile discover"_s;
}

QString ProfileDiscoverCommand::synopsis() const
{
    return u"NAME URL"_s;
}

QString ProfileDiscoverCommand::summary() const
{
    return tr("Make a profile from an API URL (RFC 9728 metadata, discovery, registration)");
}

QString ProfileDiscoverCommand::description() const
{
    return tr("Call URL without a token, read the API's protected resource metadata (from the 401's resource_metadata, or "
           "/.well-known/oauth-protected-resource), read its authorization server's metadata (RFC 8414, then OpenID "
           "discovery), and register TokenLab there as a native public client (RFC 7591) when you agree, or use "
           "--client-id. Prints every step; saves the profile NAME, with the API as its RFC 8707 resource, only when "
           "everything succeeded. A registration access token is kept in the keychain. Without --register or "
           "--client-id it asks on the terminal before registering, and refuses when there is no terminal.");
}

QList<Command::Positional> ProfileDiscoverCommand::positionals() const
{
    return {{u"NAME"_s, tr("Profile name (letters, digits, . _ -)."), {}},
            {u"URL"_s, tr("An API URL that wants a token, e.g. https://api.example.com/v1/things"), {}}};
}

QList<QCommandLineOption> ProfileDiscoverCommand::options() const
{
    return {
        {u"register"_s, tr("Register TokenLab at the authorization server (RFC 7591) without asking.")},
        {u"client-id"_s, tr("Use this existing client instead of registering."), u"ID"_s},
        {u"json"_s, tr("Print the saved profile as JSON on stdout; the steps go to stderr.")},
    };
}

void ProfileDiscoverCommand::start(const QCommandLineParser &parser)
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 2) {
        err() << tr("tokenlab-cli profile discover: give a profile NAME and an API URL.") << '\n';
        return finish(Outcome::UsageError);
    }
    if (parser.isSet(u"register"_s) && parser.isSet(u"client-id"_s)) {
        err() << tr("tokenlab-cli profile discover: give --register or --client-id, not both.") << '\n';
        return finish(Outcome::UsageError);
    }
    ProfileDiscovery::Request request;
    request.name = args.at(0);
    request.apiUrl = QUrl(args.at(1), QUrl::StrictMode);
    if (!request.apiUrl.isValid() || request.apiUrl.isRelative()) {
        err() << CliText::format(tr("tokenlab-cli profile discover: \"%1\" is not a URL."), args.at(1)) << '\n';
        return finish(Outcome::UsageError);
    }
    if (parser.isSet(u"client-id"_s)) {
        request.registration = ProfileDiscovery::Registration::UseClientId;
        request.clientId = parser.value(u"client-id"_s);
    } else if (parser.isSet(u"register"_s)) {
        request.registration = ProfileDiscovery::Registration::Register;
    } else if (!Terminal::isInteractive(Terminal::Stream::Input)) {
        err() << tr("tokenlab-cli profile discover: there is no terminal to ask whether TokenLab may register itself; give --register to agree, or --client-id ID to use a client you registered.") << '\n';
        return finish(Outcome::UsageError);
    }
    m_json = parser.isSet(u"json"_s);
    if (!m_context.loadProfiles())
        return finish(Outcome::Failed);
    Profile check;
    check.name = request.name;
    check.issuer = QUrl(u"https://example.invalid/"_s);
    check.clientId = u"x"_s;
    if (const QStringList problems = check.validate(); !problems.isEmpty()) {
        err() << "tokenlab-cli profile discover: " << problems.first() << '\n';
        return finish(Outcome::UsageError);
    }
    if (m_context.profiles().profile(request.name)) {
        err() << CliText::format(tr("tokenlab-cli profile discover: a profile named %1 exists already; choose another name, or remove it first with \"profile remove\"."), request.name) << '\n';
        return finish(Outcome::UsageError);
    }

    auto *job = new ProfileDiscovery(m_context.network(), m_context.discovery(), this);
    connect(job, &ProfileDiscovery::step, this, [this](const QString &sentence) {
        // With --json, stdout is the document; the steps go to stderr as they happen.
        (m_json ? err() : out()) << "- " << sentence << Qt::endl;
    });
    connect(job, &ProfileDiscovery::registrationConsentNeeded, this, &ProfileDiscoverCommand::askConsent);
    connect(job, &ProfileDiscovery::finished, this, &ProfileDiscoverCommand::done);
    job->start(request);
}

void ProfileDiscoverCommand::askConsent(const QUrl &endpoint, const QUrl &issuer)
{
    auto *job = qobject_cast<ProfileDiscovery *>(sender());
    err() << CliText::format(tr("Register TokenLab as a public client at %1 (the authorization server %2)? [y/N] "), endpoint.toString(), issuer.toString()) << Qt::flush;
    Terminal::readLine(job, [job](const QString &line, bool) {
        const QString answer = line.trimmed().toLower();
        job->consent(answer == u"y" || answer == u"yes");
    });
}

void ProfileDiscoverCommand::done(ProfileDiscovery *job)
{
    job->deleteLater();
    if (!job->profile()) {
        err() << "tokenlab-cli profile discover: " << job->errorString() << '\n';
        return finish(Outcome::Failed);
    }
    const Profile profile = *job->profile();
    const QString token = job->registration() ? job->registration()->registrationAccessToken : QString();
    auto *save = DiscoveredProfileSave::save(profile, token, m_context.profiles(), m_context.store(), this);
    connect(save, &DiscoveredProfileSave::finished, this, [this, profile, registered = bool(job->registration())](DiscoveredProfileSave *s) {
        if (!s->ok()) {
            err() << "tokenlab-cli profile discover: " << s->errorString() << '\n';
            return finish(Outcome::Failed);
        }
        if (m_json) {
            const QJsonObject doc{{u"profile"_s, profile.toJson()}, {u"registered"_s, registered}};
            out() << QJsonDocument(doc).toJson(QJsonDocument::Indented);
        } else {
            out() << CliText::format(tr("Saved the profile %1. Log in with: tokenlab-cli login --profile %2"), profile.name, profile.name) << '\n';
        }
        finish(Outcome::Success);
    });
}
