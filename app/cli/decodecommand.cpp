// SPDX-License-Identifier: MIT
#include "cli/decodecommand.h"
#include "cli/clitext.h"
#include "cli/commandcontext.h"
#include "jose/claiminfo.h"
#include "jose/tokeninput.h"
#include "oauth/discoveryclient.h"
#include "oauth/jwksclient.h"
#include "oauth/tokenverifier.h"
#include "storage/tokenstore.h"
#include "util/clock.h"
#include "util/timeformat.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

QString resultWord(ClaimCheck::Result r)
{
    switch (r) {
    case ClaimCheck::Result::Passed: return u"passed"_s;
    case ClaimCheck::Result::Failed: return u"failed"_s;
    case ClaimCheck::Result::NotChecked: return u"not_checked"_s;
    }
    return {};
}

QString kindWord(TokenKind k)
{
    return k == TokenKind::Access ? QCoreApplication::translate("DecodeCommand", "an access token")
         : k == TokenKind::Id     ? QCoreApplication::translate("DecodeCommand", "an id_token")
                                  : QCoreApplication::translate("DecodeCommand", "a token");
}

QString valueText(const QString &name, const QJsonValue &v, const QDateTime &now)
{
    if (v.isString())
        return v.toString();
    const std::optional<qint64> seconds = Jwt::numericDate(v);
    if (seconds && ClaimInfo::claim(name).isTime) {
        const QDateTime when = QDateTime::fromSecsSinceEpoch(*seconds, Qt::UTC);
        return u"%1 (%2)"_s.arg(when.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss t"_s),
                                TokenChecks::relativeTime(when, now, now.secsTo(when) > 0, {}));
    }
    if (v.isArray() && name != u"cnf") {
        QStringList parts;
        for (const QJsonValue &e : v.toArray())
            parts << (e.isString() ? e.toString() : QString::fromUtf8(QJsonDocument(QJsonArray{e}).toJson(QJsonDocument::Compact)).mid(1).chopped(1));
        return parts.join(u", ");
    }
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

} // namespace

QString DecodeCommand::name() const
{
    return u"decode"_s;
}

QString DecodeCommand::synopsis() const
{
    return u"[TOKEN|-] ..."_s;
}

QString DecodeCommand::summary() const
{
    return tr("Decode a JWT and show its claims; --verify checks signature and claims");
}

QString DecodeCommand::description() const
{
    return tr("Decode a JWT and show its header, claims and checks. TOKEN may be \"-\" for stdin, and may be given "
            "as copied from a request (\"Authorization: Bearer ...\", \"DPoP ...\", in quotes, broken across lines): "
            "what is stripped is said on stderr. Without TOKEN the profile's stored access token is used. --verify "
            "checks the signature against the issuer's JWKS (or --jwks URL, or --key FILE.pem) and every claim. A token "
            "whose signature part was altered is still shown, and fails its signature check. Exit 0 when every check "
            "asked for passes, 1 when one fails (an altered signature always does), 2 for malformed input or usage.");
}

QList<QCommandLineOption> DecodeCommand::options() const
{
    return {
        {u"profile"_s, tr("Check against this profile's issuer, audience and client (default: the active one)."), u"NAME"_s},
        {u"field"_s, tr("Without TOKEN: which stored token (access_token, id_token)."), u"FIELD"_s, u"access_token"_s},
        {u"verify"_s, tr("Verify the signature and check the claims.")},
        {u"jwks"_s, tr("Verify against this JWKS URL."), u"URL"_s},
        {u"key"_s, tr("Verify against this PEM public key or certificate."), u"FILE.pem"_s},
        {u"issuer"_s, tr("The expected issuer (also where the keys come from)."), u"I"_s},
        {u"audience"_s, tr("The expected audience."), u"A"_s},
        {u"leeway"_s, tr("Clock skew allowed for exp, nbf and iat, in seconds (default 60)."), u"S"_s, u"60"_s},
        {u"json"_s, tr("Print the result as JSON.")},
        {u"each-line"_s, tr("Decode (and with --verify verify) every token in FILE, or stdin for -, one per line: one result "
                            "line per token (its line number, then passed, failed or malformed and why), empty lines skipped. "
                            "Exit 0 when every token passed, 1 when one did not."),
         u"FILE|-"_s},
    };
}

