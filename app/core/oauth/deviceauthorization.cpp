// SPDX-License-Identifier: MIT
#include "oauth/deviceauthorization.h"
#include "oauth/providermetadata.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype MaxCodeLength = 4096;       // a device code is a handle, not a document
constexpr qsizetype MaxUserCodeLength = 64;     // RFC 8628 6.1: short enough to type
constexpr qint64 MaxLifetime = 24 * 3600;       // longer would be a wait nobody means
constexpr qint64 MaxInterval = 600;
constexpr qint64 SlowDownStep = 5;              // RFC 8628 3.5

// A whole number of seconds, or nullopt (absent, not a number, fractional, out of range).
std::optional<qint64> seconds(const QJsonValue &v)
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    // The range first: converting a double outside qint64's range is undefined.
    if (!(d >= -1e15 && d <= 1e15) || d != std::trunc(d))
        return std::nullopt;
    return qint64(d);
}

bool printable(const QString &s)
{
    for (const QChar c : s) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return false;
    }
    return true;
}

} // namespace

std::optional<DeviceAuthorization> DeviceAuthorization::parse(int httpStatus, const QByteArray &body, QString *error)
{
    auto fail = [error](const QString &why) -> std::optional<DeviceAuthorization> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    const QJsonObject o = doc.object();
    if (httpStatus != 200) {
        // RFC 8628 3.2: errors as at the token endpoint (RFC 6749 5.2).
        const QString code = o.value(u"error").toString().left(200);
        const QString description = o.value(u"error_description").toString().left(500);
        if (code.isEmpty())
            return fail(QCoreApplication::translate("DeviceAuthorization", "The device authorization endpoint answered HTTP %1 without an OAuth error; is its URL right?").arg(httpStatus));
        if (code == u"unauthorized_client")
            return fail(QCoreApplication::translate("DeviceAuthorization", "The issuer does not let this client use the device flow (unauthorized_client%1); enable the device code grant "
                        "for the client at the issuer.").arg(description.isEmpty() ? QString() : u": "_s + description));
        return fail(QCoreApplication::translate("DeviceAuthorization", "The device authorization endpoint refused the request: %1.").arg(
                description.isEmpty() ? code : description + u" ("_s + code + u')'));
    }
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return fail(QCoreApplication::translate("DeviceAuthorization", "The device authorization endpoint answered, but not with a JSON object."));

    DeviceAuthorization d;
    const QJsonValue deviceCode = o.value(u"device_code");
    if (!deviceCode.isString() || deviceCode.toString().isEmpty())
        return fail(QCoreApplication::translate("DeviceAuthorization", "The device authorization endpoint's answer has no \"device_code\" (RFC 8628 3.2)."));
    d.deviceCode = deviceCode.toString();
    if (d.deviceCode.size() > MaxCodeLength)
        return fail(QCoreApplication::translate("DeviceAuthorization", "The device authorization endpoint's \"device_code\" is longer than %1 characters.").arg(MaxCodeLength));

    const QJsonValue userCode = o.value(u"user_code");
    if (!userCode.isString() || userCode.toString().trimmed().isEmpty())
        return fail(QCoreApplication::translate("DeviceAuthorization", "The device authorization endpoint's answer has no \"user_code\" (RFC 8628 3.2)."));
    d.userCode = userCode.toString();
    if (d.userCode.size() > MaxUserCodeLength)
        return fail(QCoreApplication::translate("DeviceAuthorization", "The device authorization endpoint's \"user_code\" is longer than %1 characters; nobody could type it.").arg(MaxUserCodeLength));
    if (!printable(d.userCode))
        return fail(QCoreApplication::translate("DeviceAuthorization", "The device authorization endpoint's \"user_code\" holds control characters; TokenLab will not show it."));

    // Some issuers (Google) say verification_url; RFC 8628 3.2 says verification_uri.
    QJsonValue uri = o.value(u"verification_uri");
    if (uri.isUndefined())
        uri = o.value(u"verification_url");
    if (!uri.isString())
        return fail(QCoreApplication::translate("DeviceAuthorization", "The device authorization endpoint's answer has no \"verification_uri\" (RFC 8628 3.2)."));
    d.verificationUri = QUrl(uri.toString(), QUrl::StrictMode);
    if (!ProviderMetadata::isAcceptableEndpoint(d.verificationUri) || uri.toString().size() > 2048)
        return fail(QCoreApplication::translate("DeviceAuthorization", "The device authorization endpoint's \"verification_uri\" is not an https URL (or http on a loopback address): \"%1\".")
                            .arg(uri.toString().left(200)));

    const QJsonValue complete = o.value(u"verification_uri_complete");
    if (!complete.isUndefined() && !complete.isNull()) {
        d.verificationUriComplete = QUrl(complete.toString(), QUrl::StrictMode);
        if (!complete.isString() || !ProviderMetadata::isAcceptableEndpoint(d.verificationUriComplete) || complete.toString().size() > 2048)
            return fail(QCoreApplication::translate("DeviceAuthorization", "The device authorization endpoint's \"verification_uri_complete\" is not an https URL (or http on a loopback address)."));
    }

    const auto expiresIn = seconds(o.value(u"expires_in"));
    if (!expiresIn)
        return fail(QCoreApplication::translate("DeviceAuthorization", "The device authorization endpoint's answer has no whole number \"expires_in\" (RFC 8628 3.2)."));
    if (*expiresIn <= 0 || *expiresIn > MaxLifetime)
        return fail(QCoreApplication::translate("DeviceAuthorization", "The device authorization endpoint's \"expires_in\" is %1 s; TokenLab waits between 1 s and a day.").arg(*expiresIn));
    d.expiresIn = *expiresIn;

    const QJsonValue interval = o.value(u"interval");
    if (!interval.isUndefined() && !interval.isNull()) {
        const auto value = seconds(interval);
        if (!value || *value < 1 || *value > MaxInterval)
            return fail(QCoreApplication::translate("DeviceAuthorization", "The device authorization endpoint's \"interval\" is not a whole number of seconds between 1 and %1.").arg(MaxInterval));
        d.interval = *value;
    }
    return d;
}

