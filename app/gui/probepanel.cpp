#include "gui/probepanel.h"
#include "gui/semanticcolors.h"
#include "session/sessionregistry.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ProbePanel::ProbePanel(QNetworkAccessManager *network, SessionRegistry *sessions, QWidget *parent)
    : QWidget(parent),
      m_runner(new ProbeRunner(network, this)),
      m_sessions(sessions),
      m_plan(new QPlainTextEdit),
      m_savePlan(new QPushButton(u"Sav&e plan"_s)),
      m_narrowFrom(new QComboBox),
      m_concurrency(new QSpinBox),
      m_run(new QPushButton(u"&Run probe"_s)),
      m_progress(new QProgressBar),
      m_summary(new QLabel),
      m_grid(new QTableWidget)
{
    setObjectName(u"probeTab"_s);
    m_plan->setObjectName(u"probePlan"_s);
    m_plan->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_plan->setTabChangesFocus(true);
    m_plan->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_savePlan->setObjectName(u"saveProbePlanButton"_s);
    m_narrowFrom->setObjectName(u"probeNarrowFrom"_s);
    m_narrowFrom->setToolTip(u"A profile of the same issuer whose token lacks the plan's scopes, for the missing-scope cases"_s);
    m_concurrency->setObjectName(u"probeConcurrency"_s);
    m_concurrency->setRange(1, 16);
    m_concurrency->setValue(4);
    m_concurrency->setSuffix(u" in flight"_s);
    m_run->setObjectName(u"runProbeButton"_s);
    m_progress->setObjectName(u"probeProgress"_s);
    m_progress->setVisible(false);
    m_summary->setObjectName(u"probeSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    m_grid->setObjectName(u"probeGrid"_s);
    m_grid->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_grid->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_grid->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_grid->setWordWrap(false);

    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto *planLabel = new QLabel(u"Plan: each endpoint and what it expects (public, token, or scopes)"_s);
    planLabel->setWordWrap(true);
    leftLayout->addWidget(planLabel);
    leftLayout->addWidget(m_plan, 1);
    leftLayout->addWidget(m_savePlan);
    auto *options = new QFormLayout;
    options->addRow(u"Narro&w token from:"_s, m_narrowFrom);
    options->addRow(u"&Concurrency:"_s, m_concurrency);
    leftLayout->addLayout(options);
    auto *runRow = new QHBoxLayout;
    runRow->addWidget(m_run);
    runRow->addWidget(m_progress, 1);
    leftLayout->addLayout(runRow);

    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_summary);
    rightLayout->addWidget(m_grid, 1);
    left->setMaximumWidth(380);
    auto *split = new QSplitter;
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(m_run, &QPushButton::clicked, this, &ProbePanel::run);
    connect(m_savePlan, &QPushButton::clicked, this, [this] {
        QString why;
        if (const auto plan = ProbePlan::fromJson(m_plan->toPlainText().toUtf8(), &why))
            Q_EMIT planSaved(QJsonDocument::fromJson(plan->toJson()).object());
        else
            m_summary->setText(u"<span style='color:%1'>%2</span>"_s.arg(SemanticColors::hex(Tone::Error, palette()),
                                                                     tr("The plan cannot be used: %1").arg(why).toHtmlEscaped()));
    });
    connect(m_runner, &ProbeRunner::progress, this, [this](int done, int total) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    });
    connect(m_runner, &ProbeRunner::finished, this, &ProbePanel::showCells);
    connect(m_sessions, &SessionRegistry::sessionChanged, this, &ProbePanel::fillNarrowCandidates);
    connect(m_grid, &QTableWidget::cellActivated, this, [this](int row, int column) {
        const int index = m_grid->item(row, column) ? m_grid->item(row, column)->data(Qt::UserRole).toInt() : -1;
        if (index >= 0 && index < m_cells.size())
            Q_EMIT cellOpened(m_cells.at(index).exchange);
    });
    connect(m_grid, &QTableWidget::cellClicked, m_grid, &QTableWidget::cellActivated);
}

void ProbePanel::setSession(Session *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    const Profile profile = session ? session->profile() : Profile();
    const bool other = profile.name != m_profile.name;
    m_profile = profile;
    if (session)
        connect(session, &Session::changed, this, [this] {
            if (m_session)
                m_profile = m_session->profile();
            showReady();
        });
    if (other || m_plan->toPlainText().isEmpty()) {
        const ProbePlan plan = ProbePlan::of(profile);
        m_plan->setPlainText(QString::fromUtf8(plan.toJson()));
        // Another profile's grid never stays on screen.
        m_cells.clear();
        m_grid->clear();
        m_grid->setRowCount(0);
        m_grid->setColumnCount(0);
    }
    fillNarrowCandidates();
    showReady();
}

void ProbePanel::showReady()
{
    const bool running = m_runner->isRunning();
    m_run->setEnabled(m_session && !m_profile.apiBase.isEmpty() && !running);
    if (running || !m_cells.isEmpty())
        return;
    if (!m_session)
        m_summary->setText(tr("Save the profile to probe its API."));
    else
        m_summary->setText(!m_session->tokens() ? tr("No access token: only the cases without a token will run. Log in first for the rest.")
                                                : tr("Ready to probe %1.").arg(m_profile.apiBase.toString()));
}

