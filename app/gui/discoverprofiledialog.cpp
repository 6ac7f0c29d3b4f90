// SPDX-License-Identifier: MIT
#include "gui/discoverprofiledialog.h"
#include "api/profilediscovery.h"
#include "gui/semanticcolors.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

DiscoverProfileDialog::DiscoverProfileDialog(QNetworkAccessManager *network, DiscoveryClient *discovery, ProfileStore *profiles,
                                             TokenStore *tokens, QWidget *parent)
    : QDialog(parent),
      m_network(network),
      m_discovery(discovery),
      m_profiles(profiles),
      m_tokens(tokens),
      m_name(new QLineEdit),
      m_url(new QLineEdit),
      m_register(new QRadioButton(tr("&Register TokenLab at the API's authorization server (RFC 7591), once you see where"))),
      m_useClientId(new QRadioButton(tr("Use an &existing client ID:"))),
      m_clientId(new QLineEdit),
      m_steps(new QPlainTextEdit),
      m_error(new QLabel),
      m_discoverButton(new QPushButton(tr("&Discover"))),
      m_saveButton(new QPushButton(tr("&Save"))),
      m_consent(new QWidget),
      m_consentQuestion(new QLabel),
      m_consentYes(new QPushButton(tr("Re&gister there"))),
      m_consentNo(new QPushButton(tr("Decl&ine")))
{
    setObjectName(u"discoverProfileDialog"_s);
    setWindowTitle(tr("New profile from an API URL"));
    setMinimumSize(560, 480);
    m_name->setObjectName(u"discoverName"_s);
    m_name->setPlaceholderText(tr("my-api"));
    m_url->setObjectName(u"discoverUrl"_s);
    m_url->setPlaceholderText(tr("https://api.example.com/v1/things"));
    m_url->setMinimumWidth(360);
    m_register->setObjectName(u"discoverRegister"_s);
    m_useClientId->setObjectName(u"discoverUseClientId"_s);
    m_clientId->setObjectName(u"discoverClientId"_s);
    m_clientId->setEnabled(false);
    m_register->setChecked(true);
    m_steps->setObjectName(u"discoverSteps"_s);
    m_steps->setAccessibleName(tr("Steps"));
    m_steps->setReadOnly(true);
    m_steps->setMinimumHeight(160);
    m_steps->setTabChangesFocus(true); // Tab goes on to the buttons, as in a form
    m_error->setObjectName(u"discoverError"_s);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    m_discoverButton->setObjectName(u"discoverStartButton"_s);
    m_saveButton->setObjectName(u"discoverSaveButton"_s);
    m_saveButton->setEnabled(false);
    m_consent->setObjectName(u"discoverConsent"_s);
    m_consentQuestion->setObjectName(u"discoverConsentQuestion"_s);
    m_consentQuestion->setWordWrap(true);
    m_consentQuestion->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_consentYes->setObjectName(u"discoverConsentYes"_s);
    m_consentNo->setObjectName(u"discoverConsentNo"_s);
    auto *consentLayout = new QHBoxLayout(m_consent);
    consentLayout->setContentsMargins(0, 0, 0, 0);
    consentLayout->addWidget(m_consentQuestion, 1);
    consentLayout->addWidget(m_consentYes);
    consentLayout->addWidget(m_consentNo);
    m_consent->hide();

    auto *intro = new QLabel(tr("TokenLab calls the URL without a token and follows what the API publishes: its protected "
                                "resource metadata (RFC 9728), its authorization server's metadata, and, if you agree, "
                                "registration. Nothing is saved until every step succeeded."));
    intro->setObjectName(u"discoverIntro"_s);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    auto *nameLabel = new QLabel(tr("Profile &name:"));
    nameLabel->setBuddy(m_name);
    auto *urlLabel = new QLabel(tr("API &URL:"));
    urlLabel->setBuddy(m_url);
    form->addRow(nameLabel, m_name);
    form->addRow(urlLabel, m_url);
    auto *clientRow = new QHBoxLayout;
    clientRow->addWidget(m_useClientId);
    clientRow->addWidget(m_clientId, 1);
    auto *stepsLabel = new QLabel(tr("S&teps:"));
    stepsLabel->setBuddy(m_steps);

    auto *buttons = new QDialogButtonBox;
    buttons->setObjectName(u"discoverButtons"_s);
    buttons->addButton(m_saveButton, QDialogButtonBox::AcceptRole);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(u"discoverCancelButton"_s);
    m_cancelButton = cancel;

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_register);
    layout->addLayout(clientRow);
    auto *discoverRow = new QHBoxLayout;
    discoverRow->addWidget(m_discoverButton);
    discoverRow->addStretch(1);
    layout->addLayout(discoverRow);
    layout->addWidget(stepsLabel);
    layout->addWidget(m_steps, 1);
    layout->addWidget(m_consent);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    // Once the buttons are in the dialog, so that the dialog knows: Return discovers.
    m_discoverButton->setDefault(true);

    connect(m_useClientId, &QRadioButton::toggled, m_clientId, &QLineEdit::setEnabled);
    connect(m_useClientId, &QRadioButton::toggled, this, &DiscoverProfileDialog::updateButtons);
    connect(m_name, &QLineEdit::textChanged, this, &DiscoverProfileDialog::updateButtons);
    connect(m_url, &QLineEdit::textChanged, this, &DiscoverProfileDialog::updateButtons);
    connect(m_clientId, &QLineEdit::textChanged, this, &DiscoverProfileDialog::updateButtons);
    connect(m_discoverButton, &QPushButton::clicked, this, &DiscoverProfileDialog::discover);
    connect(m_saveButton, &QPushButton::clicked, this, &DiscoverProfileDialog::save);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_consentYes, &QPushButton::clicked, this, [this] { answerConsent(true); });
    connect(m_consentNo, &QPushButton::clicked, this, [this] { answerConsent(false); });
    updateButtons();
}

