// SPDX-License-Identifier: MIT
#include "cli/callcommand.h"
#include "cli/clitext.h"
#include "session/session.h"
#include "cli/commandcontext.h"
#include "api/apiclient.h"
#include "api/requesthistory.h"
#include "api/savedrequests.h"
#include "api/secretvariables.h"
#include "storage/tokenstore.h"
#include "util/clock.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;

QString CallCommand::name() const
{
    return u"call"_s;
}

QString CallCommand::synopsis() const
{
    return u"[PATH|URL] ..."_s;
}

QString CallCommand::summary() const
{
    return tr("Call the profile's API with its token, or a saved request; explains 401 and 403 answers");
}

QString CallCommand::description() const
{
    return tr("Call the profile's API with its stored access token. PATH is joined to the profile's API base URL; a full "
           "URL is used as given (the token goes only to the API's own origin). --saved NAME sends a request saved in "
           "the API tab instead (NAME is folder/name, or the name alone when it is unique), with the profile's "
           "variables filled in. Prints the body on stdout and, for a 4xx or 5xx, what went wrong on stderr. Every call "
           "goes into the profile's history, without its token. Exit 0 for 2xx, 1 for an HTTP error status, 2 for a "
           "transport or usage error.");
}

QList<QCommandLineOption> CallCommand::options() const
{
    return {
        {u"profile"_s, tr("The profile (default: the active one)."), u"NAME"_s},
        {{u"X"_s, u"method"_s}, tr("The HTTP method (default GET)."), u"M"_s, u"GET"_s},
        {{u"H"_s, u"header"_s}, tr("An extra header, \"Name: value\"; repeatable."), u"H"_s},
        {{u"d"_s, u"data"_s}, tr("A request body (JSON is sent as application/json)."), u"BODY"_s},
        {u"no-token"_s, tr("Send without the access token.")},
        {u"send-expired"_s, tr("Send the access token even if it has expired.")},
        {{u"i"_s, u"include"_s}, tr("Print the status line and headers before the body.")},
        {u"timeout"_s, tr("Seconds to wait for the answer (default 30)."), u"S"_s, u"30"_s},
        {u"saved"_s, tr("Send the saved request NAME (folder/name) instead of PATH|URL."), u"NAME"_s},
    };
}

QList<Command::Positional> CallCommand::positionals() const
{
    return {{u"PATH|URL"_s, tr("e.g. /api/private (not with --saved)"), u"[PATH|URL]"_s}};
}

void CallCommand::start(const QCommandLineParser &parser)
{
    const bool saved = parser.isSet(u"saved"_s);
    if (saved && (!parser.positionalArguments().isEmpty() || parser.isSet(u"data"_s) || parser.isSet(u"method"_s))) {
        err() << tr("tokenlab-cli call: --saved sends the saved request as it is; give no PATH, --method or --data with it.") << '\n';
        return finish(Outcome::UsageError);
    }
    if (!saved && parser.positionalArguments().size() != 1) {
        err() << tr("tokenlab-cli call: give exactly one PATH or URL, or --saved NAME.") << '\n';
        return finish(Outcome::UsageError);
    }
    bool ok = false;
    const int timeout = parser.value(u"timeout"_s).toInt(&ok);
    if (!ok || timeout < 1 || timeout > 600) {
        err() << tr("tokenlab-cli call: --timeout must be 1 to 600 seconds.") << '\n';
        return finish(Outcome::UsageError);
    }
    const auto profile = m_context.chosenProfile(parser, u"call"_s);
    if (!profile)
        return;
    m_profile = *profile;
    m_include = parser.isSet(u"include"_s);
    m_sendExpired = parser.isSet(u"send-expired"_s);
    m_timeout = std::chrono::seconds(timeout);
    const QString name = profile->name;
    HttpHeaders extra;
    for (const QString &h : parser.values(u"header"_s)) {
        const qsizetype colon = h.indexOf(u':');
        if (colon <= 0) {
            err() << CliText::format(tr("tokenlab-cli call: --header \"%1\" is not \"Name: value\"."), h) << '\n';
            return finish(Outcome::UsageError);
        }
        extra.append({h.left(colon).trimmed().toLatin1(), h.mid(colon + 1).trimmed().toUtf8()});
    }
    if (saved)
        return startSaved(parser.value(u"saved"_s), extra, !parser.isSet(u"no-token"_s));

    const QString target = parser.positionalArguments().first();
    const bool isUrl = target.startsWith(u"http://"_s) || target.startsWith(u"https://"_s);
    if (!isUrl && (profile->isSandbox() || profile->apiBase.isEmpty())) {
        err() << CliText::format(tr("tokenlab-cli call: the profile \"%1\" has no API base URL%2"), name, (profile->isSandbox() ? tr(" here: the sandbox's API lives only inside tokenlab. Run tokenlab-sandbox and add a profile with its api_base_url, or give a full URL.")
                                       : tr("; add one with tokenlab-cli profile add ... --api-base URL, or give a full URL."))) << '\n';
        return finish(Outcome::UsageError);
    }
    ApiRequest request;
    request.method = parser.value(u"method"_s).toUpper().toLatin1();
    request.url = isUrl ? QUrl(target, QUrl::StrictMode) : profile->apiUrl(target.startsWith(u'/') ? target : u'/' + target);
    request.headers = extra;
    request.body = parser.value(u"data"_s).toUtf8();
    request.withToken = !parser.isSet(u"no-token"_s);
    send([request](const std::optional<TokenSet> &, QString *) { return std::optional<ApiRequest>(request); }, request.withToken,
         QString());
}

