// SPDX-License-Identifier: MIT
#include "gui/probepanel.h"
#include "gui/adaptivesplitter.h"
#include "gui/planeditor.h"
#include "api/mintkey.h"
#include "gui/semanticcolors.h"
#include "session/sessionregistry.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHash>
#include <QElapsedTimer>
#include <QFontMetrics>
#include <QHeaderView>
#include <QTimer>
#include <QJsonDocument>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ProbePanel::ProbePanel(QNetworkAccessManager *network, SessionRegistry *sessions, QWidget *parent)
    : QWidget(parent),
      m_runner(new ProbeRunner(network, this)),
      m_sessions(sessions),
      m_plan(new PlanEditor),
      m_savePlan(new QPushButton(tr("Sav&e plan"))),
      m_narrowFrom(new QComboBox),
      m_otherAudienceFrom(new QComboBox),
      m_expiredFrom(new QComboBox),
      m_mint(new QCheckBox(tr("Mint tokens with the TokenLab sandbox &key"))),
      m_concurrency(new QSpinBox),
      m_run(new QPushButton(tr("&Run probe"))),
      m_progress(new QProgressBar),
      m_summary(new QLabel),
      m_grid(new QTableWidget)
{
    setObjectName(u"probePanel"_s);
    m_plan->setObjectName(u"probePlan"_s);
    m_savePlan->setObjectName(u"saveProbePlanButton"_s);
    m_narrowFrom->setObjectName(u"probeNarrowFrom"_s);
    m_narrowFrom->setToolTip(tr("A profile of the same issuer whose token lacks the plan's scopes, for the missing-scope cases"));
    m_otherAudienceFrom->setObjectName(u"probeOtherAudienceFrom"_s);
    m_otherAudienceFrom->setToolTip(tr("A profile of the same issuer whose token is for another API, for the other-audience cases"));
    m_expiredFrom->setObjectName(u"probeExpiredFrom"_s);
    m_expiredFrom->setToolTip(tr("A profile of the same issuer whose token has expired, for the expired cases"));
    m_mint->setObjectName(u"probeMint"_s);
    m_mint->setToolTip(tr("For an API that trusts a TokenLab sandbox: tokens signed with its key, with no exp, another issuer, "
                          "substring scopes and more. The profile's issuer must be this machine's sandbox."));
    m_concurrency->setObjectName(u"probeConcurrency"_s);
    m_concurrency->setRange(1, 16);
    m_concurrency->setValue(4);
    m_concurrency->setSuffix(tr(" in flight"));
    m_run->setObjectName(u"runProbeButton"_s);
    m_progress->setObjectName(u"probeProgress"_s);
    m_progress->setVisible(false);
    m_summary->setObjectName(u"probeSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    m_grid->setObjectName(u"probeGrid"_s);
    m_grid->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Each endpoint as wide as its name, the last one taking the rest: names are never cut.
    m_grid->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_grid->horizontalHeader()->setStretchLastSection(true);
    m_grid->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_grid->setWordWrap(false);

    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto *planLabel = new QLabel(tr("Plan: each endpoint and what it expects (public, token, or scopes)"));
    planLabel->setWordWrap(true);
    leftLayout->addWidget(planLabel);
    leftLayout->addWidget(m_plan, 1);
    leftLayout->addWidget(m_savePlan);
    auto *options = new QFormLayout;
    options->addRow(tr("Narro&w token from:"), m_narrowFrom);
    options->addRow(tr("Other a&udience from:"), m_otherAudienceFrom);
    options->addRow(tr("E&xpired token from:"), m_expiredFrom);
    options->addRow(m_mint);
    options->addRow(tr("&Concurrency:"), m_concurrency);
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
    auto *exportRow = new QHBoxLayout;
    exportRow->addStretch(1);
    for (const auto &[format, label] : {std::pair{u"junit"_s, tr("Export JUnit…")}, std::pair{u"json"_s, tr("Export JSON…")},
                                        std::pair{u"csv"_s, tr("Export CSV…")}}) {
        auto *button = new QPushButton(label);
        button->setObjectName(u"probeExport_"_s + format);
        button->setEnabled(false);
        connect(button, &QPushButton::clicked, this, [this, format = format] { exportWithDialog(format); });
        exportRow->addWidget(button);
        m_exports << button;
    }
    rightLayout->addLayout(exportRow);
    auto *split = new AdaptiveSplitter; // the plan above the grid in a narrow window
    split->setObjectName(u"probeSplitter"_s);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 0); // a wider window widens the grid, not the plan
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(m_run, &QPushButton::clicked, this, &ProbePanel::run);
    connect(m_savePlan, &QPushButton::clicked, this, [this] {
        QString why;
        if (const auto plan = m_plan->plan(&why))
            Q_EMIT planSaved(QJsonDocument::fromJson(plan->toJson()).object());
        else
            showError(tr("The plan cannot be used: %1").arg(why));
    });
    // The bar and its sentence are repainted at most every 50 ms: once per
    // answer, painting took a quarter of the window's time during a probe.
    m_progressTimer = new QTimer(this);
    m_progressTimer->setSingleShot(true);
    m_progressTimer->setInterval(50);
    connect(m_progressTimer, &QTimer::timeout, this, [this] {
        // total 0: getting the issuer's keys and a fresh key ready (a busy bar).
        m_progress->setRange(0, m_progressTotal);
        m_progress->setValue(m_progressDone);
        if (m_progressTotal)
            m_summary->setText(tr("Probing: %1 of %2 cells…").arg(m_progressDone).arg(m_progressTotal));
    });
    connect(m_runner, &ProbeRunner::progress, this, [this](int done, int total) {
        m_progressDone = done;
        m_progressTotal = total;
        if (!m_progressTimer->isActive())
            m_progressTimer->start();
    });
    connect(m_runner, &ProbeRunner::finished, this, &ProbePanel::showCells);
    connect(m_sessions, &SessionRegistry::sessionChanged, this, &ProbePanel::fillTokenSources);
    connect(m_grid, &QTableWidget::cellActivated, this, [this](int row, int column) {
        const int index = m_grid->item(row, column) ? m_grid->item(row, column)->data(Qt::UserRole).toInt() : -1;
        if (index < 0 || index >= m_cells.size() || m_cells.at(index).grade == ProbeGrade::NotRun)
            return;
        // The API tab shows the exchange; its notes say which case it was and how it was graded.
        const ProbeCell &c = m_cells.at(index);
        ApiExchange x = c.exchange;
        QStringList expected;
        for (int s : c.probe.expectedStatus())
            expected << QString::number(s);
        x.notes.prepend(tr("Probe case \"%1\" on %2 %3: %4. Expected %5; got %6: %7.")
                                .arg(c.probe.id, QString::fromLatin1(c.endpoint.method), c.endpoint.path, c.probe.title.text(),
                                     expected.isEmpty() ? tr("any answer") : expected.join(tr(" or ")))
                                .arg(c.exchange.status)
                                .arg(gradeWord(c.grade))
                        + (c.verdict.isEmpty() ? QString() : u" "_s + c.verdict.text()) + (c.note.isEmpty() ? QString() : u" "_s + c.note.text()));
        Q_EMIT cellOpened(x);
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
    if (other) {
        m_plan->setDefaultPlan(ProbePlan::quickstart(profile));
        m_plan->setPlan(ProbePlan::of(profile));
        // Another profile's grid never stays on screen.
        m_cells.clear();
        ++m_fillGeneration;
        m_grid->clear();
        m_grid->setRowCount(0);
        m_grid->setColumnCount(0);
        for (QPushButton *b : std::as_const(m_exports))
            b->setEnabled(false);
    }
    fillTokenSources();
    showReady();
}

void ProbePanel::showReady()
{
    if (m_progressTimer && !m_runner->isRunning())
        m_progressTimer->stop();
    const bool running = m_runner->isRunning() || m_starting;
    m_run->setEnabled(m_session && !m_profile.apiBase.isEmpty() && !running);
    if (running || !m_cells.isEmpty())
        return;
    if (!m_session)
        m_summary->setText(tr("Save the profile to probe its API."));
    else
        m_summary->setText(!m_session->tokens() ? tr("No access token: only the cases without a token will run. Log in first for the rest.")
                                                : tr("Ready to probe %1.").arg(m_profile.apiBase.toString()));
}

void ProbePanel::showError(const QString &sentence)
{
    m_summary->setText(u"<span style='color:%1'>%2</span>"_s.arg(SemanticColors::hex(Tone::Error, palette()), sentence.toHtmlEscaped()));
}

void ProbePanel::fillTokenSources()
{
    QStringList names;
    for (const Session *s : m_sessions->sessions()) {
        if (s != m_session && s->tokens())
            names << s->name();
    }
    names.sort();
    for (QComboBox *box : {m_narrowFrom, m_otherAudienceFrom, m_expiredFrom}) {
        const QString current = box->currentText();
        box->clear();
        box->addItem(tr("(none)"));
        box->addItems(names);
        box->setCurrentText(current);
    }
}

QByteArray ProbePanel::tokenFrom(const QComboBox *source) const
{
    if (source->currentIndex() <= 0)
        return {};
    const Session *s = m_sessions->find(source->currentText());
    const auto t = s && s != m_session ? s->tokens() : std::nullopt;
    return t ? t->accessToken.toLatin1() : QByteArray();
}

void ProbePanel::run()
{
    QString why;
    const auto plan = m_plan->plan(&why);
    if (!plan)
        return showError(tr("The plan cannot be used: %1").arg(why));
    if (!m_session)
        return;
    // The profile's tokens fresh enough to send (renewed first when they
    // have expired, as before an API call), and the other profiles' as held:
    // the probe checks each fits before it uses it.
    m_starting = true;
    m_run->setEnabled(false);
    m_summary->setText(tr("Getting fresh tokens…"));
    ProbeTokens extra;
    extra.narrow = tokenFrom(m_narrowFrom);
    extra.otherAudience = tokenFrom(m_otherAudienceFrom);
    extra.expired = tokenFrom(m_expiredFrom);
    const bool mint = m_mint->isChecked();
    connect(m_session->freshTokens(), &SessionJob::finished, this, [this, plan = *plan, extra, mint, name = m_profile.name](const SessionResult &fresh) {
        if (m_profile.name != name) { // another profile was selected meanwhile: its probe is its own
            m_starting = false;
            return showReady();
        }
        ProbeTokens tokens = extra;
        if (fresh.ok()) {
            tokens.good = fresh.tokens.accessToken.toLatin1();
            tokens.dpop = fresh.dpop; // a DPoP-bound token is probed under its scheme, with proofs
        }
        else if (const auto t = m_session ? m_session->tokens() : std::nullopt)
            tokens.good = t->accessToken.toLatin1(); // the probe still runs; the cells say what an expired token got
        if (!mint)
            return startProbe(plan, tokens);
        m_summary->setText(tr("Reading the sandbox key from the keychain…"));
        KeychainSecret *read = MintKey::read(this);
        connect(read, &KeychainSecret::finished, this, [this, plan, tokens, name](KeychainSecret *job) mutable {
            if (m_profile.name != name) {
                m_starting = false;
                return showReady();
            }
            QString why;
            tokens.mintKey = MintKey::fromJob(job, &why);
            if (!tokens.mintKey) {
                m_starting = false;
                m_run->setEnabled(true);
                return showError(why);
            }
            startProbe(plan, tokens);
        });
        read->start();
    });
}

void ProbePanel::startProbe(const ProbePlan &plan, const ProbeTokens &tokens)
{
    m_runningFor = m_profile.name;
    m_starting = false;
    ++m_fillGeneration; // a grid still being filled belongs to the run before
    m_runner->setMaxInFlight(m_concurrency->value());
    m_progress->setVisible(true);
    m_progress->setValue(0);
    m_run->setEnabled(false);
    m_summary->setText(tr("Getting the issuer's keys and a fresh key ready…"));
    m_runner->start(m_profile, plan, tokens);
}

void ProbePanel::showCells(const QList<ProbeCell> &cells)
{
    m_progressTimer->stop(); // the summary replaces the progress sentence
    m_progress->setVisible(false);
    m_run->setEnabled(m_session && !m_profile.apiBase.isEmpty());
    if (m_runningFor != m_profile.name)
        return showReady(); // the probe of a profile no longer selected
    QElapsedTimer shown;
    shown.start();
    m_cells = cells;
    // Each cell's column and row, looked up by hash: a plan of a thousand
    // endpoints has tens of thousands of cells, made an endpoint at a time,
    // so a cell of the same endpoint as the one before takes its column.
    QStringList endpoints;
    QStringList cases;
    QHash<QString, int> endpointColumn;
    QHash<QString, int> caseRow;
    QList<int> cellColumn;
    QList<int> cellRow;
    cellColumn.reserve(cells.size());
    cellRow.reserve(cells.size());
    const ProbeEndpoint *previous = nullptr;
    int column = 0;
    for (const ProbeCell &c : cells) {
        if (!previous || previous->path != c.endpoint.path || previous->method != c.endpoint.method) {
            const QString e = QString::fromLatin1(c.endpoint.method) + u' ' + c.endpoint.path;
            auto known = endpointColumn.constFind(e);
            if (known == endpointColumn.cend()) {
                known = endpointColumn.insert(e, int(endpoints.size()));
                endpoints << e;
            }
            column = *known;
        }
        previous = &c.endpoint;
        auto row = caseRow.constFind(c.probe.id);
        if (row == caseRow.cend()) {
            row = caseRow.insert(c.probe.id, int(cases.size()));
            cases << c.probe.id;
        }
        cellColumn << column;
        cellRow << *row;
    }
    // Cases down, endpoints across: plans have few endpoints and many cases.
    // Sized to their contents once, after the fill: resized after every
    // item, a large grid took seconds with the window frozen.
    // A stretched last section counts as resizing to contents too: every
    // header label set and every section sized would lay out all sections again.
    m_grid->horizontalHeader()->setStretchLastSection(false);
    m_grid->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_grid->verticalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_grid->clear();
    m_grid->setRowCount(int(cases.size()));
    m_grid->setColumnCount(int(endpoints.size()));
    m_grid->setVerticalHeaderLabels(cases);
    m_grid->setHorizontalHeaderLabels(endpoints);
    m_cellRow = cellRow;
    m_cellColumn = cellColumn;
    m_nextCell = 0;
    // What is left of this event-loop turn's slice: with a large grid the
    // lookups above took most of it, and the window must not freeze.
    fillSomeCells(++m_fillGeneration, qMax<qint64>(0, FillSliceNs - shown.nsecsElapsed()));
}

void ProbePanel::fillSomeCells(quint64 generation, qint64 sliceNs)
{
    if (generation != m_fillGeneration)
        return; // another run, or another profile, since
    QElapsedTimer slice;
    slice.start();
    m_grid->setUpdatesEnabled(false);
    while (m_nextCell < m_cells.size() && slice.nsecsElapsed() < sliceNs) {
        const int i = m_nextCell++;
        m_grid->verticalHeaderItem(m_cellRow.at(i))->setToolTip(m_cells.at(i).probe.title.text());
        m_grid->setItem(m_cellRow.at(i), m_cellColumn.at(i), cellItem(i));
    }
    m_grid->setUpdatesEnabled(true);
    if (m_nextCell < m_cells.size()) {
        QTimer::singleShot(0, this, [this, generation] { fillSomeCells(generation); });
        return;
    }
    QHeaderView *across = m_grid->horizontalHeader();
    if (m_grid->columnCount() <= 100) {
        across->setSectionResizeMode(QHeaderView::ResizeToContents);
    } else {
        // Measuring every cell of hundreds of columns would freeze the window
        // again: each column is as wide as its header, which is wider than its cells.
        const QFontMetrics metrics(across->font());
        for (int column = 0; column < m_grid->columnCount(); ++column)
            across->resizeSection(column, metrics.horizontalAdvance(m_grid->horizontalHeaderItem(column)->text()) + 2 * metrics.height());
    }
    m_grid->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    across->setStretchLastSection(true);
    showSummary();
}

QString ProbePanel::gradeWord(ProbeGrade grade)
{
    switch (grade) {
    case ProbeGrade::Pass: return tr("pass");
    case ProbeGrade::Warn: return tr("warning");
    case ProbeGrade::Fail: return tr("fail");
    case ProbeGrade::NotRun: break;
    }
    return tr("not run");
}

QTableWidgetItem *ProbePanel::cellItem(int i) const
{
    const ProbeCell &c = m_cells.at(i);
    QStringList expected;
    for (int s : c.probe.expectedStatus())
        expected << QString::number(s);
    const Tone tone = c.grade == ProbeGrade::Pass ? Tone::Ok
            : c.grade == ProbeGrade::Warn         ? Tone::Warning
            : c.grade == ProbeGrade::Fail         ? Tone::Error
                                                  : Tone::Plain;
    const QString mark = c.grade == ProbeGrade::Pass ? u"✔"_s : c.grade == ProbeGrade::Warn ? u"⚠"_s : c.grade == ProbeGrade::Fail ? u"✘"_s : u"–"_s;
    auto *item = new QTableWidgetItem(c.grade == ProbeGrade::NotRun ? tr("– not run") : u"%1 %2"_s.arg(mark).arg(c.exchange.status));
    item->setData(Qt::UserRole, i);
    item->setTextAlignment(Qt::AlignCenter);
    const QColor color = SemanticColors::color(tone, m_grid->palette());
    if (tone != Tone::Plain) {
        QColor wash = color;
        wash.setAlpha(40);
        item->setBackground(wash);
    }
    item->setForeground(color);
    // The window translates the case's sentences; the reports keep them English.
    const QString said = (c.grade == ProbeGrade::Pass ? c.note : c.verdict).text();
    item->setToolTip(c.grade == ProbeGrade::NotRun
                             ? tr("%1\nNot run: %2").arg(c.probe.title.text(), c.verdict.text())
                             : tr("%1\nExpected %2%3, got %4 (%5).%6\nClick to open it in the API tab.")
                                       .arg(c.probe.title.text(), expected.isEmpty() ? tr("any answer") : expected.join(tr(" or ")),
                                            c.probe.expectedError.isEmpty() ? QString() : tr(" with error=\"%1\"").arg(c.probe.expectedError))
                                       .arg(c.exchange.status)
                                       .arg(gradeWord(c.grade), said.isEmpty() ? QString() : u"\n"_s + said));
    return item;
}

void ProbePanel::showSummary()
{
    const QList<ProbeCell> &cells = m_cells;
    for (QPushButton *b : std::as_const(m_exports))
        b->setEnabled(!cells.isEmpty());
    const ProbeTally tally = ProbeReport::tally(cells);
    const Tone tone = tally.fail ? Tone::Error : tally.warn ? Tone::Warning : Tone::Ok;
    QString summary = u"<span style='color:%1'><b>%2.</b></span>"_s.arg(SemanticColors::hex(tone, palette()), tally.summary().toHtmlEscaped());
    // The first fail (or warning) in words, and why tokens were not used.
    for (const ProbeGrade g : {ProbeGrade::Fail, ProbeGrade::Warn}) {
        const auto it = std::find_if(cells.begin(), cells.end(), [g](const ProbeCell &c) { return c.grade == g; });
        if (it != cells.end()) {
            summary += u" "_s + QString(it->endpoint.path + u", "_s + it->probe.id + u": "_s + it->verdict.text()).toHtmlEscaped();
            break;
        }
    }
    for (const DeferredText &note : m_runner->notes())
        summary += u"<br>"_s + note.text().toHtmlEscaped();
    m_summary->setText(summary);
}

bool ProbePanel::exportTo(const QString &format, const QString &path, QString *error)
{
    const QByteArray bytes = format == u"junit" ? ProbeReport::junit(m_cells, u"tokenlab probe "_s + m_profile.name, false)
            : format == u"json"                ? ProbeReport::json(m_cells)
                                                : ProbeReport::csv(m_cells);
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit())
        return true;
    if (error)
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
    return false;
}

void ProbePanel::exportWithDialog(const QString &format)
{
    const QString filter = format == u"junit" ? tr("JUnit XML (*.xml)") : format == u"json" ? tr("JSON (*.json)") : tr("CSV (*.csv)");
    const QString suffix = format == u"junit" ? u".xml"_s : u"."_s + format;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the probe's cells"), u"probe-%1%2"_s.arg(m_profile.name, suffix), filter);
    if (path.isEmpty())
        return;
    QString why;
    if (exportTo(format, path, &why))
        m_summary->setText(m_summary->text() + u"<br>"_s + tr("Exported %1 cells to %2.").arg(m_cells.size()).arg(path).toHtmlEscaped());
    else
        showError(why);
}
