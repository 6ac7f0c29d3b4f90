// SPDX-License-Identifier: MIT
#include "session/sessionregistry.h"
#include "storage/tokennotice.h"
#include "storage/tokenstore.h"

SessionRegistry::SessionRegistry(const SessionServices &services, QObject *parent)
    : QObject(parent), m_services(services), m_notices(new TokenNoticeWatcher(services.store->scope(), this))
{
    connect(m_notices, &TokenNoticeWatcher::changed, this, [this](const QString &profile) {
        if (Session *s = find(profile))
            s->reload();
    });
}

Session *SessionRegistry::session(const Profile &profile)
{
    if (Session *existing = find(profile.name)) {
        existing->setProfile(profile);
        return existing;
    }
    auto *s = new Session(profile, m_services, this);
    m_sessions.insert(profile.name, s);
    connect(s, &Session::changed, this, [this, s] { Q_EMIT sessionChanged(s); });
    Q_EMIT sessionChanged(s);
    return s;
}

void SessionRegistry::remove(const QString &name)
{
    Session *s = m_sessions.take(name);
    if (!s)
        return;
    // A forget or renewal still running (the removed profile's tokens being
    // deleted) finishes first; then the session goes.
    if (s->isBusy())
        connect(s, &Session::idle, s, &QObject::deleteLater);
    else
        s->deleteLater();
}
