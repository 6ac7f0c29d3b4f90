// Builds the authorization request URL (RFC 6749 4.1.1, RFC 7636 4.3,
// OpenID Connect Core 3.1.2.1, RFC 8707 2) as a pure function. Every value
// is percent-encoded as a form component, so "+", spaces and "&" in scopes,
// states or extra parameters arrive intact.
#pragma once


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
    QList<QPair<QString, QString>> extraParams; // never override the ones above

    QUrl url() const;
    // The reserved parameters that extraParams may not set.
    static bool isReservedParameter(const QString &name);
};
