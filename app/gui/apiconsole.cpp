#include "gui/apiconsole.h"
#include "jose/dpopproof.h"
#include "gui/jsonhighlighter.h"
#include "gui/semanticcolors.h"
#include "session/session.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
constexpr qsizetype MaxShownBytes = 256 * 1024;
}

ApiConsole::ApiConsole(QNetworkAccessManager *network, QWidget *parent)
    : QWidget(parent),
      m_network(network),
      m_public(new QPushButton(u"GET /api/public"_s)),
      m_private(new QPushButton(u"GET /api/private"_s)),
      m_scoped(new QPushButton(u"GET /api/private-scoped"_s)),
      m_noToken(new QCheckBox(u"Send &without the token"_s)),
      m_sendExpired(new QCheckBox(u"Send an e&xpired token anyway"_s)),
      m_method(new QComboBox),
      m_line(new QLineEdit),
      m_headers(new QPlainTextEdit),
      m_body(new QPlainTextEdit),
      m_send(new QPushButton(u"Sen&d"_s)),
      m_busy(new QProgressBar),
      m_status(new QLabel),
      m_explanation(new QLabel),
      m_loginForScope(new QPushButton),
      m_notes(new QLabel),
      m_responseBody(new QPlainTextEdit),
      m_responseHeaders(new QTreeWidget),
      m_requestView(new QPlainTextEdit),
      m_reveal(new QCheckBox(u"&Reveal the token"_s)),
      m_historyList(new QListWidget),
      m_copyCurl(new QPushButton(u"Copy as c&url"_s)),
      m_curlWithToken(new QCheckBox(u"with the token itself"_s))
{
    setObjectName(u"apiTab"_s);
    m_public->setObjectName(u"publicButton"_s);
    m_private->setObjectName(u"privateButton"_s);
    m_scoped->setObjectName(u"scopedButton"_s);
    m_noToken->setObjectName(u"noTokenCheck"_s);
    m_sendExpired->setObjectName(u"sendExpiredCheck"_s);
    m_method->setObjectName(u"methodCombo"_s);
    m_method->addItems({u"GET"_s, u"POST"_s, u"PUT"_s, u"PATCH"_s, u"DELETE"_s, u"HEAD"_s, u"OPTIONS"_s});
    m_line->setObjectName(u"requestLine"_s);
    m_line->setPlaceholderText(u"/api/path or a full URL; Ctrl+Enter sends"_s);
    m_headers->setObjectName(u"requestHeaders"_s);
    m_headers->setPlaceholderText(u"Name: value, one per line"_s);
    m_headers->setTabChangesFocus(true);
    m_body->setObjectName(u"requestBody"_s);
    m_body->setPlaceholderText(u"JSON body (sent as application/json)"_s);
    m_body->setTabChangesFocus(true);
    for (QPlainTextEdit *e : {m_headers, m_body})
        e->setFixedHeight(e->fontMetrics().lineSpacing() * 3 + 12);
    m_send->setObjectName(u"sendButton"_s);
    m_send->setToolTip(u"Send (Ctrl+Enter)"_s);
    m_busy->setObjectName(u"apiBusy"_s);
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(100);
    m_busy->setTextVisible(false);
    m_busy->hide();
    m_status->setObjectName(u"apiStatus"_s);
    m_status->setWordWrap(true);
    QFont big = m_status->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    big.setBold(true);
    m_status->setFont(big);
    m_explanation->setObjectName(u"apiExplanation"_s);
    m_explanation->setWordWrap(true);
    m_explanation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_loginForScope->setObjectName(u"loginForScopeButton"_s);
    m_loginForScope->hide();
    m_notes->setObjectName(u"apiNotes"_s);
    m_notes->setWordWrap(true);
    m_responseBody->setObjectName(u"responseBody"_s);
    m_responseBody->setReadOnly(true);
    m_responseBody->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    new JsonHighlighter(m_responseBody->document());
    m_responseHeaders->setObjectName(u"responseHeaders"_s);
    m_responseHeaders->setHeaderLabels({u"Header"_s, u"Value"_s});
    m_responseHeaders->setRootIsDecorated(false);
    m_responseHeaders->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_requestView->setObjectName(u"requestView"_s);
    m_requestView->setReadOnly(true);
    m_requestView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_reveal->setObjectName(u"revealTokenCheck"_s);
    m_historyList->setObjectName(u"historyList"_s);
    m_historyList->setMinimumWidth(240);
    m_copyCurl->setObjectName(u"copyCurlButton"_s);
    m_copyCurl->setEnabled(false);
    m_curlWithToken->setObjectName(u"curlWithTokenCheck"_s);

    // Quickstart buttons and options.
    auto *quick = new QHBoxLayout;
    quick->addWidget(m_public);
    quick->addWidget(m_private);
    quick->addWidget(m_scoped);
    quick->addStretch();
    quick->addWidget(m_busy);
    auto *options = new QHBoxLayout;
    options->addWidget(m_noToken);
    options->addWidget(m_sendExpired);
    options->addStretch();
    connect(m_public, &QPushButton::clicked, this, [this] { sendPath(m_profile.publicPath); });
    connect(m_private, &QPushButton::clicked, this, [this] { sendPath(m_profile.privatePath); });
    connect(m_scoped, &QPushButton::clicked, this, [this] { sendPath(m_profile.scopedPath); });

    // Free request.
    auto *lineRow = new QHBoxLayout;
    lineRow->addWidget(m_method);
    lineRow->addWidget(m_line, 1);
    lineRow->addWidget(m_send);
    auto *free = new QGroupBox(u"Request"_s);
    auto *freeLayout = new QFormLayout(free);
    freeLayout->addRow(lineRow);
    freeLayout->addRow(u"H&eaders:"_s, m_headers);
    freeLayout->addRow(u"&Body:"_s, m_body);
    connect(m_send, &QPushButton::clicked, this, &ApiConsole::sendFreeRequest);
    connect(m_line, &QLineEdit::returnPressed, this, &ApiConsole::sendFreeRequest);
    for (const QKeySequence &keys : {QKeySequence(u"Ctrl+Return"_s), QKeySequence(u"Ctrl+Enter"_s)}) {
        auto *shortcut = new QShortcut(keys, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, &ApiConsole::sendFreeRequest);
    }

    // The answer.
    auto *explanationRow = new QVBoxLayout;
    explanationRow->addWidget(m_explanation);
    auto *againRow = new QHBoxLayout;
    againRow->addWidget(m_loginForScope);
    againRow->addStretch();
    explanationRow->addLayout(againRow);
    connect(m_loginForScope, &QPushButton::clicked, this, [this] {
        if (model().shown >= 0)
            Q_EMIT loginWithScopeRequested(model().history.at(model().shown).missingScope);
    });
    auto *details = new QTabWidget;
    details->setObjectName(u"responseTabs"_s);
    details->addTab(m_responseBody, u"Body"_s);
    details->addTab(m_responseHeaders, u"Response headers"_s);
    auto *requestPage = new QWidget;
    auto *requestLayout = new QVBoxLayout(requestPage);
    requestLayout->addWidget(m_requestView, 1);
    requestLayout->addWidget(m_reveal);
    details->addTab(requestPage, u"Request as sent"_s);
    connect(m_reveal, &QCheckBox::toggled, this, &ApiConsole::showRequest);
    auto *answer = new QWidget;
    auto *answerLayout = new QVBoxLayout(answer);
    answerLayout->setContentsMargins(0, 0, 0, 0);
    answerLayout->addWidget(m_status);
    answerLayout->addLayout(explanationRow);
    answerLayout->addWidget(m_notes);
    answerLayout->addWidget(details, 1);

    auto *historyBox = new QWidget;
    auto *historyLayout = new QVBoxLayout(historyBox);
    historyLayout->setContentsMargins(0, 0, 0, 0);
    historyLayout->addWidget(new QLabel(tr("This profile's calls")));
    historyLayout->addWidget(m_historyList, 1);
    historyLayout->addWidget(m_copyCurl);
    historyLayout->addWidget(m_curlWithToken);
    connect(m_historyList, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row < model().history.size() && row != model().shown)
            show(row);
    });
    connect(m_copyCurl, &QPushButton::clicked, this, [this] {
        if (model().shown >= 0)
            QGuiApplication::clipboard()->setText(model().history.at(model().shown).curl(m_curlWithToken->isChecked()));
    });

    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(answer);
    split->addWidget(historyBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(quick);
    layout->addLayout(options);
    layout->addWidget(free);
    layout->addWidget(split, 1);
    showModel();
}

