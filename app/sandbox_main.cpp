// SPDX-License-Identifier: MIT
// tokenlab-sandbox: the sandbox tenant alone, for scripts, tests and users who
// want to point another client at it. Prints one JSON line once it listens.
#include "sandbox/sandboxtenant.h"
#include "util/manpage.h"
#include "util/translations.h"
#include "util/terminationsignals.h"

#include "appinfo.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <chrono>
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
    QCoreApplication::setOrganizationName(AppInfo::Organization);
    QCoreApplication::setOrganizationDomain(AppInfo::OrganizationDomain);
    QCoreApplication::setApplicationVersion(AppInfo::Version);
    Translations::install(); // the system locale's language, when TokenLab speaks it

    const QString description =
            QCoreApplication::translate("TokenLabSandbox", "Runs TokenLab's sandbox tenant on 127.0.0.1: an OpenID provider with demo users and the quickstart "
            "sample API. Prints one JSON line (issuer, api_base_url, audience, client_id, m2m_client_id, "
            "m2m_client_secret, registration_endpoint) once it listens; stops on Ctrl+C or SIGTERM.");
    const QList<QCommandLineOption> options{
        {u"port"_s, QCoreApplication::translate("TokenLabSandbox", "Port of the authorization server (0 picks a free port)."), u"N"_s, u"0"_s},
        {u"api-port"_s, QCoreApplication::translate("TokenLabSandbox", "Port of the sample API (0 picks a free port)."), u"N"_s, u"0"_s},
        {u"token-lifetime"_s, QCoreApplication::translate("TokenLabSandbox", "Lifetime of access and ID tokens in seconds (default 3600)."), u"SECONDS"_s},
        {u"key-from-keychain"_s,
         QCoreApplication::translate("TokenLabSandbox", "Sign with the key that tokenlab and tokenlab-cli keep in the OS keychain (service TokenLab, "
         "entry sandbox-signing-key; created there when there is none), so that its tokens verify "
         "after a restart and tokenlab-cli probe --mint can sign with it. Only the key: the ports "
         "still come from --port and --api-port, and the ports the app remembers are neither used nor "
         "changed, so keep --port the same when the issuer URL must stay the same. The JSON line is "
         "printed once the key is loaded and adds \"kid\" and \"signing_key\" (\"keychain\" or "
         "\"new-in-keychain\"); exits 2 when the keychain cannot give or keep the key.")},
        {u"auto-approve"_s,
         QCoreApplication::translate("TokenLabSandbox", "Skip the login and consent pages: sign in as USER (alice or bob) and consent to all the "
         "scopes that user may have, or only those listed."),
         u"USER[:scope,scope...]"_s},
        {u"require-par"_s,
         QCoreApplication::translate("TokenLabSandbox", "Accept only pushed authorization requests (RFC 9126): /authorize refuses plain ones, and "
         "discovery says require_pushed_authorization_requests.")},
        {u"dpop-nonce"_s,
         QCoreApplication::translate("TokenLabSandbox", "Make the token endpoint and the sample API demand a server nonce in DPoP proofs "
         "(RFC 9449 8 and 9); nonces rotate every 60 seconds.")},
        {u"api-dpop"_s,
         QCoreApplication::translate("TokenLabSandbox", "How the sample API treats DPoP: \"allowed\" (the default: Bearer and DPoP tokens) or "
         "\"required\" (DPoP-bound tokens with a proof only)."),
         u"MODE"_s},
    };
    // Hidden: the man page the build installs, from the same text as --help.
    QCommandLineOption manPageOption(u"man-page"_s, QCoreApplication::translate("TokenLabSandbox", "Print this program's man page (roff)."));
    manPageOption.setFlags(QCommandLineOption::HiddenFromHelp);

    QCommandLineParser parser;
    parser.setApplicationDescription(description);
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    parser.addOptions(options);
    parser.addOption(manPageOption);
    parser.process(app);
    if (parser.isSet(manPageOption)) {
        ManPage page(u"tokenlab-sandbox"_s, u"the TokenLab sandbox tenant on its own"_s, AppInfo::ReleaseDate,
                     AppInfo::DisplayName + u' ' + AppInfo::Version);
        page.addSynopsis(u"[options]"_s);
        page.addSection(u"Description"_s);
        page.addParagraph(description);
        page.addSection(u"Options"_s);
        page.addOptions(QList<QCommandLineOption>{help, version} + options);
        page.addSection(u"See also"_s);
        page.addParagraph(u"tokenlab(1), tokenlab-cli(1). "_s + AppInfo::Homepage);
        std::fputs(page.roff().toUtf8().constData(), stdout);
        return 0;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(QCoreApplication::translate("TokenLabSandbox", "unexpected argument \"%1\"; see --help.").arg(parser.positionalArguments().first()));

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

    config.switches.requirePar = parser.isSet(u"require-par"_s);
    config.switches.dpopNonce = parser.isSet(u"dpop-nonce"_s);
    if (parser.isSet(u"api-dpop"_s)) {
        const auto mode = parseApiDpopMode(parser.value(u"api-dpop"_s), &error);
        if (!mode)
            return fail(error);
        config.switches.apiDpop = *mode;
    }

    const bool keyFromKeychain = parser.isSet(u"key-from-keychain"_s);
    if (keyFromKeychain) {
        // Only the key: the ports file belongs to the app's and the CLI's
        // tenant, whose issuer URL (and so its tokens) would move if this
        // process took or rewrote its ports.
        // TOKENLAB_KEYCHAIN_TIMEOUT_MS shortens the wait, as in the app.
        const int timeout = qEnvironmentVariableIntValue("TOKENLAB_KEYCHAIN_TIMEOUT_MS");
        SandboxContinuity continuity = SandboxContinuity::forCurrentUser(std::chrono::milliseconds(timeout > 0 ? timeout : 15000));
        continuity.portsFile.clear();
        continuity.clientsFile.clear(); // registered clients, likewise, stay in this run's memory
        config.continuity = continuity;
    }

    SandboxTenant tenant(config);
    if (!tenant.start())
        return fail(tenant.errorString());
    TerminationSignals::quitOnSignal(&app);
    auto printInfo = [](const QJsonObject &info) {
        const QByteArray line = QJsonDocument(info).toJson(QJsonDocument::Compact);
        std::fprintf(stdout, "%s\n", line.constData());
        std::fflush(stdout);
    };
    if (!keyFromKeychain) {
        printInfo(tenant.info());
        return app.exec();
    }
    // The line promises the kept key, so it waits for it. A key for this run
    // only (the keychain could not be read, or did not keep a new key) would
    // sign tokens that no other TokenLab process can verify or mint: stop.
    int status = 0;
    QObject::connect(&tenant, &SandboxTenant::keyReady, &app, [&] {
        const TenantKey::State state = tenant.keyState();
        if (state != TenantKey::State::FromKeychain && state != TenantKey::State::NewSaved) {
            QString sentence = QCoreApplication::translate("TokenLabSandbox", "--key-from-keychain: the sandbox would sign with %1").arg(tenant.keyNote());
            if (!sentence.endsWith(u'.'))
                sentence += u'.';
            status = fail(sentence);
            QCoreApplication::exit(status);
            return;
        }
        QJsonObject info = tenant.info();
        info.insert(u"kid"_s, tenant.signingKey().kid());
        info.insert(u"signing_key"_s, state == TenantKey::State::FromKeychain ? u"keychain"_s : u"new-in-keychain"_s);
        printInfo(info);
    });
    const int code = app.exec();
    return status ? status : code;
}
