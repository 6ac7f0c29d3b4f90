// SPDX-License-Identifier: MIT
#include "gui/profileform.h"
#include "api/profilerename.h"
#include "storage/profilekeys.h"

#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFileDialog>
#include <QGuiApplication>
#include <QJsonDocument>
#include "gui/profileeditor.h"
#include "gui/semanticcolors.h"
#include "storage/profilestore.h"
#include "storage/tokenstore.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ProfileForm::ProfileForm(ProfileStore *profiles, TokenStore *tokens, QWidget *parent)
    : QWidget(parent),
      m_profiles(profiles),
      m_tokens(tokens),
      m_title(new QLabel),
      m_editor(new ProfileEditor),
      m_errors(new QLabel),
      m_save(new QPushButton(tr("Save profile")))
{
    setObjectName(u"profileForm"_s);
    m_title->setObjectName(u"profileTitle"_s);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_errors->setObjectName(u"profileErrors"_s);
    m_errors->setWordWrap(true);
    SemanticColors::apply(m_errors, Tone::Error);
    m_save->setObjectName(u"saveProfileButton"_s);
    m_save->setShortcut(QKeySequence::Save);
    m_save->setToolTip(tr("Save profile (%1)").arg(QKeySequence(QKeySequence::Save).toString(QKeySequence::NativeText)));
    connect(m_save, &QPushButton::clicked, this, &ProfileForm::save);
    connect(m_editor, &ProfileEditor::edited, this, [this] {
        m_dirty = true;
        m_errors->clear();
    });
    connect(m_editor, &ProfileEditor::clientKeyRequested, this, &ProfileForm::copyClientKey);
    connect(m_editor, &ProfileEditor::clientKeyImportRequested, this, &ProfileForm::askForClientKey);

    auto *box = new QGroupBox(tr("Profile"));
    auto *layout = new QVBoxLayout(box);
    // Save beside the title, so it is in sight however far the form scrolls down.
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(m_save, 0, Qt::AlignTop);
    layout->addLayout(titleRow);
    layout->addWidget(m_errors);
    layout->addWidget(m_editor);
    layout->addStretch();
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(box);
}

void ProfileForm::showProfile(const Profile &profile)
{
    m_current = profile.name;
    m_new = false;
    m_dirty = false;
    m_errors->clear();
    m_title->setText(profile.isSandbox() ? tr("Sandbox tenant on this machine") : profile.name);
    m_editor->setProfile(profile);
}

void ProfileForm::startNew()
{
    Profile p;
    int n = 1;
    do {
        p.name = u"profile-%1"_s.arg(n++);
    } while (m_profiles->profile(p.name));
    m_current.clear();
    m_new = true;
    m_dirty = true;
    m_title->setText(tr("New profile"));
    m_editor->setProfile(p);
    m_errors->setText(tr("Fill in the issuer (or Auth0 domain) and client ID, then Save."));
    if (auto *issuer = m_editor->findChild<QLineEdit *>(u"profileIssuer"_s))
        issuer->setFocus();
}

Profile ProfileForm::edited() const
{
    return m_editor->profile();
}

void ProfileForm::setScope(const QString &scope)
{
    Profile p = m_editor->profile();
    p.scope = scope;
    m_editor->setProfile(p);
    m_dirty = true;
}

void ProfileForm::showError(const QString &sentence)
{
    m_errors->setText(sentence);
}

Profile ProfileForm::sandboxWith(const Profile &live, const Profile &edited)
{
    Profile p = live;
    p.audience = edited.audience;
    p.resource = edited.resource;
    p.scope = edited.scope;
    p.extraParams = edited.extraParams;
    p.redirectHost = edited.redirectHost;
    p.redirectPort = edited.redirectPort;
    p.redirectPath = edited.redirectPath;
    p.publicPath = edited.publicPath;
    p.privatePath = edited.privatePath;
    p.scopedPath = edited.scopedPath;
    p.allowedAlgorithms = edited.allowedAlgorithms;
    p.refreshBeforeSeconds = edited.refreshBeforeSeconds;
    p.dpop = edited.dpop;
    p.par = edited.par;
    p.device = edited.device;
    return p;
}

bool ProfileForm::keyNameSaved()
{
    // Keys are kept under the saved name: one made for a name never saved,
    // or about to be renamed, would be left behind or overwritten.
    if (!m_new && m_editor->profile().name == m_current)
        return true;
    showError(tr("Save the profile first: its client key is kept in the keychain under the saved name."));
    return false;
}

void ProfileForm::copyClientKey()
{
    if (!keyNameSaved())
        return;
    const QString name = m_current;
    // Made on first use, kept in the keychain; only the public half reaches the clipboard.
    auto *job = ProfileKeyJob::obtain(m_tokens, name, SecretKind::ClientKey, PrivateKey::Type::Rsa2048,
                                      ProfileKeyJob::Missing::Create, this);
    connect(job, &ProfileKeyJob::finished, this, [this, name](ProfileKeyJob *done) {
        if (!done->key())
            return showError(tr("The client key of %1 could not be read or made: %2").arg(name, done->errorString()));
        const QJsonDocument jwk(done->key()->publicJwk());
        QGuiApplication::clipboard()->setText(QString::fromUtf8(jwk.toJson(QJsonDocument::Indented)));
        Q_EMIT activity(done->created() ? tr("Made a client key for %1 and copied its public JWK (kid %2); register it at the issuer").arg(name, done->key()->kid())
                                        : tr("Copied the public JWK of %1's client key (kid %2)").arg(name, done->key()->kid()));
    });
}

