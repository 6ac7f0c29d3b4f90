// SPDX-License-Identifier: MIT
// What the browser brings back to the loopback redirect URI (RFC 6749
// 4.1.2 and 4.1.2.1, RFC 9207), judged as a pure function of the request and
// what the login expects. The checks run in the order the flow needs them:
// the path and method, then error, then state, then iss, then code.
#pragma once

#include "http/httpmessage.h"

#include <QString>
#include <QUrl>

struct CallbackExpectation
{
    QByteArray path;             // the redirect URI's path, e.g. "/callback"
    QString state;
    QUrl issuer;
    bool issuerSendsIss = false; // discovery said authorization_response_iss_parameter_supported
    bool expectCode = true;      // false for the return from an RP-initiated logout: state only
};

struct AuthorizationCallback
{
    enum class Outcome {
        Code,              // state and iss right, a code: exchange it
        ProviderError,     // state right, the server said error=...: the login ends
        MixUp,             // state right, iss wrong (RFC 9207): the login ends
        NotOurs,           // another path or method: 404/405, keep waiting
        Rejected,          // wrong or missing state, malformed: 400, keep waiting
        MissingCode,       // state right but neither code nor error: the login ends
    };

    Outcome outcome = Outcome::Rejected;
    QString code;
    QString error;             // the server's error code
    QString errorDescription;
    QString reason;            // a sentence for the user or the log
    int httpStatus = 400;      // what to answer the browser

    bool endsLogin() const { return outcome == Outcome::Code || outcome == Outcome::ProviderError
                                    || outcome == Outcome::MixUp || outcome == Outcome::MissingCode; }

    static AuthorizationCallback judge(const HttpRequest &request, const CallbackExpectation &expected);
};
