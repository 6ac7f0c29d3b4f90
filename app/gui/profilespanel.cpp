// SPDX-License-Identifier: MIT
#include "gui/profilespanel.h"
#include "gui/discoverprofiledialog.h"
#include "api/importsource.h"
#include "gui/importdialog.h"
#include "gui/sessiontext.h"
#include "session/sessionregistry.h"
#include "storage/profilestore.h"

#include <QAction>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ProfilesPanel::ProfilesPanel(ProfileStore *profiles, SessionRegistry *sessions, QWidget *parent)
    : QWidget(parent), m_profiles(profiles), m_sessions(sessions), m_list(new QListWidget), m_remove(new QPushButton(tr("Remove")))
{
    setObjectName(u"profilesPanel"_s);
    m_list->setObjectName(u"profileList"_s);
    m_list->setAccessibleName(tr("Profiles"));
    m_list->setMinimumWidth(170);
    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        const QString name = item ? item->data(Qt::UserRole).toString() : QString();
        if (name == m_selected)
            return;
        m_selected = name;
        if (!name.isEmpty())
            Q_EMIT currentChanged(name);
    });
    auto *newButton = new QPushButton(tr("&New"));
    newButton->setObjectName(u"newProfileButton"_s);
    newButton->setToolTip(tr("A new profile, edited on the Login tab"));
    connect(newButton, &QPushButton::clicked, this, &ProfilesPanel::newRequested);
    auto *importButton = new QPushButton(tr("Impor&t"));
    importButton->setObjectName(u"importProfileButton"_s);
    auto *importMenu = new QMenu(importButton);
    QAction *discover = importMenu->addAction(tr("New from an &API URL…"), this, &ProfilesPanel::discoverFromUrl);
    discover->setObjectName(u"discoverProfileAction"_s);
    importMenu->addSeparator();
    importMenu->addAction(tr("Auth0 sample's auth_config.json…"), this, &ProfilesPanel::importAuthConfig);
    importMenu->addAction(tr("From AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_AUDIENCE"), this, &ProfilesPanel::importEnvironment);
    importMenu->addSeparator();
    const QList<QPair<QString, ImportedCollection::Format>> tools{
            {tr("Postman collection or environment…"), ImportedCollection::Format::Postman},
            {tr("Insomnia export…"), ImportedCollection::Format::Insomnia},
            {tr("Bruno collection folder…"), ImportedCollection::Format::Bruno},
            {tr("OpenAPI document…"), ImportedCollection::Format::OpenApi}};
    for (const auto &tool : tools) {
        QAction *action = importMenu->addAction(tool.first, this, [this, format = tool.second] { importFrom(format); });
        action->setObjectName(u"import-"_s + ImportedCollection::formatName(tool.second));
    }
    importButton->setMenu(importMenu);
    m_remove->setObjectName(u"removeProfileButton"_s);
    m_remove->setToolTip(tr("Remove the selected profile and delete its tokens"));
    connect(m_remove, &QPushButton::clicked, this, &ProfilesPanel::removeCurrent);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(newButton);
    buttons->addWidget(importButton);
    buttons->addWidget(m_remove);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);

    connect(m_sessions, &SessionRegistry::sessionChanged, this, [this](Session *s) {
        for (int i = 0; i < m_list->count(); ++i) {
            if (m_list->item(i)->data(Qt::UserRole).toString() == s->name())
                updateItem(m_list->item(i));
        }
    });
    // "signed in" turns into "token expired" with the clock, not with a signal.
    auto *tick = new QTimer(this);
    tick->setInterval(5000);
    connect(tick, &QTimer::timeout, this, &ProfilesPanel::updateAll);
    tick->start();
}

QString ProfilesPanel::current() const
{
    return m_selected;
}

void ProfilesPanel::clearSelection()
{
    const QSignalBlocker blocker(m_list);
    m_list->setCurrentItem(nullptr);
    m_list->clearSelection();
    m_selected.clear();
}

void ProfilesPanel::setSelectable(bool enabled)
{
    m_list->setEnabled(enabled);
}

void ProfilesPanel::reload(const QString &select)
{
    const QString before = m_selected;
    QString target = select.isEmpty() ? before : select;
    if (target.isEmpty() || !m_profiles->profile(target))
        target = m_profiles->profile(m_profiles->active()) ? m_profiles->active() : QString::fromLatin1(Profile::SandboxName);
    {
        const QSignalBlocker blocker(m_list);
        m_list->clear();
        for (const Profile &p : m_profiles->profiles()) {
            auto *item = new QListWidgetItem;
            item->setData(Qt::UserRole, p.name);
            m_list->addItem(item);
            updateItem(item);
            if (p.name == target)
                m_list->setCurrentItem(item);
        }
        if (!m_list->currentItem() && m_list->count())
            m_list->setCurrentRow(0);
    }
    m_selected = m_list->currentItem() ? m_list->currentItem()->data(Qt::UserRole).toString() : QString();
    m_remove->setEnabled(m_selected != QLatin1StringView(Profile::SandboxName));
    if (m_selected != before && !m_selected.isEmpty())
        Q_EMIT currentChanged(m_selected);
}

void ProfilesPanel::updateAll()
{
    for (int i = 0; i < m_list->count(); ++i)
        updateItem(m_list->item(i));
}

