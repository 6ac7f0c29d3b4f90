#include "cli/probecommand.h"
#include "cli/commandcontext.h"
#include "api/probecases.h"
#include "api/probeplan.h"
#include "api/probereport.h"
#include "api/proberunner.h"
#include "oauth/discoveryclient.h"
#include "sandbox/sandboxtenant.h"
#include "session/loginflow.h"
#include "storage/tokenstore.h"
#include "util/clock.h"

#include <QCommandLineParser>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSaveFile>
#include <QTextStream>
#include <QTimer>

#include <unistd.h>

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
    return u"Check that the API refuses what it should: the 200/401/403 matrix"_s;
}

QString ProbeCommand::description() const
{
    return u"Probe the profile's API: for each endpoint of the plan, call it with no token, a non-Bearer scheme, a "
            "malformed token, the token with its signature or a claim altered, alg none, the real token, and, when "
            "available, a token lacking the needed scope, one for another audience and an expired one; check each "
            "answer against what a secure API says. Exit 0 when every cell matches, 1 when any does not, 2 when the "
            "probe could not run."_s;
}

QList<QCommandLineOption> ProbeCommand::options() const
{
    return {
        {u"profile"_s, u"The profile (default: the active one). The sandbox profile gets all its tokens itself."_s, u"NAME"_s},
        {u"plan"_s, u"A JSON plan: {\"endpoints\":[{\"method\":\"GET\",\"path\":\"/api/x\",\"expect\":\"public|token|scopes\",\"scopes\":[...]}]}. "
                    "Default: the quickstart's three endpoints."_s, u"FILE"_s},
        {u"junit"_s, u"Also write a JUnit XML report here."_s, u"FILE"_s},
        {u"json"_s, u"Print the cells as JSON instead of a table."_s},
        {u"concurrency"_s, u"Requests in flight at once (default 4)."_s, u"N"_s, u"4"_s},
        {u"narrow-from"_s, u"A profile whose stored token lacks the plan's scopes."_s, u"PROFILE"_s},
        {u"other-audience-from"_s, u"A profile whose stored token is for another audience."_s, u"PROFILE"_s},
        {u"expired-from"_s, u"A profile whose stored token has expired."_s, u"PROFILE"_s},
    };
}

void ProbeCommand::start(const QCommandLineParser &parser)
{
    bool ok = false;
    const int concurrency = parser.value(u"concurrency"_s).toInt(&ok);
    if (!ok || concurrency < 1 || concurrency > 16) {
        err() << "tokenlab-cli probe: --concurrency must be 1 to 16.\n";
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
            err() << "tokenlab-cli probe: cannot read " << file.fileName() << ": " << file.errorString() << '\n';
            return finish(Outcome::UsageError);
        }
        QString why;
        plan = ProbePlan::parse(file.read(ProbePlan::maxDocumentBytes + 1), &why);
        if (!plan) {
            err() << "tokenlab-cli probe: " << why << '\n';
            return finish(Outcome::UsageError);
        }
    }
    const QString junit = parser.value(u"junit"_s);
    const bool json = parser.isSet(u"json"_s);

    auto *tokens = new ProbeTokens;
    auto runPlan = [this, plan, junit, json, concurrency, tokens](const Profile &live) {
        const ProbePlan thePlan = plan ? *plan : ProbePlan::quickstart(live);
        if (live.apiBase.isEmpty()) {
            err() << "tokenlab-cli probe: the profile has no API base URL; add one with profile add ... --api-base URL.\n";
            return finish(Outcome::UsageError);
        }
        auto *runner = new ProbeRunner(m_context.network(), this);
        runner->setMaxInFlight(concurrency);
        // A live counter on a terminal; logs get only the summary line.
        if (::isatty(STDERR_FILENO)) {
            connect(runner, &ProbeRunner::progress, this, [this](int done, int total) {
                err() << "\rProbing: " << done << '/' << total;
                err().flush();
            });
        }
        connect(runner, &ProbeRunner::finished, this, [this, junit, json, live, tokens](const QList<ProbeCell> &cells) {
            delete tokens;
            if (::isatty(STDERR_FILENO))
                err() << '\n';
            int failed = 0;
            for (const ProbeCell &c : cells)
                failed += c.passed ? 0 : 1;
            if (json) {
                out() << ProbeReport::json(cells);
            } else {
                out() << QStringLiteral("ENDPOINT").leftJustified(28) << QStringLiteral("CASE").leftJustified(19)
                      << QStringLiteral("EXPECTED").leftJustified(10) << QStringLiteral("GOT").leftJustified(5) << "RESULT\n";
                for (const ProbeCell &c : cells) {
                    QStringList expected;
                    for (int s : c.probe.expectedStatus)
                        expected << QString::number(s);
                    out() << QString(QString::fromLatin1(c.endpoint.method) + u' ' + c.endpoint.path).leftJustified(28)
                          << c.probe.id.leftJustified(19) << expected.join(u'/').leftJustified(10)
                          << QString::number(c.exchange.status).leftJustified(5) << (c.passed ? u"ok"_s : u"FAIL  "_s + c.verdict) << '\n';
                }
            }
            if (!junit.isEmpty()) {
                QSaveFile file(junit);
                if (!file.open(QIODevice::WriteOnly) || file.write(ProbeReport::junit(cells, u"tokenlab probe "_s + live.name)) < 0 || !file.commit()) {
                    err() << "tokenlab-cli probe: cannot write " << junit << ": " << file.errorString() << '\n';
                    return finish(Outcome::ProbeCouldNotRun);
                }
            }
            err() << cells.size() - failed << " passed, " << failed << " failed\n";
            finish(failed == 0 ? Outcome::AllCellsMatch : Outcome::CellMismatch);
        });
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
        err() << "Getting tokens from the sandbox tenant at " << live.issuer.toString() << " …\n";
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
                            err() << "tokenlab-cli probe: the sandbox gave no token.\n";
                            return finish(Outcome::ProbeCouldNotRun);
                        }
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
        if (!m_context.profiles().profile(e.first)) {
            err() << "tokenlab-cli probe: there is no profile named \"" << e.first << "\".\n";
            return finish(Outcome::UsageError);
        }
        sources << e.first;
        targets.insert(e.first, e.second);
    }
    auto remaining = std::make_shared<QStringList>(sources);
    const auto onLoaded = [this, remaining, targets, runPlan, profile, name](const QString &p, const std::optional<TokenSet> &t, TokenStoreError,
                                                 const QString &) {
        if (!remaining->contains(p))
            return;
        remaining->removeAll(p);
        if (t)
            *targets.value(p) = t->accessToken.toLatin1();
        if (!remaining->isEmpty())
            return;
        if (targets.value(name)->isEmpty())
            err() << "Note: no token is stored for \"" << name << "\"; only the cases without a token run. Log in first for the rest.\n";
        runPlan(*profile);
    };
    for (const QString &p : sources)
        connect(m_context.store()->load(p), &TokenStoreJob::finished, this, [onLoaded](TokenStoreJob *job) mutable {
        onLoaded(job->profile(), job->tokens(), job->error(), job->errorString());
    });
}

