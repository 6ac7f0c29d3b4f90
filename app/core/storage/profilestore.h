// The user's profiles, kept as readable JSON under the XDG config directory
// ($XDG_CONFIG_HOME/tokenlab/profiles.json, shared by the GUI and the CLI).
// The file never holds a secret: tokens and client secrets go to the
// keychain. The sandbox profile always exists and cannot be removed.
//
// Writes are atomic (QSaveFile). A file that cannot be read is never
// overwritten silently: load() reports it, and save() refuses until the
// user has fixed or removed it.
#pragma once

#include "storage/profile.h"

#include <QProcessEnvironment>
#include <QString>

class ProfileStore
{
public:
    explicit ProfileStore(QString path = defaultPath());

    static QString defaultPath();
    QString path() const { return m_path; }

    bool load(QString *error);
    bool save(QString *error);

    QList<Profile> profiles() const { return m_profiles; }
    std::optional<Profile> profile(const QString &name) const;
    // Adds, or replaces the profile with the same name.
    bool upsert(const Profile &profile, QString *error);
    bool remove(const QString &name, QString *error);
    QString active() const { return m_active; }
    bool setActive(const QString &name, QString *error);

    // An Auth0 sample's auth_config.json: domain, clientId, audience, optional apiUri.
    static std::optional<Profile> fromAuth0Config(const QByteArray &json, const QString &name, QString *error);
    // AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_AUDIENCE (optional), AUTH0_API_URI (optional).
    static std::optional<Profile> fromEnvironment(const QProcessEnvironment &env, const QString &name, QString *error);

private:
    QString m_path;
    QList<Profile> m_profiles;
    QString m_active = QString::fromLatin1(Profile::SandboxName);
    bool m_unreadable = false;
};
