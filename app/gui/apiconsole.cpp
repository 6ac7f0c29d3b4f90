// SPDX-License-Identifier: MIT
#include "gui/apiconsole.h"
#include "api/redaction.h"
#include "oauth/dpopsigner.h"
#include "api/requesthistory.h"
#include "api/sendjob.h"
#include "gui/historymodel.h"
#include "gui/requesteditor.h"
#include "gui/responseview.h"
#include "gui/savedrequestspanel.h"
#include "gui/variableseditor.h"
#include "session/session.h"
#include "storage/profilefile.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <algorithm>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ApiConsole::ApiConsole(QNetworkAccessManager *network, QWidget *parent)
    : QWidget(parent),
      m_network(network),
      m_directory(ProfileFile::defaultDirectory()),
      m_public(new QPushButton),
      m_private(new QPushButton),
      m_scoped(new QPushButton),
      m_noToken(new QCheckBox(tr("&Without the token"))),
      m_sendExpired(new QCheckBox(tr("Even if e&xpired"))),
      m_busy(new QProgressBar),
      m_editor(new RequestEditor),
      m_response(new ResponseView),
      m_sidebar(new QTabWidget),
      m_history(new HistoryModel(this)),
      m_historyList(new QListView),
      m_historyHint(new QLabel(tr("Calls you send show here, newest last, and are kept across restarts without their tokens."))),
      m_resend(new QPushButton(tr("Send a&gain"))),
      m_edit(new QPushButton(tr("Edit a &copy"))),
      m_saved(new SavedRequestsPanel),
      m_variables(new VariablesEditor)
{
    setObjectName(u"apiConsole"_s);
    m_public->setObjectName(u"publicButton"_s);
    m_private->setObjectName(u"privateButton"_s);
    m_scoped->setObjectName(u"scopedButton"_s);
    for (QPushButton *b : {m_public, m_private, m_scoped})
        b->setToolTip(tr("Fill the request editor with this endpoint and send it"));
    m_noToken->setObjectName(u"noTokenCheck"_s);
    m_noToken->setToolTip(tr("Send the request without the access token"));
    m_sendExpired->setObjectName(u"sendExpiredCheck"_s);
    m_sendExpired->setToolTip(tr("Send the access token even when it has expired, to see what the API answers"));
    m_busy->setObjectName(u"apiBusy"_s);
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(100);
    m_busy->setTextVisible(false);
    m_busy->hide();
    m_sidebar->setObjectName(u"apiSidebar"_s);
    m_sidebar->setDocumentMode(true);
    m_historyList->setObjectName(u"historyList"_s);
    m_historyList->setModel(m_history);
    m_historyList->setUniformItemSizes(true); // rows are laid out without asking each one
    m_historyList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_historyHint->setObjectName(u"historyHint"_s);
    m_historyHint->setWordWrap(true);
    m_historyHint->setEnabled(false); // greyed: a hint, not a state
    connect(m_history, &QAbstractItemModel::modelReset, this, [this] { m_historyHint->setVisible(m_history->rowCount() == 0); });
    connect(m_history, &HistoryModel::changedOnDisk, this, [this] {
        const QSignalBlocker blocker(m_historyList->selectionModel());
        m_historyList->setCurrentIndex(m_history->index(m_history->rowOf(model().shownId)));
        m_resend->setEnabled(m_history->rowCount() > 0 && m_session);
        m_edit->setEnabled(m_history->rowCount() > 0);
    });
    m_resend->setObjectName(u"resendButton"_s);
    m_resend->setToolTip(tr("Send the selected call again as it was (Enter in the list)"));
    m_edit->setObjectName(u"editButton"_s);
    m_edit->setToolTip(tr("Open the selected call in the request editor"));

    auto *quick = new QHBoxLayout;
    quick->addWidget(m_public);
    quick->addWidget(m_private);
    quick->addWidget(m_scoped);
    quick->addStretch();
    quick->addWidget(m_busy);
    connect(m_public, &QPushButton::clicked, this, [this] { sendEndpoint(m_profile.publicPath); });
    connect(m_private, &QPushButton::clicked, this, [this] { sendEndpoint(m_profile.privatePath); });
    connect(m_scoped, &QPushButton::clicked, this, [this] { sendEndpoint(m_profile.scopedPath); });

    // The sidebar: history, saved requests, variables.
    auto *historyPage = new QWidget;
    historyPage->setObjectName(u"historyPage"_s);
    auto *historyLayout = new QVBoxLayout(historyPage);
    historyLayout->setContentsMargins(4, 4, 4, 4);
    historyLayout->addWidget(m_historyHint);
    historyLayout->addWidget(m_historyList, 1);
    auto *historyButtons = new QHBoxLayout;
    historyButtons->addWidget(m_resend);
    historyButtons->addWidget(m_edit);
    historyButtons->addStretch();
    historyLayout->addLayout(historyButtons);
    m_sidebar->addTab(historyPage, tr("Histor&y"));
    m_sidebar->addTab(m_saved, tr("Saved re&quests"));
    m_sidebar->addTab(m_variables, tr("Var&iables"));
    connect(m_historyList->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &index) { showRow(index.row()); });
    connect(m_historyList, &QListView::activated, this, &ApiConsole::resendSelected);
    connect(m_resend, &QPushButton::clicked, this, &ApiConsole::resendSelected);
    connect(m_edit, &QPushButton::clicked, this, &ApiConsole::editSelected);
    connect(m_saved, &SavedRequestsPanel::openRequested, this, [this](const SavedRequest &r) {
        m_editor->setDraft(r);
        m_openedPath = r.path();
        m_noToken->setChecked(!r.withToken);
    });
    connect(m_saved, &SavedRequestsPanel::runRequested, this, [this](const SavedRequest &r) {
        m_editor->setDraft(r);
        m_openedPath = r.path();
        sendDraft(r, r.path());
    });
    connect(m_saved, &SavedRequestsPanel::saveRequested, this, &ApiConsole::saveEditor);
    auto message = [this](const QString &sentence, bool bad) {
        if (bad)
            m_response->showMessage(sentence, true);
        Q_EMIT statusMessage(sentence);
    };
    connect(m_saved, &SavedRequestsPanel::message, this, message);
    connect(m_variables, &VariablesEditor::message, this, message);

    auto *options = new QWidget;
    options->setObjectName(u"requestOptions"_s);
    auto *optionsLayout = new QHBoxLayout(options);
    optionsLayout->setContentsMargins(0, 0, 0, 0);
    optionsLayout->addWidget(m_noToken);
    optionsLayout->addWidget(m_sendExpired);
    m_editor->setOptions(options);
    connect(m_editor, &RequestEditor::sendRequested, this, &ApiConsole::sendEditor);
    connect(m_response, &ResponseView::loginWithScopeRequested, this, &ApiConsole::loginWithScopeRequested);
    connect(m_response, &ResponseView::copyRequested, this, &ApiConsole::copyCurl);
    for (const QKeySequence &keys : {QKeySequence(u"Ctrl+Return"_s), QKeySequence(u"Ctrl+Enter"_s)}) {
        auto *shortcut = new QShortcut(keys, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, &ApiConsole::sendEditor);
    }
    auto *save = new QShortcut(QKeySequence::Save, this);
    save->setContext(Qt::WidgetWithChildrenShortcut);
    connect(save, &QShortcut::activated, this, &ApiConsole::saveEditor);

    auto *work = new QSplitter(Qt::Vertical);
    work->setObjectName(u"apiWorkSplitter"_s);
    work->addWidget(m_editor);
    work->addWidget(m_response);
    work->setStretchFactor(0, 2);
    work->setStretchFactor(1, 3);
    work->setChildrenCollapsible(false);
    auto *split = new QSplitter(Qt::Horizontal);
    split->setObjectName(u"apiSplitter"_s);
    split->addWidget(m_sidebar);
    split->addWidget(work);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(quick);
    layout->addWidget(split, 1);
    showProfile();
}

