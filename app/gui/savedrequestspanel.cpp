// SPDX-License-Identifier: MIT
#include "gui/savedrequestspanel.h"
#include "gui/semanticcolors.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
constexpr int PathRole = Qt::UserRole + 1;
}

SavedRequestsPanel::SavedRequestsPanel(QWidget *parent)
    : QWidget(parent),
      m_tree(new QTreeWidget),
      m_name(new QLineEdit),
      m_save(new QPushButton(tr("Save"))),
      m_run(new QPushButton(tr("Run"))),
      m_rename(new QPushButton(tr("Rena&me"))),
      m_delete(new QPushButton(tr("Delete"))),
      m_problem(new QLabel)
{
    setObjectName(u"savedPanel"_s);
    m_tree->setObjectName(u"savedTree"_s);
    m_tree->setHeaderHidden(true);
    m_tree->installEventFilter(this);
    m_name->setObjectName(u"savedNameLine"_s);
    m_name->setPlaceholderText(tr("folder/name to save as"));
    m_save->setObjectName(u"savedSaveButton"_s);
    m_save->setToolTip(tr("Save the request in the editor under this name (Ctrl+S)"));
    m_run->setObjectName(u"savedRunButton"_s);
    m_run->setToolTip(tr("Send the selected request (Enter)"));
    m_rename->setObjectName(u"savedRenameButton"_s);
    m_rename->setToolTip(tr("Move the selected request or folder to the name typed above"));
    m_delete->setObjectName(u"savedDeleteButton"_s);
    m_delete->setToolTip(tr("Delete the selected request (Delete)"));
    m_problem->setObjectName(u"savedProblem"_s);
    m_problem->setWordWrap(true);
    m_problem->hide();
    SemanticColors::apply(m_problem, Tone::Error);

    auto *nameRow = new QHBoxLayout;
    nameRow->addWidget(m_name, 1);
    nameRow->addWidget(m_save);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_rename);
    buttons->addWidget(m_delete);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_problem);
    layout->addWidget(m_tree, 1);
    layout->addLayout(nameRow);
    layout->addLayout(buttons);

    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this] {
        const SavedRequest *r = selected();
        const QString folder = selectedFolder();
        m_run->setEnabled(r);
        m_rename->setEnabled(r || !folder.isEmpty());
        m_delete->setEnabled(r);
        if (!folder.isEmpty())
            m_name->setText(folder);
        if (!r)
            return;
        m_name->setText(r->path());
        Q_EMIT openRequested(*r);
    });
    // A click on the request already selected opens it again (the editor may hold another one since).
    connect(m_tree, &QTreeWidget::itemClicked, this, [this] {
        if (const SavedRequest *r = selected())
            Q_EMIT openRequested(*r);
    });
    connect(m_tree, &QTreeWidget::itemActivated, this, [this] {
        if (const SavedRequest *r = selected())
            Q_EMIT runRequested(*r);
    });
    connect(m_run, &QPushButton::clicked, this, [this] {
        if (const SavedRequest *r = selected())
            Q_EMIT runRequested(*r);
    });
    connect(m_rename, &QPushButton::clicked, this, &SavedRequestsPanel::rename);
    connect(m_delete, &QPushButton::clicked, this, &SavedRequestsPanel::removeSelected);
    // The console hands the editor's request to save().
    connect(m_save, &QPushButton::clicked, this, &SavedRequestsPanel::saveRequested);
    connect(m_name, &QLineEdit::returnPressed, this, &SavedRequestsPanel::saveRequested);
    reload();
}

void SavedRequestsPanel::setStore(std::optional<SavedRequests> store)
{
    m_store = std::move(store);
    m_name->clear();
    reload();
}

void SavedRequestsPanel::reload()
{
    const QString keep = selectedPath();
    m_collection.reset();
    QString error;
    if (m_store)
        m_collection = m_store->load(&error);
    m_problem->setText(error);
    m_problem->setVisible(!error.isEmpty());
    const QSignalBlocker blocker(m_tree);
    m_tree->clear();
    QHash<QString, QTreeWidgetItem *> folders;
    auto folderItem = [&](const QString &folder) {
        QTreeWidgetItem *parent = nullptr;
        QString at;
        for (const QString &part : folder.split(u'/', Qt::SkipEmptyParts)) {
            at = at.isEmpty() ? part : at + u'/' + part;
            QTreeWidgetItem *&item = folders[at];
            if (!item) {
                item = parent ? new QTreeWidgetItem(parent, {part}) : new QTreeWidgetItem(m_tree, {part});
                item->setIcon(0, style()->standardIcon(QStyle::SP_DirIcon));
                item->setExpanded(true);
            }
            parent = item;
        }
        return parent;
    };
    if (m_collection) {
        for (const SavedRequest &r : m_collection->requests) {
            QTreeWidgetItem *parent = folderItem(r.folder);
            const QString text = r.method + u"  "_s + r.name;
            auto *item = parent ? new QTreeWidgetItem(parent, {text}) : new QTreeWidgetItem(m_tree, {text});
            item->setData(0, PathRole, r.path());
            item->setToolTip(0, r.method + u' ' + r.url);
        }
    }
    const bool usable = m_store && m_collection;
    m_save->setEnabled(usable);
    m_name->setEnabled(usable);
    m_run->setEnabled(false);
    m_rename->setEnabled(false);
    m_delete->setEnabled(false);
    if (!keep.isEmpty()) {
        QTreeWidgetItemIterator it(m_tree);
        for (; *it; ++it) {
            if ((*it)->data(0, PathRole).toString() == keep) {
                m_tree->setCurrentItem(*it);
                m_run->setEnabled(true);
                m_rename->setEnabled(true);
                m_delete->setEnabled(true);
            }
        }
    }
}

