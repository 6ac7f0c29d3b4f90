// SPDX-License-Identifier: MIT
// Builds the authorization request URL (RFC 6749 4.1.1, RFC 7636 4.3,
// OpenID Connect Core 3.1.2.1, RFC 8707 2, RFC 9449 10) as a pure function,
// either as the browser's URL or as the parameters to push first (RFC 9126),
// after which the browser's URL carries client_id and request_uri only. Every value
// is percent-encoded as a form component, so "+", spaces and "&" in scopes,
// states or extra parameters arrive intact.
#pragma once


#include "http/formencoding.h"

#include <QByteArray>
#include <QUrl>

struct AuthorizationRequest
{
    QUrl authorizationEndpoint;
    QString clientId;
    QUrl redirectUri;
    QString scope;
    QString audience;   // Auth0's "audience", sent when not empty
    QString resource;   // RFC 8707 "resource", sent when not empty
    QString state;
    QString nonce;
    QByteArray codeChallenge;
    QString dpopJkt;    // RFC 9449 10: binds the code to the DPoP key, sent when not empty
    QList<QPair<QString, QString>> extraParams; // never override the ones above

    QUrl url() const;
    // The same parameters as a form, for the pushed authorization request endpoint.
    FormData parameters() const;
    // RFC 9126 4: the browser's URL after a push.
    static QUrl pushedUrl(const QUrl &authorizationEndpoint, const QString &clientId, const QString &requestUri);
    // The reserved parameters that extraParams may not set.
    static bool isReservedParameter(const QString &name);
};
