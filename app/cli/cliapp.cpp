#include "cli/cliapp.h"
#include "oauth/discoveryclient.h"
#include "util/externalbrowser.h"
#include "jose/jwt.h"
#include "session/logoutflow.h"
#include "session/tokenlifecycle.h"
#include "sandbox/sandboxtenant.h"
#include "util/timeformat.h"
#include "storage/tokenstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

struct Subcommand
{
    const char *synopsis;
    const char *summary;
};

const Subcommand subcommands[] = {
    {"login [--profile NAME]", "Sign in through the browser (authorization code + PKCE)"},
    {"token [--profile NAME]", "Print a stored token for scripts (--field access_token|id_token|refresh_token)"},
    {"status", "List the profiles with their signed-in state and expiry (never tokens)"},
    {"refresh [--profile NAME]", "Renew the access token with the refresh token (or client credentials)"},
    {"logout [--end-session]", "Revoke the refresh token, delete the tokens, optionally end the browser session"},
    {"decode [TOKEN|-] ...", "Decode a JWT and show its claims; --verify checks signature and claims"},
    {"call PATH|URL ...", "Call the profile's API with its token; explains 401 and 403 answers"},
    {"probe [--junit FILE] ...", "Check that the API refuses what it should: the 200/401/403 matrix"},
    {"profile add NAME ...", "Add or replace a profile (--issuer URL | --domain HOST, --client-id ID)"},
    {"profile import NAME ...", "Import a profile from an Auth0 auth_config.json or AUTH0_* variables"},
    {"profile list", "List the profiles; * marks the active one"},
    {"profile show NAME", "Show one profile's settings"},
    {"profile remove NAME", "Remove a profile"},
    {"profile use NAME", "Make a profile the active one"},
    {"discover ISSUER", "Fetch and check an issuer's OpenID discovery document"},
};


} // namespace

CliApp::CliApp(QNetworkAccessManager *network, TokenStore *store, QTextStream &out, QTextStream &err, QObject *parent)
    : QObject(parent), m_network(network), m_store(store), m_discovery(new DiscoveryClient(network, this)), m_out(out), m_err(err)
{
}

CliApp::~CliApp() = default;

QString CliApp::usage()
{
    QString text = u"Usage: tokenlab-cli COMMAND [options]\n\n"
                   "TokenLab's headless front end: the same core as the desktop app, for scripts and CI.\n\n"
                   "Commands:\n"_s;
    for (const Subcommand &c : subcommands)
        text += u"  %1%2\n"_s.arg(QString::fromLatin1(c.synopsis), -28).arg(QString::fromLatin1(c.summary));
    text += u"\nRun tokenlab-cli COMMAND --help for a command's options.\n\n"
            "Options:\n  -h, --help                  Show this help\n"
            "  -v, --version               Show the version\n\n"
            "Exit status: 0 on success, 1 when the operation failed, 2 on a usage error, 130 when interrupted.\n"_s;
    return text;
}

void CliApp::finish(int code)
{
    if (m_finished)
        return;
    m_finished = true;
    m_out.flush();
    m_err.flush();
    // Queued so that finished() never fires before run() has returned.
    QTimer::singleShot(0, this, [this, code] { Q_EMIT finished(code); });
}

void CliApp::interrupt()
{
    if (m_flow && m_flow->isRunning()) {
        m_flow->cancel(); // finishes through the flow's finished() with Interrupted
        return;
    }
    m_err << "tokenlab-cli: interrupted.\n";
    finish(Interrupted);
}

bool CliApp::parseOrFinish(QCommandLineParser &parser, const QStringList &args, const QString &command)
{
    parser.addHelpOption();
    // args[0] is taken as the program name by QCommandLineParser.
    if (!parser.parse(args)) {
        m_err << "tokenlab-cli " << command << ": " << parser.errorText() << '\n';
        finish(Usage);
        return false;
    }
    if (parser.isSet(u"help"_s)) {
        QString help = parser.helpText();
        help.replace(u"Usage: "_s + args.first(), u"Usage: tokenlab-cli "_s + command);
        m_out << help;
        finish(Success);
        return false;
    }
    return true;
}

std::optional<Profile> CliApp::chosenProfile(const QCommandLineParser &parser, const QString &command)
{
    if (!loadProfiles()) {
        finish(Failure);
        return std::nullopt;
    }
    const QString name = parser.isSet(u"profile"_s) ? parser.value(u"profile"_s) : m_profiles.active();
    auto profile = m_profiles.profile(name);
    if (!profile) {
        m_err << "tokenlab-cli " << command << ": there is no profile named \"" << name << "\"; see tokenlab-cli profile list.\n";
        finish(Usage);
    }
    return profile;
}

