// tokenlab-sandbox: the sandbox tenant alone, for scripts, tests and users who
// want to point another client at it. Prints one JSON line once it listens.
#include "sandbox/sandboxtenant.h"
#include "util/terminationsignals.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "tokenlab-sandbox: %s\n", qPrintable(message));
    return 2;
}

std::optional<int> intOption(const QCommandLineParser &p, const QString &name, int min, int max, QString *error)
{
    if (!p.isSet(name))
        return std::nullopt;
    bool ok = false;
    const int v = p.value(name).toInt(&ok);
    if (!ok || v < min || v > max)
        *error = u"--%1 must be a whole number from %2 to %3, not \"%4\"."_s.arg(name).arg(min).arg(max).arg(p.value(name));
    return v;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"tokenlab-sandbox"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(TOKENLAB_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
            u"Runs TokenLab's sandbox tenant on 127.0.0.1: an OpenID provider with demo users and the quickstart "
            "sample API. Prints one JSON line (issuer, api_base_url, audience, client_id, m2m_client_id, "
            "m2m_client_secret) once it listens; stops on Ctrl+C or SIGTERM."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({u"port"_s, u"Port of the authorization server (0 picks a free port)."_s, u"N"_s, u"0"_s});
    parser.addOption({u"api-port"_s, u"Port of the sample API (0 picks a free port)."_s, u"N"_s, u"0"_s});
    parser.addOption({u"token-lifetime"_s, u"Lifetime of access and ID tokens in seconds (default 3600)."_s, u"SECONDS"_s});
    parser.addOption({u"auto-approve"_s,
                      u"Skip the login and consent pages: sign in as USER (alice or bob) and consent to all the "
                      "scopes that user may have, or only those listed."_s,
                      u"USER[:scope,scope...]"_s});
    parser.process(app);
    if (!parser.positionalArguments().isEmpty())
        return fail(u"unexpected argument \"%1\"; see --help."_s.arg(parser.positionalArguments().first()));

    SandboxConfig config;
    QString error;
    if (const auto port = intOption(parser, u"port"_s, 0, 65535, &error))
        config.port = quint16(*port);
    if (const auto port = intOption(parser, u"api-port"_s, 0, 65535, &error))
        config.apiPort = quint16(*port);
    if (const auto lifetime = intOption(parser, u"token-lifetime"_s, 1, 365 * 24 * 3600, &error))
        config.tokenLifetimeSeconds = *lifetime;
    if (!error.isEmpty())
        return fail(error);
    if (parser.isSet(u"auto-approve"_s)) {
        config.autoApprove = AutoApprove::parse(parser.value(u"auto-approve"_s), &error);
        if (!config.autoApprove)
            return fail(error);
    }

    SandboxTenant tenant(config);
    if (!tenant.start())
        return fail(tenant.errorString());
    TerminationSignals::quitOnSignal(&app);
    const QByteArray line = QJsonDocument(tenant.info()).toJson(QJsonDocument::Compact);
    std::fprintf(stdout, "%s\n", line.constData());
    std::fflush(stdout);
    return app.exec();
}
