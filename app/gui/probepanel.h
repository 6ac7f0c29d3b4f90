// The Probe tab: the profile's plan (JSON, editable, saved with the
// profile), Run with a progress bar and a bounded number of requests in
// flight, and the grid of endpoints by cases, each cell green or red with
// the status the API gave and, for red ones, what a secure API answers and
// why. Activating a cell asks the window to open it in the API tab.
// It probes with the selected profile's Session's token, read when Run is
// pressed, and offers the other sessions' tokens as the narrow one; it
// keeps no token of its own.
#pragma once

#include "api/proberunner.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;
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

Q_SIGNALS:
    void cellOpened(const ApiExchange &exchange);
    void planSaved(const QJsonObject &plan);

private:
    void run();
    void startProbe(const ProbePlan &plan, const ProbeTokens &tokens);
    void showCells(const QList<ProbeCell> &cells);
    void showReady();
    void fillNarrowCandidates();

    ProbeRunner *m_runner;
    SessionRegistry *m_sessions;
    QPointer<Session> m_session;
    Profile m_profile;
    QString m_runningFor; // the profile a running probe belongs to
    QList<ProbeCell> m_cells;
    QPlainTextEdit *m_plan;
    QPushButton *m_savePlan;
    QComboBox *m_narrowFrom;
    QSpinBox *m_concurrency;
    QPushButton *m_run;
    QProgressBar *m_progress;
    QLabel *m_summary;
    QTableWidget *m_grid;
};
