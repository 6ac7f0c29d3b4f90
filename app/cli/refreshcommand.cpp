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
    return u"Renew the access token with the refresh token (or client credentials)"_s;
}

QString RefreshCommand::description() const
{
    return u"Renew the profile's access token now: with its refresh token, or, for a "
           "machine-to-machine profile, with its client credentials. --scope narrows the scopes."_s;
}

QList<QCommandLineOption> RefreshCommand::options() const
{
    return {
        {u"profile"_s, u"The profile (default: the active one)."_s, u"NAME"_s},
        {u"scope"_s, u"Ask for fewer scopes than were granted (RFC 6749 6)."_s, u"S"_s},
    };
}

void RefreshCommand::start(const QCommandLineParser &parser)
{
    const auto profile = m_context.chosenProfile(parser, u"refresh"_s);
    if (!profile)
        return;
    if (profile->isSandbox()) {
        err() << "tokenlab-cli refresh: the sandbox profile's tenant lives only inside tokenlab; use a profile that points at a running tokenlab-sandbox.\n";
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