QString SavedRequestsPanel::selectedPath() const
{
    return m_tree->currentItem() ? m_tree->currentItem()->data(0, PathRole).toString() : QString();
}

const SavedRequest *SavedRequestsPanel::selected() const
{
    const QString path = selectedPath();
    if (path.isEmpty() || !m_collection)
        return nullptr;
    const int i = m_collection->indexOf(path);
    return i < 0 ? nullptr : &m_collection->requests.at(i);
}

void SavedRequestsPanel::select(const QString &path)
{
    QTreeWidgetItemIterator it(m_tree);
    for (; *it; ++it) {
        if ((*it)->data(0, PathRole).toString() == path)
            return m_tree->setCurrentItem(*it);
    }
}

bool SavedRequestsPanel::save(const SavedRequest &draft, const QString &openedPath)
{
    if (!m_store)
        return false;
    const QString path = m_name->text().trimmed();
    if (path.isEmpty()) {
        m_name->setFocus();
        Q_EMIT message(tr("Type a name for the request first, as folder/name or just a name."), true);
        return false;
    }
    SavedRequest r = draft;
    const qsizetype slash = path.lastIndexOf(u'/');
    r.folder = slash < 0 ? QString() : path.left(slash);
    r.name = path.mid(slash + 1).trimmed();
    // Saving under the name it was opened from replaces it; any other name is a new request.
    QString error;
    if (!m_store->save(r, openedPath == r.path() ? openedPath : QString(), &error)) {
        Q_EMIT message(error, true);
        return false;
    }
    reload();
    select(r.path());
    Q_EMIT message(tr("Saved the request \"%1\".").arg(r.path()), false);
    return true;
}

QString SavedRequestsPanel::selectedFolder() const
{
    QTreeWidgetItem *item = m_tree->currentItem();
    if (!item || !item->data(0, PathRole).toString().isEmpty())
        return QString();
    QStringList parts;
    for (; item; item = item->parent())
        parts.prepend(item->text(0));
    return parts.join(u'/');
}

void SavedRequestsPanel::rename()
{
    const QString folder = selectedFolder();
    if (!folder.isEmpty() && m_store) {
        const QString to = m_name->text().trimmed();
        if (to.isEmpty() || to == folder) {
            m_name->setFocus();
            m_name->selectAll();
            return Q_EMIT message(tr("Type the folder's new name above, then Rename."), true);
        }
        QString error;
        if (!m_store->renameFolder(folder, to, &error))
            return Q_EMIT message(error, true);
        reload();
        return Q_EMIT message(tr("Renamed the folder \"%1\" to \"%2\".").arg(folder, to), false);
    }
    const SavedRequest *r = selected();
    if (!r || !m_store)
        return;
    const QString from = r->path();
    SavedRequest moved = *r;
    const QString path = m_name->text().trimmed();
    const qsizetype slash = path.lastIndexOf(u'/');
    moved.folder = slash < 0 ? QString() : path.left(slash);
    moved.name = path.mid(slash + 1).trimmed();
    if (moved.path() == from) {
        m_name->setFocus();
        m_name->selectAll();
        Q_EMIT message(tr("Type the new name above, then Rename."), true);
        return;
    }
    QString error;
    if (!m_store->save(moved, from, &error))
        return Q_EMIT message(error, true);
    reload();
    select(moved.path());
    Q_EMIT message(tr("Renamed \"%1\" to \"%2\".").arg(from, moved.path()), false);
}

void SavedRequestsPanel::removeSelected()
{
    const SavedRequest *r = selected();
    if (!r || !m_store)
        return;
    const QString path = r->path();
    QMessageBox ask(QMessageBox::Question, tr("Delete a saved request"), tr("Delete the saved request \"%1\"?").arg(path),
                    QMessageBox::Yes | QMessageBox::Cancel, this);
    ask.setObjectName(u"confirmDeleteSaved"_s);
    ask.setDefaultButton(QMessageBox::Cancel);
    if (ask.exec() != QMessageBox::Yes)
        return;
    QString error;
    if (!m_store->remove(path, &error))
        return Q_EMIT message(error, true);
    reload();
    Q_EMIT message(tr("Deleted the saved request \"%1\".").arg(path), false);
}

bool SavedRequestsPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_tree && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Delete) {
            removeSelected();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}