bool CliApp::loadProfiles()
{
    QString error;
    if (!m_profiles.load(&error)) {
        m_err << "tokenlab-cli: " << error << '\n';
        return false;
    }
    return true;
}

void CliApp::run(const QStringList &arguments)
{
    const QStringList args = arguments.mid(1);
    if (args.isEmpty()) {
        m_err << usage();
        return finish(Usage);
    }
    const QString command = args.first();
    if (command == u"-h" || command == u"--help" || command == u"help") {
        m_out << usage();
        return finish(Success);
    }
    if (command == u"-v" || command == u"--version") {
        m_out << "tokenlab-cli " << QCoreApplication::applicationVersion() << '\n';
        return finish(Success);
    }
    if (command == u"discover")
        return runDiscover(args);
    if (command == u"profile")
        return runProfile(args.mid(1));
    if (command == u"login")
        return runLogin(args);
    if (command == u"token")
        return runToken(args);
    if (command == u"status")
        return runStatus(args);
    if (command == u"logout")
        return runLogout(args);
    if (command == u"refresh")
        return runRefresh(args);
    if (command == u"decode")
        return runDecode(args);
    if (command == u"call")
        return runCall(args);
    if (command == u"probe")
        return runProbe(args);
    m_err << "tokenlab-cli: unknown command \"" << command << "\".\n\n" << usage();
    finish(Usage);
}

// ---- discover -------------------------------------------------------------

void CliApp::runDiscover(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Fetch ISSUER/.well-known/openid-configuration, check it, and list the endpoints."_s);
    parser.addPositionalArgument(u"ISSUER"_s, u"The issuer URL, e.g. https://example.eu.auth0.com/"_s);
    parser.addOption({u"json"_s, u"Print the whole document as JSON."_s});
    if (!parseOrFinish(parser, args, u"discover"_s))
        return;
    if (parser.positionalArguments().size() != 1) {
        m_err << "tokenlab-cli discover: give exactly one ISSUER URL.\n";
        return finish(Usage);
    }
    const QUrl issuer(parser.positionalArguments().at(0), QUrl::StrictMode);
    if (!issuer.isValid() || issuer.isRelative()) {
        m_err << "tokenlab-cli discover: \"" << parser.positionalArguments().at(0) << "\" is not a URL.\n";
        return finish(Usage);
    }
    const bool json = parser.isSet(u"json"_s);
    connect(m_discovery, &DiscoveryClient::finished, this, [this, json](const DiscoveryResult &r) {
        if (!r.metadata) {
            m_err << "tokenlab-cli discover: " << r.error << '\n';
            return finish(Failure);
        }
        const ProviderMetadata &m = *r.metadata;
        if (json) {
            m_out << QJsonDocument(m.raw).toJson(QJsonDocument::Indented);
            return finish(Success);
        }
        auto line = [this](const char *name, const QString &value) {
            if (!value.isEmpty())
                m_out << QString::fromLatin1(name).leftJustified(24) << value << '\n';
        };
        line("issuer", m.issuer.toString());
        line("authorization_endpoint", m.authorizationEndpoint.toString());
        line("token_endpoint", m.tokenEndpoint.toString());
        line("jwks_uri", m.jwksUri.toString());
        line("userinfo_endpoint", m.userinfoEndpoint.toString());
        line("revocation_endpoint", m.revocationEndpoint.toString());
        line("end_session_endpoint", m.endSessionEndpoint.toString());
        line("pkce", m.codeChallengeMethods.join(u' '));
        line("scopes", m.scopesSupported.join(u' '));
        finish(Success);
    });
    m_err << "Discovering " << issuer.toString() << " …\n";
    m_err.flush();
    m_discovery->fetch(issuer);
}

// ---- profile --------------------------------------------------------------

void CliApp::printProfile(const Profile &p)
{
    auto line = [this](const char *name, const QString &value) {
        m_out << QString::fromLatin1(name).leftJustified(16) << value << '\n';
    };
    line("name", p.name);
    line("kind", p.isSandbox() ? u"sandbox (started by TokenLab on 127.0.0.1)"_s : u"custom"_s);
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
    line("redirect", p.redirectUri(p.redirectPort).toString().replace(u":0/"_s, u":<free port>/"_s));
    line("paths", QStringList{p.publicPath, p.privatePath, p.scopedPath}.join(u' '));
}