void ApiConsole::setDataDirectory(const QString &directory)
{
    m_directory = directory;
    showProfile();
}

void ApiConsole::setKeychainService(const QString &service)
{
    m_service = service;
    showProfile();
}

void ApiConsole::setSession(Session *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (session)
        connect(session, &Session::changed, this, [this] {
            if (m_session && m_session->profile().apiBase != m_profile.apiBase)
                showProfile();
            else if (model().shownId.isEmpty())
                showReady();
        });
    showProfile();
}

void ApiConsole::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Other TokenLab processes may have added calls or saved requests meanwhile.
    if (m_history->history()) {
        QString error;
        const QString shown = model().shownId;
        m_history->reload(&error);
        m_historyList->setCurrentIndex(m_history->index(m_history->rowOf(shown)));
    }
    m_saved->reload();
}

void ApiConsole::showProfile()
{
    const QString before = m_profile.name;
    m_profile = m_session ? m_session->profile() : Profile();
    const bool hasApi = m_session && !m_profile.apiBase.isEmpty();
    for (QPushButton *b : {m_public, m_private, m_scoped})
        b->setEnabled(hasApi);
    m_editor->setSendEnabled(bool(m_session));
    m_public->setText(u"GET "_s + m_profile.publicPath);
    m_private->setText(u"GET "_s + m_profile.privatePath);
    m_scoped->setText(u"GET "_s + m_profile.scopedPath);

    // Another profile's calls never show here: the list is this profile's file.
    const bool named = m_session && !m_profile.name.isEmpty();
    QString error;
    {
        const QSignalBlocker blocker(m_historyList->selectionModel());
        m_history->setHistory(named ? std::optional<RequestHistory>(RequestHistory(m_directory, m_profile.name)) : std::nullopt, &error);
    }
    if (before != m_profile.name || !named) {
        m_saved->setStore(named ? std::optional<SavedRequests>(SavedRequests(m_directory, m_profile.name)) : std::nullopt);
        m_variables->setStore(named ? std::optional<SavedRequests>(SavedRequests(m_directory, m_profile.name)) : std::nullopt,
                              m_profile.name, m_service);
    }
    m_busy->setVisible(model().pending > 0);
    const int row = m_history->rowOf(model().shownId);
    if (row >= 0) {
        const QSignalBlocker blocker(m_historyList->selectionModel());
        m_historyList->setCurrentIndex(m_history->index(row));
        showRow(row);
    } else {
        showReady();
    }
    if (!error.isEmpty())
        m_response->showMessage(error, true);
    m_resend->setEnabled(m_history->rowCount() > 0 && m_session);
    m_edit->setEnabled(m_history->rowCount() > 0);
}

