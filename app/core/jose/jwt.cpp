#include "jose/jwt.h"
#include "jose/base64url.h"

#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace {

bool looksLikeBearerToken(const QByteArray &t)
{
    // RFC 6750 2.1 b64token characters.
    for (const char c : t) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || QByteArrayView("-._~+/=").contains(c);
        if (!ok)
            return false;
    }
    return true;
}

DecodedJwt failed(DecodedJwt d, JwtError e, const QString &detail)
{
    d.error = e;
    d.errorText = detail;
    return d;
}

bool decodeObject(QByteArrayView part, const QString &name, QJsonObject *out, DecodedJwt *d)
{
    const auto raw = Base64Url::decode(part);
    if (!raw) {
        *d = failed(*d, JwtError::BadBase64Url, u"The %1 is not valid base64url."_s.arg(name));
        return false;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(*raw, &pe);
    if (pe.error != QJsonParseError::NoError) {
        *d = failed(*d, JwtError::BadJson,
                    u"The %1 is not valid JSON (%2 at byte %3)."_s.arg(name, pe.errorString()).arg(pe.offset));
        return false;
    }
    if (!doc.isObject()) {
        *d = failed(*d, JwtError::NotAnObject, u"The %1 is JSON but not an object."_s.arg(name));
        return false;
    }
    *out = doc.object();
    return true;
}

// Tokens from one issuer and key carry the same header byte for byte, so a
// verifier going through many of them keeps the last header it decoded (per
// thread, one entry) and reuses it when the next token's header matches.
struct LastHeader
{
    QByteArray part;
    QJsonObject header;
};
thread_local LastHeader lastHeader;

bool decodeHeader(QByteArrayView part, DecodedJwt *d)
{
    LastHeader &last = lastHeader;
    if (!part.isEmpty() && part == QByteArrayView(last.part)) {
        d->header = last.header;
        return true;
    }
    if (!decodeObject(part, u"header"_s, &d->header, d))
        return false;
    last.part = part.toByteArray();
    last.header = d->header;
    return true;
}

} // namespace

namespace Jwt {

DecodedJwt decode(const QByteArray &input)
{
    DecodedJwt d;
    const QByteArray token = input.trimmed();
    if (token.isEmpty())
        return failed(d, JwtError::Empty, u"The token is empty."_s);
    if (token.size() > MaxTokenBytes)
        return failed(d, JwtError::TooLarge,
                      u"The token is %1 bytes long; TokenLab reads tokens up to %2 bytes."_s.arg(token.size()).arg(MaxTokenBytes));
    // The dots, found without splitting: a verifier decodes every token it
    // checks, and each copy of a part is an allocation.
    qsizetype dots[4] = {};
    qsizetype dotCount = 0;
    for (qsizetype at = token.indexOf('.'); at >= 0; at = token.indexOf('.', at + 1)) {
        if (dotCount < 4)
            dots[dotCount] = at;
        ++dotCount;
    }
    const qsizetype partCount = dotCount + 1;
    const QByteArrayView view(token);
    if (partCount == 1) {
        if (!looksLikeBearerToken(token))
            return failed(d, JwtError::BadBase64Url, u"The token contains characters a bearer token cannot have."_s);
        d.kind = JwtKind::Opaque;
        return d;
    }
    if (partCount == 5) {
        d.kind = JwtKind::Jwe;
        decodeObject(view.first(dots[0]), u"JWE protected header"_s, &d.header, &d);
        return d;
    }
    if (partCount != 3) {
        d.kind = JwtKind::Jws;
        return failed(d, JwtError::WrongPartCount,
                      u"The token has %1 dot-separated parts; a signed JWT has 3 and an encrypted one 5."_s.arg(partCount));
    }
    d.kind = JwtKind::Jws;
    if (!decodeHeader(view.first(dots[0]), &d))
        return d;
    if (!decodeObject(view.sliced(dots[0] + 1, dots[1] - dots[0] - 1), u"payload"_s, &d.payload, &d))
        return d;
    auto sig = Base64Url::decode(view.sliced(dots[1] + 1));
    if (!sig)
        return failed(d, JwtError::BadBase64Url, u"The signature is not valid base64url."_s);
    d.signature = std::move(*sig);
    d.signingInput = token.first(dots[1]);
    return d;
}

std::optional<qint64> numericDate(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    constexpr double first = -62135596800.0; // 0001-01-01T00:00:00Z
    constexpr double last = 253402300799.0;  // 9999-12-31T23:59:59Z
    const double seconds = value.toDouble();
    if (!(seconds >= first && seconds <= last)) // also false for NaN
        return std::nullopt;
    return qint64(seconds);
}

QString errorSentence(JwtError error)
{
    switch (error) {
    case JwtError::None: return {};
    case JwtError::Empty: return u"The token is empty."_s;
    case JwtError::TooLarge: return u"The token is too large."_s;
    case JwtError::WrongPartCount: return u"The token does not have 3 (signed) or 5 (encrypted) parts."_s;
    case JwtError::BadBase64Url: return u"A part of the token is not valid base64url."_s;
    case JwtError::BadJson: return u"A part of the token is not valid JSON."_s;
    case JwtError::NotAnObject: return u"A part of the token is JSON but not an object."_s;
    }
    return {};
}

} // namespace Jwt