void CliApp::runProfile(const QStringList &args)
{
    static const QString help = u"Usage: tokenlab-cli profile add|import|list|show|remove|use ...\n"
                                "Run tokenlab-cli profile add --help (or import) for their options.\n"_s;
    if (args.isEmpty() || args.first() == u"--help" || args.first() == u"-h") {
        (args.isEmpty() ? m_err : m_out) << help;
        return finish(args.isEmpty() ? Usage : Success);
    }
    const QString sub = args.first();
    if (sub == u"add")
        return runProfileAdd(args);
    if (sub == u"import")
        return runProfileImport(args);
    if (!loadProfiles())
        return finish(Failure);
    QString error;
    if (sub == u"list") {
        for (const Profile &p : m_profiles.profiles()) {
            const QString where = p.isSandbox() ? u"(local sandbox tenant)"_s : p.issuer.toString();
            m_out << (p.name == m_profiles.active() ? "* " : "  ") << p.name.leftJustified(20) << ' ' << where << '\n';
        }
        return finish(Success);
    }
    if (sub == u"show" || sub == u"remove" || sub == u"use") {
        if (args.size() != 2) {
            m_err << "tokenlab-cli profile " << sub << ": give exactly one profile NAME.\n";
            return finish(Usage);
        }
        const QString name = args.at(1);
        if (sub == u"show") {
            const auto p = m_profiles.profile(name);
            if (!p) {
                m_err << "tokenlab-cli profile show: there is no profile named \"" << name << "\"; see tokenlab-cli profile list.\n";
                return finish(Failure);
            }
            printProfile(*p);
            return finish(Success);
        }
        const bool ok = sub == u"remove" ? m_profiles.remove(name, &error) : m_profiles.setActive(name, &error);
        if (!ok || !m_profiles.save(&error)) {
            m_err << "tokenlab-cli profile " << sub << ": " << error << '\n';
            return finish(Failure);
        }
        if (sub == u"use") {
            m_err << "Active profile is now " << name << ".\n";
            return finish(Success);
        }
        // A removed profile leaves nothing behind in the keychain either.
        return forgetTokens(name, u"Removed profile %1"_s.arg(name));
    }
    m_err << "tokenlab-cli profile: unknown subcommand \"" << sub << "\".\n" << help;
    finish(Usage);
}

