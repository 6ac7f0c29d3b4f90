// SPDX-License-Identifier: MIT
// How a sandbox tenant is started: addresses, lifetimes, the clock, the
// optional auto-approval that lets headless tests skip the browser pages
// (and approves device codes as they are issued),
// the optional continuity that lets tokens outlive one run, and the
// switches that make it stricter (required PAR, DPoP nonces, an API that
// requires DPoP).
#pragma once

#include "api/mintkey.h"
#include "sandbox/sandboxswitches.h"

#include "util/clock.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>
#include <chrono>
#include <optional>

struct AutoApprove
{
    QString user;                      // a SandboxDirectory user id
    std::optional<QStringList> scopes; // consent limited to these; all permitted when unset

    // "alice" or "bob:openid,profile"; nullopt with a sentence in *error.
    static std::optional<AutoApprove> parse(const QString &text, QString *error);
};

// What a tenant keeps between runs so that the tokens it issued still
// verify after a restart (the app's and the CLI's tenants; tokenlab-sandbox
// keeps nothing): its signing key in the OS keychain, never in a file, and
// its two ports in a small JSON file that holds nothing secret.
struct SandboxContinuity
{
    static constexpr auto DefaultKeychainEntry = MintKey::KeychainEntry; // the probe mints with the same key

    QString keychainService;  // e.g. "TokenLab"; empty: a new key in memory each run
    QString keychainEntry = QString::fromLatin1(DefaultKeychainEntry);
    std::chrono::milliseconds keychainTimeout{15000};
    QString portsFile;        // empty: the ports are not remembered
    // Clients registered at /oidc/register (RFC 7591), public keys only;
    // empty: they live in memory for this run only.
    QString clientsFile;
    // The switches that make the tenant stricter (SandboxSwitches); empty:
    // only what SandboxConfig::switches says.
    QString switchesFile;

    // The app's and the CLI's: service "TokenLab",
    // $XDG_DATA_HOME/tokenlab/sandbox.json and sandbox-clients.json beside it
    // and sandbox-switches.json beside it (the same files for both programs).
    static SandboxContinuity forCurrentUser(std::chrono::milliseconds keychainTimeout = std::chrono::seconds(15));
};

struct SandboxConfig
{
    QHostAddress address{QHostAddress::LocalHost};
    quint16 port = 0;     // authorization server; 0 picks a free port (with continuity, the last run's first)
    quint16 apiPort = 0;  // sample API; likewise
    int tokenLifetimeSeconds = 3600;
    int codeLifetimeSeconds = 60;
    int refreshLifetimeSeconds = 30 * 24 * 3600;
    int transactionLifetimeSeconds = 600;  // time to finish the login pages
    int deviceCodeLifetimeSeconds = 600;   // RFC 8628 3.2 expires_in
    int deviceIntervalSeconds = 5;         // RFC 8628 3.2 interval; faster polls get slow_down
    int leewaySeconds = 5;                 // clock skew the sample API tolerates
    std::optional<AutoApprove> autoApprove;
    Clock clock = systemClock();
    std::optional<SandboxContinuity> continuity;
    SandboxSwitches switches; // required PAR, DPoP nonces, an API that requires DPoP; a running tenant can change them
    int dpopNonceRotationSeconds = 60; // a nonce is good for this long, and the one before it too
    // RFC 9449 4.3, 11.1: how far a proof's iat may be from the tenant's clock;
    // proofs' jti are remembered this long (twice over) to refuse replays.
    int dpopProofWindowSeconds = 60;
    // Requests that need the signing key wait for it at most this long, at
    // most this many at once; then 503. Loading it may mean a keychain read.
    std::chrono::milliseconds keyWaitTimeout{30000};
    int maxRequestsWaitingForKey = 64;
    // The window's tenant: the key is loaded (or generated) when first needed,
    // by any request to the authorization server other than its metadata (a
    // login's first request), a request that verifies, or tokens kept from an
    // earlier run, not when the tenant starts, so a start that shows the sandbox
    // profile without using it does not load OpenSSL's RSA code. Otherwise
    // (the CLI, tokenlab-sandbox) it is on its way at start().
    bool keyWhenFirstNeeded = false;

    // The app's and the CLI's tenant: defaults, plus SandboxContinuity::forCurrentUser()
    // and the switches saved in its switchesFile (a damaged file: all off, and
    // a sentence in *switchesProblem).
    static SandboxConfig continuing(QString *switchesProblem = nullptr,
                                    std::chrono::milliseconds keychainTimeout = std::chrono::seconds(15));
};
