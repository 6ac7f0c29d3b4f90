// SPDX-License-Identifier: MIT
#include "sandbox/sandboxdirectory.h"

using namespace Qt::StringLiterals;

QList<SandboxUser> SandboxDirectory::users()
{
    return {
        {u"alice"_s, u"Alice Admin"_s, u"alice@sandbox.tokenlab.test"_s, {u"read:messages"_s, u"write:messages"_s}},
        {u"bob"_s, u"Bob Basic"_s, u"bob@sandbox.tokenlab.test"_s, {}},
    };
}

const SandboxUser *SandboxDirectory::user(const QString &id)
{
    static const QList<SandboxUser> all = users();
    for (const SandboxUser &u : all) {
        if (u.id == id)
            return &u;
    }
    return nullptr;
}

QStringList SandboxDirectory::oidcScopes()
{
    return {u"openid"_s, u"profile"_s, u"email"_s, u"offline_access"_s};
}

QStringList SandboxDirectory::apiScopes()
{
    return {u"read:messages"_s, u"write:messages"_s};
}

QStringList SandboxDirectory::m2mScopes()
{
    return {u"read:messages"_s};
}

QString SandboxDirectory::scopeDescription(const QString &scope)
{
    if (scope == u"openid")
        return u"Sign you in and tell the application who you are"_s;
    if (scope == u"profile")
        return u"Your name"_s;
    if (scope == u"email")
        return u"Your email address"_s;
    if (scope == u"offline_access")
        return u"Stay signed in (a refresh token)"_s;
    if (scope == u"read:messages")
        return u"Read your messages through the sample API"_s;
    if (scope == u"write:messages")
        return u"Write messages through the sample API"_s;
    return scope;
}
