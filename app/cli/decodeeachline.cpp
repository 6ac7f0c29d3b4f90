// SPDX-License-Identifier: MIT
// tokenlab-cli decode --each-line FILE|-: every token of a file, one per line.
//
// One TokenVerifier serves the whole file, so a JWKS is fetched once (its
// keys, with their prepared verification contexts, are reused from the
// JwksClient's cache) and a --key PEM is parsed once. Tokens are verified one
// after the other, each answered before the next line is read, so memory
// stays that of one token whatever the file's length. Lines are read with a
// bound: a line longer than any token can be is reported and skipped without
// being held whole.
#include "cli/decodecommand.h"
#include "cli/commandcontext.h"
#include "jose/tokeninput.h"
#include "oauth/jwksclient.h"
#include "util/clock.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

// Room for a header name, a scheme and quotes around the largest token.
constexpr qint64 MaxLineBytes = Jwt::MaxTokenBytes + 4096;

} // namespace

void DecodeCommand::startEachLine(const QString &path, std::unique_ptr<EachLine> run)
{
    const bool opened = path == u"-" ? run->file.open(stdin, QIODevice::ReadOnly) : (run->file.setFileName(path), run->file.open(QIODevice::ReadOnly));
    if (!opened) {
        err() << tr("tokenlab-cli decode: cannot read %1: %2").arg(path == u"-" ? tr("stdin") : path, run->file.errorString())
              << '\n';
        return finish(Outcome::UsageError);
    }
    run->verifier = new TokenVerifier(m_context.discovery(), new JwksClient(m_context.network(), systemClock(), this), systemClock(), this);
    connect(run->verifier, &TokenVerifier::finished, this, [this](int, const TokenReport &report) {
        if (m_each)
            lineDone(m_each->line, report);
    });
    m_each = std::move(run);
    nextLine();
}

void DecodeCommand::nextLine()
{
    if (isFinished() || !m_each)
        return;
    EachLine &run = *m_each;
    for (;;) {
        if (run.file.atEnd()) {
            run.file.close();
            const qint64 failed = run.tokens - run.passed;
            if (run.tokens == 0) {
                err() << tr("tokenlab-cli decode: %1 holds no token.").arg(run.file.fileName().isEmpty() ? tr("stdin") : run.file.fileName())
                      << '\n';
                return finish(Outcome::Malformed);
            }
            const int read = int(qMin<qint64>(run.tokens, INT_MAX));
            err() << (read == 1 ? tr("tokenlab-cli decode: 1 token read, %1 passed, %2 did not.")
                                : tr("tokenlab-cli decode: %n tokens read, %1 passed, %2 did not.", nullptr, read))
                             .arg(run.passed)
                             .arg(failed)
                  << '\n';
            return finish(failed == 0 ? Outcome::ChecksPassed : Outcome::CheckFailed);
        }
        ++run.line;
        QByteArray bytes = run.file.readLine(MaxLineBytes + 1);
        bool tooLong = bytes.size() > MaxLineBytes || (!bytes.endsWith('\n') && !run.file.atEnd());
        if (tooLong) {
            // Drop the rest of the line without holding it.
            while (!run.file.atEnd() && !bytes.endsWith('\n'))
                bytes = run.file.readLine(64 * 1024);
            ++run.tokens;
            report(run.line, false, u"malformed"_s,
                   tr("The line is longer than %1 bytes, more than any token.").arg(MaxLineBytes));
            continue;
        }
        const CleanedToken cleaned = TokenInput::clean(QString::fromUtf8(bytes));
        if (cleaned.token.isEmpty())
            continue; // an empty line is no token
        ++run.tokens;
        const DecodedJwt decoded = Jwt::decode(cleaned.token);
        if (!decoded.ok()) {
            report(run.line, false, u"malformed"_s, decoded.errorText);
            continue;
        }
        TokenExpectations expected = run.expected;
        KeySource source = run.source;
        if (decoded.kind == JwtKind::Jws) {
            expected.kind = TokenChecks::guessKind(decoded, expected);
            if (!run.audience.isEmpty())
                expected.audience = run.audience;
            else if (run.profile && !run.profile->isSandbox())
                expected.audience = expected.kind == TokenKind::Id
                        ? run.profile->clientId
                        : (run.profile->audience.isEmpty() ? run.profile->resource : run.profile->audience);
            if (run.verify && source.kind == KeySource::Kind::None) {
                source.kind = KeySource::Kind::Issuer;
                source.url = !expected.issuer.isEmpty() ? expected.issuer : QUrl(decoded.payload.value(u"iss").toString(), QUrl::StrictMode);
            }
        }
        // Answered through lineDone, never before verify() returns.
        run.verifier->verify(cleaned.token, expected, run.verify ? source : KeySource());
        return;
    }
}

void DecodeCommand::lineDone(qint64 line, const TokenReport &r)
{
    EachLine &run = *m_each;
    const bool opaque = r.jwt.kind != JwtKind::Jws;
    // An encrypted or opaque token cannot be verified here: it does not pass --verify.
    const bool passed = r.passed() && !(opaque && run.verify);
    QString why;
    if (!passed)
        why = opaque ? tr("An %1 token cannot be verified here; only its issuer can read it.")
                               .arg(r.jwt.kind == JwtKind::Jwe ? tr("encrypted") : tr("opaque"))
                     : r.firstFailure();
    report(line, passed, passed ? u"passed"_s : u"failed"_s, why);
    nextLine();
}

void DecodeCommand::report(qint64 line, bool passed, const QString &verdict, const QString &why)
{
    EachLine &run = *m_each;
    if (passed)
        ++run.passed;
    if (run.json) {
        QJsonObject o{{u"line"_s, line}, {u"result"_s, verdict}, {u"passed"_s, passed}};
        if (!why.isEmpty())
            o.insert(u"detail"_s, why);
        out() << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
    } else {
        // The verdict words are for scripts: never translated.
        out() << line << ' ' << verdict;
        if (!why.isEmpty())
            out() << ": " << why;
        out() << '\n';
    }
}
