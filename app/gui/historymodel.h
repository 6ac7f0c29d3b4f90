// SPDX-License-Identifier: MIT
// The API tab's history list: one row per call of the selected profile,
// oldest first, read from its RequestHistory. Rows hold summaries only;
// a call's headers and bodies are read from its file when it is opened.
// Calls another TokenLab process adds (tokenlab-cli call) show within a
// second: the index file is watched.
#pragma once

#include "api/requesthistory.h"

#include <QAbstractListModel>
#include <QPointer>
#include <optional>

class ProfileWatcher;

class HistoryModel : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY(HistoryModel)

public:
    enum Role { IdRole = Qt::UserRole + 1, FailedRole };

    using QAbstractListModel::QAbstractListModel;

    // The profile's history (nullopt: none); reads its summaries again.
    bool setHistory(std::optional<RequestHistory> history, QString *error);
    bool reload(QString *error);
    const std::optional<RequestHistory> &history() const { return m_history; }

    // Adds an entry to the file and the list; false with *error when it could not be kept.
    bool append(const HistoryEntry &entry, QString *error);
    std::optional<HistoryEntry> entry(int row, QString *error) const;
    QString idAt(int row) const;
    int rowOf(const QString &id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

Q_SIGNALS:
    // The list was read again after another process changed it.
    void changedOnDisk();

private:
    QPointer<ProfileWatcher> m_watcher;
    std::optional<RequestHistory> m_history;
    QList<HistorySummary> m_rows;
};
