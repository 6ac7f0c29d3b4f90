// SPDX-License-Identifier: MIT
// The body of an API's 401 or 403 (ErrorBody: JSON shapes, problem details,
// text, HTML) and the explanation the API console builds from it when there
// is no Bearer error. Mode byte: bits 0-2 pick the Content-Type (7: the
// input's first line is the Content-Type), bit 3 picks 403 over 401, bit 4
// says a token was sent, bit 5 that the plan names the endpoint's scopes.
#include "api/challengeexplainer.h"
#include "api/errorbody.h"
#include "fuzzsupport.h"

namespace {

bool quotable(const QString &s)
{
    if (s.size() > ErrorBody::MaxChars)
        return false;
    for (const QChar c : s) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray body = Fuzz::bytes(data, size);
    const quint8 mode = Fuzz::takeByte(body);
    static const QByteArray types[] = {"application/json", "application/problem+json", "text/plain; charset=utf-8", "text/html",
                                       "", "text/plain; charset=iso-8859-1", "application/octet-stream"};
    QByteArray contentType;
    if ((mode & 7) == 7) {
        const qsizetype newline = body.indexOf('\n');
        contentType = newline < 0 ? body : body.left(newline);
        body = newline < 0 ? QByteArray() : body.mid(newline + 1);
    } else {
        contentType = types[mode & 7];
    }

    const ErrorBody parsed = ErrorBody::parse(body, contentType);
    for (const QString &s : {parsed.said(), parsed.code, parsed.title, parsed.message, parsed.type}) {
        if (!quotable(s))
            __builtin_trap(); // every string is one bounded line without controls
    }
    if (parsed.form == ErrorBody::Form::Empty && !parsed.said().isEmpty())
        __builtin_trap();

    ChallengeContext answer;
    answer.status = (mode & 8) ? 403 : 401;
    answer.tokenSent = mode & 16;
    answer.tokenScopes = {QStringLiteral("openid"), QStringLiteral("profile")};
    if (mode & 32)
        answer.expected.neededScopes = {QStringLiteral("openid"), QStringLiteral("read:messages")};
    answer.method = "GET";
    answer.path = QStringLiteral("/api/private-scoped");
    answer.body = body;
    answer.contentType = contentType;
    answer.now = Fuzz::fixedNow();
    const ChallengeExplanation explained = ChallengeExplainer::explain(answer);
    if (explained.sentence.isEmpty())
        __builtin_trap(); // a 401 or 403 is always explained
    if (!explained.missingScope.isEmpty() && explained.missingScope != QStringLiteral("read:messages"))
        __builtin_trap(); // only a scope the plan names and the token lacks is asked for
    return 0;
}