void ApiConsole::showReady()
{
    if (!m_session)
        m_response->showMessage(tr("Save the profile to call its API."));
    else if (m_profile.apiBase.isEmpty())
        m_response->showMessage(tr("Set the profile's API base URL on the Login tab to call its API, or type a full URL."));
    else
        m_response->showMessage(m_session->tokens() ? tr("Ready: calls to %1 carry the access token.").arg(m_profile.apiBase.toString())
                                                    : tr("Ready; no access token yet, so calls go without one. Log in first for the private endpoints."));
}

void ApiConsole::problem(const QString &sentence)
{
    m_response->showMessage(sentence, true);
    Q_EMIT statusMessage(sentence);
}

RequestVariables ApiConsole::variables() const
{
    RequestVariables v;
    for (const SavedVariable &var : m_variables->variables()) {
        if (!var.secret)
            v.set(var.name, var.value);
    }
    return v;
}

void ApiConsole::sendEndpoint(const QString &path)
{
    SavedRequest r;
    r.url = path;
    r.withToken = !m_noToken->isChecked();
    m_editor->setDraft(r);
    m_openedPath.clear();
    sendDraft(r);
}

void ApiConsole::sendEditor()
{
    SavedRequest r = m_editor->draft();
    r.withToken = !m_noToken->isChecked();
    sendDraft(r, m_openedPath.isEmpty() || r.path() != m_openedPath ? QString() : m_openedPath);
}

