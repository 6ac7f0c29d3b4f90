// The Probe tab: the profile's plan (JSON, editable, saved with the
// profile), Run with a progress bar and a bounded number of requests in
// flight, and the grid of endpoints by cases, each cell green or red with
// the status the API gave and, for red ones, what a secure API answers and
// why. Activating a cell asks the window to open it in the API tab.
#pragma once

#include "api/proberunner.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

class ProbePanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(ProbePanel)

public:
    explicit ProbePanel(QNetworkAccessManager *network, QWidget *parent = nullptr);

    void setProfile(const Profile &profile, const QByteArray &accessToken);
    // Other profiles whose tokens may serve as the narrow one.
    void setNarrowCandidates(const QList<QPair<QString, QByteArray>> &profileTokens);

Q_SIGNALS:
    void cellOpened(const ApiExchange &exchange);
    void planSaved(const QJsonObject &plan);

private:
    void run();
    void showCells(const QList<ProbeCell> &cells);

    ProbeRunner *m_runner;
    Profile m_profile;
    QByteArray m_token;
    QList<QPair<QString, QByteArray>> m_narrowCandidates;
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
