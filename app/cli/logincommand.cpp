// SPDX-License-Identifier: MIT
#include "cli/logincommand.h"
#include "cli/clitext.h"
#include "util/externalbrowser.h"
#include "cli/commandcontext.h"
#include "cli/devicepromptview.h"
#include "jose/jwt.h"
#include "sandbox/sandboxtenant.h"
#include "session/loginflow.h"
#include "util/clock.h"
#include "util/timeformat.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QTextStream>

using namespace Qt::StringLiterals;

QString LoginCommand::name() const
{
    return u"login"_s;
}

QString LoginCommand::synopsis() const
{
    return u"[--profile NAME] [--device [--qr]]"_s;
}

QString LoginCommand::summary() const
{
    return tr("Sign in through the browser (authorization code + PKCE), or on another device");
}

QString LoginCommand::description() const
{
    return tr("Sign in through the browser with the authorization code flow and PKCE. "
           "Honours $BROWSER (a command that gets the URL). With --device, or by itself when "
           "there is no display and no $BROWSER and the issuer offers it, signs in on another "
           "device instead (RFC 8628): prints a code and the address to enter it at, with a QR "
           "code on a terminal, and waits. Prints the subject, granted scopes and expiry; never "
           "the tokens.");
}

QList<QCommandLineOption> LoginCommand::options() const
{
    return {
        {u"profile"_s, tr("The profile to use (default: the active one)."), u"NAME"_s},
        {u"timeout"_s, tr("Seconds to wait for the browser (default 300)."), u"SECONDS"_s},
        {u"no-browser"_s, tr("Only print the URL; do not start a browser.")},
        {u"auto-approve"_s, tr("Sandbox profile only: skip the sandbox's pages as USER (alice or bob), consenting to all or the listed scopes."),
         u"USER[:scope,...]"_s},
        {u"switch-user"_s, tr("Ask the issuer to show its sign-in again (prompt=login), to sign in as someone else.")},
        {u"max-age"_s, tr("Ask for a sign-in no older than this many seconds (max_age)."), u"S"_s},
        {u"device"_s, tr("Sign in on another device (device authorization grant, RFC 8628): a phone or any computer with a browser.")},
        {u"qr"_s, tr("With the device flow: print the QR code even when stdout is no terminal.")},
    };
}

void LoginCommand::interrupt()
{
    if (m_flow && m_flow->isRunning()) {
        m_flow->cancel(); // finishes through the flow's finished() with Interrupted
        return;
    }
    Command::interrupt();
}

void LoginCommand::start(const QCommandLineParser &parser)
{
    if (!parser.positionalArguments().isEmpty()) {
        err() << CliText::format(tr("tokenlab-cli login: unexpected argument \"%1\"."), parser.positionalArguments().first()) << '\n';
        return finish(Outcome::UsageError);
    }
    LoginFlow::Options options;
    if (parser.isSet(u"timeout"_s)) {
        bool ok = false;
        const int seconds = parser.value(u"timeout"_s).toInt(&ok);
        if (!ok || seconds < 1 || seconds > 3600) {
            err() << tr("tokenlab-cli login: --timeout must be 1 to 3600 seconds.") << '\n';
            return finish(Outcome::UsageError);
        }
        options.timeout = std::chrono::seconds(seconds);
    }
    if (parser.isSet(u"switch-user"_s))
        options.extraParams.append({u"prompt"_s, u"login"_s});
    if (parser.isSet(u"max-age"_s)) {
        bool okAge = false;
        const int age = parser.value(u"max-age"_s).toInt(&okAge);
        if (!okAge || age < 0) {
            err() << tr("tokenlab-cli login: --max-age must be a number of seconds.") << '\n';
            return finish(Outcome::UsageError);
        }
        options.extraParams.append({u"max_age"_s, QString::number(age)});
    }
    // RFC 8628 where no browser can run here: no display and no $BROWSER.
    QString noBrowser; // why no browser can open here, when none can
    if (parser.isSet(u"device"_s)) {
        options.device = LoginFlow::Options::Device::On;
    } else if (!parser.isSet(u"no-browser"_s) && !ExternalBrowser::canOpen(&noBrowser)) {
        options.device = LoginFlow::Options::Device::IfOffered;
    }
    const bool autoDevice = options.device == LoginFlow::Options::Device::IfOffered;
    auto profile = m_context.chosenProfile(parser, u"login"_s);
    if (!profile)
        return;
    const QString name = profile->name;
    m_profileDevice = profile->device && options.device != LoginFlow::Options::Device::On;
    if (parser.isSet(u"qr"_s) && options.device == LoginFlow::Options::Device::Off && !profile->device) {
        err() << tr("tokenlab-cli login: --qr goes with --device (or a profile added with --device).") << '\n';
        return finish(Outcome::UsageError);
    }
    if (parser.isSet(u"auto-approve"_s) && !profile->isSandbox()) {
        err() << tr("tokenlab-cli login: --auto-approve works only with the sandbox profile.") << '\n';
        return finish(Outcome::UsageError);
    }
    if (profile->isSandbox()) {
        // The key and ports of the last run, so earlier tokens stay valid, and the window's Sandbox switches.
        QString error;
        SandboxConfig config = SandboxConfig::continuing(&error);
        if (!error.isEmpty()) {
            err() << error << '\n';
            error.clear();
        }
        if (parser.isSet(u"auto-approve"_s)) {
            config.autoApprove = AutoApprove::parse(parser.value(u"auto-approve"_s), &error);
            if (!config.autoApprove) {
                err() << "tokenlab-cli login: " << error << '\n';
                return finish(Outcome::UsageError);
            }
        }
        SandboxTenant *sandbox = m_context.startSandbox(config, &error);
        if (!sandbox) {
            err() << "tokenlab-cli login: " << error << '\n';
            return finish(Outcome::Failed);
        }
        profile = sandbox->profileFor(*profile);
        err() << CliText::format(tr("Started the sandbox tenant at %1 (it runs only while this command does)."), profile->issuer.toString()) << '\n';
        if (!config.switches.isLenient())
            err() << CliText::format(tr("Its switches (the window's File ▸ Sandbox tenant menu): %1."), config.switches.describe()) << '\n';
    }

    m_flow = new LoginFlow(m_context.network(), m_context.discovery(), m_context.store(), systemClock(), this);
    const bool launch = !parser.isSet(u"no-browser"_s);
    m_view = new DevicePromptView(out(), err(), parser.isSet(u"qr"_s) ? DevicePromptView::Qr::Always : DevicePromptView::Qr::IfTerminal, this);
    connect(m_flow, &LoginFlow::progress, this, [this](const QString &line) { m_view->note(line); });
    connect(m_flow, &LoginFlow::deviceCodeReady, this, [this, autoDevice, noBrowser](const DevicePrompt &prompt) {
        if (m_profileDevice)
            err() << tr("The profile logs in on another device (its device setting, RFC 8628).") << '\n';
        else if (autoDevice)
            err() << CliText::format(tr("There is %1, so TokenLab signs in on another device (RFC 8628); --no-browser prints the browser URL instead."), noBrowser) << '\n';
        m_view->show(prompt);
    });
    connect(m_flow, &LoginFlow::openBrowserRequested, this, [this, launch](const QUrl &url) { m_context.openBrowser(url, launch); });
    connect(m_flow, &LoginFlow::finished, this, [this](const LoginResult &r) {
        printResult(r);
    });
    m_flow->start(*profile, options);
}

