// SPDX-License-Identifier: MIT
// The Probe tab: the profile's plan (editable, saved with the profile), the
// token sources the CLI has (the selected profile's token, a narrow, an
// other-audience and an expired token from other profiles, tokens minted
// with the TokenLab sandbox key), Run with a progress bar and a bounded
// number of requests in flight, and the grid of cases by endpoints, each
// cell green (pass), amber (warn: refused against convention), red (fail)
// or grey (not run), with what a secure API answers and why. Reports export
// as JUnit, JSON and CSV. Activating a cell opens its exchange in the API
// tab, saying which case it was and what was expected.
// It probes with the selected profile's Session's token, read when Run is
// pressed, and keeps no token of its own.
#pragma once

#include "api/proberunner.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class PlanEditor;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTableWidgetItem;
class QTimer;
class Session;
class SessionRegistry;

class ProbePanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(ProbePanel)

public:
    ProbePanel(QNetworkAccessManager *network, SessionRegistry *sessions, QWidget *parent = nullptr);

    // The selected profile's session; its plan is shown and its token probed.
    void setSession(Session *session);
    // Writes the last grid as "junit", "json" or "csv"; false with *error on failure.
    bool exportTo(const QString &format, const QString &path, QString *error);

Q_SIGNALS:
    void cellOpened(const ApiExchange &exchange);
    void planSaved(const QJsonObject &plan);

private:
    void run();
    void startProbe(const ProbePlan &plan, const ProbeTokens &tokens);
    void showCells(const QList<ProbeCell> &cells);
    // Fills the grid's items a slice at a time (a plan of a thousand endpoints
    // has tens of thousands), at most sliceNs now and the rest through the
    // event loop, then sizes it and writes the summary.
    void fillSomeCells(quint64 generation, qint64 sliceNs = FillSliceNs);
    static constexpr qint64 FillSliceNs = 8'000'000;
    void showSummary();
    QTableWidgetItem *cellItem(int index) const;
    // "pass", "warning", "fail", "not run" in the user's language (the reports keep ProbeReport::gradeName).
    static QString gradeWord(ProbeGrade grade);
    void showReady();
    void showError(const QString &sentence);
    void fillTokenSources();
    void exportWithDialog(const QString &format);
    QByteArray tokenFrom(const QComboBox *source) const;

    ProbeRunner *m_runner;
    SessionRegistry *m_sessions;
    QPointer<Session> m_session;
    Profile m_profile;
    QString m_runningFor; // the profile a running probe belongs to
    bool m_starting = false; // Run pressed; getting tokens (and the mint key) before the runner starts
    QList<ProbeCell> m_cells;
    QList<int> m_cellRow;     // where each of m_cells goes in the grid
    QList<int> m_cellColumn;
    int m_nextCell = 0;       // the next cell to put in the grid
    QTimer *m_progressTimer = nullptr; // coalesces progress() into one repaint per 50 ms
    int m_progressDone = 0;
    int m_progressTotal = 0;
    quint64 m_fillGeneration = 0; // a fill under way stops when this changes
    PlanEditor *m_plan;
    QPushButton *m_savePlan;
    QComboBox *m_narrowFrom;
    QComboBox *m_otherAudienceFrom;
    QComboBox *m_expiredFrom;
    QCheckBox *m_mint;
    QSpinBox *m_concurrency;
    QPushButton *m_run;
    QProgressBar *m_progress;
    QLabel *m_summary;
    QTableWidget *m_grid;
    QList<QPushButton *> m_exports;
};
