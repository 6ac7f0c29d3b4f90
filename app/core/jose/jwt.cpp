// SPDX-License-Identifier: MIT
#include "jose/jwt.h"
#include "jose/base64url.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace {

using Fault = Base64Url::Fault;

bool isBearerCharacter(char c)
{
    // RFC 6750 2.1 b64token characters.
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || QByteArrayView("-._~+/=").contains(c);
}

// The character at a byte offset of the token, in words, and its 1-based
// position counted in characters (a pasted token may hold an ellipsis or a
// curly quote, which are several bytes).
struct Spot
{
    QString character;
    int position = 0;
};

QString hex(uint value, int width)
{
    return QString::number(value, 16).toUpper().rightJustified(width, u'0');
}

Spot spotAt(const QByteArray &token, qsizetype offset)
{
    Spot s;
    s.position = int(QString::fromUtf8(token.left(offset)).toUcs4().size()) + 1;
    const auto c = uchar(token.at(offset));
    const int length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    const QString decoded = length ? QString::fromUtf8(token.mid(offset, length)) : QString();
    const QList<uint> code = decoded.toUcs4();
    if (c == ' ')
        s.character = u"a space"_s;
    else if (c == '\t')
        s.character = u"a tab"_s;
    else if (c == '\n' || c == '\r')
        s.character = QCoreApplication::translate("Jwt", "a line break");
    else if (c < 0x20 || c == 0x7f)
        s.character = QCoreApplication::translate("Jwt", "the control character U+%1").arg(hex(c, 4));
    else if (c < 0x80)
        s.character = u"'%1'"_s.arg(QLatin1Char(char(c)));
    else if (code.size() == 1 && code.first() != 0xfffd && decoded.toUtf8() == token.mid(offset, length))
        s.character = u"'%1' (U+%2)"_s.arg(decoded, hex(code.first(), 4));
    else
        s.character = QCoreApplication::translate("Jwt", "the byte 0x%1").arg(hex(c, 2));
    return s;
}

DecodedJwt failed(DecodedJwt d, JwtError e, const QString &detail, int position = 0)
{
    d.error = e;
    d.errorText = detail;
    d.problemPosition = position;
    return d;
}

// Why a header or payload part (starting at byte start of the token) is not base64url.
QString base64Sentence(const QString &name, const QByteArray &token, qsizetype start, QByteArrayView part, Fault f, int *position)
{
    const Spot spot = spotAt(token, start + f.offset);
    *position = spot.position;
    switch (f.kind) {
    case Fault::Kind::BadCharacter:
        return QCoreApplication::translate("Jwt", "The %1 is not valid base64url: %2 at position %3 of the token is outside the base64url alphabet.").arg(
                name, spot.character).arg(spot.position);
    case Fault::Kind::Padding:
        return QCoreApplication::translate("Jwt", "The %1 is not valid base64url: it ends in '=' padding at position %2 of the token, which JOSE leaves out.").arg(name).arg(
                spot.position);
    case Fault::Kind::ImpossibleLength:
        return QCoreApplication::translate("Jwt", "The %1 is not valid base64url: no encoding is %2 characters long, so a character was lost or added "
               "(the part ends at position %3 of the token).").arg(name).arg(part.size()).arg(spot.position);
    case Fault::Kind::NonCanonical:
        return QCoreApplication::translate("Jwt", "The %1 is not valid base64url: its last character %2, at position %3 of the token, carries bits no encoder "
               "sets, so it was altered.").arg(name, spot.character).arg(spot.position);
    case Fault::Kind::None: break;
    }
    return {};
}

QString signatureSentence(const QByteArray &token, qsizetype start, QByteArrayView part, Fault f, int *position)
{
    const Spot spot = spotAt(token, start + f.offset);
    *position = spot.position;
    switch (f.kind) {
    case Fault::Kind::BadCharacter:
        return QCoreApplication::translate("Jwt", "The signature part was altered: %1 at position %2 of the token is not base64url, so no key can have made it.").arg(
                spot.character).arg(spot.position);
    case Fault::Kind::Padding:
        return QCoreApplication::translate("Jwt", "The signature part was altered: it ends in '=' padding at position %1 of the token, which JOSE leaves out, "
               "so no key can have made it as it stands.").arg(spot.position);
    case Fault::Kind::ImpossibleLength:
        return QCoreApplication::translate("Jwt", "The signature part was altered: no encoding is %1 characters long, so a character was added or removed "
               "(the part ends at position %2 of the token).").arg(part.size()).arg(spot.position);
    case Fault::Kind::NonCanonical:
        return QCoreApplication::translate("Jwt", "The signature part was altered: its last character %1, at position %2 of the token, carries bits no encoder "
               "sets, so no key can have made it.").arg(spot.character).arg(spot.position);
    case Fault::Kind::None: break;
    }
    return {};
}