void ApiConsole::setSession(Session *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (session)
        connect(session, &Session::changed, this, [this] {
            if (m_session && m_session->profile().apiBase != m_profile.apiBase)
                showModel();
            else if (model().shown < 0)
                showReady();
        });
    showModel();
}

void ApiConsole::showModel()
{
    m_profile = m_session ? m_session->profile() : Profile();
    const bool hasApi = m_session && !m_profile.apiBase.isEmpty();
    for (QPushButton *b : {m_public, m_private, m_scoped, m_send})
        b->setEnabled(hasApi);
    m_public->setText(u"GET "_s + m_profile.publicPath);
    m_private->setText(u"GET "_s + m_profile.privatePath);
    m_scoped->setText(u"GET "_s + m_profile.scopedPath);
    // Another profile's calls never show here: the list is rebuilt from this profile's model.
    const Model &m = model();
    {
        const QSignalBlocker blocker(m_historyList);
        m_historyList->clear();
        for (int i = 0; i < m.history.size(); ++i)
            addHistoryItem(m.history.at(i), m.labels.at(i));
        m_historyList->setCurrentRow(m.shown);
    }
    m_busy->setVisible(m.pending > 0);
    if (m.shown >= 0)
        return show(m.shown);
    m_explanation->clear();
    m_loginForScope->hide();
    m_notes->hide();
    m_responseBody->clear();
    m_responseHeaders->clear();
    m_requestView->clear();
    m_copyCurl->setEnabled(false);
    showReady();
}