void ProbePanel::fillNarrowCandidates()
{
    const QString current = m_narrowFrom->currentText();
    m_narrowFrom->clear();
    m_narrowFrom->addItem(tr("(none)"));
    QStringList names;
    for (const Session *s : m_sessions->sessions()) {
        if (s != m_session && s->tokens())
            names << s->name();
    }
    names.sort();
    m_narrowFrom->addItems(names);
    m_narrowFrom->setCurrentText(current);
}

void ProbePanel::run()
{
    QString why;
    const auto plan = ProbePlan::fromJson(m_plan->toPlainText().toUtf8(), &why);
    if (!plan) {
        m_summary->setText(u"<span style='color:%1'>%2</span>"_s.arg(SemanticColors::hex(Tone::Error, palette()),
                                                                     tr("The plan cannot be used: %1").arg(why).toHtmlEscaped()));
        return;
    }
    if (!m_session)
        return;
    // The profile's tokens fresh enough to send (renewed first when they
    // have expired, as before an API call), and the narrower profile's as held.
    m_run->setEnabled(false);
    m_summary->setText(tr("Getting fresh tokens…"));
    const QByteArray narrowToken = [this]() -> QByteArray {
        const Session *narrow = m_sessions->find(m_narrowFrom->currentText());
        const auto t = narrow && narrow != m_session ? narrow->tokens() : std::nullopt;
        return t ? t->accessToken.toLatin1() : QByteArray();
    }();
    connect(m_session->freshTokens(), &SessionJob::finished, this, [this, plan = *plan, narrowToken, name = m_profile.name](const SessionResult &fresh) {
        if (m_profile.name != name) // another profile was selected meanwhile: its probe is its own
            return;
        ProbeTokens tokens;
        if (fresh.ok())
            tokens.good = fresh.tokens.accessToken.toLatin1();
        else if (const auto t = m_session ? m_session->tokens() : std::nullopt)
            tokens.good = t->accessToken.toLatin1(); // the probe still runs; the cells say what an expired token got
        tokens.narrow = narrowToken;
        startProbe(plan, tokens);
    });
}

void ProbePanel::startProbe(const ProbePlan &plan, const ProbeTokens &tokens)
{
    m_runningFor = m_profile.name;
    m_runner->setMaxInFlight(m_concurrency->value());
    m_progress->setVisible(true);
    m_progress->setValue(0);
    m_run->setEnabled(false);
    m_summary->setText(u"Probing…"_s);
    m_runner->start(m_profile, plan, tokens);
}

void ProbePanel::showCells(const QList<ProbeCell> &cells)
{
    m_progress->setVisible(false);
    m_run->setEnabled(m_session && !m_profile.apiBase.isEmpty());
    if (m_runningFor != m_profile.name)
        return showReady(); // the probe of a profile no longer selected
    m_cells = cells;
    QStringList endpoints;
    QStringList cases;
    for (const ProbeCell &c : cells) {
        const QString e = QString::fromLatin1(c.endpoint.method) + u' ' + c.endpoint.path;
        if (!endpoints.contains(e))
            endpoints << e;
        if (!cases.contains(c.probe.id))
            cases << c.probe.id;
    }
    // Cases down, endpoints across: plans have few endpoints and many cases.
    m_grid->clear();
    m_grid->setRowCount(int(cases.size()));
    m_grid->setColumnCount(int(endpoints.size()));
    m_grid->setVerticalHeaderLabels(cases);
    m_grid->setHorizontalHeaderLabels(endpoints);
    int failed = 0;
    for (int i = 0; i < cells.size(); ++i) {
        const ProbeCell &c = cells.at(i);
        const int column = int(endpoints.indexOf(QString::fromLatin1(c.endpoint.method) + u' ' + c.endpoint.path));
        const int row = int(cases.indexOf(c.probe.id));
        m_grid->verticalHeaderItem(row)->setToolTip(c.probe.title);
        QStringList expected;
        for (int s : c.probe.expectedStatus)
            expected << QString::number(s);
        auto *item = new QTableWidgetItem(u"%1 %2"_s.arg(c.passed ? u"✔"_s : u"✘"_s).arg(c.exchange.status));
        item->setData(Qt::UserRole, i);
        item->setTextAlignment(Qt::AlignCenter);
        const QColor tone = SemanticColors::color(c.passed ? Tone::Ok : Tone::Error, m_grid->palette());
        QColor wash = tone;
        wash.setAlpha(40);
        item->setBackground(wash);
        item->setForeground(tone);
        item->setToolTip(u"%1\nExpected %2%3, got %4.%5\nClick to open it in the API tab."_s
                                 .arg(c.probe.title, expected.join(u" or "_s),
                                      c.probe.expectedError.isEmpty() ? QString() : u" with error=\"%1\""_s.arg(c.probe.expectedError))
                                 .arg(c.exchange.status)
                                 .arg(c.passed ? QString() : u"\n"_s + c.verdict));
        m_grid->setItem(row, column, item);
        failed += c.passed ? 0 : 1;
    }
    QString summary = u"%1 of %2 cells as a secure API answers."_s.arg(cells.size() - failed).arg(cells.size());
    if (failed) {
        summary = u"<span style='color:%1'><b>%2 of %3 cells wrong.</b></span> "_s.arg(SemanticColors::hex(Tone::Error, palette()))
                          .arg(failed)
                          .arg(cells.size());
        for (const ProbeCell &c : cells) {
            if (!c.passed) {
                summary += QString(c.endpoint.path + u", "_s + c.probe.id + u": "_s + c.verdict).toHtmlEscaped();
                break;
            }
        }
    }
    m_summary->setText(summary);
}