void DiscoverProfileDialog::updateButtons()
{
    const bool running = m_job && !m_succeeded && m_job->state() != ProfileDiscovery::State::Failed
            && m_job->state() != ProfileDiscovery::State::WaitingForConsent;
    const bool complete = !m_name->text().trimmed().isEmpty() && !m_url->text().trimmed().isEmpty()
            && (!m_useClientId->isChecked() || !m_clientId->text().trimmed().isEmpty());
    m_discoverButton->setEnabled(complete && !running && !m_saving);
    m_saveButton->setEnabled(m_succeeded && !m_saving);
    const bool registering = m_job && m_job->state() == ProfileDiscovery::State::Registering;
    if (m_cancelButton)
        m_cancelButton->setEnabled(!m_saving && !registering);
}

void DiscoverProfileDialog::showError(const QString &sentence)
{
    showNote(sentence, Tone::Error);
}

void DiscoverProfileDialog::showNote(const QString &sentence, Tone tone)
{
    SemanticColors::apply(m_error, tone);
    m_error->setText(sentence);
    m_error->show();
}

void DiscoverProfileDialog::discover()
{
    if (m_job) {
        m_job->disconnect(this);
        m_job->deleteLater();
    }
    m_succeeded = false;
    m_steps->clear();
    m_error->hide();
    m_consent->hide();
    ProfileDiscovery::Request request;
    request.name = m_name->text().trimmed();
    request.apiUrl = QUrl(m_url->text().trimmed(), QUrl::StrictMode);
    // The user agrees to a registration once the chain shows where it would go (askConsent).
    request.registration = m_useClientId->isChecked() ? ProfileDiscovery::Registration::UseClientId
                                                      : ProfileDiscovery::Registration::Ask;
    request.clientId = m_clientId->text().trimmed();
    request.earlier = m_registered;
    request.earlierIssuer = m_registeredIssuer;
    m_job = new ProfileDiscovery(m_network, m_discovery, this);
    connect(m_job, &ProfileDiscovery::step, this, [this](const QString &sentence) {
        m_steps->appendPlainText(u"• "_s + sentence);
    });
    connect(m_job, &ProfileDiscovery::finished, this, &DiscoverProfileDialog::finished);
    connect(m_job, &ProfileDiscovery::registrationConsentNeeded, this, &DiscoverProfileDialog::askConsent);
    connect(m_job, &ProfileDiscovery::stateChanged, this, &DiscoverProfileDialog::updateButtons);
    m_job->start(request);
    updateButtons();
}

