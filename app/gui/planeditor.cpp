// SPDX-License-Identifier: MIT
#include "gui/planeditor.h"
#include "gui/semanticcolors.h"

#include <QComboBox>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <functional>
#include <utility>

using namespace Qt::StringLiterals;

namespace {

// The words of TokenLab's plan format, so the table reads like the file.
const QStringList expectations{u"public"_s, u"token"_s, u"scopes"_s};

QString expectationText(ProbeEndpoint::Need need)
{
    return expectations.at(int(need));
}

// A cell edited with a combo box: the methods (editable, for WebDAV and
// other methods) or the three expectations. A choice is committed at once.
class ComboDelegate : public QStyledItemDelegate
{
public:
    ComboDelegate(const QStringList &choices, bool editable, const QString &name, QObject *parent)
        : QStyledItemDelegate(parent), m_choices(choices), m_editable(editable), m_name(name)
    {
    }

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &) const override
    {
        auto *combo = new QComboBox(parent);
        combo->setObjectName(m_name);
        combo->setEditable(m_editable);
        combo->addItems(m_choices);
        auto *self = const_cast<ComboDelegate *>(this);
        connect(combo, &QComboBox::activated, self, [self, combo] {
            Q_EMIT self->commitData(combo);
            Q_EMIT self->closeEditor(combo);
        });
        return combo;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        static_cast<QComboBox *>(editor)->setCurrentText(index.data(Qt::EditRole).toString());
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        const QString text = static_cast<QComboBox *>(editor)->currentText().trimmed();
        model->setData(index, m_editable ? text.toUpper() : text, Qt::EditRole);
    }

private:
    QStringList m_choices;
    bool m_editable;
    QString m_name;
};

} // namespace

PlanEditor::PlanEditor(QWidget *parent)
    : QWidget(parent),
      m_table(new QTableWidget(0, ColumnCount)),
      m_add(new QPushButton(tr("A&dd endpoint"))),
      m_remove(new QPushButton(tr("Re&move"))),
      m_reset(new QPushButton(tr("Reset to the default plan"))),
      m_import(new QPushButton(tr("&Import…"))),
      m_message(new QLabel)
{
    setObjectName(u"planEditor"_s);
    m_table->setObjectName(u"planTable"_s);
    m_add->setObjectName(u"addEndpoint"_s);
    m_remove->setObjectName(u"removeEndpoint"_s);
    m_reset->setObjectName(u"resetPlan"_s);
    m_import->setObjectName(u"importPlan"_s);
    m_message->setObjectName(u"planError"_s);

    m_table->setHorizontalHeaderLabels({tr("Method"), tr("Path"), tr("Expects"), tr("Scopes"), tr("Header only")});
    m_table->horizontalHeaderItem(PathColumn)->setToolTip(tr("Relative to the profile's API base, starting with /"));
    m_table->horizontalHeaderItem(ExpectColumn)->setToolTip(tr("public: no token needed; token: any valid token; scopes: a token with the scopes listed"));
    m_table->horizontalHeaderItem(ScopesColumn)->setToolTip(tr("The scopes a scopes endpoint needs, separated by spaces"));
    m_table->horizontalHeaderItem(HeaderOnlyColumn)->setToolTip(
        tr("The API takes the token in the Authorization header only: one accepted in the query or a form body is a fail"));
    m_table->setAccessibleName(tr("Probe plan"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed | QAbstractItemView::AnyKeyPressed
                             | QAbstractItemView::SelectedClicked);
    m_table->setTabKeyNavigation(false); // Tab leaves the table, as everywhere else in the window
    m_table->verticalHeader()->setVisible(false);
    m_table->setWordWrap(false);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(PathColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(ScopesColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(HeaderOnlyColumn, QHeaderView::ResizeToContents);
    m_table->setColumnWidth(MethodColumn, fontMetrics().horizontalAdvance(u"OPTIONS"_s) + 40);
    m_table->setColumnWidth(ExpectColumn, fontMetrics().horizontalAdvance(u"scopes"_s) + 40);
    m_table->setItemDelegateForColumn(MethodColumn, new ComboDelegate({u"GET"_s, u"POST"_s, u"PUT"_s, u"PATCH"_s, u"DELETE"_s, u"HEAD"_s, u"OPTIONS"_s},
                                                                      true, u"methodEditor"_s, m_table));
    m_table->setItemDelegateForColumn(ExpectColumn, new ComboDelegate(expectations, false, u"expectationEditor"_s, m_table));
    m_table->installEventFilter(this);
    m_add->setToolTip(tr("Add an endpoint below the current one (Insert)"));
    m_remove->setToolTip(tr("Remove the selected endpoints (Delete)"));
    m_import->setToolTip(tr("Read a TokenLab plan, or an OpenAPI 3.0 or 3.1 document in JSON or YAML"));
    m_reset->setEnabled(false);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    buttons->addWidget(m_import);
    buttons->addWidget(m_reset);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_message);

    connect(m_table, &QTableWidget::itemChanged, this, &PlanEditor::edited);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] { m_remove->setEnabled(!m_table->selectedItems().isEmpty()); });
    connect(m_add, &QPushButton::clicked, this, &PlanEditor::addEndpoint);
    connect(m_remove, &QPushButton::clicked, this, &PlanEditor::removeEndpoints);
    connect(m_reset, &QPushButton::clicked, this, &PlanEditor::resetToDefault);
    connect(m_import, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import a plan"), QString(),
                                                          tr("Plans and OpenAPI documents (*.json *.yaml *.yml);;All files (*)"));
        if (!path.isEmpty())
            importFile(path);
    });
    m_remove->setEnabled(false);
    showMessage(QString(), Tone::Plain);
}

