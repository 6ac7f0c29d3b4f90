// SPDX-License-Identifier: MIT
// Who and what the sandbox tenant knows: its demo users, its two clients and
// its one API. Fixed at build time so that tests, the README and a new user
// all see the same names.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

struct SandboxUser
{
    QString id;        // used in sub ("sandbox|alice") and login_hint
    QString name;
    QString email;
    QStringList apiPermissions; // API scopes this user may be granted
};

struct SandboxDirectory
{
    static constexpr auto NativeClientId = "tokenlab-native";
    static constexpr auto M2mClientId = "tokenlab-m2m";
    static constexpr auto ApiAudience = "https://api.sandbox.tokenlab.test/";

    static QList<SandboxUser> users();
    static const SandboxUser *user(const QString &id);
    static QStringList oidcScopes();   // openid profile email offline_access
    static QStringList apiScopes();    // read:messages write:messages
    static QStringList m2mScopes();    // what the machine-to-machine client is granted
    static QString scopeDescription(const QString &scope);
};