DevicePollOutcome DevicePollOutcome::classify(const QString &errorCode, const QString &error, qint64 interval)
{
    DevicePollOutcome out;
    out.interval = interval;
    if (errorCode == u"authorization_pending") {
        out.kind = Kind::Pending;
    } else if (errorCode == u"slow_down") {
        // RFC 8628 3.5: this and all later polls wait 5 s more.
        out.kind = Kind::SlowDown;
        out.interval = qMin(interval + SlowDownStep, MaxInterval);
    } else if (errorCode == u"access_denied") {
        out.kind = Kind::Denied;
        out.sentence = QCoreApplication::translate("DeviceAuthorization", "The sign-in was declined on the other device (access_denied); no tokens were issued.");
    } else if (errorCode == u"expired_token") {
        out.kind = Kind::Expired;
        out.sentence = QCoreApplication::translate("DeviceAuthorization", "The device code expired before the sign-in was finished (expired_token); log in again for a new code.");
    } else if (errorCode.isEmpty()) {
        // RFC 8628 3.5: a connection timeout calls for exponential backoff, not
        // for giving up; the code itself still holds until it expires.
        out.kind = Kind::Retry;
        out.interval = qMin(interval * 2, MaxInterval);
        out.sentence = error.isEmpty() ? QCoreApplication::translate("DeviceAuthorization", "The token endpoint gave no answer.") : error;
    } else {
        out.kind = Kind::Failed;
        out.sentence = error.isEmpty() ? QCoreApplication::translate("DeviceAuthorization", "The token endpoint refused the device code without saying why.") : error;
    }
    return out;
}