void LoginCommand::printResult(const LoginResult &r)
{
    if (m_view)
        m_view->stop();
    if (!r.ok) {
        err() << "tokenlab-cli login: " << r.error << '\n';
        return finish(r.cancelled ? Outcome::Interrupted : Outcome::Failed);
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // The keys stay English in every language, like JSON keys: scripts read
    // this block by key (tests/interop's field()). The values a person
    // reads are translated.
    auto line = [this](const char *key, const QString &value) {
        out() << QString::fromLatin1(key).leftJustified(14) << value << '\n';
    };
    line("profile", r.profile);
    line("subject", r.subject.isEmpty() ? tr("(no id_token)") : r.subject);
    line("scopes", r.tokens.grantedScope);
    // The access token's audience, read (not verified) from the JWT; never the token.
    const DecodedJwt access = Jwt::decode(r.tokens.accessToken.toLatin1());
    if (access.ok() && access.kind == JwtKind::Jws) {
        const QJsonValue aud = access.payload.value(u"aud");
        QStringList auds;
        if (aud.isString())
            auds << aud.toString();
        for (const QJsonValue &a : aud.toArray())
            auds << a.toString();
        line("audience", auds.join(u' '));
    } else if (access.ok()) {
        line("audience", access.kind == JwtKind::Jwe ? tr("(encrypted access token)") : tr("(opaque access token)"));
    }
    const QStringList requested = r.tokens.requestedScope.split(u' ', Qt::SkipEmptyParts);
    QStringList withheld;
    for (const QString &s : requested) {
        if (!r.tokens.grantedScopes().contains(s))
            withheld << s;
    }
    if (!withheld.isEmpty())
        line("not in scope", withheld.join(u' '));
    if (r.tokens.expiresAt.isValid())
        line("expires", tr("%1 (in %2)").arg(r.tokens.expiresAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss t"_s),
                                             TimeFormat::duration(now.secsTo(r.tokens.expiresAt))));
    line("refresh", r.tokens.refreshToken.isEmpty() ? tr("no refresh token") : tr("refresh token issued"));
    line("token type", r.tokens.isDpopBound() ? tr("DPoP (bound to the profile's proof key)") : u"Bearer"_s);
    if (r.pushed)
        line("request", tr("pushed first (PAR, RFC 9126)"));
    if (r.device)
        line("signed in", tr("on another device (RFC 8628)"));
    if (!r.idToken.checks.isEmpty()) {
        QStringList checks;
        for (const ClaimCheck &c : r.idToken.checks) {
            checks << c.name + (c.result == ClaimCheck::Result::Passed ? u" ok"_s
                                : c.result == ClaimCheck::Result::Failed ? tr(" FAILED") : tr(" not verified"));
        }
        line("id_token", checks.join(u", "));
    }
    if (!r.storageWarning.isEmpty())
        err() << CliText::format(tr("Warning: %1"), r.storageWarning) << '\n';
    finish(Outcome::Success);
}
