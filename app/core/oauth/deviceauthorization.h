// SPDX-License-Identifier: MIT
// The device authorization grant (RFC 8628), the pure half: the device
// authorization endpoint's answer (3.2) as a value, and what a refused
// device-code token request means for the polling (3.5). Every answer a
// client cannot use is one sentence; nothing here touches the network.
#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>
#include <optional>

struct DeviceAuthorization
{
    QString deviceCode;             // secret: never logged or shown
    QString userCode;               // what the user types on the other device
    QUrl verificationUri;
    QUrl verificationUriComplete;   // empty when the issuer sent none
    qint64 expiresIn = 0;           // seconds the codes are good for
    qint64 interval = 5;            // RFC 8628 3.2: 5 s when the issuer names none

    // RFC 8628 3.2 (and 3.3's errors as at the token endpoint): httpStatus and
    // body of the device authorization endpoint's answer. nullopt with a sentence.
    static std::optional<DeviceAuthorization> parse(int httpStatus, const QByteArray &body, QString *error);
};

// RFC 8628 3.5: what a refused poll of the token endpoint asks of the client.
struct DevicePollOutcome
{
    enum class Kind {
        Pending,    // authorization_pending: ask again after the interval
        SlowDown,   // slow_down: ask again, 5 s more patiently from now on
        Denied,     // access_denied: the user said no; stop
        Expired,    // expired_token: the codes lapsed; stop
        Failed,     // any other OAuth error: stop with the token endpoint's sentence
        Retry,      // no OAuth error at all (a timeout, no connection, a 5xx, a page that is
                    // no OAuth answer): back off, twice the interval, and ask again (3.5)
    };
    Kind kind = Kind::Failed;
    qint64 interval = 5;    // the interval to wait before the next poll
    QString sentence;       // for Denied, Expired and Failed

    bool keepPolling() const { return kind == Kind::Pending || kind == Kind::SlowDown || kind == Kind::Retry; }

    // errorCode: the OAuth error of the refusal; error: the token endpoint
    // client's sentence for it; interval: the one in use.
    static DevicePollOutcome classify(const QString &errorCode, const QString &error, qint64 interval);
};
