// SPDX-License-Identifier: MIT
#include "gui/pairstable.h"

#include <QHeaderView>
#include <QKeyEvent>

PairsTable::PairsTable(const QString &nameHeader, const QString &valueHeader, QWidget *parent) : QTableWidget(0, 2, parent)
{
    setHorizontalHeaderLabels({nameHeader, valueHeader});
    horizontalHeader()->setSectionResizeMode(0, QHeaderView::Interactive);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->resizeSection(0, fontMetrics().horizontalAdvance(QLatin1StringView("Content-Type-Long")));
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    setTabKeyNavigation(false);
    keepOneEmptyRow();
    connect(this, &QTableWidget::itemChanged, this, [this] {
        keepOneEmptyRow();
        Q_EMIT edited();
    });
}

QList<QPair<QString, QString>> PairsTable::pairs() const
{
    QList<QPair<QString, QString>> out;
    for (int r = 0; r < rowCount(); ++r) {
        const QString name = item(r, 0) ? item(r, 0)->text() : QString();
        const QString value = item(r, 1) ? item(r, 1)->text() : QString();
        if (!name.trimmed().isEmpty() || !value.trimmed().isEmpty())
            out.append({name, value});
    }
    return out;
}

void PairsTable::setPairs(const QList<QPair<QString, QString>> &pairs)
{
    const QSignalBlocker blocker(this);
    setRowCount(0);
    for (const auto &p : pairs) {
        const int r = rowCount();
        insertRow(r);
        setItem(r, 0, new QTableWidgetItem(p.first));
        setItem(r, 1, new QTableWidgetItem(p.second));
    }
    keepOneEmptyRow();
}

void PairsTable::keepOneEmptyRow()
{
    const QSignalBlocker blocker(this);
    auto empty = [this](int r) {
        return (!item(r, 0) || item(r, 0)->text().isEmpty()) && (!item(r, 1) || item(r, 1)->text().isEmpty());
    };
    if (rowCount() == 0 || !empty(rowCount() - 1))
        insertRow(rowCount());
}

void PairsTable::keyPressEvent(QKeyEvent *event)
{
    if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) && state() != QAbstractItemView::EditingState) {
        QList<int> rows;
        for (const QModelIndex &i : selectionModel()->selectedRows())
            rows.append(i.row());
        if (rows.isEmpty() && currentRow() >= 0)
            rows.append(currentRow());
        std::sort(rows.rbegin(), rows.rend());
        for (int r : rows)
            removeRow(r);
        keepOneEmptyRow();
        Q_EMIT edited();
        return;
    }
    QTableWidget::keyPressEvent(event);
}
