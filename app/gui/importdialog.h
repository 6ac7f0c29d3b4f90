// SPDX-License-Identifier: MIT
// The preview of an import from Postman, Insomnia, Bruno or OpenAPI: what
// becomes the profile, the saved requests and variables, which secrets go
// to the keychain (never their values), and the notes; a name the user
// confirms (and a client ID, issuer or audience where the file has none). Save runs
// an ImportApplyJob; the dialog closes when it has saved, or shows why not.
#pragma once

#include "api/importedcollection.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class TokenStore;

class ImportDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY(ImportDialog)

public:
    ImportDialog(ImportedCollection import, TokenStore *store, QString profilesPath, const QString &suggestedName,
                 QWidget *parent = nullptr);

Q_SIGNALS:
    // After a successful save: the profile that now holds the import.
    void imported(const QString &name, const QStringList &keptSecrets);

private:
    void updatePreview();
    void save();

    ImportedCollection m_import;
    TokenStore *m_store;
    QString m_profilesPath;
    QLineEdit *m_name;
    QLineEdit *m_clientId;
    QLineEdit *m_issuer;
    QLineEdit *m_audience;
    QPlainTextEdit *m_preview;
    QListWidget *m_secrets;
    QListWidget *m_notes;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
};
