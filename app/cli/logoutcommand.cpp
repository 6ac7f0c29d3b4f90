// SPDX-License-Identifier: MIT
#include "cli/logoutcommand.h"
#include "cli/commandcontext.h"
#include "session/logoutflow.h"
#include "storage/tokenstore.h"

#include <QCommandLineParser>
#include <QTextStream>

using namespace Qt::StringLiterals;

QString LogoutCommand::name() const
{
    return u"logout"_s;
}

QString LogoutCommand::synopsis() const
{
    return u"[--end-session]"_s;
}

QString LogoutCommand::summary() const
{
    return tr("Revoke the refresh token, delete the tokens, optionally end the browser session");
}

QString LogoutCommand::description() const
{
    return tr("Log out of a profile: revoke its refresh token where the issuer offers revocation, "
           "delete its tokens from the keychain, and with --end-session also end the browser "
           "session at the issuer (through $BROWSER, back to a loopback address).");
}

QList<QCommandLineOption> LogoutCommand::options() const
{
    return {
        {u"profile"_s, tr("The profile (default: the active one)."), u"NAME"_s},
        {u"end-session"_s, tr("Also end the browser session at the issuer.")},
        {u"no-browser"_s, tr("With --end-session: only print the URL.")},
    };
}

void LogoutCommand::start(const QCommandLineParser &parser)
{
    const auto profile = m_context.chosenProfile(parser, u"logout"_s);
    if (!profile)
        return;
    const QString name = profile->name;
    if (profile->isSandbox())
        return m_context.forgetTokens(*profile, tr("Logged out of %1").arg(name)); // its tenant lives only inside tokenlab
    const bool endSession = parser.isSet(u"end-session"_s);
    const bool launch = !parser.isSet(u"no-browser"_s);
    connect(m_context.store()->load(name), &TokenStoreJob::finished, this,
            [this, profile, endSession, launch](TokenStoreJob *read) {
                const std::optional<TokenSet> t = read->tokens();
                auto *flow = new LogoutFlow(m_context.network(), m_context.discovery(), m_context.store(), this);
                connect(flow, &LogoutFlow::openBrowserRequested, this, [this, launch](const QUrl &url) {
                    m_context.openBrowser(url, launch, tr("Ending the browser session at the issuer."));
                });
                connect(flow, &LogoutFlow::finished, this, [this](const LogoutResult &r) {
                    for (const ClaimCheck &s : r.steps) {
                        const char *mark = s.result == ClaimCheck::Result::Passed ? "ok  " : s.result == ClaimCheck::Result::Failed ? "FAIL" : "--  ";
                        out() << mark << ' ' << s.name.leftJustified(12) << s.detail << '\n';
                    }
                    finish(r.ok() ? Outcome::Success : Outcome::Failed);
                });
                flow->start(*profile, t, endSession);
            });
}
