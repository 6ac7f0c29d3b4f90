// SPDX-License-Identifier: MIT
#include "gui/importdialog.h"
#include "api/importapply.h"
#include "api/importsource.h"
#include "api/secretvariables.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ImportDialog::ImportDialog(ImportedCollection import, TokenStore *store, QString profilesPath, const QString &suggestedName,
                           QWidget *parent)
    : QDialog(parent), m_import(std::move(import)), m_store(store), m_profilesPath(std::move(profilesPath)),
      m_name(new QLineEdit(suggestedName)), m_clientId(new QLineEdit(m_import.profile.clientId)),
      m_issuer(new QLineEdit(m_import.profile.issuer.toString())), m_audience(new QLineEdit(m_import.profile.audience)), m_preview(new QPlainTextEdit), m_secrets(new QListWidget),
      m_notes(new QListWidget), m_error(new QLabel),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel))
{
    setObjectName(u"importPreviewDialog"_s);
    setWindowTitle(tr("Import from %1").arg(m_import.title.isEmpty() ? ImportedCollection::formatName(m_import.format) : m_import.title));
    m_name->setObjectName(u"importNameEdit"_s);
    m_clientId->setObjectName(u"importClientIdEdit"_s);
    m_issuer->setObjectName(u"importIssuerEdit"_s);
    m_audience->setObjectName(u"importAudienceEdit"_s);
    m_preview->setObjectName(u"importPreview"_s);
    m_preview->setReadOnly(true);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setMinimumSize(480, 200);
    m_secrets->setObjectName(u"importSecretsList"_s);
    m_secrets->setMaximumHeight(90);
    m_notes->setObjectName(u"importNotesList"_s);
    m_notes->setWordWrap(true);
    m_notes->setMaximumHeight(120);
    m_error->setObjectName(u"importErrorLabel"_s);
    m_error->setWordWrap(true);
    m_error->setForegroundRole(QPalette::BrightText);
    m_error->hide();
    m_buttons->setObjectName(u"importButtons"_s);
    m_buttons->button(QDialogButtonBox::Save)->setObjectName(u"importSaveButton"_s);

    auto *form = new QFormLayout;
    form->addRow(m_import.hasOAuth ? tr("New profile &name:") : tr("Add to &profile:"), m_name);
    if (m_import.hasOAuth) {
        form->addRow(tr("&Client ID:"), m_clientId);
        form->addRow(tr("&Issuer:"), m_issuer);
        form->addRow(tr("&Audience:"), m_audience);
    } else {
        m_clientId->hide();
        m_issuer->hide();
        m_audience->hide();
    }
    auto *secretsLabel = new QLabel(tr("Secrets kept in the keychain, never in TokenLab's files:"));
    auto *notesLabel = new QLabel(tr("Notes:"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_preview, 1);
    layout->addWidget(secretsLabel);
    layout->addWidget(m_secrets);
    layout->addWidget(notesLabel);
    layout->addWidget(m_notes);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    for (const QString &n : m_import.notes)
        m_notes->addItem(n);
    notesLabel->setVisible(!m_import.notes.isEmpty());
    m_notes->setVisible(!m_import.notes.isEmpty());
    connect(m_name, &QLineEdit::textChanged, this, &ImportDialog::updatePreview);
    connect(m_clientId, &QLineEdit::textChanged, this, &ImportDialog::updatePreview);
    connect(m_issuer, &QLineEdit::textChanged, this, &ImportDialog::updatePreview);
    connect(m_audience, &QLineEdit::textChanged, this, &ImportDialog::updatePreview);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ImportDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updatePreview();
}

void ImportDialog::updatePreview()
{
    m_import.profile.clientId = m_clientId->text().trimmed();
    m_import.profile.issuer = QUrl(m_issuer->text().trimmed(), QUrl::StrictMode);
    m_import.profile.audience = m_audience->text().trimmed();
    const QString name = m_name->text().trimmed();
    m_preview->setPlainText(ImportSource::preview(m_import, name, false).join(u'\n'));
    m_secrets->clear();
    for (const ImportedSecret &s : m_import.secrets) {
        if (s.value.isEmpty())
            m_secrets->addItem(tr("%1: no value in the file, nothing stored").arg(s.name));
        else if (s.kind == ImportedSecret::Kind::ClientSecret)
            m_secrets->addItem(tr("Client secret → keychain entry %1:%2").arg(TokenStore::secretPrefix(SecretKind::ClientSecret), name));
        else
            m_secrets->addItem(tr("Variable %1 → keychain entry %2").arg(s.name, SecretVariablesJob::entryName(name, s.name)));
    }
    if (m_secrets->count() == 0)
        m_secrets->addItem(tr("None"));
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(!name.isEmpty());
}

void ImportDialog::save()
{
    m_buttons->setEnabled(false);
    m_error->hide();
    const QString name = m_name->text().trimmed();
    auto *job = ImportApplyJob::start(m_store, m_profilesPath, m_import, name, this);
    connect(job, &ImportApplyJob::finished, this, [this, name](ImportApplyJob *done) {
        m_buttons->setEnabled(true);
        if (!done->ok()) {
            m_error->setText(done->errorString());
            m_error->show();
            return;
        }
        Q_EMIT imported(name, done->keptSecrets());
        accept();
    });
}
