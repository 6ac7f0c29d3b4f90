// SPDX-License-Identifier: MIT
// A two-column table of name/value pairs (request headers, form fields)
// that always ends in one empty row to type into; Delete removes the
// selected rows.
#pragma once

#include <QTableWidget>

class PairsTable : public QTableWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(PairsTable)

public:
    PairsTable(const QString &nameHeader, const QString &valueHeader, QWidget *parent = nullptr);

    QList<QPair<QString, QString>> pairs() const;
    void setPairs(const QList<QPair<QString, QString>> &pairs);
    int filledRows() const { return int(pairs().size()); }

Q_SIGNALS:
    void edited();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void keepOneEmptyRow();
};