void ProfileForm::askForClientKey()
{
    if (!keyNameSaved())
        return;
    auto *dialog = new QFileDialog(window(), tr("Import a client key for %1").arg(m_editor->profile().name), QDir::homePath(),
                                   tr("PEM private keys (*.pem *.key);;All files (*)"));
    dialog->setObjectName(u"clientKeyFileDialog"_s);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, &ProfileForm::importClientKey);
    dialog->open();
}

void ProfileForm::importClientKey(const QString &path)
{
    if (!keyNameSaved())
        return;
    const QString name = m_current;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return showError(tr("The client key of %1 was not imported: %2 cannot be read (%3).")
                                 .arg(name, QDir::toNativeSeparators(path), file.errorString()));
    constexpr qint64 MaxPemBytes = 64 * 1024;
    if (file.size() > MaxPemBytes)
        return showError(tr("The client key of %1 was not imported: %2 is larger than %3 KiB, too large for a PEM key.")
                                 .arg(name, QDir::toNativeSeparators(path)).arg(MaxPemBytes / 1024));
    QByteArray pem = file.read(MaxPemBytes);
    auto *job = ProfileKeyJob::import(m_tokens, name, SecretKind::ClientKey, pem, this);
    pem.fill('\0');
    connect(job, &ProfileKeyJob::finished, this, [this, name, path](ProfileKeyJob *done) {
        if (!done->key())
            return showError(tr("The client key of %1 was not imported from %2: %3").arg(name, QDir::toNativeSeparators(path), done->errorString()));
        showError({});
        Q_EMIT activity(tr("Kept the key from %1 as the client key of %2 (kid %3) in %4; the file itself is not needed any more")
                                .arg(QDir::toNativeSeparators(path), name, done->key()->kid(), m_tokens->backendName()));
    });
}

void ProfileForm::save()
{
    const Profile p = m_editor->profile();
    if (!p.isSandbox()) {
        const QStringList problems = p.validate();
        if (!problems.isEmpty())
            return showError(problems.join(u'\n'));
        if (p.name != m_current && m_profiles->profile(p.name))
            return showError(tr("Name: a profile named \"%1\" exists already.").arg(p.name));
    }
    // Only the settings a user may change are kept for the sandbox.
    const Profile stored = p.isSandbox() ? sandboxWith(*m_profiles->profile(p.name), p) : p;
    const QString renamedFrom = !m_new && !p.isSandbox() && p.name != m_current ? m_current : QString();
    const QString secret = m_editor->clientSecret(); // now: the editor may show another profile when the keychain answers
    if (renamedFrom.isEmpty()) {
        commit(stored, {}, secret);
        return;
    }
    // A rename copies what is kept under the name (tokens, secret, keys) to
    // the new name first, rewrites the profile file, and only then removes
    // the old entries and moves the secret variables, saved requests and
    // history. When the copy or the file fails, nothing is renamed and
    // nothing is lost.
    m_save->setEnabled(false);
    auto *move = ProfileRenameJob::start(m_tokens, m_tokens->scope(), QFileInfo(m_profiles->path()).absolutePath(), renamedFrom,
                                         p.name, this);
    connect(move, &ProfileRenameJob::copied, this, [this, stored, renamedFrom, secret](ProfileRenameJob *done) {
        if (!done->ok()) {
            m_save->setEnabled(true);
            return showError(tr("Not renamed: %1").arg(done->errorString()));
        }
        if (!commit(stored, renamedFrom, secret)) {
            QString ignored;
            m_profiles->load(&ignored); // the rename is dropped from this copy too
            m_save->setEnabled(true);
            return done->rollback();
        }
        connect(done, &ProfileRenameJob::finished, this, [this, renamedFrom, name = stored.name](ProfileRenameJob *moved) {
            m_save->setEnabled(true);
            if (!moved->moved().isEmpty())
                Q_EMIT activity(tr("Moved the %1 of %2 to %3").arg(moved->moved().join(u", "_s), renamedFrom, name));
            for (const QString &note : moved->notes())
                Q_EMIT activity(note);
        });
        done->commit();
    });
}

bool ProfileForm::commit(const Profile &p, const QString &renamedFrom, const QString &clientSecret)
{
    QString error;
    if (!renamedFrom.isEmpty())
        m_profiles->remove(renamedFrom, nullptr);
    // A new name (a new profile, a rename) is claimed: a profile another
    // process saved under it meanwhile is never replaced.
    const bool newName = m_new || !renamedFrom.isEmpty();
    if (!(newName ? m_profiles->insert(p, &error) : m_profiles->upsert(p, &error)) || !m_profiles->save(&error)) {
        showError(renamedFrom.isEmpty() ? error : tr("Not renamed: %1").arg(error));
        return false;
    }
    Q_EMIT activity(tr("Saved profile %1").arg(p.name));
    if (!clientSecret.isEmpty()) {
        // The secret goes to the keychain only, never to the profile file.
        const QString name = p.name;
        connect(m_tokens->saveSecret(name, clientSecret), &TokenStoreJob::finished, this, [this, name](TokenStoreJob *job) {
            if (job->error() == TokenStoreError::None)
                Q_EMIT activity(tr("Kept the client secret of %1 in %2").arg(name, m_tokens->backendName()));
            else
                showError(tr("The client secret of %1 could not be kept: %2").arg(name, job->errorString()));
        });
        m_editor->clearClientSecret();
    }
    m_current = p.name;
    m_new = false;
    m_dirty = false;
    Q_EMIT saved(p.name, renamedFrom);
    return true;
}