void ApiConsole::showReady()
{
    SemanticColors::apply(m_status, Tone::Plain);
    if (!m_session)
        m_status->setText(tr("Save the profile to call its API."));
    else if (m_profile.apiBase.isEmpty())
        m_status->setText(tr("Set the profile's API base URL on the Login tab to call its API."));
    else
        m_status->setText(m_session->tokens() ? tr("Ready: calls to %1 carry the access token.").arg(m_profile.apiBase.toString())
                                              : tr("Ready; no access token yet, so calls go without one. Log in first for the private endpoints."));
}

void ApiConsole::sendPath(const QString &path)
{
    ApiRequest request;
    request.url = m_profile.apiUrl(path);
    request.withToken = !m_noToken->isChecked();
    request.sendExpired = m_sendExpired->isChecked();
    send(request);
}

void ApiConsole::sendFreeRequest()
{
    const QString line = m_line->text().trimmed();
    if (line.isEmpty()) {
        m_explanation->setText(u"Type a path such as /api/private, or a full URL."_s);
        return;
    }
    ApiRequest request;
    request.method = m_method->currentText().toLatin1();
    request.url = line.startsWith(u"http://"_s) || line.startsWith(u"https://"_s) ? QUrl(line, QUrl::StrictMode)
                                                                                : m_profile.apiUrl(line.startsWith(u'/') ? line : u'/' + line);
    for (const QString &h : m_headers->toPlainText().split(u'\n', Qt::SkipEmptyParts)) {
        const qsizetype colon = h.indexOf(u':');
        if (colon <= 0) {
            m_explanation->setText(u"The header line \"%1\" is not \"Name: value\"."_s.arg(h));
            return;
        }
        request.headers.append({h.left(colon).trimmed().toLatin1(), h.mid(colon + 1).trimmed().toUtf8()});
    }
    request.body = m_body->toPlainText().toUtf8();
    if (!request.body.isEmpty() && QJsonDocument::fromJson(request.body).isNull() && request.body.trimmed().startsWith('{')) {
        m_explanation->setText(u"The body starts like JSON but is not valid JSON."_s);
        return;
    }
    request.withToken = !m_noToken->isChecked();
    request.sendExpired = m_sendExpired->isChecked();
    send(request);
}