void ApiConsole::fillEditor(const ApiRequest &request)
{
    m_editor->setDraft(SavedRequest::fromApiRequest(request, m_profile.apiBase));
    m_openedPath.clear();
    m_noToken->setChecked(!request.withToken);
}

void ApiConsole::sendDraft(const SavedRequest &draft, const QString &label)
{
    if (!m_session)
        return;
    QStringList secrets;
    const QStringList used = draft.placeholderNames();
    for (const SavedVariable &var : m_variables->variables()) {
        if (var.secret && used.contains(var.name))
            secrets.append(var.name);
    }
    auto *job = new SendJob(m_network, m_session, this);
    job->setDraft(draft, variables(), secrets, m_service);
    job->setSendExpired(m_sendExpired->isChecked());
    start(job, label);
}

void ApiConsole::send(const ApiRequest &request)
{
    if (!m_session)
        return;
    auto *job = new SendJob(m_network, m_session, this);
    job->setRequest(request);
    start(job, QString());
}

void ApiConsole::start(SendJob *job, const QString &label)
{
    const QString profile = job->profile();
    m_models[profile].pending++;
    m_busy->show();
    connect(job, &SendJob::progress, this, [this, profile](const QString &sentence) {
        if (profile == m_profile.name)
            m_response->setBusyText(sentence);
    });
    connect(job, &SendJob::finished, this, [this, profile, label](SendJob *done) {
        done->deleteLater();
        m_models[profile].pending--;
        if (done->sent())
            return record(profile, done->exchange(), label, done->secrets());
        if (profile == m_profile.name) {
            m_busy->setVisible(model().pending > 0);
            problem(done->problem());
        }
    });
    job->start();
}

void ApiConsole::showExchange(const ApiExchange &x)
{
    if (!m_session)
        return;
    fillEditor(x.request);
    record(m_session->name(), x, tr("(probe)"));
}

void ApiConsole::record(const QString &profile, const ApiExchange &exchange, const QString &label, const QList<QByteArray> &secrets)
{
    const HistoryEntry entry = HistoryEntry::from(exchange, label, QDateTime::currentDateTimeUtc(), secrets);
    Model &m = m_models[profile];
    m.last = exchange;
    m.lastSecrets = secrets;
    m.lastId = entry.summary.id;
    m.shownId = entry.summary.id;
    QString error;
    const bool current = profile == m_profile.name && m_session;
    const bool kept = current ? m_history->append(entry, &error) : RequestHistory(m_directory, profile).append(entry, &error);
    if (!current)
        return;
    m_busy->setVisible(m.pending > 0);
    const int row = m_history->rowOf(entry.summary.id);
    {
        const QSignalBlocker blocker(m_historyList->selectionModel());
        m_historyList->setCurrentIndex(m_history->index(row));
    }
    m_historyList->scrollToBottom();
    m_resend->setEnabled(true);
    m_edit->setEnabled(true);
    m_response->showExchange(exchange, true, secrets);
    if (!kept)
        Q_EMIT statusMessage(tr("This call is not in the history: %1").arg(error));
}

void ApiConsole::showRow(int row)
{
    const QString id = m_history->idAt(row);
    if (id.isEmpty())
        return;
    Model &m = model();
    m.shownId = id;
    if (id == m.lastId && m.last)
        return m_response->showExchange(*m.last, true, m.lastSecrets);
    QString error;
    const auto entry = m_history->entry(row, &error);
    if (!entry)
        return m_response->showMessage(error, true);
    m_response->showExchange(entry->toExchange(), false);
}

