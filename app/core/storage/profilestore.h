// SPDX-License-Identifier: MIT
// The user's profiles, kept as readable JSON under the XDG config directory
// ($XDG_CONFIG_HOME/tokenlab/profiles.json, shared by the GUI and the CLI).
// The file never holds a secret: tokens and client secrets go to the
// keychain. The sandbox profile always exists and cannot be removed.
//
// Several TokenLab processes share the file (the app, any number of CLI
// commands). upsert(), remove() and setActive() change this copy and
// remember the change; save() then takes the file's lock (a QLockFile
// beside it, with stale-lock recovery), reads the file again, applies only
// the changes made here, and writes the result atomically (QSaveFile). So
// a save never drops a profile another process added, and twelve parallel
// "profile add" keep all twelve. Entries this version cannot read are
// written back as they were. A file that cannot be read at all is never
// overwritten: load() reports it, and save() refuses until the user has
// fixed or removed it.
#pragma once

#include "storage/profile.h"

#include <QJsonArray>
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
    // Adds a profile whose name must be free: here, and at save() in the
    // file as it is then, so save() fails (and writes nothing) when another
    // process took the name meanwhile. Claims a name before anything is
    // kept under it (a secret, a file), so two processes never share one.
    bool insert(const Profile &profile, QString *error);
    bool remove(const QString &name, QString *error);
    QString active() const { return m_active; }
    bool setActive(const QString &name, QString *error);

    // An Auth0 sample's auth_config.json: domain, clientId, audience, optional apiUri.
    static std::optional<Profile> fromAuth0Config(const QByteArray &json, const QString &name, QString *error);
    // AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_AUDIENCE (optional), AUTH0_API_URI (optional).
    static std::optional<Profile> fromEnvironment(const QProcessEnvironment &env, const QString &name, QString *error);

    // How long save() waits for another process's save before it gives up.
    static constexpr int LockTimeoutMs = 10000;

private:
    struct Change
    {
        enum class Kind { Upsert, Insert, Remove, Activate };
        Kind kind;
        Profile profile; // Upsert
        QString name;    // Remove, Activate
    };
    struct Contents
    {
        QList<Profile> profiles;
        QJsonArray unreadable; // entries kept as they were
        QString active;
    };
    // Reads the file into *contents; false with *error (and *fatal when the
    // whole file cannot be read) on any problem.
    bool read(Contents *contents, QString *error, bool *fatal) const;
    static void apply(Contents *contents, const Change &change);

    QString m_path;
    QList<Change> m_pending; // changes made here since the last load or save
    QJsonArray m_skipped;
    QList<Profile> m_profiles;
    QString m_active = QString::fromLatin1(Profile::SandboxName);
    bool m_unreadable = false;
};