void ApiConsole::send(const ApiRequest &asked)
{
    if (!m_session)
        return;
    // The plan's scopes for this endpoint and the profile's issuer and audience, for explaining a refusal.
    ApiRequest request = asked;
    request.expected = ApiExpectations::of(m_profile, request.method, request.url);
    const QString name = m_session->name();
    m_models[name].pending++;
    m_busy->show();
    const QUrl apiBase = m_profile.apiBase;
    if (!request.withToken)
        return sendWith(name, apiBase, request, std::nullopt);
    if (request.sendExpired) // on purpose: what the session holds, expired or not
        return sendWith(name, apiBase, request, m_session->tokens());
    // The session hands out its current tokens, renewed first when they have expired.
    m_status->setText(tr("%1 %2 …").arg(QString::fromLatin1(request.method), request.url.toString()));
    SessionJob *job = m_session->freshTokens();
    QPointer<Session> session = m_session;
    connect(job, &SessionJob::finished, this, [this, name, apiBase, request, session](const SessionResult &r) {
        if (r.ok())
            return sendWith(name, apiBase, request, r.tokens, r.dpop);
        // No fresh tokens: send what the session holds (or nothing), and the API's answer explains.
        ApiRequest again = request;
        again.sendExpired = true;
        sendWith(name, apiBase, again, session ? session->tokens() : std::nullopt);
    });
}

void ApiConsole::sendWith(const QString &profile, const QUrl &apiBase, const ApiRequest &request,
                          const std::optional<TokenSet> &tokens, const std::shared_ptr<DpopSigner> &dpop)
{
    if (profile == m_profile.name)
        m_status->setText(tr("%1 %2 …").arg(QString::fromLatin1(request.method), request.url.toString()));
    // A client per call: its credentials are this profile's, whatever is selected meanwhile.
    auto *client = new ApiClient(m_network, systemClock(), this);
    client->setCredentials(apiBase, tokens, dpop);
    ApiCall *call = client->send(request);
    connect(call, &ApiCall::finished, this, [this, client, profile](const ApiExchange &x) {
        client->deleteLater();
        m_models[profile].pending--;
        record(profile, x, QString::number(x.elapsedMs) + u" ms"_s);
    });
}

void ApiConsole::showExchange(const ApiExchange &x)
{
    if (m_session)
        record(m_session->name(), x, tr("(probe)"));
}

void ApiConsole::record(const QString &profile, const ApiExchange &exchange, const QString &label)
{
    Model &m = m_models[profile];
    m.history.append(exchange);
    m.labels.append(label);
    m.shown = int(m.history.size()) - 1;
    if (profile == m_profile.name)
        showModel();
}

void ApiConsole::addHistoryItem(const ApiExchange &x, const QString &label)
{
    auto *item = new QListWidgetItem(u"%1  %2 %3  %4"_s.arg(x.status ? QString::number(x.status) : u"—"_s,
                                                            QString::fromLatin1(x.request.method), x.request.url.path(), label));
    item->setToolTip(x.request.url.toString());
    if (x.outcome != ApiOutcome::Success)
        item->setForeground(SemanticColors::color(Tone::Error, m_historyList->palette()));
    m_historyList->addItem(item);
}

