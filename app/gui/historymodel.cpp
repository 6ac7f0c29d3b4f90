// SPDX-License-Identifier: MIT
#include "gui/historymodel.h"
#include "gui/semanticcolors.h"
#include "storage/profilewatcher.h"

#include <QApplication>
#include <QLocale>

using namespace Qt::StringLiterals;

bool HistoryModel::setHistory(std::optional<RequestHistory> history, QString *error)
{
    m_history = std::move(history);
    delete m_watcher;
    if (m_history) {
        m_watcher = new ProfileWatcher(m_history->indexPath(), this);
        connect(m_watcher, &ProfileWatcher::changed, this, [this] {
            reload(nullptr);
            Q_EMIT changedOnDisk();
        });
    }
    return reload(error);
}

bool HistoryModel::reload(QString *error)
{
    beginResetModel();
    m_rows.clear();
    bool ok = true;
    if (m_history) {
        auto list = m_history->summaries(error);
        ok = list.has_value();
        if (list)
            m_rows = *list;
    }
    endResetModel();
    return ok;
}

bool HistoryModel::append(const HistoryEntry &entry, QString *error)
{
    if (!m_history || !m_history->append(entry, error))
        return false;
    // Another process may have added calls meanwhile: the file is the truth.
    return reload(error);
}

std::optional<HistoryEntry> HistoryModel::entry(int row, QString *error) const
{
    if (!m_history || row < 0 || row >= m_rows.size())
        return std::nullopt;
    return m_history->entry(m_rows.at(row).id, error);
}

QString HistoryModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : QString();
}

int HistoryModel::rowOf(const QString &id) const
{
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (m_rows.at(i).id == id)
            return i;
    }
    return -1;
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const HistorySummary &s = m_rows.at(index.row());
    const bool failed = s.outcome != ApiOutcome::Success;
    switch (role) {
    case Qt::DisplayRole: {
        const QString path = s.url.path() + (s.url.hasQuery() ? u"?…"_s : QString());
        const QString label = s.label.isEmpty() ? tr("%1 ms").arg(s.elapsedMs) : s.label;
        return u"%1  %2 %3  %4"_s.arg(s.status ? QString::number(s.status) : u"—"_s, QString::fromLatin1(s.method), path, label);
    }
    case Qt::ToolTipRole:
        return tr("%1 %2\n%3").arg(QString::fromLatin1(s.method), s.url.toString(),
                                   QLocale().toString(s.date.toLocalTime(), QLocale::ShortFormat));
    case Qt::ForegroundRole:
        if (failed)
            return SemanticColors::color(Tone::Error, QApplication::palette());
        return {};
    case IdRole:
        return s.id;
    case FailedRole:
        return failed;
    default:
        return {};
    }
}
