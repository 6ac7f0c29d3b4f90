// SPDX-License-Identifier: MIT
#include "cli/profilecommand.h"
#include "cli/clitext.h"
#include "cli/commandcontext.h"
#include "api/profilerename.h"
#include "storage/tokenstore.h"

#include <QFileInfo>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace {

const QString nameArgument = u"NAME"_s;

} // namespace

void ProfileNameCommand::run(const QStringList &args)
{
    if (args.contains(u"--help"_s) || args.contains(u"-h"_s)) {
        out() << help();
        return finish(Outcome::Success);
    }
    if (!m_context.loadProfiles())
        return finish(Outcome::Failed);
    act(args);
}

std::optional<QString> ProfileNameCommand::oneName(const QStringList &args)
{
    if (args.size() != 1) {
        err() << CliText::format(tr("tokenlab-cli %1: give exactly one profile NAME."), name()) << '\n';
        finish(Outcome::UsageError);
        return std::nullopt;
    }
    return args.first();
}

// ---- list -----------------------------------------------------------------

QString ProfileListCommand::name() const
{
    return u"profile list"_s;
}

QString ProfileListCommand::summary() const
{
    return tr("List the profiles; * marks the active one");
}

QString ProfileListCommand::description() const
{
    return tr("List the profiles with their issuers; * marks the active one.");
}

void ProfileListCommand::act(const QStringList &)
{
    ProfileStore &profiles = m_context.profiles();
    for (const Profile &p : profiles.profiles()) {
        const QString where = p.isSandbox() ? tr("(local sandbox tenant)") : p.issuer.toString();
        out() << (p.name == profiles.active() ? "* " : "  ") << p.name.leftJustified(20) << ' ' << where << '\n';
    }
    finish(Outcome::Success);
}

// ---- show -----------------------------------------------------------------

QString ProfileShowCommand::name() const
{
    return u"profile show"_s;
}

QString ProfileShowCommand::synopsis() const
{
    return nameArgument;
}

QString ProfileShowCommand::summary() const
{
    return tr("Show one profile's settings");
}

QString ProfileShowCommand::description() const
{
    return tr("Show one profile's settings (never its tokens or client secret).");
}

QList<Command::Positional> ProfileShowCommand::positionals() const
{
    return {{nameArgument, tr("The profile."), {}}};
}

void ProfileShowCommand::act(const QStringList &args)
{
    const std::optional<QString> one = oneName(args);
    if (!one)
        return;
    const QString name = *one;
    const auto p = m_context.profiles().profile(name);
    if (!p) {
        err() << CliText::format(tr("tokenlab-cli profile show: there is no profile named \"%1\"; see tokenlab-cli profile list."), name) << '\n';
        return finish(Outcome::Failed);
    }
    print(*p);
    finish(Outcome::Success);
}

void ProfileShowCommand::print(const Profile &p)
{
    auto line = [this](const char *name, const QString &value) {
        out() << QString::fromLatin1(name).leftJustified(16) << value << '\n';
    };
    line("name", p.name);
    line("kind", p.isSandbox() ? tr("sandbox (started by TokenLab on 127.0.0.1)") : u"custom"_s);
    if (!p.isSandbox()) {
        line("issuer", p.issuer.toString());
        line("client_id", p.clientId);
        line("api_base", p.apiBase.toString());
    }
    line("audience", p.audience);
    line("resource", p.resource);
    line("scope", p.scope);
    QStringList extra;
    for (const auto &kv : p.extraParams)
        extra << kv.first + u'=' + kv.second;
    line("extra_params", extra.join(u' '));
    line("redirect", p.redirectUri(p.redirectPort).toString().replace(u":0/"_s, tr(":<free port>/")));
    line("paths", QStringList{p.publicPath, p.privatePath, p.scopedPath}.join(u' '));
}

// ---- remove ---------------------------------------------------------------

QString ProfileRemoveCommand::name() const
{
    return u"profile remove"_s;
}

QString ProfileRemoveCommand::synopsis() const
{
    return nameArgument;
}

QString ProfileRemoveCommand::summary() const
{
    return tr("Remove a profile");
}

QString ProfileRemoveCommand::description() const
{
    return tr("Remove a profile and delete its tokens and client secret from the keychain.");
}

QList<Command::Positional> ProfileRemoveCommand::positionals() const
{
    return {{nameArgument, tr("The profile."), {}}};
}

void ProfileRemoveCommand::act(const QStringList &args)
{
    const std::optional<QString> one = oneName(args);
    if (!one)
        return;
    const QString name = *one;
    QString error;
    const std::optional<Profile> removed = m_context.profiles().profile(name);
    if (!m_context.profiles().remove(name, &error) || !m_context.profiles().save(&error)) {
        err() << "tokenlab-cli profile remove: " << error << '\n';
        return finish(Outcome::Failed);
    }
    // A removed profile leaves nothing behind in the keychain either.
    m_context.forgetTokens(*removed, tr("Removed profile %1").arg(name), true);
}