QList<Command::Positional> DecodeCommand::positionals() const
{
    return {{u"TOKEN"_s, tr("The token, or - to read it from stdin."), u"[TOKEN|-]"_s}};
}

void DecodeCommand::start(const QCommandLineParser &parser)
{
    const QStringList positional = parser.positionalArguments();
    if (parser.isSet(u"each-line"_s) && !positional.isEmpty()) {
        err() << tr("tokenlab-cli decode: give TOKEN or --each-line FILE, not both.") << '\n';
        return finish(Outcome::UsageError);
    }
    if (positional.size() > 1) {
        err() << tr("tokenlab-cli decode: give at most one TOKEN.") << '\n';
        return finish(Outcome::UsageError);
    }
    if (parser.isSet(u"jwks"_s) && parser.isSet(u"key"_s)) {
        err() << tr("tokenlab-cli decode: give --jwks URL or --key FILE.pem, not both.") << '\n';
        return finish(Outcome::UsageError);
    }
    bool leewayOk = false;
    const int leeway = parser.value(u"leeway"_s).toInt(&leewayOk);
    if (!leewayOk || leeway < 0 || leeway > 3600) {
        err() << tr("tokenlab-cli decode: --leeway must be 0 to 3600 seconds.") << '\n';
        return finish(Outcome::UsageError);
    }
    if (!m_context.loadProfiles())
        return finish(Outcome::Failed);

    const bool verify = parser.isSet(u"verify"_s) || parser.isSet(u"jwks"_s) || parser.isSet(u"key"_s);
    const bool checksAsked = verify || parser.isSet(u"issuer"_s) || parser.isSet(u"audience"_s);
    std::optional<Profile> profile;
    if (parser.isSet(u"profile"_s) || (verify && !parser.isSet(u"issuer"_s) && !parser.isSet(u"jwks"_s) && !parser.isSet(u"key"_s))
        || (positional.isEmpty() && !parser.isSet(u"each-line"_s))) {
        const QString name = parser.isSet(u"profile"_s) ? parser.value(u"profile"_s) : m_context.profiles().active();
        profile = m_context.profiles().profile(name);
        if (!profile) {
            err() << CliText::format(tr("tokenlab-cli decode: there is no profile named \"%1\"."), name) << '\n';
            return finish(Outcome::UsageError);
        }
        if (profile->isSandbox() && verify && !parser.isSet(u"jwks"_s) && !parser.isSet(u"key"_s) && !parser.isSet(u"issuer"_s)) {
            err() << tr("tokenlab-cli decode: the sandbox profile's tenant lives only inside tokenlab or one tokenlab-cli login; verify its tokens with --jwks URL of a running tokenlab-sandbox, or use a profile that points at one.") << '\n';
            return finish(Outcome::UsageError);
        }
    }

    KeySource source;
    if (parser.isSet(u"key"_s)) {
        QFile pem(parser.value(u"key"_s));
        if (!pem.open(QIODevice::ReadOnly)) {
            err() << CliText::format(tr("tokenlab-cli decode: cannot read %1: %2"), pem.fileName(), pem.errorString()) << '\n';
            return finish(Outcome::UsageError);
        }
        source.kind = KeySource::Kind::Pem;
        source.pem = pem.read(64 * 1024 + 1);
    } else if (parser.isSet(u"jwks"_s)) {
        source.kind = KeySource::Kind::JwksUrl;
        source.url = QUrl(parser.value(u"jwks"_s), QUrl::StrictMode);
    }

    TokenExpectations expected;
    expected.leewaySeconds = leeway;
    if (profile && !profile->isSandbox()) {
        expected.issuer = profile->issuer;
        expected.clientId = profile->clientId;
        expected.allowedAlgorithms = profile->allowedAlgorithms;
    }
    if (parser.isSet(u"issuer"_s))
        expected.issuer = QUrl(parser.value(u"issuer"_s), QUrl::StrictMode);

    auto inspect = [this, verify, checksAsked, source, expected, profile, json = parser.isSet(u"json"_s),
                audience = parser.value(u"audience"_s)](const QByteArray &token) mutable {
        const DecodedJwt decoded = Jwt::decode(token);
        if (!decoded.ok()) {
            if (json) {
                QJsonObject error{{u"error"_s, decoded.errorText}};
                if (decoded.problemPosition > 0)
                    error.insert(u"position"_s, decoded.problemPosition);
                out() << QJsonDocument(error).toJson(QJsonDocument::Compact) << '\n';
            }
            err() << "tokenlab-cli decode: " << decoded.errorText << '\n';
            return finish(Outcome::Malformed);
        }
        if (decoded.kind == JwtKind::Jws) {
            const TokenKind kind = TokenChecks::guessKind(decoded, expected);
            expected.kind = kind;
            if (!audience.isEmpty())
                expected.audience = audience;
            else if (profile && !profile->isSandbox())
                expected.audience = kind == TokenKind::Id ? profile->clientId
                                                          : (profile->audience.isEmpty() ? profile->resource : profile->audience);
            if (verify && source.kind == KeySource::Kind::None) {
                // Keys from the expected issuer, or else from the token's own iss (said so below).
                source.kind = KeySource::Kind::Issuer;
                source.url = !expected.issuer.isEmpty() ? expected.issuer : QUrl(decoded.payload.value(u"iss").toString(), QUrl::StrictMode);
            }
        }
        auto *verifier = new TokenVerifier(m_context.discovery(), new JwksClient(m_context.network(), systemClock(), this), systemClock(), this);
        connect(verifier, &TokenVerifier::finished, this, [this, verify, checksAsked, json](int, const TokenReport &r) {
            printReport(r, json);
            if (r.jwt.kind != JwtKind::Jws) {
                if (verify)
                    err() << (r.jwt.kind == JwtKind::Jwe ? tr("tokenlab-cli decode: an encrypted token cannot be verified here; only its issuer can read it.")
                                                         : tr("tokenlab-cli decode: an opaque token cannot be verified here; only its issuer can read it.")) << '\n';
                return finish(verify ? Outcome::CheckFailed : Outcome::ChecksPassed);
            }
            if (!checksAsked && r.jwt.signatureProblem.isEmpty())
                return finish(Outcome::Success);
            if (!r.passed()) {
                err() << "tokenlab-cli decode: " << r.firstFailure() << '\n';
                return finish(Outcome::CheckFailed);
            }
            finish(Outcome::ChecksPassed);
        });
        verifier->verify(token, expected, verify ? source : KeySource());
    };

    if (parser.isSet(u"each-line"_s)) {
        auto run = std::make_unique<EachLine>();
        run->expected = expected;
        run->source = source;
        run->profile = profile;
        run->audience = parser.value(u"audience"_s);
        run->verify = verify;
        run->json = parser.isSet(u"json"_s);
        return startEachLine(parser.value(u"each-line"_s), std::move(run));
    }
    if (!positional.isEmpty()) {
        QString pasted = positional.first();
        if (pasted == u"-") {
            QFile in;
            if (!in.open(stdin, QIODevice::ReadOnly)) {
                err() << tr("tokenlab-cli decode: cannot read stdin.") << '\n';
                return finish(Outcome::UsageError);
            }
            // Room for a header line and quotes around the largest token.
            pasted = QString::fromUtf8(in.read(Jwt::MaxTokenBytes + 4096));
        }
        // What was copied from a request or a log: the header name, the scheme, quotes.
        const CleanedToken cleaned = TokenInput::clean(pasted);
        if (!cleaned.stripped.isEmpty())
            err() << "tokenlab-cli decode: " << TokenInput::strippedSentence(cleaned.stripped) << '\n';
        return inspect(cleaned.token);
    }
    // The profile's stored token.
    const QString field = parser.value(u"field"_s);
    if (field != u"access_token" && field != u"id_token") {
        err() << tr("tokenlab-cli decode: --field must be access_token or id_token.") << '\n';
        return finish(Outcome::UsageError);
    }
    const QString name = profile->name;
    auto onLoaded = [this, name, field, inspect](const std::optional<TokenSet> &t, TokenStoreError e, const QString &message) mutable {
        if (!t) {
            err() << "tokenlab-cli decode: "
                  << (e == TokenStoreError::NotFound ? tr("no tokens are stored for \"%1\"; give a TOKEN or log in first.").arg(name) : message)
                  << '\n';
            return finish(e == TokenStoreError::NotFound ? Outcome::UsageError : Outcome::Failed);
        }
        const QString value = field == u"id_token" ? t->idToken : t->accessToken;
        if (value.isEmpty()) {
            err() << CliText::format(tr("tokenlab-cli decode: the profile has no stored %1."), field) << '\n';
            return finish(Outcome::UsageError);
        }
        inspect(value.toLatin1());
    };
    connect(m_context.store()->load(name), &TokenStoreJob::finished, this, [onLoaded](TokenStoreJob *job) mutable {
        onLoaded(job->tokens(), job->error(), job->errorString());
    });
}

