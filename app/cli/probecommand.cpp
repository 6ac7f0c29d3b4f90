// SPDX-License-Identifier: MIT
#include "cli/probecommand.h"
#include "cli/clitext.h"
#include "util/terminal.h"
#include "cli/commandcontext.h"
#include "api/probecases.h"
#include "api/probeplan.h"
#include "api/probereport.h"
#include "api/proberunner.h"
#include "oauth/discoveryclient.h"
#include "jose/privatekey.h"
#include "sandbox/sandboxconfig.h"
#include "sandbox/sandboxtenant.h"
#include "api/mintkey.h"
#include "session/loginflow.h"
#include "storage/tokenstore.h"
#include "util/clock.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSaveFile>
#include <QTextStream>
#include <QTimer>


using namespace Qt::StringLiterals;

namespace {

// Gets tokens from the in-process sandbox: auto-approved logins followed
// by a plain GET that follows the redirect back to the loopback receiver.
class SandboxTokenGetter : public QObject
{
public:
    SandboxTokenGetter(QNetworkAccessManager *network, DiscoveryClient *discovery, QObject *parent)
        : QObject(parent), m_network(network), m_store(new MemoryTokenStore(this)), m_flow(network, discovery, m_store, systemClock(), this)
    {
        QObject::connect(&m_flow, &LoginFlow::openBrowserRequested, this, [this](const QUrl &url) {
            QNetworkRequest request(url);
            request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
            QNetworkReply *reply = m_network->get(request);
            QObject::connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
        });
        QObject::connect(&m_flow, &LoginFlow::finished, this, [this](const LoginResult &r) {
            auto next = std::move(m_then);
            next(r.ok ? r.tokens.accessToken.toLatin1() : QByteArray());
        });
    }
    void login(const Profile &profile, const QList<QPair<QString, QString>> &extra, std::function<void(QByteArray)> then)
    {
        m_then = std::move(then);
        LoginFlow::Options options;
        options.timeout = std::chrono::seconds(20);
        options.extraParams = extra;
        m_flow.start(profile, options);
    }

private:
    QNetworkAccessManager *m_network;
    MemoryTokenStore *m_store;
    LoginFlow m_flow;
    std::function<void(QByteArray)> m_then;
};

} // namespace

QString ProbeCommand::name() const
{
    return u"probe"_s;
}

QString ProbeCommand::synopsis() const
{
    return u"[--junit FILE] ..."_s;
}

QString ProbeCommand::summary() const
{
    return tr("Check that the API refuses what it should: the 200/401/403 matrix");
}

QString ProbeCommand::description() const
{
    return tr("Probe the profile's API: for each endpoint of the plan, call it with no token, other schemes, a malformed "
            "token, the token altered, unsigned (alg none), re-signed by keys the issuer never had (a fresh key, an "
            "embedded jwk, jku and x5u, HS256 keyed with the issuer's public key), in the query, and the real token; "
            "with other profiles' tokens, a token lacking the scope, one for another audience and an expired one (each "
            "checked to come from the same issuer first); with --mint, tokens signed by the TokenLab sandbox key with "
            "chosen claims. Each cell passes, warns (the right refusal, answered against convention) or fails (the API "
            "accepted what it must refuse, or refused the valid token). Exit 0 when no cell fails (with --strict: and "
            "none warns), 1 when any does, 2 when the probe could not run.");
}

QList<QCommandLineOption> ProbeCommand::options() const
{
    return {
        {u"profile"_s, tr("The profile (default: the active one). The sandbox profile gets all its tokens itself."), u"NAME"_s},
        {u"plan"_s, tr("An OpenAPI 3.0/3.1 document (JSON or YAML) or a TokenLab plan: {\"endpoints\":[{\"method\":\"GET\",\"path\":\"/api/x\","
                    "\"expect\":\"public|token|scopes\",\"scopes\":[...],\"header_only\":false}]}. Default: the plan saved with the "
                    "profile, else the quickstart's three endpoints."), u"FILE"_s},
        {u"junit"_s, tr("Also write a JUnit XML report here."), u"FILE"_s},
        {u"json"_s, tr("Print the cells as JSON instead of a table.")},
        {u"concurrency"_s, tr("Requests in flight at once (default 4)."), u"N"_s, u"4"_s},
        {u"narrow-from"_s, tr("A profile whose stored token lacks the plan's scopes."), u"PROFILE"_s},
        {u"other-audience-from"_s, tr("A profile whose stored token is for another audience."), u"PROFILE"_s},
        {u"expired-from"_s, tr("A profile whose stored token has expired."), u"PROFILE"_s},
        {u"mint"_s, tr("Also mint tokens with the TokenLab sandbox key (no exp, expired, another issuer, substring scopes, ...). "
                    "The profile's issuer must be a TokenLab sandbox of this machine.")},
        {u"strict"_s, tr("Count warnings as failures (exit 1, and JUnit failures).")},
        {u"csv"_s, tr("Also write the cells as CSV here."), u"FILE"_s},
    };
}