void ApiConsole::resendSelected()
{
    const int row = m_historyList->currentIndex().row();
    const Model &m = model();
    if (m_history->idAt(row) == m.lastId && m.last)
        return send(m.last->request);
    QString error;
    const auto entry = m_history->entry(row, &error);
    if (!entry)
        return problem(error);
    const ApiRequest request = entry->request();
    send(request);
    if (request.headers.size() < entry->headers.size())
        Q_EMIT statusMessage(tr("Sent again without the headers the history keeps redacted; use Edit a copy to type them in."));
}

void ApiConsole::editSelected()
{
    const int row = m_historyList->currentIndex().row();
    const Model &m = model();
    if (m_history->idAt(row) == m.lastId && m.last)
        return fillEditor(m.last->request);
    QString error;
    const auto entry = m_history->entry(row, &error);
    if (!entry)
        return problem(error);
    fillEditor(entry->request());
    Q_EMIT statusMessage(tr("The call is in the request editor; redacted headers are left out, type them again if the API needs them."));
}

void ApiConsole::saveEditor()
{
    SavedRequest draft = m_editor->draft();
    draft.withToken = !m_noToken->isChecked();
    if (!m_saved->store())
        return problem(tr("Save the profile first; its requests are saved with it."));
    if (m_saved->save(draft, m_openedPath)) {
        m_openedPath = m_saved->selectedPath();
        return;
    }
    m_sidebar->setCurrentWidget(m_saved);
}

void ApiConsole::copyCurl(bool withToken)
{
    const auto &shown = m_response->shown();
    if (!shown || !m_session)
        return;
    ApiExchange copy = *shown;
    // A DPoP proof is good once, for about a minute: the copy gets one made now, for the current token.
    QString proofNote;
    const auto tokens = m_session->tokens();
    const std::shared_ptr<DpopSigner> signer = m_session->dpopSigner();
    for (auto &h : copy.sentHeaders) {
        if (h.first.compare("DPoP", Qt::CaseInsensitive) != 0)
            continue;
        if (signer && tokens) {
            h.second = signer->proof(copy.request.method, copy.request.url, tokens->accessToken);
            proofNote = tr(" Its DPoP proof was made now: run it within a minute (servers allow some leeway), once.");
        } else {
            proofNote = tr(" Its DPoP proof is the one already sent, which servers refuse a second time; call once more from here for a fresh one.");
        }
    }
    const ApiExchange *x = &copy;
    // The live call's secret variables are in it as sent; say so.
    const QString curl = withToken && tokens ? x->curlFor(m_profile.name, tokens->accessToken) : x->curlFor(m_profile.name);
    const Model &m = model();
    const bool holdsSecret = m.last && m.shownId == m.lastId
            && Redaction::scrubValues(curl.toUtf8(), m.lastSecrets) != curl.toUtf8();
    if (holdsSecret)
        proofNote += tr(" It holds the value of a secret variable: do not share it.");
    if (!withToken) {
        QGuiApplication::clipboard()->setText(curl);
        return Q_EMIT statusMessage((x->tokenSent ? tr("Copied a curl command for %1 %2; it asks tokenlab-cli for the token of %3 when it runs.")
                                                            .arg(QString::fromLatin1(x->request.method), x->request.url.path(), m_profile.name)
                                                  : tr("Copied a curl command for %1 %2 (the call carried no token).")
                                                            .arg(QString::fromLatin1(x->request.method), x->request.url.path()))
                                    + proofNote);
    }
    // The token itself: the session's current one (the history keeps none).
    if (!tokens || tokens->accessToken.isEmpty())
        return problem(tr("There is no access token to copy; log in first."));
    QGuiApplication::clipboard()->setText(curl);
    Q_EMIT statusMessage(tr("Copied a curl command for %1 %2 with the access token itself in it; do not share it.")
                                 .arg(QString::fromLatin1(x->request.method), x->request.url.path())
                         + proofNote);
}