void ApiConsole::show(int index)
{
    model().shown = index;
    const ApiExchange &x = model().history.at(index);
    const bool ok = x.outcome == ApiOutcome::Success;
    if (x.status) {
        m_status->setText(u"%1 %2 · %3 ms · %4 bytes%5"_s.arg(x.status)
                                  .arg(QString::fromLatin1(x.reason))
                                  .arg(x.elapsedMs)
                                  .arg(x.bodySize)
                                  .arg(x.bodyTruncated ? u" (cut at 4 MiB)"_s : QString()));
    } else {
        m_status->setText(x.outcome == ApiOutcome::TokenExpired ? u"Not sent"_s : u"No answer"_s);
    }
    SemanticColors::apply(m_status, ok ? Tone::Ok : Tone::Error);
    m_explanation->setText(ok ? tr("The API accepted the request.") : x.explanation);
    SemanticColors::apply(m_explanation, ok ? Tone::Plain : Tone::Error);
    QFont f = m_explanation->font();
    f.setBold(!ok);
    m_explanation->setFont(f);
    m_loginForScope->setText(u"Log in again asking for %1"_s.arg(x.missingScope));
    m_loginForScope->setMinimumWidth(m_loginForScope->sizeHint().width());
    m_loginForScope->updateGeometry();
    m_loginForScope->setVisible(!x.missingScope.isEmpty());
    m_notes->setText(x.notes.join(u'\n'));
    m_notes->setVisible(!x.notes.isEmpty());

    QByteArray shown = x.body.left(MaxShownBytes);
    const QJsonDocument json = QJsonDocument::fromJson(x.body);
    if (!json.isNull())
        shown = json.toJson(QJsonDocument::Indented).left(MaxShownBytes);
    QString bodyText = QString::fromUtf8(shown);
    if (x.body.size() > MaxShownBytes)
        bodyText += u"\n… %1 bytes in all; the first %2 are shown."_s.arg(x.bodySize).arg(MaxShownBytes);
    m_responseBody->setPlainText(bodyText);
    m_responseHeaders->clear();
    for (const auto &h : x.responseHeaders)
        new QTreeWidgetItem(m_responseHeaders, {QString::fromLatin1(h.first), QString::fromLatin1(h.second)});
    m_copyCurl->setEnabled(true);
    showRequest();
}

void ApiConsole::showRequest()
{
    const Model &m = model();
    if (m.shown < 0 || m.shown >= m.history.size())
        return;
    const ApiExchange &x = m.history.at(m.shown);
    QString text = QString::fromLatin1(x.request.method) + u' ' + x.request.url.toString() + u'\n';
    for (const auto &h : x.sentHeaders) {
        QString value = QString::fromLatin1(h.second);
        if (h.first.compare("Authorization", Qt::CaseInsensitive) == 0 && !m_reveal->isChecked()) {
            const qsizetype space = value.indexOf(u' ');
            value = u"%1 ••••••••  (%2 characters; tick Reveal the token to see it)"_s.arg(value.left(qMax<qsizetype>(space, 0)))
                            .arg(value.size() - space - 1);
        } else if (h.first.compare("DPoP", Qt::CaseInsensitive) == 0) {
            // The proof decoded: it is signed for this method and URL only, and only for a minute or so.
            value = (m_reveal->isChecked() ? value : u"proof"_s) + u"  ("_s + DpopProof::summary(h.second) + u')';
        }
        text += QString::fromLatin1(h.first) + u": "_s + value + u'\n';
    }
    if (!x.tokenSent && x.request.withToken && x.outcome != ApiOutcome::TokenExpired)
        text += u"(no Authorization header: see the note above)\n"_s;
    if (!x.request.body.isEmpty())
        text += u'\n' + QString::fromUtf8(x.request.body.left(MaxShownBytes));
    m_requestView->setPlainText(text);
}