void CliApp::runProfileAdd(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Add a profile, or replace the one with the same NAME."_s);
    parser.addPositionalArgument(u"NAME"_s, u"Profile name (letters, digits, . _ -)."_s);
    parser.addOptions({
        {u"issuer"_s, u"The issuer URL (https://…/)."_s, u"URL"_s},
        {u"domain"_s, u"An Auth0 domain; the issuer becomes https://HOST/."_s, u"HOST"_s},
        {u"client-id"_s, u"The application's client ID."_s, u"ID"_s},
        {u"audience"_s, u"The API identifier, sent as audience (Auth0)."_s, u"A"_s},
        {u"resource"_s, u"A resource indicator (RFC 8707)."_s, u"URI"_s},
        {u"scope"_s, u"Scopes to request (default \"openid profile email\")."_s, u"S"_s},
        {u"api-base"_s, u"Base URL of the API to call."_s, u"URL"_s},
        {u"redirect-port"_s, u"Fixed loopback port for the redirect (0: a free one)."_s, u"N"_s},
        {u"redirect-host"_s, u"127.0.0.1 (default), ::1 or localhost."_s, u"HOST"_s},
        {u"param"_s, u"An extra authorize parameter; repeatable."_s, u"KEY=VALUE"_s},
        {u"alg"_s, u"A signature algorithm the inspector accepts (default: what the issuer advertises); repeatable."_s, u"ALG"_s},
        {u"grant"_s, u"authorization-code (default) or client-credentials (machine to machine)."_s, u"GRANT"_s},
        {u"client-secret-stdin"_s, u"Client credentials: read the client secret from stdin (kept in the keychain only)."_s},
        {u"client-secret-env"_s, u"Client credentials: read the client secret from this environment variable."_s, u"VAR"_s},
        {u"client-auth"_s, u"Client credentials: client_secret_post (default) or client_secret_basic."_s, u"METHOD"_s},
        {u"refresh-before"_s, u"Refresh this many seconds before expiry (default 60)."_s, u"S"_s},
    });
    if (!parseOrFinish(parser, args, u"profile add"_s))
        return;
    if (parser.positionalArguments().size() != 1) {
        m_err << "tokenlab-cli profile add: give exactly one profile NAME.\n";
        return finish(Usage);
    }
    Profile p;
    p.name = parser.positionalArguments().first();
    QString error;
    if (parser.isSet(u"issuer"_s) == parser.isSet(u"domain"_s)) {
        m_err << "tokenlab-cli profile add: give either --issuer URL or --domain HOST.\n";
        return finish(Usage);
    }
    if (parser.isSet(u"domain"_s)) {
        const auto issuer = Profile::issuerFromDomain(parser.value(u"domain"_s), &error);
        if (!issuer) {
            m_err << "tokenlab-cli profile add: " << error << '\n';
            return finish(Usage);
        }
        p.issuer = *issuer;
    } else {
        p.issuer = QUrl(parser.value(u"issuer"_s), QUrl::StrictMode);
    }
    p.clientId = parser.value(u"client-id"_s);
    p.audience = parser.value(u"audience"_s);
    p.resource = parser.value(u"resource"_s);
    if (parser.isSet(u"scope"_s))
        p.scope = parser.value(u"scope"_s);
    if (parser.isSet(u"api-base"_s))
        p.apiBase = QUrl(parser.value(u"api-base"_s), QUrl::StrictMode);
    if (parser.isSet(u"redirect-host"_s))
        p.redirectHost = parser.value(u"redirect-host"_s);
    if (parser.isSet(u"redirect-port"_s)) {
        bool ok = false;
        const int port = parser.value(u"redirect-port"_s).toInt(&ok);
        if (!ok || port < 0 || port > 65535) {
            m_err << "tokenlab-cli profile add: Redirect port: \"" << parser.value(u"redirect-port"_s)
                  << "\" is not a port number from 0 to 65535.\n";
            return finish(Usage);
        }
        p.redirectPort = quint16(port);
    }
    p.allowedAlgorithms = parser.values(u"alg"_s);
    const QString grant = parser.value(u"grant"_s);
    if (!grant.isEmpty() && grant != u"authorization-code" && grant != u"client-credentials") {
        m_err << "tokenlab-cli profile add: --grant must be authorization-code or client-credentials.\n";
        return finish(Usage);
    }
    p.grant = grant == u"client-credentials" ? Profile::Grant::ClientCredentials : Profile::Grant::AuthorizationCode;
    const QString auth = parser.value(u"client-auth"_s);
    if (!auth.isEmpty() && auth != u"client_secret_post" && auth != u"client_secret_basic") {
        m_err << "tokenlab-cli profile add: --client-auth must be client_secret_post or client_secret_basic.\n";
        return finish(Usage);
    }
    p.clientAuth = auth == u"client_secret_basic" ? Profile::ClientAuth::Basic : Profile::ClientAuth::Post;
    if (parser.isSet(u"refresh-before"_s)) {
        bool okBefore = false;
        p.refreshBeforeSeconds = parser.value(u"refresh-before"_s).toInt(&okBefore);
        if (!okBefore)
            p.refreshBeforeSeconds = -1; // refused by validate() with its sentence
    }
    QString secret;
    if (p.isMachineToMachine()) {
        if (parser.isSet(u"client-secret-stdin"_s) == parser.isSet(u"client-secret-env"_s)) {
            m_err << "tokenlab-cli profile add: a client-credentials profile needs its secret from --client-secret-stdin or "
                     "--client-secret-env VAR (never on the command line).\n";
            return finish(Usage);
        }
        if (parser.isSet(u"client-secret-stdin"_s)) {
            QFile in;
            if (in.open(stdin, QIODevice::ReadOnly))
                secret = QString::fromUtf8(in.read(8192)).trimmed();
        } else {
            secret = qEnvironmentVariable(parser.value(u"client-secret-env"_s).toLocal8Bit().constData()).trimmed();
        }
        if (secret.isEmpty()) {
            m_err << "tokenlab-cli profile add: the client secret is empty.\n";
            return finish(Usage);
        }
    } else if (parser.isSet(u"client-secret-stdin"_s) || parser.isSet(u"client-secret-env"_s)) {
        m_err << "tokenlab-cli profile add: a client secret goes with --grant client-credentials only; a native app has none.\n";
        return finish(Usage);
    }
    for (const QString &kv : parser.values(u"param"_s)) {
        const qsizetype eq = kv.indexOf(u'=');
        if (eq <= 0) {
            m_err << "tokenlab-cli profile add: --param \"" << kv << "\" is not KEY=VALUE.\n";
            return finish(Usage);
        }
        p.extraParams.append({kv.left(eq), kv.mid(eq + 1)});
    }
    if (!loadProfiles())
        return finish(Failure);
    const bool replacing = m_profiles.profile(p.name).has_value();
    if (!m_profiles.upsert(p, &error)) {
        m_err << "tokenlab-cli profile add: " << error << '\n';
        return finish(Usage);
    }
    if (!m_profiles.save(&error)) {
        m_err << "tokenlab-cli profile add: " << error << '\n';
        return finish(Failure);
    }
    m_err << (replacing ? "Replaced profile " : "Added profile ") << p.name << ".\n";
    if (secret.isEmpty())
        return finish(Success);
    connect(m_store, &TokenStore::secretSaved, this, [this, name = p.name](const QString &profile, TokenStoreError e, const QString &message) {
        if (profile != name)
            return;
        if (e != TokenStoreError::None) {
            m_err << "tokenlab-cli profile add: the client secret could not be kept: " << message << '\n';
            return finish(Failure);
        }
        m_err << "Kept the client secret in " << m_store->backendName() << ".\n";
        finish(Success);
    });
    m_store->saveSecret(p.name, secret);
}