namespace {

// The table's word for a grade: "ok", "WARN", "FAIL", "not run".
QString gradeLabel(ProbeGrade grade)
{
    switch (grade) {
    case ProbeGrade::Pass: return QCoreApplication::translate("ProbeCommand", "ok");
    case ProbeGrade::Warn: return QCoreApplication::translate("ProbeCommand", "WARN");
    case ProbeGrade::Fail: return QCoreApplication::translate("ProbeCommand", "FAIL");
    case ProbeGrade::NotRun: break;
    }
    return QCoreApplication::translate("ProbeCommand", "not run");
}

std::shared_ptr<const PrivateKey> copyOf(const PrivateKey &key)
{
    std::unique_ptr<PrivateKey> copy = PrivateKey::fromPkcs8Pem(key.toPkcs8Pem());
    return copy ? std::shared_ptr<const PrivateKey>(std::move(copy)) : nullptr;
}

} // namespace

void ProbeCommand::writeReports(const QList<ProbeCell> &cells, const QList<DeferredText> &notes, const Settings &settings)
{
    if (Terminal::isInteractive(Terminal::Stream::Error))
        err() << '\n';
    if (settings.json) {
        out() << ProbeReport::json(cells, settings.strict);
    } else {
        // The table is for a person and speaks the user's language; --json,
        // --junit and --csv are for programs and stay English whatever the locale.
        out() << tr("ENDPOINT").leftJustified(28) << tr("CASE").leftJustified(22) << tr("EXPECTED").leftJustified(20)
              << tr("GOT").leftJustified(5) << tr("RESULT") << '\n';
        for (const ProbeCell &c : cells) {
            QStringList expected;
            for (int s : c.probe.expectedStatus())
                expected << QString::number(s);
            const QString said = (c.grade == ProbeGrade::Pass ? c.note : c.verdict).text();
            out() << QString(QString::fromLatin1(c.endpoint.method) + u' ' + c.endpoint.path).leftJustified(28) << c.probe.id.leftJustified(22)
                  << (expected.isEmpty() ? tr("any") : expected.join(u'/')).leftJustified(20)
                  << (c.grade == ProbeGrade::NotRun ? u"-"_s : QString::number(c.exchange.status)).leftJustified(5) << gradeLabel(c.grade)
                  << (said.isEmpty() ? QString() : u"  "_s + said) << '\n';
        }
    }
    for (const DeferredText &n : notes)
        err() << CliText::format(tr("Note: %1"), n.text()) << '\n';
    for (const auto &[file, bytes] : {std::pair{settings.junit, ProbeReport::junit(cells, u"tokenlab probe "_s + settings.profile, settings.strict)},
                                      std::pair{settings.csv, ProbeReport::csv(cells)}}) {
        if (file.isEmpty())
            continue;
        QSaveFile f(file);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) < 0 || !f.commit()) {
            err() << CliText::format(tr("tokenlab-cli probe: cannot write %1: %2"), file, f.errorString()) << '\n';
            return finish(Outcome::ProbeCouldNotRun);
        }
    }
    const ProbeTally tally = ProbeReport::tally(cells);
    err() << tally.summary() << '\n';
    const bool sent = std::any_of(cells.cbegin(), cells.cend(), [](const ProbeCell &c) { return c.grade != ProbeGrade::NotRun; });
    const bool answered = std::any_of(cells.cbegin(), cells.cend(), [](const ProbeCell &c) { return c.exchange.status != 0; });
    if (sent && !answered) {
        err() << CliText::format(tr("tokenlab-cli probe: the API answered none of the requests; is it running at %1?"), settings.apiBase) << '\n';
        return finish(Outcome::ProbeCouldNotRun);
    }
    if (settings.mint) {
        bool trusted = false;
        bool minted = false;
        for (const ProbeCell &c : cells) {
            minted = minted || c.probe.id == u"mint-valid";
            trusted = trusted || (c.probe.id == u"mint-valid" && c.grade == ProbeGrade::Pass);
        }
        if (!minted || !trusted) {
            err() << "tokenlab-cli probe: --mint: "
                  << (!minted ? tr("no minted case ran (see the notes above).")
                              : tr("the API refused every valid token minted with the sandbox key, so it does not trust the sandbox at %1.").arg(settings.issuer))
                  << '\n';
            return finish(Outcome::ProbeCouldNotRun);
        }
    }
    finish(tally.defective(settings.strict) ? Outcome::CellMismatch : Outcome::AllCellsMatch);
}

