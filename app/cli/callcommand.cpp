#include "cli/callcommand.h"
#include "cli/commandcontext.h"
#include "api/apiclient.h"
#include "storage/tokenstore.h"
#include "util/clock.h"

#include <QCommandLineParser>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;

QString CallCommand::name() const
{
    return u"call"_s;
}

QString CallCommand::synopsis() const
{
    return u"PATH|URL ..."_s;
}

QString CallCommand::summary() const
{
    return u"Call the profile's API with its token; explains 401 and 403 answers"_s;
}

QString CallCommand::description() const
{
    return u"Call the profile's API with its stored access token. PATH is joined to the profile's API base URL; a full "
           "URL is used as given (the token goes only to the API's own origin). Prints the body on stdout and, for a "
           "4xx or 5xx, what went wrong on stderr. Exit 0 for 2xx, 1 for an HTTP error status, 2 for a transport or "
           "usage error."_s;
}

QList<QCommandLineOption> CallCommand::options() const
{
    return {
        {u"profile"_s, u"The profile (default: the active one)."_s, u"NAME"_s},
        {{u"X"_s, u"method"_s}, u"The HTTP method (default GET)."_s, u"M"_s, u"GET"_s},
        {{u"H"_s, u"header"_s}, u"An extra header, \"Name: value\"; repeatable."_s, u"H"_s},
        {{u"d"_s, u"data"_s}, u"A request body (JSON is sent as application/json)."_s, u"BODY"_s},
        {u"no-token"_s, u"Send without the access token."_s},
        {u"send-expired"_s, u"Send the access token even if it has expired."_s},
        {{u"i"_s, u"include"_s}, u"Print the status line and headers before the body."_s},
        {u"timeout"_s, u"Seconds to wait for the answer (default 30)."_s, u"S"_s, u"30"_s},
    };
}

QList<Command::Positional> CallCommand::positionals() const
{
    return {{u"PATH|URL"_s, u"e.g. /api/private"_s, {}}};
}

void CallCommand::start(const QCommandLineParser &parser)
{
    if (parser.positionalArguments().size() != 1) {
        err() << "tokenlab-cli call: give exactly one PATH or URL.\n";
        return finish(Outcome::UsageError);
    }
    bool ok = false;
    const int timeout = parser.value(u"timeout"_s).toInt(&ok);
    if (!ok || timeout < 1 || timeout > 600) {
        err() << "tokenlab-cli call: --timeout must be 1 to 600 seconds.\n";
        return finish(Outcome::UsageError);
    }
    const auto profile = m_context.chosenProfile(parser, u"call"_s);
    if (!profile)
        return;
    const QString name = profile->name;
    const QString target = parser.positionalArguments().first();
    const bool isUrl = target.startsWith(u"http://"_s) || target.startsWith(u"https://"_s);
    if (!isUrl && (profile->isSandbox() || profile->apiBase.isEmpty())) {
        err() << "tokenlab-cli call: the profile \"" << name << "\" has no API base URL"
              << (profile->isSandbox() ? u" here: the sandbox's API lives only inside tokenlab. Run tokenlab-sandbox and add a profile with its api_base_url, or give a full URL."_s
                                       : u"; add one with tokenlab-cli profile add ... --api-base URL, or give a full URL."_s)
              << '\n';
        return finish(Outcome::UsageError);
    }
    ApiRequest request;
    request.method = parser.value(u"method"_s).toUpper().toLatin1();
    request.url = isUrl ? QUrl(target, QUrl::StrictMode) : profile->apiUrl(target.startsWith(u'/') ? target : u'/' + target);
    for (const QString &h : parser.values(u"header"_s)) {
        const qsizetype colon = h.indexOf(u':');
        if (colon <= 0) {
            err() << "tokenlab-cli call: --header \"" << h << "\" is not \"Name: value\".\n";
            return finish(Outcome::UsageError);
        }
        request.headers.append({h.left(colon).trimmed().toLatin1(), h.mid(colon + 1).trimmed().toUtf8()});
    }
    request.body = parser.value(u"data"_s).toUtf8();
    request.withToken = !parser.isSet(u"no-token"_s);
    request.sendExpired = parser.isSet(u"send-expired"_s);
    request.timeout = std::chrono::seconds(timeout);
    // The plan's scopes for this endpoint and the profile's issuer and audience, for explaining a refusal.
    request.expected = ApiExpectations::of(*profile, request.method, request.url);
    const bool include = parser.isSet(u"include"_s);

    auto *client = new ApiClient(m_context.network(), systemClock(), this);
    auto sendNow = [this, client, request, include, profile](const std::optional<TokenSet> &tokens,
                                                             const std::shared_ptr<DpopSigner> &dpop = {}) {
        client->setCredentials(profile->apiBase.isEmpty() ? request.url : profile->apiBase, tokens, dpop);
        ApiCall *call = client->send(request);
        connect(call, &ApiCall::finished, this, [this, include](const ApiExchange &x) {
            for (const QString &note : x.notes)
                err() << "Note: " << note << '\n';
            if (x.outcome != ApiOutcome::Success && x.outcome != ApiOutcome::HttpError) {
                err() << "tokenlab-cli call: " << x.explanation << '\n';
                return finish(Outcome::TransportError);
            }
            if (include) {
                out() << "HTTP/1.1 " << x.status << ' ' << QString::fromLatin1(x.reason) << '\n';
                for (const auto &h : x.responseHeaders)
                    out() << QString::fromLatin1(h.first) << ": " << QString::fromLatin1(h.second) << '\n';
                out() << '\n';
            }
            out().flush();
            std::fwrite(x.body.constData(), 1, size_t(x.body.size()), stdout);
            if (!x.body.isEmpty() && !x.body.endsWith('\n'))
                std::fputc('\n', stdout);
            std::fflush(stdout);
            if (x.bodyTruncated)
                err() << "Note: the body was longer than " << ApiClient::MaxBodyBytes << " bytes and was cut there.\n";
            if (x.outcome == ApiOutcome::HttpError) {
                err() << "HTTP " << x.status << ": " << x.explanation << '\n';
                return finish(Outcome::HttpErrorStatus);
            }
            finish(Outcome::HttpSuccess);
        });
    };
    if (!request.withToken)
        return sendNow(std::nullopt);
    // An expired token is refreshed first, when it can be (unless it is to be sent as it is).
    if (!request.sendExpired)
        return m_context.withFreshCredentials(*profile, false, {}, sendNow);
    // --send-expired: the stored token as it is, expired or not.
    const auto onLoaded = [this, name, sendNow](const std::optional<TokenSet> &t, TokenStoreError e, const QString &message) {
        if (!t && e != TokenStoreError::NotFound) {
            err() << "tokenlab-cli call: " << message << '\n';
            return finish(Outcome::TransportError);
        }
        sendNow(t);
    };
    connect(m_context.store()->load(name), &TokenStoreJob::finished, this, [onLoaded](TokenStoreJob *job) mutable {
        onLoaded(job->tokens(), job->error(), job->errorString());
    });
}
