// SPDX-License-Identifier: MIT
// Small helpers for tests that drive a login or a token store: what a
// store holds now, and the parameters of an authorization request URL.
#pragma once

#include "oauth/tokenset.h"

#include <QString>
#include <QUrl>
#include <optional>

#include "storage/tokenstore.h"

// What one TokenStoreJob ended with, copied while it was alive (jobs delete themselves).
struct StoreOutcome
{
    TokenStoreError error = TokenStoreError::Other;
    QString message = QStringLiteral("the store job did not finish in time");
    std::optional<TokenSet> tokens;
    QString secret;
    int finishedCount = 0; // exactly one, by the store's contract
};
StoreOutcome awaitStore(TokenStoreJob *job, int timeoutMs = 20000);

// Loads a profile's tokens and waits for the answer (2 s); nullopt when none.
std::optional<TokenSet> storedTokens(TokenStore &store, const QString &profile);

// A query parameter of an authorization request URL, decoded.
QString authorizeParam(const QUrl &authorizeUrl, const QString &name);
// The loopback port its redirect_uri names.
quint16 redirectPort(const QUrl &authorizeUrl);
