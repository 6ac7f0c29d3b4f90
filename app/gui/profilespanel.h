// SPDX-License-Identifier: MIT
// The Profiles panel, the window's left column: every profile (the sandbox
// first), each with its signed-in state and expiry at a glance, rendered
// from its Session on SessionRegistry::sessionChanged; and New, Import and
// Remove. The list is rebuilt from the ProfileStore; the selection is kept
// across rebuilds (another process may have saved the file).
#pragma once

#include "api/importedcollection.h"
#include "storage/profile.h"

#include <QWidget>

class ProfileStore;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class Session;
class SessionRegistry;
class TokenStore;

class ProfilesPanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(ProfilesPanel)

public:
    ProfilesPanel(ProfileStore *profiles, SessionRegistry *sessions, QWidget *parent = nullptr);

    // Rebuilds the list from the store; selects select, else keeps the
    // current profile, else the store's active one. Emits currentChanged()
    // only when the selected profile is another one than before.
    void reload(const QString &select = {});
    QString current() const;
    // No profile selected (a new one is being edited).
    void clearSelection();
    void setSelectable(bool enabled);
    // "New from an API URL…": the discovery dialog; a saved profile is selected.
    void discoverFromUrl();
    // Where imports from other tools keep their secrets (the keychain).
    void setTokenStore(TokenStore *store) { m_store = store; }

Q_SIGNALS:
    void currentChanged(const QString &name);
    void newRequested();
    // The store changed here (import, remove): sessions and the list follow.
    void profilesChanged(const QString &select);
    void activity(const QString &line);
    void error(const QString &sentence);

private:
    void updateItem(QListWidgetItem *item);
    void updateAll();
    void removeCurrent();
    void importAuthConfig();
    void importEnvironment();
    void addImported(const std::optional<Profile> &profile, const QString &error);
    // Postman, Insomnia, Bruno or OpenAPI: a file (or a Bruno folder), then the preview.
    void importFrom(ImportedCollection::Format format);

    ProfileStore *m_profiles;
    SessionRegistry *m_sessions;
    QListWidget *m_list;
    QPushButton *m_remove;
    QString m_selected;
    TokenStore *m_store = nullptr;
};
