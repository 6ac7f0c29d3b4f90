// SPDX-License-Identifier: MIT
// Dynamic client registration (RFC 7591) of TokenLab as a native public
// client: the request body, and the parse of the authorization server's
// answer, as pure functions.
//
// The request asks for what every TokenLab login does: the authorization
// code grant with PKCE and refresh tokens, no client authentication
// (token_endpoint_auth_method "none"), and a loopback redirect whose port
// is chosen per login (RFC 8252 7.3, 8.4). The answer must hold a
// client_id; a registration access token and client URI (RFC 7592) are
// kept when present, for the keychain. A refusal is one sentence.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QUrl>
#include <optional>

struct ClientRegistration
{
    static constexpr qint64 MaxResponseBytes = 64 * 1024;

    QString clientId;
    QString registrationAccessToken;   // RFC 7592 3: a secret, for the keychain only
    QUrl registrationClientUri;
    QString tokenEndpointAuthMethod;   // as the server registered it
    QJsonObject raw;                   // the answer, without the registration access token

    // The RFC 7591 2 metadata of a native public client whose redirect is
    // redirectUri (http://127.0.0.1/callback style; no port: any port).
    static QJsonObject request(const QUrl &redirectUri, const QString &clientName = QStringLiteral("TokenLab"));
    // RFC 7591 3.2.1 (status 201) or 3.2.2 (an error document), with a sentence for anything else.
    static std::optional<ClientRegistration> parseResponse(int status, const QByteArray &body, QString *error);
};
