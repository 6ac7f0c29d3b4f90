// SPDX-License-Identifier: MIT
// "New from an API URL…": a dialog over ProfileDiscovery. The user gives a
// profile name and an API URL and chooses whether TokenLab may offer to
// register itself at the API's authorization server or uses a client ID
// they have; a registration happens only after they saw where and agreed.
// The steps appear in a list as they happen, and Save (enabled only once
// the whole chain succeeded) stores the profile, and any registration
// access token in the keychain. Nothing is stored otherwise. Discovering
// again reuses a client registered by the run before at the same issuer.
#pragma once

#include "gui/semanticcolors.h"
#include "oauth/clientregistration.h"

#include <QDialog>
#include <QUrl>
#include <optional>

class DiscoveryClient;
class ProfileDiscovery;
class ProfileStore;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class TokenStore;

class DiscoverProfileDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY(DiscoverProfileDialog)

public:
    DiscoverProfileDialog(QNetworkAccessManager *network, DiscoveryClient *discovery, ProfileStore *profiles, TokenStore *tokens,
                          QWidget *parent = nullptr);

    // Closing after a registration that was not saved asks first: the client stays registered at the issuer.
    void reject() override;

Q_SIGNALS:
    void saved(const QString &name);

private:
    void discover();
    void finished(ProfileDiscovery *job);
    void save();
    void updateButtons();
    void showError(const QString &sentence);
    void showNote(const QString &sentence, Tone tone);
    void askConsent(const QUrl &endpoint, const QUrl &issuer);
    void answerConsent(bool agreed);

    QNetworkAccessManager *m_network;
    DiscoveryClient *m_discovery;
    ProfileStore *m_profiles;
    TokenStore *m_tokens;
    QLineEdit *m_name;
    QLineEdit *m_url;
    QRadioButton *m_register;
    QRadioButton *m_useClientId;
    QLineEdit *m_clientId;
    QPlainTextEdit *m_steps; // one paragraph per step
    QLabel *m_error;
    QPushButton *m_discoverButton;
    QPushButton *m_saveButton;
    QPushButton *m_cancelButton = nullptr;
    bool m_saving = false;      // DiscoveredProfileSave is on its way
    bool m_closeAnyway = false; // the user answered "Close without saving"
    QWidget *m_consent;          // shown while the chain waits for the user's consent
    QLabel *m_consentQuestion;
    QPushButton *m_consentYes;
    QPushButton *m_consentNo;
    // The client the last run registered, and where: reused by the next run at that issuer.
    std::optional<ClientRegistration> m_registered;
    QUrl m_registeredIssuer;
    ProfileDiscovery *m_job = nullptr; // the running or the succeeded chain
    bool m_succeeded = false;
};