void CliApp::runProfileImport(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Import a profile from an Auth0 sample's auth_config.json, or from AUTH0_DOMAIN, "
                                     "AUTH0_CLIENT_ID and AUTH0_AUDIENCE in the environment."_s);
    parser.addPositionalArgument(u"NAME"_s, u"Profile name."_s);
    parser.addOptions({{u"auth-config"_s, u"Path to auth_config.json."_s, u"FILE"_s},
                       {u"from-env"_s, u"Read AUTH0_* variables."_s}});
    if (!parseOrFinish(parser, args, u"profile import"_s))
        return;
    if (parser.positionalArguments().size() != 1 || parser.isSet(u"auth-config"_s) == parser.isSet(u"from-env"_s)) {
        m_err << "tokenlab-cli profile import: give a NAME and either --auth-config FILE or --from-env.\n";
        return finish(Usage);
    }
    const QString name = parser.positionalArguments().first();
    QString error;
    std::optional<Profile> p;
    if (parser.isSet(u"from-env"_s)) {
        p = ProfileStore::fromEnvironment(QProcessEnvironment::systemEnvironment(), name, &error);
    } else {
        QFile file(parser.value(u"auth-config"_s));
        if (!file.open(QIODevice::ReadOnly)) {
            m_err << "tokenlab-cli profile import: cannot read " << file.fileName() << ": " << file.errorString() << '\n';
            return finish(Failure);
        }
        p = ProfileStore::fromAuth0Config(file.read(1024 * 1024), name, &error);
    }
    if (!p || !loadProfiles() || !m_profiles.upsert(*p, &error) || !m_profiles.save(&error)) {
        m_err << "tokenlab-cli profile import: " << error << '\n';
        return finish(Failure);
    }
    m_err << "Imported profile " << name << " (" << p->issuer.toString() << ").\n";
    finish(Success);
}

// ---- login ----------------------------------------------------------------

void CliApp::openBrowser(const QUrl &url, bool launch)
{
    m_err << "Sign in with your browser. If it does not open, visit:\n  " << url.toString(QUrl::FullyEncoded) << '\n';
    m_err.flush();
    if (!launch)
        return;
    QString error;
    if (auto command = ExternalBrowser::commandFromEnvironment(url)) {
        if (!ExternalBrowser::launch(*command, &error))
            m_err << "tokenlab-cli: " << error << " Open the URL above by hand.\n";
        return;
    }
    const QString xdgOpen = QStandardPaths::findExecutable(u"xdg-open"_s);
    const bool display = qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
    if (!xdgOpen.isEmpty() && display && !ExternalBrowser::launch({xdgOpen, QString::fromLatin1(url.toEncoded())}, &error))
        m_err << "tokenlab-cli: " << error << '\n';
}

