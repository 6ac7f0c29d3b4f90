// SPDX-License-Identifier: MIT
// Every profile's Session in this process, one each, created on first use.
// It also listens for other TokenLab processes: when one of them saves or
// deletes a profile's tokens (a TokenNotice), that profile's session reads
// the keychain again, so the window never shows a copy that went stale.
//
// Contract: session(name) returns the same Session for the life of the
// registry (or until remove(name)); sessions are owned by the registry.
#pragma once

#include "session/session.h"

#include <QHash>
#include <QObject>

class TokenNoticeWatcher;

class SessionRegistry : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(SessionRegistry)

public:
    explicit SessionRegistry(const SessionServices &services, QObject *parent = nullptr);

    // The profile's session, created on first use; later calls update its settings.
    Session *session(const Profile &profile);
    Session *find(const QString &name) const { return m_sessions.value(name); }
    QList<Session *> sessions() const { return m_sessions.values(); }
    // The profile was removed: its session goes, once a forget or renewal it runs has finished.
    void remove(const QString &name);
    const SessionServices &services() const { return m_services; }

Q_SIGNALS:
    // A session was created, or one of them changed state.
    void sessionChanged(Session *session);

private:
    SessionServices m_services;
    QHash<QString, Session *> m_sessions;
    TokenNoticeWatcher *m_notices;
};
