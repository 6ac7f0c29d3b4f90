// SPDX-License-Identifier: MIT
#include "cli/refreshcommand.h"
#include "cli/commandcontext.h"
#include "util/timeformat.h"

#include <QCommandLineParser>
#include <QTextStream>

using namespace Qt::StringLiterals;

QString RefreshCommand::name() const
{
    return u"refresh"_s;
}

QString RefreshCommand::synopsis() const
{
    return u"[--profile NAME]"_s;
}

QString RefreshCommand::summary() const
{
    return tr("Renew the access token with the refresh token (or client credentials)");
}

QString RefreshCommand::description() const
{
    return tr("Renew the profile's access token now: with its refresh token, or, for a "
           "machine-to-machine profile, with its client credentials. --scope narrows the scopes.");
}

QList<QCommandLineOption> RefreshCommand::options() const
{
    return {
        {u"profile"_s, tr("The profile (default: the active one)."), u"NAME"_s},
        {u"scope"_s, tr("Ask for fewer scopes than were granted (RFC 6749 6)."), u"S"_s},
    };
}

void RefreshCommand::start(const QCommandLineParser &parser)
{
    const auto profile = m_context.chosenProfile(parser, u"refresh"_s);
    if (!profile)
        return;
    if (profile->isSandbox()) {
        err() << tr("tokenlab-cli refresh: the sandbox profile's tenant lives only inside tokenlab; use a profile that points at a running tokenlab-sandbox.") << '\n';
        return finish(Outcome::UsageError);
    }
    const QString scope = parser.value(u"scope"_s);
    m_context.withFreshTokens(*profile, true, scope, [this](const std::optional<TokenSet> &t) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        out() << QStringLiteral("scopes").leftJustified(14) << t->grantedScope << '\n';
        if (t->expiresAt.isValid())
            out() << QStringLiteral("expires").leftJustified(14) << t->expiresAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss t"_s)
                  << " (in " << TimeFormat::duration(now.secsTo(t->expiresAt)) << ")\n";
        finish(Outcome::Success);
    });
}