// Decodes the part of the token that starts at byte start. The fast decoder
// is the whole cost for a well-formed part; only when it refuses the part is
// it diagnosed, to name the character and its position.
bool decodeObject(const QByteArray &token, qsizetype start, QByteArrayView part, const QString &name, QJsonObject *out, DecodedJwt *d)
{
    const auto raw = Base64Url::decode(part);
    if (!raw) {
        const Fault fault = Base64Url::diagnose(part.toByteArray());
        int position = 0;
        const QString sentence = fault.kind == Fault::Kind::None
                ? QCoreApplication::translate("Jwt", "The %1 is not valid base64url.").arg(name)
                : base64Sentence(name, token, start, part, fault, &position);
        *d = failed(*d, JwtError::BadBase64Url, sentence, position);
        return false;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(*raw, &pe);
    if (pe.error != QJsonParseError::NoError) {
        *d = failed(*d, JwtError::BadJson,
                    QCoreApplication::translate("Jwt", "The %1 is not valid JSON (%2 at byte %3).").arg(name, pe.errorString()).arg(pe.offset));
        return false;
    }
    if (!doc.isObject()) {
        *d = failed(*d, JwtError::NotAnObject, QCoreApplication::translate("Jwt", "The %1 is JSON but not an object.").arg(name));
        return false;
    }
    *out = doc.object();
    return true;
}

// Tokens from one issuer and key carry the same header byte for byte, so a
// verifier going through many of them keeps the last header it decoded (per
// thread, one entry) and reuses it when the next token's header matches.
// Only a header that decoded without error is kept, and only its bytes and
// object: a hit compares every byte and leaves error and position untouched.
struct LastHeader
{
    QByteArray part;
    QJsonObject header;
};
thread_local LastHeader lastHeader;

bool decodeHeader(const QByteArray &token, QByteArrayView part, DecodedJwt *d)
{
    LastHeader &last = lastHeader;
    if (!part.isEmpty() && part == QByteArrayView(last.part)) {
        d->header = last.header;
        return true;
    }
    if (!decodeObject(token, 0, part, u"header"_s, &d->header, d))
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
        return failed(d, JwtError::Empty, QCoreApplication::translate("Jwt", "The token is empty."));
    if (token.size() > MaxTokenBytes)
        return failed(d, JwtError::TooLarge,
                      QCoreApplication::translate("Jwt", "The token is %1 bytes long; TokenLab reads tokens up to %2 bytes.").arg(token.size()).arg(MaxTokenBytes));
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
        for (qsizetype i = 0; i < token.size(); ++i) {
            if (isBearerCharacter(token.at(i)))
                continue;
            const Spot spot = spotAt(token, i);
            return failed(d, JwtError::BadBase64Url,
                          QCoreApplication::translate("Jwt", "The token contains %1 at position %2, which a bearer token cannot have.").arg(spot.character).arg(spot.position),
                          spot.position);
        }
        d.kind = JwtKind::Opaque;
        return d;
    }
    if (partCount == 5) {
        d.kind = JwtKind::Jwe;
        decodeObject(token, 0, view.first(dots[0]), QCoreApplication::translate("Jwt", "JWE protected header"), &d.header, &d);
        return d;
    }
    if (partCount != 3) {
        d.kind = JwtKind::Jws;
        return failed(d, JwtError::WrongPartCount,
                      QCoreApplication::translate("Jwt", "The token has %1 dot-separated parts; a signed JWT has 3 and an encrypted one 5.").arg(partCount));
    }
    d.kind = JwtKind::Jws;
    const qsizetype payloadStart = dots[0] + 1;
    const qsizetype signatureStart = dots[1] + 1;
    if (!decodeHeader(token, view.first(dots[0]), &d))
        return d;
    if (!decodeObject(token, payloadStart, view.sliced(payloadStart, dots[1] - payloadStart), u"payload"_s, &d.payload, &d))
        return d;
    const QByteArrayView sigPart = view.sliced(signatureStart);
    if (auto sig = Base64Url::decode(sigPart)) {
        d.signature = std::move(*sig);
    } else {
        // Altered signature part: still decoded, with no signature bytes so
        // that no key verifies it, and the sentence saying what was altered.
        const Fault sigFault = Base64Url::diagnose(sigPart.toByteArray());
        d.signatureProblem = sigFault.kind == Fault::Kind::None
                ? QCoreApplication::translate("Jwt", "The signature part was altered: it is not valid base64url, so no key can have made it.")
                : signatureSentence(token, signatureStart, sigPart, sigFault, &d.problemPosition);
    }
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
    case JwtError::Empty: return QCoreApplication::translate("Jwt", "The token is empty.");
    case JwtError::TooLarge: return QCoreApplication::translate("Jwt", "The token is too large.");
    case JwtError::WrongPartCount: return QCoreApplication::translate("Jwt", "The token does not have 3 (signed) or 5 (encrypted) parts.");
    case JwtError::BadBase64Url: return QCoreApplication::translate("Jwt", "A part of the token is not valid base64url.");
    case JwtError::BadJson: return QCoreApplication::translate("Jwt", "A part of the token is not valid JSON.");
    case JwtError::NotAnObject: return QCoreApplication::translate("Jwt", "A part of the token is JSON but not an object.");
    }
    return {};
}

QStringList audiences(const QJsonObject &claims)
{
    const QJsonValue aud = claims.value(u"aud");
    if (aud.isString())
        return {aud.toString()};
    QStringList out;
    for (const QJsonValue &a : aud.toArray())
        out << a.toString();
    return out;
}

QString boundKey(const QJsonObject &claims)
{
    return claims.value(u"cnf").toObject().value(u"jkt").toString();
}

} // namespace Jwt
