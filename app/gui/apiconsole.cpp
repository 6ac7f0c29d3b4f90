#include "gui/apiconsole.h"
#include "gui/jsonhighlighter.h"
#include "session/tokenlifecycle.h"

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
      m_client(new ApiClient(network, systemClock(), this)),
      m_public(new QPushButton(u"GET /api/public"_s)),
      m_private(new QPushButton(u"GET /api/private"_s)),
      m_scoped(new QPushButton(u"GET /api/private-scoped"_s)),
      m_noToken(new QCheckBox(u"Send &without the token"_s)),
      m_sendExpired(new QCheckBox(u"Send an &expired token anyway"_s)),
      m_method(new QComboBox),
      m_line(new QLineEdit),
      m_headers(new QPlainTextEdit),
      m_body(new QPlainTextEdit),
      m_send(new QPushButton(u"&Send"_s)),
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
    quick->addSpacing(12);
    quick->addWidget(m_noToken);
    quick->addWidget(m_sendExpired);
    quick->addStretch();
    quick->addWidget(m_busy);
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
    freeLayout->addRow(u"&Headers:"_s, m_headers);
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
        if (m_shown >= 0)
            Q_EMIT loginWithScopeRequested(m_history.at(m_shown).missingScope);
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
    historyLayout->addWidget(new QLabel(u"This session's calls"_s));
    historyLayout->addWidget(m_historyList, 1);
    historyLayout->addWidget(m_copyCurl);
    historyLayout->addWidget(m_curlWithToken);
    connect(m_historyList, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row < m_history.size() && row != m_shown)
            show(row);
    });
    connect(m_copyCurl, &QPushButton::clicked, this, [this] {
        if (m_shown >= 0)
            QGuiApplication::clipboard()->setText(m_history.at(m_shown).curl(m_curlWithToken->isChecked()));
    });

    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(answer);
    split->addWidget(historyBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(quick);
    layout->addWidget(free);
    layout->addWidget(split, 1);
    setProfile(Profile(), std::nullopt);
}

void ApiConsole::setProfile(const Profile &profile, const std::optional<TokenSet> &tokens)
{
    m_profile = profile;
    m_tokens = tokens;
    m_client->setCredentials(profile.apiBase, tokens);
    const bool hasApi = !profile.apiBase.isEmpty();
    for (QPushButton *b : {m_public, m_private, m_scoped, m_send})
        b->setEnabled(hasApi);
    m_public->setText(u"GET "_s + profile.publicPath);
    m_private->setText(u"GET "_s + profile.privatePath);
    m_scoped->setText(u"GET "_s + profile.scopedPath);
    if (!hasApi)
        m_status->setText(u"Set the profile's API base URL on the Login tab to call its API."_s);
    else if (m_shown < 0)
        m_status->setText(tokens ? u"Ready: calls to %1 carry the access token."_s.arg(profile.apiBase.toString())
                                 : u"Ready; no access token yet, so calls go without one. Log in first for the private endpoints."_s);
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

void ApiConsole::send(const ApiRequest &request)
{
    // An expired token is refreshed first when it can be, then the call goes out.
    if (request.withToken && !request.sendExpired && m_lifecycle && m_tokens && m_tokens->isExpired(QDateTime::currentDateTimeUtc())
        && m_lifecycle->canRefresh(m_profile.name)) {
        m_busy->show();
        m_status->setText(u"The access token has expired; refreshing it first…"_s);
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = connect(m_lifecycle, &TokenLifecycle::refreshed, this,
                              [this, request, connection](const QString &profile, const RefreshResult &r) {
                                  if (profile != m_profile.name)
                                      return;
                                  disconnect(*connection);
                                  if (r.ok) {
                                      m_tokens = r.tokens;
                                      m_client->setCredentials(m_profile.apiBase, r.tokens);
                                  }
                                  ApiRequest again = request;
                                  again.sendExpired = !r.ok; // the refresh failed: the API's own answer explains
                                  send(again);
                              });
        m_lifecycle->refreshNow(m_profile.name);
        return;
    }
    m_busy->show();
    m_status->setText(u"%1 %2 …"_s.arg(QString::fromLatin1(request.method), request.url.toString()));
    ApiCall *call = m_client->send(request);
    connect(call, &ApiCall::finished, this, [this](const ApiExchange &x) {
        m_busy->hide();
        m_history.append(x);
        const QString label = x.status ? QString::number(x.status) : u"—"_s;
        auto *item = new QListWidgetItem(u"%1  %2 %3  %4 ms"_s.arg(label, QString::fromLatin1(x.request.method),
                                                                   x.request.url.path(), QString::number(x.elapsedMs)));
        item->setToolTip(x.request.url.toString());
        if (x.outcome != ApiOutcome::Success)
            item->setForeground(QColor(0xc0, 0x39, 0x2b));
        m_historyList->addItem(item);
        show(int(m_history.size()) - 1);
        const QSignalBlocker blocker(m_historyList);
        m_historyList->setCurrentRow(int(m_history.size()) - 1);
    });
}

void ApiConsole::showExchange(const ApiExchange &x)
{
    m_history.append(x);
    auto *item = new QListWidgetItem(u"%1  %2 %3  (probe)"_s.arg(x.status ? QString::number(x.status) : u"—"_s,
                                                                  QString::fromLatin1(x.request.method), x.request.url.path()));
    m_historyList->addItem(item);
    show(int(m_history.size()) - 1);
    const QSignalBlocker blocker(m_historyList);
    m_historyList->setCurrentRow(int(m_history.size()) - 1);
}

void ApiConsole::show(int index)
{
    m_shown = index;
    const ApiExchange &x = m_history.at(index);
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
    m_status->setStyleSheet(ok ? u"color: #1e8449;"_s : u"color: #c0392b;"_s);
    m_explanation->setText(ok ? u"The API accepted the request."_s : x.explanation);
    m_explanation->setStyleSheet(ok ? QString() : u"color: #c0392b; font-weight: bold;"_s);
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
    if (m_shown < 0)
        return;
    const ApiExchange &x = m_history.at(m_shown);
    QString text = QString::fromLatin1(x.request.method) + u' ' + x.request.url.toString() + u'\n';
    for (const auto &h : x.sentHeaders) {
        QString value = QString::fromLatin1(h.second);
        if (h.first.compare("Authorization", Qt::CaseInsensitive) == 0 && !m_reveal->isChecked())
            value = u"Bearer ••••••••  (%1 characters; tick Reveal the token to see it)"_s.arg(value.size() - 7);
        text += QString::fromLatin1(h.first) + u": "_s + value + u'\n';
    }
    if (!x.tokenSent && x.request.withToken && x.outcome != ApiOutcome::TokenExpired)
        text += u"(no Authorization header: see the note above)\n"_s;
    if (!x.request.body.isEmpty())
        text += u'\n' + QString::fromUtf8(x.request.body.left(MaxShownBytes));
    m_requestView->setPlainText(text);
}