void ProbeCommand::start(const QCommandLineParser &parser)
{
    bool ok = false;
    const int concurrency = parser.value(u"concurrency"_s).toInt(&ok);
    if (!ok || concurrency < 1 || concurrency > 16) {
        err() << tr("tokenlab-cli probe: --concurrency must be 1 to 16.") << '\n';
        return finish(Outcome::UsageError);
    }
    auto profile = m_context.chosenProfile(parser, u"probe"_s);
    if (!profile)
        return;
    const QString name = profile->name;
    std::optional<ProbePlan> plan;
    if (parser.isSet(u"plan"_s)) {
        QFile file(parser.value(u"plan"_s));
        if (!file.open(QIODevice::ReadOnly)) {
            err() << CliText::format(tr("tokenlab-cli probe: cannot read %1: %2"), file.fileName(), file.errorString()) << '\n';
            return finish(Outcome::UsageError);
        }
        QString why;
        QStringList left;
        plan = ProbePlan::parse(file.read(ProbePlan::maxDocumentBytes + 1), &why, &left);
        if (!plan) {
            err() << "tokenlab-cli probe: " << why << '\n';
            return finish(Outcome::UsageError);
        }
        for (const QString &n : std::as_const(left))
            err() << CliText::format(tr("Note: %1"), n) << '\n';
    }
    Settings settings;
    settings.junit = parser.value(u"junit"_s);
    settings.csv = parser.value(u"csv"_s);
    settings.json = parser.isSet(u"json"_s);
    settings.strict = parser.isSet(u"strict"_s);
    settings.mint = parser.isSet(u"mint"_s);
    settings.profile = name;

    auto tokens = std::make_shared<ProbeTokens>();
    auto runPlan = [this, plan, settings, concurrency, tokens](const Profile &live) {
        const ProbePlan thePlan = plan ? *plan : ProbePlan::of(live);
        if (live.apiBase.isEmpty()) {
            err() << tr("tokenlab-cli probe: the profile has no API base URL; add one with profile add ... --api-base URL.") << '\n';
            return finish(Outcome::UsageError);
        }
        auto *runner = new ProbeRunner(m_context.network(), this);
        runner->setMaxInFlight(concurrency);
        // A live counter on a terminal; logs get only the summary line.
        if (Terminal::isInteractive(Terminal::Stream::Error)) {
            connect(runner, &ProbeRunner::progress, this, [this](int done, int total) {
                if (total == 0)
                    err() << '\r' << tr("Preparing: the issuer's keys and a fresh key …");
                else
                    err() << '\r' << CliText::format(tr("Probing: %1/%2"), done, total) << "                              ";
                err().flush();
            });
        }
        Settings s = settings;
        s.issuer = live.issuer.toString();
        s.apiBase = live.apiBase.toString();
        connect(runner, &ProbeRunner::finished, this, [this, runner, s](const QList<ProbeCell> &cells) { writeReports(cells, runner->notes(), s); });
        runner->start(live, thePlan, *tokens);
    };

    if (profile->isSandbox()) {
        // The sandbox profile: a tenant of our own, and real logins for every kind of token.
        SandboxConfig config;
        config.autoApprove = AutoApprove{u"alice"_s, std::nullopt};
        QString error;
        SandboxTenant *sandbox = m_context.startSandbox(config, &error);
        if (!sandbox) {
            err() << "tokenlab-cli probe: " << error << '\n';
            return finish(Outcome::ProbeCouldNotRun);
        }
        Profile live = sandbox->profileFor(*profile);
        live.scope = u"openid read:messages"_s;
        auto *getter = new SandboxTokenGetter(m_context.network(), m_context.discovery(), this);
        err() << CliText::format(tr("Getting tokens from the sandbox tenant at %1 …"), live.issuer.toString()) << '\n';
        getter->login(live, {}, [=](QByteArray good) {
            tokens->good = good;
            getter->login(live, {{u"login_hint"_s, u"bob"_s}}, [=](QByteArray narrow) {
                tokens->narrow = narrow;
                Profile noApi = live;
                noApi.audience.clear();
                getter->login(noApi, {}, [=](QByteArray other) {
                    tokens->otherAudience = other;
                    getter->login(live, {{u"token_lifetime"_s, u"1"_s}}, [=](QByteArray shortLived) {
                        tokens->expired = shortLived;
                        if (tokens->good.isEmpty()) {
                            err() << tr("tokenlab-cli probe: the sandbox gave no token.") << '\n';
                            return finish(Outcome::ProbeCouldNotRun);
                        }
                        if (settings.mint && sandbox->isKeyReady())
                            tokens->mintKey = copyOf(sandbox->signingKey().privateKey());
                        // Let the short-lived token expire, past the API's 5-second leeway.
                        QTimer::singleShot(std::chrono::milliseconds(6500), this, [=] { runPlan(live); });
                    });
                });
            });
        });
        return;
    }

    // Any other profile: its stored token, and optional tokens from other profiles.
    QStringList sources{name};
    QHash<QString, QByteArray *> targets{{name, &tokens->good}};
    const QList<QPair<QString, QByteArray *>> extra{{parser.value(u"narrow-from"_s), &tokens->narrow},
                                                     {parser.value(u"other-audience-from"_s), &tokens->otherAudience},
                                                     {parser.value(u"expired-from"_s), &tokens->expired}};
    for (const auto &e : extra) {
        if (e.first.isEmpty())
            continue;
        if (e.first == name || sources.contains(e.first)) {
            err() << CliText::format(tr("tokenlab-cli probe: \"%1\" is already used for another token; each token comes from its own profile."), e.first) << '\n';
            return finish(Outcome::UsageError);
        }
        if (!m_context.profiles().profile(e.first)) {
            err() << CliText::format(tr("tokenlab-cli probe: there is no profile named \"%1\"."), e.first) << '\n';
            return finish(Outcome::UsageError);
        }
        sources << e.first;
        targets.insert(e.first, e.second);
    }
    auto remaining = std::make_shared<QStringList>(sources);
    if (settings.mint)
        remaining->append(u"\n mint"_s);
    auto onLoaded = [this, remaining, runPlan, profile, name, tokens](const QString &what) {
        remaining->removeAll(what);
        if (!remaining->isEmpty())
            return;
        if (tokens->good.isEmpty())
            err() << CliText::format(tr("Note: no token is stored for \"%1\"; only the cases without a token run. Log in first for the rest."), name) << '\n';
        runPlan(*profile);
    };
    if (settings.mint) {
        // The key the app's and the CLI's sandbox keep in the keychain.
        auto *read = MintKey::read(this);
        connect(read, &KeychainSecret::finished, this, [this, tokens, onLoaded](KeychainSecret *job) {
            QString why;
            tokens->mintKey = MintKey::fromJob(job, &why);
            if (!tokens->mintKey) {
                err() << "tokenlab-cli probe: --mint: " << why << '\n';
                return finish(Outcome::ProbeCouldNotRun);
            }
            onLoaded(u"\n mint"_s);
        });
        read->start();
    }
    // The probed profile's token renewed first when it has expired, as before an API call; the
    // other profiles' as they are stored (an expired one is what --expired-from asks for).
    m_context.withFreshCredentials(*profile, false, {}, [tokens, onLoaded, name](const std::optional<TokenSet> &t,
                                                                                const std::shared_ptr<DpopSigner> &dpop) {
        if (t)
            tokens->good = t->accessToken.toLatin1();
        tokens->dpop = dpop; // a DPoP-bound token is probed under its scheme, with proofs
        onLoaded(name);
    });
    for (const QString &p : sources.mid(1))
        connect(m_context.store()->load(p), &TokenStoreJob::finished, this, [targets, onLoaded](TokenStoreJob *job) {
            if (job->tokens())
                *targets.value(job->profile()) = job->tokens()->accessToken.toLatin1();
            onLoaded(job->profile());
        });
}
