// SPDX-License-Identifier: MIT
#include "cli/statuscommand.h"
#include "cli/clitext.h"
#include "cli/commandcontext.h"
#include "storage/tokenstore.h"
#include "util/timeformat.h"

#include <QCommandLineParser>
#include <QTextStream>

using namespace Qt::StringLiterals;

QString StatusCommand::name() const
{
    return u"status"_s;
}

QString StatusCommand::summary() const
{
    return tr("List the profiles with their signed-in state and expiry (never tokens)");
}

QString StatusCommand::description() const
{
    return tr("List the profiles with their signed-in state and expiry. Never prints tokens.");
}

void StatusCommand::start(const QCommandLineParser &)
{
    if (!m_context.loadProfiles())
        return finish(Outcome::Failed);
    err() << CliText::format(tr("Tokens are kept in %1."), m_context.store()->backendName()) << '\n';
    auto remaining = std::make_shared<QStringList>();
    for (const Profile &p : m_context.profiles().profiles())
        *remaining << p.name;
    auto lines = std::make_shared<QHash<QString, QString>>();
    auto failure = std::make_shared<QString>();
    const auto onLoaded = [this, remaining, lines, failure](const QString &profile, const std::optional<TokenSet> &t, TokenStoreError e,
                                      const QString &message) {
        if (!remaining->contains(profile))
            return;
        remaining->removeAll(profile);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QString state;
        if (t && !t->isEmpty()) {
            if (t->isExpired(now))
                state = tr("expired %1 ago").arg(TimeFormat::duration(t->expiresAt.secsTo(now)));
            else if (t->expiresAt.isValid())
                state = tr("signed in, expires in %1 (%2)").arg(TimeFormat::duration(now.secsTo(t->expiresAt)),
                                                               t->expiresAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s));
            else
                state = tr("signed in");
            if (!t->refreshToken.isEmpty())
                state += tr(", refresh token kept");
        } else if (e == TokenStoreError::NotFound) {
            state = tr("not signed in");
        } else {
            state = u"unknown: "_s + message;
            *failure = message;
        }
        lines->insert(profile, state);
        if (!remaining->isEmpty())
            return;
        for (const Profile &p : m_context.profiles().profiles())
            out() << (p.name == m_context.profiles().active() ? "* " : "  ") << p.name.leftJustified(20) << ' ' << lines->value(p.name) << '\n';
        if (!failure->isEmpty())
            err() << "tokenlab-cli status: " << *failure << '\n';
        finish(failure->isEmpty() ? Outcome::Success : Outcome::Failed);
    };
    const QStringList names = *remaining;
    for (const QString &name : names)
        connect(m_context.store()->load(name), &TokenStoreJob::finished, this, [onLoaded](TokenStoreJob *job) mutable {
        onLoaded(job->profile(), job->tokens(), job->error(), job->errorString());
    });
}
