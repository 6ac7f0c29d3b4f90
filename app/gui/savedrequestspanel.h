// SPDX-License-Identifier: MIT
// The profile's saved requests as a tree of folders. Picking one opens it
// in the request editor; Enter (or Run) sends it; Delete removes it after
// asking. The name line holds "folder/name": Save stores the editor's
// request under it (over the one opened, or as a new one), Rename moves
// the selected request, or folder, there. Everything is written through SavedRequests.
#pragma once

#include "api/savedrequests.h"

#include <QWidget>
#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

class SavedRequestsPanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(SavedRequestsPanel)

public:
    explicit SavedRequestsPanel(QWidget *parent = nullptr);

    void setStore(std::optional<SavedRequests> store);
    void reload();
    const std::optional<SavedRequests> &store() const { return m_store; }
    std::optional<SavedCollection> collection() const { return m_collection; }

    // Saves draft under the name line's path; the path it came from, if any, is replaced.
    bool save(const SavedRequest &draft, const QString &openedPath);
    QString selectedPath() const;
    // Selects a request by path (tests, and after a save).
    void select(const QString &path);
    void removeSelected();

Q_SIGNALS:
    void openRequested(const SavedRequest &request);
    void runRequested(const SavedRequest &request);
    // Save, or Enter in the name line: the console answers with save().
    void saveRequested();
    void message(const QString &sentence, bool problem);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void rename();
    const SavedRequest *selected() const;
    // The selected folder's path, or empty when a request (or nothing) is selected.
    QString selectedFolder() const;

    std::optional<SavedRequests> m_store;
    std::optional<SavedCollection> m_collection;
    QTreeWidget *m_tree;
    QLineEdit *m_name;
    QPushButton *m_save;
    QPushButton *m_run;
    QPushButton *m_rename;
    QPushButton *m_delete;
    QLabel *m_problem;
};
