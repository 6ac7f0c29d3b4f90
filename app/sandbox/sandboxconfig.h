// How a sandbox tenant is started: addresses, lifetimes, the clock, and the
// optional auto-approval that lets headless tests skip the browser pages.
#pragma once

#include "util/clock.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>
#include <optional>

struct AutoApprove
{
    QString user;                      // a SandboxDirectory user id
    std::optional<QStringList> scopes; // consent limited to these; all permitted when unset

    // "alice" or "bob:openid,profile"; nullopt with a sentence in *error.
    static std::optional<AutoApprove> parse(const QString &text, QString *error);
};

struct SandboxConfig
{
    QHostAddress address{QHostAddress::LocalHost};
    quint16 port = 0;     // authorization server; 0 picks a free port
    quint16 apiPort = 0;  // sample API; 0 picks a free port
    int tokenLifetimeSeconds = 3600;
    int codeLifetimeSeconds = 60;
    int refreshLifetimeSeconds = 30 * 24 * 3600;
    int transactionLifetimeSeconds = 600;  // time to finish the login pages
    int leewaySeconds = 5;                 // clock skew the sample API tolerates
    std::optional<AutoApprove> autoApprove;
    Clock clock = systemClock();
};