void ProfilesPanel::updateItem(QListWidgetItem *item)
{
    const QString name = item->data(Qt::UserRole).toString();
    const auto p = m_profiles->profile(name);
    Session *s = m_sessions->find(name);
    QString subtitle = p && p->isSandbox() ? tr("local tenant, works offline") : (p ? p->issuer.host() : QString());
    Tone tone = Tone::Plain;
    if (s) {
        subtitle = SessionText::subtitle(*s, QDateTime::currentDateTimeUtc());
        tone = SessionText::tone(s->state());
    }
    const QString text = name + u'\n' + subtitle;
    if (item->text() != text)
        item->setText(text);
    if (tone == Tone::Plain)
        item->setData(Qt::ForegroundRole, QVariant());
    else
        item->setForeground(SemanticColors::color(tone, m_list->palette()));
    item->setToolTip(p ? (p->isSandbox() ? tr("The sandbox tenant TokenLab runs on 127.0.0.1") : p->issuer.toString()) : QString());
}

void ProfilesPanel::removeCurrent()
{
    const auto p = m_profiles->profile(m_selected);
    if (!p)
        return;
    if (p->isSandbox())
        return Q_EMIT error(tr("The sandbox profile is built in and cannot be removed."));
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove profile"),
                                tr("Remove the profile \"%1\" and delete its tokens?").arg(p->name),
                                QMessageBox::Yes | QMessageBox::Cancel, window());
    box->setObjectName(u"removeProfileDialog"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    const QString name = p->name;
    connect(box, &QMessageBox::accepted, this, [this, name] {
        QString why;
        if (!m_profiles->remove(name, &why) || !m_profiles->save(&why))
            return Q_EMIT error(why);
        if (Session *s = m_sessions->find(name)) {
            SessionJob *job = s->forget(Session::Forget::TokensAndKeys);
            connect(job, &SessionJob::finished, m_sessions, [sessions = m_sessions, name] { sessions->remove(name); });
        }
        Q_EMIT activity(tr("Removed profile %1").arg(name));
        m_selected.clear();
        Q_EMIT profilesChanged(QString::fromLatin1(Profile::SandboxName));
    });
    box->open();
}

void ProfilesPanel::addImported(const std::optional<Profile> &profile, const QString &error)
{
    QString why = error;
    if (!profile || !m_profiles->upsert(*profile, &why) || !m_profiles->save(&why))
        return Q_EMIT this->error(tr("Import failed: %1").arg(why));
    Q_EMIT activity(tr("Imported profile %1 (%2)").arg(profile->name, profile->issuer.toString()));
    Q_EMIT profilesChanged(profile->name);
}

void ProfilesPanel::importAuthConfig()
{
    auto *dialog = new QFileDialog(window(), tr("Import auth_config.json"), QString(), tr("Auth0 config (*.json)"));
    dialog->setObjectName(u"importDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return Q_EMIT error(tr("Import failed: cannot read %1: %2").arg(path, file.errorString()));
        const QByteArray json = file.read(1024 * 1024);
        QString why;
        // Name the profile after the tenant: "dev-xyz" for dev-xyz.eu.auth0.com.
        const QString domain = QJsonDocument::fromJson(json).object().value(u"domain").toString();
        const QString name = domain.section(u'.', 0, 0).isEmpty() ? u"imported"_s : domain.section(u'.', 0, 0);
        addImported(ProfileStore::fromAuth0Config(json, name, &why), why);
    });
    dialog->open();
}

void ProfilesPanel::importEnvironment()
{
    const auto env = QProcessEnvironment::systemEnvironment();
    QString why;
    const QString name = env.value(u"AUTH0_DOMAIN"_s).section(u'.', 0, 0);
    addImported(ProfileStore::fromEnvironment(env, name.isEmpty() ? u"auth0"_s : name, &why), why);
}

void ProfilesPanel::discoverFromUrl()
{
    const SessionServices &services = m_sessions->services();
    auto *dialog = new DiscoverProfileDialog(services.network, services.discovery, m_profiles, services.store, window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DiscoverProfileDialog::saved, this, [this](const QString &name) {
        Q_EMIT activity(tr("Discovered and saved profile %1").arg(name));
        Q_EMIT profilesChanged(name);
    });
    dialog->open();
}

void ProfilesPanel::importFrom(ImportedCollection::Format format)
{
    const bool folder = format == ImportedCollection::Format::Bruno;
    const QString filter = format == ImportedCollection::Format::OpenApi ? tr("OpenAPI (*.json *.yaml *.yml)")
                         : format == ImportedCollection::Format::Insomnia ? tr("Insomnia export (*.json *.yaml *.yml)")
                                                                          : tr("Postman (*.json)");
    auto *dialog = new QFileDialog(window(), folder ? tr("Bruno collection folder") : tr("Import"), QString(), folder ? QString() : filter);
    dialog->setObjectName(u"importToolDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(folder ? QFileDialog::Directory : QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, [this, format](const QString &path) {
        QString why;
        const auto imported = ImportSource::read(path, format, &why);
        if (!imported)
            return Q_EMIT error(tr("Import failed: %1").arg(why));
        // A new profile is named after the collection; requests alone join the selected one.
        QString name = current();
        if (imported->hasOAuth) {
            name.clear();
            for (const QChar c : imported->title.toLower())
                name += c.isLetterOrNumber() && c.unicode() < 128 ? c : u'-';
            name = name.section(u'-', 0, -1, QString::SectionSkipEmpty).left(64);
            if (name.isEmpty())
                name = u"imported"_s;
        }
        auto *preview = new ImportDialog(*imported, m_store, m_profiles->path(), name, window());
        preview->setAttribute(Qt::WA_DeleteOnClose);
        connect(preview, &ImportDialog::imported, this, [this](const QString &saved, const QStringList &kept) {
            QString why;
            m_profiles->load(&why);
            Q_EMIT activity(kept.isEmpty() ? tr("Imported into profile %1").arg(saved)
                                           : tr("Imported into profile %1; in the keychain: %2").arg(saved, kept.join(u"; "_s)));
            Q_EMIT profilesChanged(saved);
        });
        preview->open();
    });
    dialog->open();
}
