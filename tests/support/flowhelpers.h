// Small helpers for tests that drive a login or a token store: what a
// store holds now, and the parameters of an authorization request URL.
#pragma once

#include "oauth/tokenset.h"

#include <QString>
#include <QUrl>
#include <optional>

class TokenStore;

// Loads a profile's tokens and waits for the answer (2 s); nullopt when none.
std::optional<TokenSet> storedTokens(TokenStore &store, const QString &profile);

// A query parameter of an authorization request URL, decoded.
QString authorizeParam(const QUrl &authorizeUrl, const QString &name);
// The loopback port its redirect_uri names.
quint16 redirectPort(const QUrl &authorizeUrl);