void DiscoverProfileDialog::askConsent(const QUrl &endpoint, const QUrl &issuer)
{
    m_consentQuestion->setText(tr("Register TokenLab at %1? The authorization server %2 then knows TokenLab as a native public client "
                                  "with a loopback redirect, and gives it a client ID; nothing secret is sent.")
                                       .arg(endpoint.toString(), issuer.toString()));
    m_consent->show();
    // No default: a stray Return must not register; the focus rests on Decline, as [y/N] does.
    m_discoverButton->setDefault(false);
    m_consentNo->setFocus();
    updateButtons();
}

void DiscoverProfileDialog::answerConsent(bool agreed)
{
    m_consent->hide();
    m_discoverButton->setDefault(true);
    if (m_job)
        m_job->consent(agreed);
}

void DiscoverProfileDialog::finished(ProfileDiscovery *job)
{
    m_consent->hide();
    if (job->registration() && job->serverMetadata()) {
        m_registered = job->registration();
        m_registeredIssuer = job->serverMetadata()->issuer;
    }
    m_succeeded = bool(job->profile());
    if (!m_succeeded)
        showError(job->errorString());
    else if (job->resourceMetadata() && job->resourceMetadata()->match == ResourceMetadata::Match::PathPrefix)
        showNote(tr("The profile's tokens will be meant for %1, which is wider than the URL you gave (see the steps). Save only if "
                    "that is the API you mean.")
                         .arg(job->resourceMetadata()->resource.toString()),
                 Tone::Warning);
    updateButtons();
    if (m_succeeded) {
        m_saveButton->setDefault(true); // Return now saves
        m_saveButton->setFocus();
    }
}

void DiscoverProfileDialog::reject()
{
    // A registration or a save on its way is let finish: closing now would
    // leave a client nobody knows of, or a profile saved against the answer.
    if (m_saving || (m_job && m_job->state() == ProfileDiscovery::State::Registering))
        return;
    if (m_registered && !m_closeAnyway) {
        auto *ask = new QMessageBox(QMessageBox::Question, tr("Close without saving?"),
                                    tr("TokenLab registered the client %1 at %2 for this profile. If you close without saving, it "
                                       "stays registered there, unused.")
                                            .arg(m_registered->clientId, m_registeredIssuer.toString()),
                                    QMessageBox::NoButton, this);
        ask->setObjectName(u"discoverCloseQuestion"_s);
        ask->setAttribute(Qt::WA_DeleteOnClose);
        QPushButton *close = ask->addButton(tr("&Close without saving"), QMessageBox::DestructiveRole);
        close->setObjectName(u"discoverCloseAnyway"_s);
        QPushButton *stay = ask->addButton(tr("&Keep the dialog open"), QMessageBox::RejectRole);
        ask->setDefaultButton(stay);
        ask->setEscapeButton(stay);
        connect(ask, &QMessageBox::finished, this, [this, ask, close] {
            if (ask->clickedButton() != close)
                return;
            m_closeAnyway = true;
            reject();
        });
        ask->open();
        return;
    }
    if (m_job)
        m_job->disconnect(this);
    QDialog::reject();
}

void DiscoverProfileDialog::save()
{
    if (!m_job || !m_succeeded)
        return;
    Profile profile = *m_job->profile();
    profile.name = m_name->text().trimmed(); // the name as it is now, changed since the run or not
    if (const QStringList problems = profile.validate(); !problems.isEmpty())
        return showError(problems.join(u' '));
    const QString token = m_job->registration() ? m_job->registration()->registrationAccessToken : QString();
    m_saving = true;
    updateButtons();
    auto *job = DiscoveredProfileSave::save(profile, token, *m_profiles, m_tokens, this);
    connect(job, &DiscoveredProfileSave::finished, this, [this, name = profile.name](DiscoveredProfileSave *s) {
        m_saving = false;
        if (!s->ok()) {
            showError(s->errorString());
            return updateButtons();
        }
        m_registered.reset(); // the profile holds it now
        Q_EMIT saved(name);
        accept();
    });
}