void PlanEditor::setPlan(const ProbePlan &plan)
{
    fill(plan);
    showMessage(QString(), Tone::Plain);
}

void PlanEditor::setDefaultPlan(const ProbePlan &plan)
{
    m_default = plan;
    m_reset->setEnabled(!plan.endpoints.isEmpty());
}

std::optional<ProbePlan> PlanEditor::plan(QString *error) const
{
    auto fail = [error](const QString &why) -> std::optional<ProbePlan> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (m_table->rowCount() == 0)
        return fail(tr("The plan has no endpoints; add one, import a plan or reset to the default plan."));
    if (m_table->rowCount() > ProbePlan::maxEndpoints)
        return fail(tr("The plan has %L1 endpoints; TokenLab probes at most %L2 in one plan.").arg(m_table->rowCount()).arg(ProbePlan::maxEndpoints));
    ProbePlan result;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        auto text = [this, row](int column) { return m_table->item(row, column) ? m_table->item(row, column)->text().trimmed() : QString(); };
        ProbeEndpoint e;
        e.method = text(MethodColumn).toUpper().toUtf8();
        e.path = text(PathColumn);
        e.need = ProbeEndpoint::Need(std::max(0, int(expectations.indexOf(text(ExpectColumn)))));
        if (e.need == ProbeEndpoint::Need::Scopes)
            e.scopes = text(ScopesColumn).split(u' ', Qt::SkipEmptyParts);
        const QTableWidgetItem *headerOnly = m_table->item(row, HeaderOnlyColumn);
        e.headerOnly = headerOnly && headerOnly->checkState() == Qt::Checked;
        if (const QString wrong = ProbePlan::check(e); !wrong.isEmpty())
            return fail(tr("Row %1: %2.").arg(row + 1).arg(wrong));
        result.endpoints << e;
    }
    return result;
}

bool PlanEditor::importFile(const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showMessage(tr("%1 cannot be read: %2.").arg(name, file.errorString()), Tone::Error);
        return false;
    }
    QString why;
    QStringList notes;
    const auto imported = ProbePlan::parse(file.read(ProbePlan::maxDocumentBytes + 1), &why, &notes);
    if (!imported) {
        showMessage(tr("%1 was not imported. %2").arg(name, why), Tone::Error);
        return false;
    }
    fill(*imported);
    const qsizetype count = imported->endpoints.size();
    const QString done = count == 1 ? tr("Imported 1 endpoint from %1.").arg(name) : tr("Imported %L1 endpoints from %2.").arg(count).arg(name);
    showMessage(notes.isEmpty() ? done : done + u' ' + notes.join(u' '), notes.isEmpty() ? Tone::Plain : Tone::Warning);
    Q_EMIT changed();
    return true;
}

bool PlanEditor::eventFilter(QObject *watched, QEvent *event)
{
    // The table's own keys only: while a cell is edited, its editor has them.
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Insert && key->modifiers() == Qt::NoModifier) {
            addEndpoint();
            return true;
        }
        if (key->key() == Qt::Key_Delete && key->modifiers() == Qt::NoModifier) {
            removeEndpoints();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void PlanEditor::fill(const ProbePlan &plan)
{
    m_filling = true;
    m_table->setRowCount(0);
    for (const ProbeEndpoint &e : plan.endpoints)
        insertRow(m_table->rowCount(), e);
    m_filling = false;
}

void PlanEditor::insertRow(int row, const ProbeEndpoint &e)
{
    const bool filling = std::exchange(m_filling, true);
    m_table->insertRow(row);
    m_table->setItem(row, MethodColumn, new QTableWidgetItem(QString::fromUtf8(e.method)));
    m_table->setItem(row, PathColumn, new QTableWidgetItem(e.path));
    m_table->setItem(row, ExpectColumn, new QTableWidgetItem(expectationText(e.need)));
    m_table->setItem(row, ScopesColumn, new QTableWidgetItem(e.scopes.join(u' ')));
    auto *headerOnly = new QTableWidgetItem;
    headerOnly->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    headerOnly->setCheckState(e.headerOnly ? Qt::Checked : Qt::Unchecked);
    headerOnly->setToolTip(m_table->horizontalHeaderItem(HeaderOnlyColumn)->toolTip());
    m_table->setItem(row, HeaderOnlyColumn, headerOnly);
    m_filling = filling;
}

void PlanEditor::addEndpoint()
{
    const int row = m_table->currentRow() < 0 ? m_table->rowCount() : m_table->currentRow() + 1;
    ProbeEndpoint e;
    e.path = u"/"_s;
    insertRow(row, e);
    m_table->setCurrentCell(row, PathColumn);
    m_table->setFocus();
    m_table->editItem(m_table->item(row, PathColumn));
    edited();
}

void PlanEditor::removeEndpoints()
{
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        rows << index.row();
    if (rows.isEmpty() && m_table->currentRow() >= 0)
        rows << m_table->currentRow();
    if (rows.isEmpty())
        return;
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    for (const int row : rows)
        m_table->removeRow(row);
    edited();
}

void PlanEditor::resetToDefault()
{
    fill(m_default);
    showMessage(tr("Back to the default plan."), Tone::Plain);
    Q_EMIT changed();
}

void PlanEditor::edited()
{
    if (m_filling)
        return;
    QString why;
    showMessage(plan(&why) ? QString() : why, Tone::Error);
    Q_EMIT changed();
}

void PlanEditor::showMessage(const QString &text, Tone tone)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
    SemanticColors::apply(m_message, tone);
}
