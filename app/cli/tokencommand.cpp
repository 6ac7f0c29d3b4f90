// SPDX-License-Identifier: MIT
#include "cli/tokencommand.h"
#include "cli/clitext.h"
#include "cli/commandcontext.h"
#include "storage/tokenstore.h"
#include "util/timeformat.h"

#include <QCommandLineParser>
#include <QTextStream>

using namespace Qt::StringLiterals;

QString TokenCommand::name() const
{
    return u"token"_s;
}

QString TokenCommand::synopsis() const
{
    return u"[--profile NAME]"_s;
}

QString TokenCommand::summary() const
{
    return tr("Print a stored token for scripts (--field access_token|id_token|refresh_token)");
}

QString TokenCommand::description() const
{
    return tr("Print one stored token of a profile on stdout, for scripts: "
           "curl -H \"Authorization: Bearer $(tokenlab-cli token)\" ...");
}

QList<QCommandLineOption> TokenCommand::options() const
{
    return {
        {u"profile"_s, tr("The profile (default: the active one)."), u"NAME"_s},
        {u"field"_s, tr("access_token (default), id_token or refresh_token."), u"FIELD"_s, u"access_token"_s},
    };
}

void TokenCommand::start(const QCommandLineParser &parser)
{
    const QString field = parser.value(u"field"_s);
    if (field != u"access_token" && field != u"id_token" && field != u"refresh_token") {
        err() << CliText::format(tr("tokenlab-cli token: --field must be access_token, id_token or refresh_token, not \"%1\"."), field) << '\n';
        return finish(Outcome::UsageError);
    }
    const auto profile = m_context.chosenProfile(parser, u"token"_s);
    if (!profile)
        return;
    const QString name = profile->name;
    const auto onLoaded = [this, name, field](const std::optional<TokenSet> &t, TokenStoreError e, const QString &message) {
        if (e == TokenStoreError::NotFound || (t && t->isEmpty())) {
            err() << CliText::format(tr("tokenlab-cli token: no tokens are stored for the profile \"%1\"; run tokenlab-cli login --profile %2."), name, name) << '\n';
            return finish(Outcome::Failed);
        }
        if (!t) {
            err() << "tokenlab-cli token: " << message << '\n';
            return finish(Outcome::Failed);
        }
        const QString value = field == u"id_token" ? t->idToken : field == u"refresh_token" ? t->refreshToken : t->accessToken;
        if (value.isEmpty()) {
            err() << CliText::format(tr("tokenlab-cli token: the profile \"%1\" has no %2."), name, field) << '\n';
            return finish(Outcome::Failed);
        }
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (field == u"access_token" && t->isExpired(now))
            err() << CliText::format(tr("Warning: this access token expired %1 ago."), TimeFormat::duration(t->expiresAt.secsTo(now))) << '\n';
        out() << value << '\n';
        finish(Outcome::Success);
    };
    connect(m_context.store()->load(name), &TokenStoreJob::finished, this, [onLoaded](TokenStoreJob *job) mutable {
        onLoaded(job->tokens(), job->error(), job->errorString());
    });
}
