// SPDX-License-Identifier: MIT
// The probe's plan as a table: one row per endpoint with its method, path,
// what it expects (public, any valid token, or scopes), its scopes
// (space-separated) and whether the token may go in the Authorization
// header only. Rows are added and removed with buttons or the Insert and
// Delete keys; "Reset to the default plan" brings back the plan given to
// setDefaultPlan(); "Import…" reads a TokenLab plan or an OpenAPI 3.0/3.1
// document (JSON or YAML) through ProbePlan::parse().
//
// Contract: the editor holds rows, not a plan. plan() validates the rows
// (ProbePlan::check: a path that starts with '/', scopes for a scopes row,
// ...) and returns a plan, or nullopt with one sentence that names the row.
// The planError label shows the first row that is wrong after each edit,
// and an import's refusal (which names the line and column) or what an
// import left out. changed() fires on every edit by the user (cells, add,
// remove, reset, import), never for setPlan() or setDefaultPlan().
#pragma once

#include "api/probeplan.h"

#include <QWidget>
#include <optional>

class QLabel;
enum class Tone;
class QPushButton;
class QTableWidget;

class PlanEditor : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(PlanEditor)

public:
    enum Column { MethodColumn, PathColumn, ExpectColumn, ScopesColumn, HeaderOnlyColumn, ColumnCount };

    explicit PlanEditor(QWidget *parent = nullptr);

    void setPlan(const ProbePlan &plan);
    std::optional<ProbePlan> plan(QString *error) const;
    // What "Reset to the default plan" restores (the profile's quickstart plan).
    void setDefaultPlan(const ProbePlan &plan);
    // Replaces the rows with the plan in a file, or leaves them and says why
    // in the planError label. "Import…" asks for the path and calls this.
    bool importFile(const QString &path);

Q_SIGNALS:
    void changed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void fill(const ProbePlan &plan);
    void insertRow(int row, const ProbeEndpoint &endpoint);
    void addEndpoint();
    void removeEndpoints();
    void resetToDefault();
    void edited();
    void showMessage(const QString &text, Tone tone);

    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_remove;
    QPushButton *m_reset;
    QPushButton *m_import;
    QLabel *m_message;
    ProbePlan m_default;
    bool m_filling = false;
};