// ---- rename ---------------------------------------------------------------

QString ProfileRenameCommand::name() const
{
    return u"profile rename"_s;
}

QString ProfileRenameCommand::synopsis() const
{
    return u"NAME NEW"_s;
}

QString ProfileRenameCommand::summary() const
{
    return tr("Rename a profile, with its tokens, keys and saved requests");
}

QString ProfileRenameCommand::description() const
{
    return tr("Rename a profile. Its tokens, client secret, DPoP and client keys and secret variables move to the new name "
           "in the keychain, and its saved requests and history with them; when the keychain cannot move them, "
           "nothing is renamed.");
}

QList<Command::Positional> ProfileRenameCommand::positionals() const
{
    return {{nameArgument, tr("The profile."), {}}, {u"NEW"_s, tr("Its new name."), {}}};
}

void ProfileRenameCommand::act(const QStringList &args)
{
    if (args.size() != 2) {
        err() << tr("tokenlab-cli profile rename: give the profile's NAME and its NEW name.") << '\n';
        return finish(Outcome::UsageError);
    }
    const QString from = args.at(0);
    const QString to = args.at(1);
    ProfileStore &profiles = m_context.profiles();
    std::optional<Profile> p = profiles.profile(from);
    auto refuse = [this](const QString &sentence) {
        err() << "tokenlab-cli profile rename: " << sentence << '\n';
        finish(Outcome::UsageError);
    };
    if (!p)
        return refuse(tr("there is no profile named \"%1\"; see tokenlab-cli profile list.").arg(from));
    if (p->isSandbox() || to == QLatin1String(Profile::SandboxName))
        return refuse(tr("the sandbox profile is built in: it keeps its name, and no other profile can take it."));
    if (profiles.profile(to))
        return refuse(tr("a profile named \"%1\" exists already.").arg(to));
    p->name = to;
    if (const QStringList problems = p->validate(); !problems.isEmpty())
        return refuse(problems.first());

    auto *job = ProfileRenameJob::start(m_context.store(), m_context.store()->scope(),
                                        QFileInfo(m_context.profiles().path()).absolutePath(), from, to, this);
    // The keychain's entries are copied first; the profile file says the new
    // name only once they are; the old entries and the files go last.
    connect(job, &ProfileRenameJob::copied, this, [this, from, renamed = *p](ProfileRenameJob *copied) {
        if (!copied->ok()) {
            err() << CliText::format(tr("tokenlab-cli profile rename: not renamed: %1"), copied->errorString()) << '\n';
            return finish(Outcome::Failed);
        }
        ProfileStore &profiles = m_context.profiles();
        const bool wasActive = profiles.active() == from;
        QString error;
        // insert: a profile another process saved under the new name meanwhile is never replaced.
        if (!profiles.remove(from, &error) || !profiles.insert(renamed, &error) || (wasActive && !profiles.setActive(renamed.name, &error))
            || !profiles.save(&error)) {
            err() << CliText::format(tr("tokenlab-cli profile rename: not renamed: %1"), error) << '\n';
            connect(copied, &ProfileRenameJob::finished, this, [this] { finish(Outcome::Failed); });
            return copied->rollback();
        }
        connect(copied, &ProfileRenameJob::finished, this, [this, from, to = renamed.name](ProfileRenameJob *done) {
            for (const QString &note : done->notes())
                err() << note << '\n';
            err() << CliText::format(tr("Renamed %1 to %2"), from, to);
            if (!done->moved().isEmpty())
                err() << CliText::format(tr(", with its %1"), done->moved().join(u", "_s));
            err() << ".\n";
            finish(Outcome::Success);
        });
        copied->commit();
    });
}

// ---- use ------------------------------------------------------------------

QString ProfileUseCommand::name() const
{
    return u"profile use"_s;
}

QString ProfileUseCommand::synopsis() const
{
    return nameArgument;
}

QString ProfileUseCommand::summary() const
{
    return tr("Make a profile the active one");
}

QString ProfileUseCommand::description() const
{
    return tr("Make a profile the active one: the one commands use without --profile.");
}

QList<Command::Positional> ProfileUseCommand::positionals() const
{
    return {{nameArgument, tr("The profile."), {}}};
}

void ProfileUseCommand::act(const QStringList &args)
{
    const std::optional<QString> one = oneName(args);
    if (!one)
        return;
    const QString name = *one;
    QString error;
    if (!m_context.profiles().setActive(name, &error) || !m_context.profiles().save(&error)) {
        err() << "tokenlab-cli profile use: " << error << '\n';
        return finish(Outcome::Failed);
    }
    err() << CliText::format(tr("Active profile is now %1."), name) << '\n';
    finish(Outcome::Success);
}