void CliApp::runLogin(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Sign in through the browser with the authorization code flow and PKCE. "
                                     "Honours $BROWSER (a command that gets the URL). Prints the subject, granted "
                                     "scopes and expiry; never the tokens."_s);
    parser.addOptions({
        {u"profile"_s, u"The profile to use (default: the active one)."_s, u"NAME"_s},
        {u"timeout"_s, u"Seconds to wait for the browser (default 300)."_s, u"SECONDS"_s},
        {u"no-browser"_s, u"Only print the URL; do not start a browser."_s},
        {u"auto-approve"_s, u"Sandbox profile only: skip the sandbox's pages as USER (alice or bob), consenting to all or the listed scopes."_s,
         u"USER[:scope,...]"_s},
        {u"switch-user"_s, u"Ask the issuer to show its sign-in again (prompt=login), to sign in as someone else."_s},
        {u"max-age"_s, u"Ask for a sign-in no older than this many seconds (max_age)."_s, u"S"_s},
    });
    if (!parseOrFinish(parser, args, u"login"_s))
        return;
    if (!parser.positionalArguments().isEmpty()) {
        m_err << "tokenlab-cli login: unexpected argument \"" << parser.positionalArguments().first() << "\".\n";
        return finish(Usage);
    }
    LoginFlow::Options options;
    if (parser.isSet(u"timeout"_s)) {
        bool ok = false;
        const int seconds = parser.value(u"timeout"_s).toInt(&ok);
        if (!ok || seconds < 1 || seconds > 3600) {
            m_err << "tokenlab-cli login: --timeout must be 1 to 3600 seconds.\n";
            return finish(Usage);
        }
        options.timeout = std::chrono::seconds(seconds);
    }
    if (parser.isSet(u"switch-user"_s))
        options.extraParams.append({u"prompt"_s, u"login"_s});
    if (parser.isSet(u"max-age"_s)) {
        bool okAge = false;
        const int age = parser.value(u"max-age"_s).toInt(&okAge);
        if (!okAge || age < 0) {
            m_err << "tokenlab-cli login: --max-age must be a number of seconds.\n";
            return finish(Usage);
        }
        options.extraParams.append({u"max_age"_s, QString::number(age)});
    }
    auto profile = chosenProfile(parser, u"login"_s);
    if (!profile)
        return;
    const QString name = profile->name;
    if (parser.isSet(u"auto-approve"_s) && !profile->isSandbox()) {
        m_err << "tokenlab-cli login: --auto-approve works only with the sandbox profile.\n";
        return finish(Usage);
    }
    if (profile->isSandbox()) {
        SandboxConfig config = SandboxConfig::continuing(); // the key and ports of the last run, so earlier tokens stay valid
        QString error;
        if (parser.isSet(u"auto-approve"_s)) {
            config.autoApprove = AutoApprove::parse(parser.value(u"auto-approve"_s), &error);
            if (!config.autoApprove) {
                m_err << "tokenlab-cli login: " << error << '\n';
                return finish(Usage);
            }
        }
        m_sandbox = std::make_unique<SandboxTenant>(config);
        if (!m_sandbox->start()) {
            m_err << "tokenlab-cli login: " << m_sandbox->errorString() << '\n';
            return finish(Failure);
        }
        profile = m_sandbox->profileFor(*profile);
        m_err << "Started the sandbox tenant at " << profile->issuer.toString()
              << " (it runs only while this command does).\n";
    }

    m_flow = new LoginFlow(m_network, m_discovery, m_store, systemClock(), this);
    const bool launch = !parser.isSet(u"no-browser"_s);
    connect(m_flow, &LoginFlow::progress, this, [this](const QString &line) {
        m_err << line << '\n';
        m_err.flush();
    });
    connect(m_flow, &LoginFlow::openBrowserRequested, this, [this, launch](const QUrl &url) { openBrowser(url, launch); });
    connect(m_flow, &LoginFlow::finished, this, [this](const LoginResult &r) {
        if (!r.ok) {
            m_err << "tokenlab-cli login: " << r.error << '\n';
            return finish(r.cancelled ? Interrupted : Failure);
        }
        const QDateTime now = QDateTime::currentDateTimeUtc();
        auto line = [this](const char *key, const QString &value) {
            m_out << QString::fromLatin1(key).leftJustified(14) << value << '\n';
        };
        line("profile", r.profile);
        line("subject", r.subject.isEmpty() ? u"(no id_token)"_s : r.subject);
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
            line("audience", access.kind == JwtKind::Jwe ? u"(encrypted access token)"_s : u"(opaque access token)"_s);
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
            line("expires", r.tokens.expiresAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss t"_s) + u" (in "_s
                                    + TimeFormat::duration(now.secsTo(r.tokens.expiresAt)) + u')');
        line("refresh", r.tokens.refreshToken.isEmpty() ? u"no refresh token"_s : u"refresh token issued"_s);
        if (!r.idToken.checks.isEmpty()) {
            QStringList checks;
            for (const ClaimCheck &c : r.idToken.checks) {
                checks << c.name + (c.result == ClaimCheck::Result::Passed ? u" ok"_s
                                    : c.result == ClaimCheck::Result::Failed ? u" FAILED"_s : u" not verified"_s);
            }
            line("id_token", checks.join(u", "));
        }
        if (!r.storageWarning.isEmpty())
            m_err << "Warning: " << r.storageWarning << '\n';
        finish(Success);
    });
    m_flow->start(*profile, options);
}

// ---- token, status ----------------------------------------------------------

void CliApp::runToken(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Print one stored token of a profile on stdout, for scripts: "
                                     "curl -H \"Authorization: Bearer $(tokenlab-cli token)\" ..."_s);
    parser.addOptions({
        {u"profile"_s, u"The profile (default: the active one)."_s, u"NAME"_s},
        {u"field"_s, u"access_token (default), id_token or refresh_token."_s, u"FIELD"_s, u"access_token"_s},
    });
    if (!parseOrFinish(parser, args, u"token"_s))
        return;
    const QString field = parser.value(u"field"_s);
    if (field != u"access_token" && field != u"id_token" && field != u"refresh_token") {
        m_err << "tokenlab-cli token: --field must be access_token, id_token or refresh_token, not \"" << field << "\".\n";
        return finish(Usage);
    }
    if (!loadProfiles())
        return finish(Failure);
    const QString name = parser.isSet(u"profile"_s) ? parser.value(u"profile"_s) : m_profiles.active();
    if (!m_profiles.profile(name)) {
        m_err << "tokenlab-cli token: there is no profile named \"" << name << "\"; see tokenlab-cli profile list.\n";
        return finish(Usage);
    }
    connect(m_store, &TokenStore::loaded, this,
            [this, name, field](const QString &profile, const std::optional<TokenSet> &t, TokenStoreError e, const QString &message) {
                if (profile != name)
                    return;
                if (e == TokenStoreError::NotFound || (t && t->isEmpty())) {
                    m_err << "tokenlab-cli token: no tokens are stored for the profile \"" << name
                          << "\"; run tokenlab-cli login --profile " << name << ".\n";
                    return finish(Failure);
                }
                if (!t) {
                    m_err << "tokenlab-cli token: " << message << '\n';
                    return finish(Failure);
                }
                const QString value = field == u"id_token" ? t->idToken : field == u"refresh_token" ? t->refreshToken : t->accessToken;
                if (value.isEmpty()) {
                    m_err << "tokenlab-cli token: the profile \"" << name << "\" has no " << field << ".\n";
                    return finish(Failure);
                }
                const QDateTime now = QDateTime::currentDateTimeUtc();
                if (field == u"access_token" && t->isExpired(now))
                    m_err << "Warning: this access token expired " << TimeFormat::duration(t->expiresAt.secsTo(now)) << " ago.\n";
                m_out << value << '\n';
                finish(Success);
            });
    m_store->load(name);
}

