// SPDX-License-Identifier: MIT
#include "cli/introspectcommand.h"
#include "cli/clitext.h"
#include "cli/commandcontext.h"
#include "jose/jwt.h"
#include "oauth/introspection.h"
#include "session/session.h"
#include "session/tokenintrospection.h"
#include "util/timeformat.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QTextStream>

using namespace Qt::StringLiterals;

QString IntrospectCommand::name() const
{
    return u"introspect"_s;
}

QString IntrospectCommand::synopsis() const
{
    return u"[--field F] ..."_s;
}

QString IntrospectCommand::summary() const
{
    return tr("Ask the issuer what it says of a stored token (RFC 7662 introspection)");
}

QString IntrospectCommand::description() const
{
    return tr("Send a stored token of the profile to the issuer's introspection endpoint (RFC 7662), the client "
           "authenticated as at its token endpoint, and print what the issuer says: active, scope, client, subject, expiry; "
           "beside it what a JWT says of itself. Works for opaque tokens too. Exit 0 when the token is active, 1 when the "
           "issuer says it is not (revoked, expired, unknown), 2 when it could not be asked.");
}

QList<QCommandLineOption> IntrospectCommand::options() const
{
    return {
        {u"profile"_s, tr("The profile (default: the active one)."), u"NAME"_s},
        {u"field"_s, tr("access_token (default) or refresh_token."), u"FIELD"_s, u"access_token"_s},
        {u"json"_s, tr("Print the issuer's answer as JSON.")},
    };
}

void IntrospectCommand::start(const QCommandLineParser &parser)
{
    const QString field = parser.value(u"field"_s);
    if (field != u"access_token" && field != u"refresh_token") {
        err() << CliText::format(tr("tokenlab-cli introspect: --field must be access_token or refresh_token, not \"%1\"."), field) << '\n';
        return finish(Outcome::UsageError);
    }
    const auto profile = m_context.chosenProfile(parser, u"introspect"_s);
    if (!profile)
        return;
    const bool json = parser.isSet(u"json"_s);
    Session *session = m_context.session(*profile);
    // The token as stored, expired or not: whether the issuer still takes it is the question.
    connect(session->reload(), &SessionJob::finished, this, [this, profile = *profile, field, json](const SessionResult &r) {
        if (!r.ok()) {
            err() << "tokenlab-cli introspect: " << (r.error == SessionError::NoTokens
                                                          ? tr("no tokens are stored for the profile \"%1\"; log in first.").arg(profile.name)
                                                          : r.sentence)
                  << '\n';
            return finish(Outcome::TransportError); // 2: the issuer could not be asked
        }
        const QString token = field == u"refresh_token" ? r.tokens.refreshToken : r.tokens.accessToken;
        if (token.isEmpty()) {
            err() << CliText::format(tr("tokenlab-cli introspect: the profile \"%1\" has no %2."), profile.name, field) << '\n';
            return finish(Outcome::TransportError);
        }
        auto *job = TokenIntrospectionJob::start(profile, token, field, m_context.network(), m_context.discovery(), m_context.store(), this);
        connect(job, &TokenIntrospectionJob::asking, this, [this](const QUrl &endpoint, const QString &method) {
            err() << CliText::format(tr("Asking %1 (%2) …"), endpoint.toString(), method) << '\n';
        });
        connect(job, &TokenIntrospectionJob::finished, this, [this, token, json](const TokenIntrospection &result) {
            // Exit 1 is kept for "the issuer says it is not active": anything that kept the
            // issuer from answering (no endpoint, no credentials, no answer) is 2.
            if (!result.answered()) {
                err() << "tokenlab-cli introspect: " << result.error << '\n';
                return finish(Outcome::TransportError);
            }
            print(result.introspection, token, json);
        });
    });
}

void IntrospectCommand::print(const Introspection &result, const QString &token, bool json)
{
    if (!result.answered) {
        err() << "tokenlab-cli introspect: " << result.error << '\n';
        return finish(Outcome::TransportError);
    }
    if (json) {
        out() << QJsonDocument(result.raw).toJson(QJsonDocument::Indented);
        return finish(result.active ? Outcome::Success : Outcome::Failed);
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // The keys stay English in every language, like JSON keys: scripts read
    // this block by key (tests/interop's field()). The values a person
    // reads are translated.
    auto line = [this](const char *key, const QString &value) {
        if (!value.isEmpty())
            out() << QString::fromLatin1(key).leftJustified(14) << value << '\n';
    };
    auto when = [&now](const QDateTime &t) {
        return t.isValid() ? t.toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s) + u" ("_s
                                     + TimeFormat::relative(now.secsTo(t), false)
                                     + u')'
                           : QString();
    };
    line("active", result.active ? tr("yes") : tr("no: the issuer does not take this token (revoked, expired or unknown)"));
    line("scope", result.scope);
    line("client", result.clientId);
    line("subject", result.subject);
    line("username", result.username);
    line("audience", result.audience.join(u' '));
    line("issuer", result.issuer);
    line("token type", result.tokenType);
    line("expires", when(result.expiresAt));
    line("issued", when(result.issuedAt));
    // Beside it, what a JWT says of itself (never the token).
    const DecodedJwt jwt = Jwt::decode(token.toLatin1());
    if (jwt.ok() && jwt.kind == JwtKind::Jws) {
        QStringList said;
        for (const QString &claim : {u"sub"_s, u"scope"_s, u"client_id"_s}) {
            const QString v = jwt.payload.value(claim).toString();
            if (!v.isEmpty())
                said << claim + u' ' + v;
        }
        if (const auto exp = Jwt::numericDate(jwt.payload.value(u"exp")))
            said << u"exp "_s + when(QDateTime::fromSecsSinceEpoch(*exp, Qt::UTC));
        line("token says", said.join(u", "));
    } else {
        line("token says", tr("nothing: it is opaque, so only the issuer can say what it is"));
    }
    finish(result.active ? Outcome::Success : Outcome::Failed);
}
