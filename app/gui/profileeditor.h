// SPDX-License-Identifier: MIT
// Edits one profile. Fields are named by objectName (profileName,
// profileIssuer, ...) for tests; the sandbox's URLs and client come from the
// running tenant and are shown read-only. profile() returns what the fields
// say; validation is Profile::validate(), shown by the caller.
#pragma once

#include "storage/profile.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QPushButton;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

class ProfileEditor : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(ProfileEditor)

public:
    explicit ProfileEditor(QWidget *parent = nullptr);

    void setProfile(const Profile &profile);
    // The edited profile; "domain-only" issuers become https://DOMAIN/.
    Profile profile() const;
    // The client secret typed for a machine-to-machine profile; it goes to the
    // keychain on Save and is never part of profile().
    QString clientSecret() const;
    void clearClientSecret();

Q_SIGNALS:
    void edited();
    // "Copy public key": the front end fetches (or makes) the client key and copies its public JWK.
    void clientKeyRequested();
    // "Import key…": the form asks for the file.
    void clientKeyImportRequested();

private:
    Profile m_original;
    QLineEdit *m_name;
    QLineEdit *m_issuer;
    QLineEdit *m_clientId;
    QLineEdit *m_audience;
    QLineEdit *m_resource;
    QLineEdit *m_scope;
    QPlainTextEdit *m_extra;
    QComboBox *m_redirectHost;
    QSpinBox *m_redirectPort;
    QLineEdit *m_redirectPath;
    QLineEdit *m_apiBase;
    QLineEdit *m_publicPath;
    QLineEdit *m_privatePath;
    QLineEdit *m_scopedPath;
    QLineEdit *m_algorithms;
    QComboBox *m_grant;
    QLineEdit *m_secret;
    QComboBox *m_clientAuth;
    QComboBox *m_assertionAudience;
    QPushButton *m_clientKey;
    QPushButton *m_importKey;
    QCheckBox *m_dpop;
    QCheckBox *m_par;
    QCheckBox *m_device;
    QSpinBox *m_refreshBefore;
    void updateGrantFields();
};