void CliApp::runStatus(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"List the profiles with their signed-in state and expiry. Never prints tokens."_s);
    if (!parseOrFinish(parser, args, u"status"_s))
        return;
    if (!loadProfiles())
        return finish(Failure);
    m_err << "Tokens are kept in " << m_store->backendName() << ".\n";
    auto remaining = std::make_shared<QStringList>();
    for (const Profile &p : m_profiles.profiles())
        *remaining << p.name;
    auto lines = std::make_shared<QHash<QString, QString>>();
    auto failure = std::make_shared<QString>();
    connect(m_store, &TokenStore::loaded, this,
            [this, remaining, lines, failure](const QString &profile, const std::optional<TokenSet> &t, TokenStoreError e,
                                              const QString &message) {
                if (!remaining->contains(profile))
                    return;
                remaining->removeAll(profile);
                const QDateTime now = QDateTime::currentDateTimeUtc();
                QString state;
                if (t && !t->isEmpty()) {
                    if (t->isExpired(now))
                        state = u"expired %1 ago"_s.arg(TimeFormat::duration(t->expiresAt.secsTo(now)));
                    else if (t->expiresAt.isValid())
                        state = u"signed in, expires in %1 (%2)"_s.arg(TimeFormat::duration(now.secsTo(t->expiresAt)),
                                                                       t->expiresAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s));
                    else
                        state = u"signed in"_s;
                    if (!t->refreshToken.isEmpty())
                        state += u", refresh token kept"_s;
                } else if (e == TokenStoreError::NotFound) {
                    state = u"not signed in"_s;
                } else {
                    state = u"unknown: "_s + message;
                    *failure = message;
                }
                lines->insert(profile, state);
                if (!remaining->isEmpty())
                    return;
                for (const Profile &p : m_profiles.profiles())
                    m_out << (p.name == m_profiles.active() ? "* " : "  ") << p.name.leftJustified(20) << ' ' << lines->value(p.name) << '\n';
                if (!failure->isEmpty())
                    m_err << "tokenlab-cli status: " << *failure << '\n';
                finish(failure->isEmpty() ? Success : Failure);
            });
    const QStringList names = *remaining;
    for (const QString &name : names)
        m_store->load(name);
}

void CliApp::forgetTokens(const QString &name, const QString &done)
{
    connect(m_store, &TokenStore::removed, this, [this, name, done](const QString &profile, TokenStoreError e, const QString &message) {
        if (profile != name)
            return;
        if (e != TokenStoreError::None) {
            m_err << "tokenlab-cli: " << done << ", but its tokens could not be deleted from the keychain: " << message << '\n';
            return finish(Failure);
        }
        m_err << done << " and deleted its tokens from " << m_store->backendName() << ".\n";
        finish(Success);
    });
    m_store->remove(name);
}

