#include "cliapp.h"
#include "discoveryclient.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QCoreApplication>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

struct Subcommand
{
    const char *name;
    const char *synopsis;
    const char *summary;
};

const Subcommand subcommands[] = {
    {"discover", "discover ISSUER", "Fetch and check an issuer's OpenID discovery document"},
};

} // namespace

CliApp::CliApp(QNetworkAccessManager *network, QTextStream &out, QTextStream &err, QObject *parent)
    : QObject(parent), m_network(network), m_discovery(new DiscoveryClient(network, this)), m_out(out), m_err(err)
{
}

QString CliApp::usage()
{
    QString text = u"Usage: tokenlab-cli COMMAND [options]\n\n"
                   "TokenLab's headless front end: the same core as the desktop app, for scripts and CI.\n\n"
                   "Commands:\n"_s;
    for (const Subcommand &c : subcommands)
        text += u"  %1%2\n"_s.arg(QString::fromLatin1(c.synopsis), -28).arg(QString::fromLatin1(c.summary));
    text += u"\nOptions:\n  -h, --help                  Show this help, or a command's with COMMAND --help\n"
            "  -v, --version               Show the version\n\n"
            "Exit status: 0 on success, 1 when the operation failed, 2 on a usage error.\n"_s;
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
    m_err << "tokenlab-cli: unknown command \"" << command << "\".\n\n" << usage();
    finish(Usage);
}

void CliApp::runDiscover(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Fetch ISSUER/.well-known/openid-configuration, check it, and list the endpoints."_s);
    parser.addHelpOption();
    parser.addPositionalArgument(u"ISSUER"_s, u"The issuer URL, e.g. https://example.eu.auth0.com/"_s);
    parser.addOption({u"json"_s, u"Print the whole document as JSON."_s});
    if (!parser.parse(args)) {
        m_err << "tokenlab-cli discover: " << parser.errorText() << '\n';
        return finish(Usage);
    }
    if (parser.isSet(u"help"_s)) {
        m_out << parser.helpText();
        return finish(Success);
    }
    // QCommandLineParser takes args[0] ("discover") as the program name.
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