void DecodeCommand::printReport(const TokenReport &r, bool json)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (json) {
        QJsonArray checks;
        for (const ClaimCheck &c : r.checks)
            checks.append(QJsonObject{{u"name"_s, c.name}, {u"result"_s, resultWord(c.result)}, {u"detail"_s, c.detail}});
        QJsonObject o{{u"format"_s, r.jwt.kind == JwtKind::Jws ? u"jws"_s : r.jwt.kind == JwtKind::Jwe ? u"jwe"_s : u"opaque"_s},
                      {u"token_type"_s, r.kind == TokenKind::Access ? u"access"_s : r.kind == TokenKind::Id ? u"id"_s : u"unknown"_s},
                      {u"header"_s, r.jwt.header},
                      {u"payload"_s, r.jwt.payload},
                      {u"checks"_s, checks},
                      {u"signature_verified"_s, r.signatureVerified},
                      {u"passed"_s, r.passed()}};
        if (!r.verifiedKid.isEmpty())
            o.insert(u"verified_kid"_s, r.verifiedKid);
        out() << QJsonDocument(o).toJson(QJsonDocument::Indented);
        return;
    }
    if (r.jwt.kind == JwtKind::Opaque) {
        out() << CliText::format(tr("An opaque token (not a JWT), %1 characters: only its issuer can say what it means."), r.token.size()) << '\n';
        return;
    }
    if (r.jwt.kind == JwtKind::Jwe) {
        out() << tr("An encrypted token (JWE): its claims are readable only by the API it is meant for.\nHeader") << '\n';
        for (auto it = r.jwt.header.begin(); it != r.jwt.header.end(); ++it)
            out() << "  " << it.key().leftJustified(10) << valueText(it.key(), it.value(), now) << '\n';
        return;
    }
    out() << CliText::format(tr("A signed JWT (%1), read as %2.\nHeader"), r.jwt.header.value(u"alg").toString(), kindWord(r.kind)) << '\n';
    for (auto it = r.jwt.header.begin(); it != r.jwt.header.end(); ++it) {
        const QString label = ClaimInfo::header(it.key()).label;
        out() << "  " << it.key().leftJustified(10) << valueText(it.key(), it.value(), now)
              << (label.isEmpty() ? QString() : u"   ("_s + label + u')') << '\n';
    }
    out() << tr("Payload") << '\n';
    for (auto it = r.jwt.payload.begin(); it != r.jwt.payload.end(); ++it) {
        const QString label = ClaimInfo::claim(it.key()).label;
        out() << "  " << it.key().leftJustified(16) << valueText(it.key(), it.value(), now)
              << (label.isEmpty() ? QString() : u"   ("_s + label + u')') << '\n';
    }
    out() << tr("Checks") << '\n';
    for (const ClaimCheck &c : r.checks) {
        const char *mark = c.result == ClaimCheck::Result::Passed ? "ok  " : c.result == ClaimCheck::Result::Failed ? "FAIL" : "--  ";
        out() << "  " << mark << ' ' << c.name.leftJustified(10) << c.detail << '\n';
    }
}