void CliApp::runLogout(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Log out of a profile: revoke its refresh token where the issuer offers revocation, "
                                     "delete its tokens from the keychain, and with --end-session also end the browser "
                                     "session at the issuer (through $BROWSER, back to a loopback address)."_s);
    parser.addOptions({{u"profile"_s, u"The profile (default: the active one)."_s, u"NAME"_s},
                       {u"end-session"_s, u"Also end the browser session at the issuer."_s},
                       {u"no-browser"_s, u"With --end-session: only print the URL."_s}});
    if (!parseOrFinish(parser, args, u"logout"_s))
        return;
    const auto profile = chosenProfile(parser, u"logout"_s);
    if (!profile)
        return;
    const QString name = profile->name;
    if (profile->isSandbox())
        return forgetTokens(name, u"Logged out of %1"_s.arg(name)); // its tenant lives only inside tokenlab
    const bool endSession = parser.isSet(u"end-session"_s);
    const bool launch = !parser.isSet(u"no-browser"_s);
    connect(m_store, &TokenStore::loaded, this,
            [this, profile, endSession, launch](const QString &p, const std::optional<TokenSet> &t, TokenStoreError, const QString &) {
                if (p != profile->name)
                    return;
                auto *flow = new LogoutFlow(m_network, m_discovery, m_store, this);
                connect(flow, &LogoutFlow::openBrowserRequested, this, [this, launch](const QUrl &url) { openBrowser(url, launch); });
                connect(flow, &LogoutFlow::finished, this, [this](const LogoutResult &r) {
                    for (const ClaimCheck &s : r.steps) {
                        const char *mark = s.result == ClaimCheck::Result::Passed ? "ok  " : s.result == ClaimCheck::Result::Failed ? "FAIL" : "--  ";
                        m_out << mark << ' ' << s.name.leftJustified(12) << s.detail << '\n';
                    }
                    finish(r.ok() ? Success : Failure);
                });
                flow->start(*profile, t, endSession);
            });
    m_store->load(name);
}

void CliApp::runRefresh(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Renew the profile's access token now: with its refresh token, or, for a "
                                     "machine-to-machine profile, with its client credentials. --scope narrows the scopes."_s);
    parser.addOptions({{u"profile"_s, u"The profile (default: the active one)."_s, u"NAME"_s},
                       {u"scope"_s, u"Ask for fewer scopes than were granted (RFC 6749 6)."_s, u"S"_s}});
    if (!parseOrFinish(parser, args, u"refresh"_s))
        return;
    const auto profile = chosenProfile(parser, u"refresh"_s);
    if (!profile)
        return;
    const QString name = profile->name;
    if (profile->isSandbox()) {
        m_err << "tokenlab-cli refresh: the sandbox profile's tenant lives only inside tokenlab; use a profile that points at a running tokenlab-sandbox.\n";
        return finish(Usage);
    }
    const QString scope = parser.value(u"scope"_s);
    withFreshTokens(*profile, true, scope, [this](const std::optional<TokenSet> &t) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        m_out << QStringLiteral("scopes").leftJustified(14) << t->grantedScope << '\n';
        if (t->expiresAt.isValid())
            m_out << QStringLiteral("expires").leftJustified(14) << t->expiresAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss t"_s)
                  << " (in " << TimeFormat::duration(now.secsTo(t->expiresAt)) << ")\n";
        finish(Success);
    });
}

void CliApp::withFreshTokens(const Profile &profile, bool force, const QString &scope,
                             std::function<void(const std::optional<TokenSet> &)> then)
{
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(m_store, &TokenStore::loaded, this,
                          [this, profile, force, scope, then, connection](const QString &p, const std::optional<TokenSet> &t,
                                                                          TokenStoreError e, const QString &message) {
                              if (p != profile.name)
                                  return;
                              disconnect(*connection);
                              if (!t && e != TokenStoreError::NotFound) {
                                  m_err << "tokenlab-cli: " << message << '\n';
                                  return finish(Failure);
                              }
                              const bool expired = t && t->isExpired(QDateTime::currentDateTimeUtc());
                              if (!force && (!t || !expired))
                                  return then(t);
                              if (!t) {
                                  m_err << "tokenlab-cli: no tokens are stored for \"" << profile.name << "\"; log in first.\n";
                                  return finish(Failure);
                              }
                              auto *lifecycle = new TokenLifecycle(m_network, m_discovery, m_store, systemClock(), this);
                              lifecycle->setAutoRefresh(false);
                              lifecycle->track(profile, *t);
                              if (!lifecycle->canRefresh(profile.name)) {
                                  if (force) {
                                      m_err << "tokenlab-cli: there is no refresh token for \"" << profile.name
                                            << "\"; log in again (ask for offline_access to get one).\n";
                                      return finish(Failure);
                                  }
                                  return then(t); // expired and not renewable: the caller says so
                              }
                              if (!force)
                                  m_err << "The access token had expired; refreshing it first.\n";
                              connect(lifecycle, &TokenLifecycle::refreshed, this,
                                      [this, then, t, force](const QString &, const RefreshResult &r) {
                                          if (!r.ok) {
                                              m_err << "tokenlab-cli: " << r.error << '\n';
                                              if (force || r.sessionEnded)
                                                  return finish(Failure);
                                              return then(t);
                                          }
                                          if (!r.storageWarning.isEmpty())
                                              m_err << "Warning: " << r.storageWarning << '\n';
                                          then(r.tokens);
                                      });
                              lifecycle->refreshNow(profile.name, scope);
                          });
    m_store->load(profile.name);
}
