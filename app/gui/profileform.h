// SPDX-License-Identifier: MIT
// The profile form on the Login tab: the profile's title, the editor, the
// sentence that says what is wrong, and Save (Ctrl+S). Saving validates,
// writes the profile through the ProfileStore (a locked read-modify-write
// that keeps other processes' profiles) and hands a machine-to-machine
// client secret to the keychain, never to the file. Unsaved edits are
// remembered (isDirty()), so a reload from disk does not overwrite them.
#pragma once

#include "storage/profile.h"

#include <QWidget>

class ProfileEditor;
class ProfileStore;
class QLabel;
class QPushButton;
class TokenStore;

class ProfileForm : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(ProfileForm)

public:
    ProfileForm(ProfileStore *profiles, TokenStore *tokens, QWidget *parent = nullptr);

    // Shows a stored profile (for the sandbox, with the live tenant's URLs).
    void showProfile(const Profile &profile);
    // A new profile with a free name, not saved yet.
    void startNew();
    bool isNew() const { return m_new; }
    bool isDirty() const { return m_dirty; }
    // The name of the stored profile shown; empty for a new one.
    QString current() const { return m_current; }
    // What the fields say now, saved or not.
    Profile edited() const;
    // Replaces the edited scope (for "log in again asking for SCOPE").
    void setScope(const QString &scope);
    void showError(const QString &sentence);
    // The live sandbox profile with the settings a user may change taken from edited.
    static Profile sandboxWith(const Profile &live, const Profile &edited);

Q_SIGNALS:
    // Saved as name; renamedFrom is the old name after a rename, else empty.
    void saved(const QString &name, const QString &renamedFrom);
    void activity(const QString &line);

private:
    void save();
    // Writes p to the profile file (replacing renamedFrom) and keeps
    // clientSecret in the keychain; false with the sentence shown.
    bool commit(const Profile &p, const QString &renamedFrom, const QString &clientSecret);
    // True when the editor shows the saved profile under its saved name; else a sentence.
    bool keyNameSaved();
    void copyClientKey();
    // Asks for a PEM file (clientKeyFileDialog), then importClientKey().
    void askForClientKey();
    void importClientKey(const QString &path);

    ProfileStore *m_profiles;
    TokenStore *m_tokens;
    QString m_current;
    bool m_new = false;
    bool m_dirty = false;
    QLabel *m_title;
    ProfileEditor *m_editor;
    QLabel *m_errors;
    QPushButton *m_save;
};