void CallCommand::startSaved(const QString &wanted, const HttpHeaders &extra, bool withToken)
{
    const QString directory = QFileInfo(m_context.profiles().path()).absolutePath();
    QString error;
    const auto collection = SavedRequests(directory, m_profile.name).load(&error);
    if (!collection) {
        err() << "tokenlab-cli call: " << error << '\n';
        return finish(Outcome::UsageError);
    }
    const SavedRequest *found = collection->find(wanted, &error);
    if (!found) {
        err() << CliText::format(tr("tokenlab-cli call: %1 (profile \"%2\")"), error, m_profile.name) << '\n';
        return finish(Outcome::UsageError);
    }
    SavedRequest request = *found;
    for (const auto &h : extra)
        request.headers.append({QString::fromLatin1(h.first), QString::fromUtf8(h.second)});
    RequestVariables plain;
    QStringList secrets;
    const QStringList used = request.placeholderNames();
    for (const SavedVariable &v : collection->variables) {
        if (!v.secret)
            plain.set(v.name, v.value);
        else if (used.contains(v.name))
            secrets.append(v.name);
    }
    const bool usesToken = used.contains(QString::fromLatin1(RequestVariables::Token));
    auto go = [this, request, usesToken, withToken](const RequestVariables &known, const QList<QByteArray> &secretValues) {
        const QUrl apiBase = m_profile.apiBase;
        send([request, known, apiBase, usesToken](const std::optional<TokenSet> &tokens, QString *why) -> std::optional<ApiRequest> {
            RequestVariables v = known;
            if (tokens)
                v.set(QString::fromLatin1(RequestVariables::Token), tokens->accessToken);
            else if (usesToken) {
                *why = tr("the request uses {{token}}, but the profile has no access token; log in first.");
                return std::nullopt;
            }
            return request.toApiRequest(v, apiBase, why);
        }, withToken && (request.withToken || usesToken), request.path(), secretValues);
    };
    if (secrets.isEmpty())
        return go(plain, {});
    auto *job = new SecretVariablesJob(m_context.store()->scope(), m_profile.name, secrets, this);
    connect(job, &SecretVariablesJob::finished, this, [this, go, plain](SecretVariablesJob *done) {
        done->deleteLater();
        if (!done->ok()) {
            err() << "tokenlab-cli call: " << done->errorString() << '\n';
            return finish(Outcome::TransportError);
        }
        RequestVariables all = plain;
        QList<QByteArray> secretValues;
        const auto values = done->values();
        for (auto it = values.begin(); it != values.end(); ++it) {
            all.set(it.key(), it.value());
            secretValues.append(it.value().toUtf8());
        }
        go(all, secretValues);
    });
    job->start();
}

void CallCommand::send(const Builder &build, bool withToken, const QString &label, const QList<QByteArray> &secrets)
{
    auto *client = new ApiClient(m_context.network(), systemClock(), this);
    auto sendNow = [this, client, build, withToken, label, secrets](const std::optional<TokenSet> &tokens,
                                                                    const std::shared_ptr<DpopSigner> &dpop = {}) {
        QString error;
        auto request = build(tokens, &error);
        if (!request) {
            err() << "tokenlab-cli call: " << error << '\n';
            return finish(Outcome::UsageError);
        }
        request->withToken = withToken;
        request->sendExpired = m_sendExpired;
        request->timeout = m_timeout;
        // The plan's scopes for this endpoint and the profile's issuer and audience, for explaining a refusal.
        request->expected = ApiExpectations::of(m_profile, request->method, request->url);
        client->setCredentials(m_profile.apiBase.isEmpty() ? request->url : m_profile.apiBase, tokens, dpop);
        ApiCall *call = client->send(*request);
        connect(call, &ApiCall::finished, this, [this, label, secrets](const ApiExchange &x) { answer(x, label, secrets); });
    };
    if (!withToken)
        return sendNow(std::nullopt);
    // An expired token is refreshed first, when it can be (unless it is to be sent as it is).
    if (!m_sendExpired)
        return m_context.withFreshCredentials(m_profile, false, {}, sendNow);
    // --send-expired: the stored token as it is, expired or not (a DPoP-bound one with its proof).
    Session *session = m_context.session(m_profile);
    connect(session->reload(), &SessionJob::finished, this, [this, session, sendNow](const SessionResult &r) {
        if (!r.ok() && r.error != SessionError::NoTokens) {
            err() << "tokenlab-cli call: " << r.sentence << '\n';
            return finish(Outcome::TransportError);
        }
        m_context.withProofKey(session, sendNow);
    });
}

void CallCommand::answer(const ApiExchange &x, const QString &label, const QList<QByteArray> &secrets)
{
    // The history, as the API tab shows it; a call that cannot be kept there still answers.
    QString error;
    const QString directory = QFileInfo(m_context.profiles().path()).absolutePath();
    if (!RequestHistory(directory, m_profile.name).append(HistoryEntry::from(x, label, QDateTime::currentDateTimeUtc(), secrets), &error))
        err() << CliText::format(tr("Note: this call is not in the history: %1"), error) << '\n';
    for (const QString &note : x.notes)
        err() << CliText::format(tr("Note: %1"), note) << '\n';
    if (x.outcome != ApiOutcome::Success && x.outcome != ApiOutcome::HttpError) {
        err() << "tokenlab-cli call: " << x.explanation.text() << '\n';
        return finish(Outcome::TransportError);
    }
    if (m_include) {
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
        err() << CliText::format(tr("Note: the body was longer than %1 bytes and was cut there."), ApiClient::MaxBodyBytes) << '\n';
    if (x.outcome == ApiOutcome::HttpError) {
        err() << "HTTP " << x.status << ": " << x.explanation.text() << '\n';
        return finish(Outcome::HttpErrorStatus);
    }
    finish(Outcome::HttpSuccess);
}
