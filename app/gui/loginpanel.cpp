// SPDX-License-Identifier: MIT
#include "gui/loginpanel.h"
#include "gui/devicecodeview.h"
#include "gui/sessionactions.h"
#include "gui/sessiontext.h"
#include "jose/jwt.h"
#include "session/logoutflow.h"
#include "session/sessionregistry.h"
#include "util/timeformat.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QCryptographicHash>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QByteArray idHash(const QString &idToken)
{
    return QCryptographicHash::hash(idToken.toUtf8(), QCryptographicHash::Sha256);
}

QString mark(ClaimCheck::Result r)
{
    return r == ClaimCheck::Result::Passed ? u"✔"_s : r == ClaimCheck::Result::Failed ? u"✘"_s : u"–"_s;
}

} // namespace

LoginPanel::LoginPanel(LoginFlow *flow, LogoutFlow *logout, SessionRegistry *sessions, SessionActions *actions,
                       QWidget *parent)
    : QWidget(parent),
      m_flow(flow),
      m_logout(logout),
      m_sessions(sessions),
      m_actions(actions),
      m_loginButton(new QPushButton),
      m_loginDeviceButton(new QPushButton),
      m_device(new DeviceCodeView),
      m_cancelButton(new QPushButton),
      m_forgetButton(new QPushButton),
      m_refreshButton(new QPushButton),
      m_switchUserButton(new QPushButton),
      m_logoutButton(new QPushButton),
      m_endSession(new QCheckBox(tr("and end the bro&wser session"))),
      m_busy(new QProgressBar),
      m_sessionState(new QLabel),
      m_flowState(new QLabel),
      m_authorizeUrl(new QLineEdit),
      m_copyUrl(new QPushButton(tr("Cop&y URL"))),
      m_summary(new QLabel)
{
    setObjectName(u"loginPanel"_s);
    m_loginButton->setObjectName(u"loginButton"_s);
    m_loginDeviceButton->setObjectName(u"loginDeviceButton"_s);
    SessionActions::bind(m_loginDeviceButton, actions->loginDevice);
    connect(m_device, &DeviceCodeView::activity, this, &LoginPanel::activity);
    m_cancelButton->setObjectName(u"cancelButton"_s);
    m_forgetButton->setObjectName(u"forgetTokensButton"_s);
    m_refreshButton->setObjectName(u"refreshButton"_s);
    m_switchUserButton->setObjectName(u"switchUserButton"_s);
    m_logoutButton->setObjectName(u"logoutButton"_s);
    m_endSession->setObjectName(u"endSessionCheck"_s);
    SessionActions::bind(m_loginButton, actions->login);
    SessionActions::bind(m_cancelButton, actions->cancel);
    SessionActions::bind(m_forgetButton, actions->forget);
    SessionActions::bind(m_refreshButton, actions->refresh);
    SessionActions::bind(m_switchUserButton, actions->switchUser);
    SessionActions::bind(m_logoutButton, actions->logout);
    m_loginButton->setDefault(true);
    m_busy->setObjectName(u"loginBusy"_s);
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(100);
    m_busy->setTextVisible(false);
    m_busy->hide();

    m_sessionState->setObjectName(u"sessionState"_s);
    m_sessionState->setWordWrap(true);
    m_sessionState->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_sessionState->font();
    bold.setBold(true);
    m_sessionState->setFont(bold);
    m_flowState->setObjectName(u"flowState"_s);
    m_flowState->setWordWrap(true);
    m_flowState->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_authorizeUrl->setObjectName(u"authorizeUrl"_s);
    m_authorizeUrl->setReadOnly(true);
    m_authorizeUrl->setToolTip(tr("The sign-in URL of the login that waits, to copy into a browser if none opened"));
    m_authorizeUrl->setPlaceholderText(tr("Sign-in URL, while a login waits"));
    m_copyUrl->setObjectName(u"copyUrlButton"_s);
    connect(m_copyUrl, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_authorizeUrl->text());
        Q_EMIT activity(tr("Copied the sign-in URL"));
    });
    m_summary->setObjectName(u"loginSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);

    auto *box = new QGroupBox(tr("Session"));
    auto *layout = new QVBoxLayout(box);
    // Two short rows, so the panel fits beside the profile form in a narrow
    // window in every language: the ways to sign in, then what to do with a session.
    auto *row1 = new QHBoxLayout;
    row1->addWidget(m_loginButton);
    row1->addWidget(m_loginDeviceButton);
    row1->addWidget(m_cancelButton);
    row1->addStretch();
    auto *row2 = new QHBoxLayout;
    row2->addWidget(m_refreshButton);
    row2->addWidget(m_switchUserButton);
    row2->addWidget(m_logoutButton);
    row2->addWidget(m_forgetButton);
    row2->addStretch();
    layout->addLayout(row1);
    layout->addLayout(row2);
    // The busy bar under the buttons, beside the log-out option: in a button row it
    // would widen the panel (and scroll it sideways) whenever something is under way.
    auto *row3 = new QHBoxLayout;
    row3->addWidget(m_busy);
    row3->addStretch();
    row3->addWidget(m_endSession);
    layout->addLayout(row3);
    layout->addWidget(m_sessionState);
    layout->addWidget(m_flowState);
    auto *urlRow = new QHBoxLayout;
    urlRow->addWidget(m_authorizeUrl, 1);
    urlRow->addWidget(m_copyUrl);
    layout->addLayout(urlRow);
    layout->addWidget(m_device);
    layout->addWidget(m_summary);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(box);

    connect(m_flow, &LoginFlow::stateChanged, this, &LoginPanel::onFlowState);
    connect(m_flow, &LoginFlow::finished, this, &LoginPanel::onLoginFinished);
    connect(m_flow, &LoginFlow::progress, this, &LoginPanel::activity);
    connect(m_flow, &LoginFlow::openBrowserRequested, this, [this](const QUrl &url) {
        m_signInUrl = url;
        render();
        if (m_openBrowser)
            m_openBrowser(url);
    });
    connect(m_flow, &LoginFlow::deviceCodeReady, this, [this](const DevicePrompt &prompt) {
        m_device->showPrompt(prompt);
        render(); // shown only while its profile is the selected one
    });
    connect(m_logout, &LogoutFlow::progress, this, &LoginPanel::activity);
    connect(m_logout, &LogoutFlow::openBrowserRequested, this, [this](const QUrl &url) {
        if (m_openBrowser)
            m_openBrowser(url);
    });
    connect(m_logout, &LogoutFlow::finished, this, &LoginPanel::onLogoutFinished);
    render();
}

void LoginPanel::setSession(Session *session)
{
    if (m_session == session)
        return render();
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (session)
        connect(session, &Session::changed, this, &LoginPanel::render);
    render();
}

void LoginPanel::setLoginProfile(std::function<std::optional<Profile>(QString *)> provider)
{
    m_loginProfile = std::move(provider);
}

void LoginPanel::setBrowserOpener(std::function<void(const QUrl &)> opener)
{
    m_openBrowser = std::move(opener);
}

void LoginPanel::setNote(const QString &profile, const QString &text, Tone tone)
{
    Note &n = m_notes[profile];
    n.text = text;
    n.tone = tone;
    render();
}

void LoginPanel::logIn(const LoginFlow::Options &options)
{
    if (!m_session || m_flow->isRunning() || !m_loginProfile)
        return;
    const QString name = m_session->name();
    QString error;
    const std::optional<Profile> live = m_loginProfile(&error);
    if (!live) {
        setNote(name, error, Tone::Error);
        Q_EMIT activity(error);
        return;
    }
    m_notes.remove(name);
    m_loginFor = name;
    m_signInUrl.clear();
    Q_EMIT activity(tr("Logging in with profile %1").arg(name));
    m_flow->start(*live, options);
    render();
}

void LoginPanel::switchUser()
{
    LoginFlow::Options options;
    options.extraParams.append({u"prompt"_s, u"login"_s});
    logIn(options);
}

void LoginPanel::logInOnAnotherDevice()
{
    LoginFlow::Options options;
    options.device = LoginFlow::Options::Device::On;
    logIn(options);
}

void LoginPanel::cancel()
{
    if (m_flow->isRunning() && m_session && m_loginFor == m_session->name())
        m_flow->cancel();
}

void LoginPanel::onFlowState(LoginFlow::State state)
{
    if (!m_loginFor.isEmpty() && m_flow->isRunning())
        setNote(m_loginFor, LoginFlow::stateName(state), Tone::Plain);
}

void LoginPanel::onLoginFinished(const LoginResult &r)
{
    const QString name = m_loginFor.isEmpty() ? r.profile : m_loginFor;
    m_loginFor.clear();
    m_signInUrl.clear();
    m_device->clear();
    if (!r.ok) {
        const auto state = r.cancelled ? LoginFlow::State::Cancelled : LoginFlow::State::Failed;
        setNote(name, LoginFlow::stateName(state) + u": "_s + r.error, r.cancelled ? Tone::Plain : Tone::Error);
        Q_EMIT activity(r.error);
        return;
    }
    Note &n = m_notes[name];
    n.text = tr("Logged in as %1 at %2").arg(r.subject.isEmpty() ? tr("(no subject)") : r.subject,
                                            QDateTime::currentDateTime().toString(u"HH:mm:ss"_s));
    QStringList how; // the ways a hardened login went, said where the user looks
    if (r.pushed)
        how << tr("the authorization request was pushed first (PAR)");
    if (r.tokens.isDpopBound())
        how << tr("the tokens are bound to the profile's DPoP key");
    if (!how.isEmpty())
        n.text += u" · "_s + how.join(u" · "_s);
    n.tone = Tone::Ok;
    n.stepsHtml.clear();
    QStringList checks;
    for (const ClaimCheck &c : r.idToken.checks)
        checks << u"<span title='%1'>%2 %3</span>"_s.arg(c.detail.toHtmlEscaped(), mark(c.result), c.name.toHtmlEscaped());
    n.checksHtml = checks.join(u"&nbsp;&nbsp;"_s);
    n.checkedId = idHash(r.tokens.idToken);
    if (!r.storageWarning.isEmpty())
        Q_EMIT problem(r.storageWarning);
    Q_EMIT activity(tr("Signed in to %1 as %2").arg(r.profile, r.subject));
    Q_EMIT loggedIn(name, r.nonce, n.checkedId);
    // The session is the owner from here on; this panel renders what it says.
    if (Session *s = m_sessions->find(r.profile))
        s->signedIn(r.tokens, r.storageWarning);
    render();
}

void LoginPanel::refresh()
{
    Session *s = m_session;
    if (!s || !s->canRefresh())
        return;
    const QString name = s->name();
    setNote(name, tr("Refreshing the tokens…"), Tone::Plain);
    SessionJob *job = s->refresh();
    connect(job, &SessionJob::finished, this, [this, name](const SessionResult &r) {
        if (!r.ok()) {
            setNote(name, tr("Refresh failed: %1").arg(r.sentence), Tone::Error);
            return;
        }
        if (!r.storageWarning.isEmpty())
            Q_EMIT problem(r.storageWarning);
        setNote(name, r.renewed ? tr("Tokens refreshed at %1").arg(QDateTime::currentDateTime().toString(u"HH:mm:ss"_s))
                                : tr("Another TokenLab process had renewed the tokens already; these are its tokens"),
                Tone::Ok);
    });
}

void LoginPanel::logOut()
{
    if (m_session)
        startLogout(m_session, m_endSession->isChecked(), false);
}

void LoginPanel::startLogout(Session *session, bool endBrowserSession, bool thenForget)
{
    if (!m_logoutFor.isEmpty())
        return;
    m_logoutFor = session->name();
    m_forgetAfterLogout = thenForget;
    setNote(m_logoutFor, thenForget ? tr("Revoking the refresh token…") : tr("Logging out…"), Tone::Plain);
    m_logout->start(session->profile(), session->tokens(), endBrowserSession);
}

void LoginPanel::onLogoutFinished(const LogoutResult &result)
{
    const QString name = m_logoutFor;
    const bool thenForget = m_forgetAfterLogout;
    m_logoutFor.clear();
    m_forgetAfterLogout = false;
    QString html = u"<table cellspacing='4'>"_s;
    for (const ClaimCheck &s : result.steps)
        html += u"<tr><td>%1 <b>%2</b></td><td>%3</td></tr>"_s.arg(mark(s.result), s.name.toHtmlEscaped(), s.detail.toHtmlEscaped());
    html += u"</table>"_s;
    Note &n = m_notes[name];
    n.stepsHtml = html;
    n.checksHtml.clear();
    if (thenForget) {
        n.text = result.ok() ? tr("Revoked the refresh token and forgot the tokens") : tr("Forgot the tokens; revoking had problems (see below)");
    } else {
        n.text = result.ok() ? tr("Logged out") : tr("Logged out, with problems (see below)");
    }
    n.tone = result.ok() ? Tone::Plain : Tone::Error;
    Q_EMIT activity(tr("Logged out of %1").arg(name));
    if (Session *s = m_sessions->find(name)) {
        if (thenForget)
            forgetNow(s);
        else
            s->signedOut();
    }
    render();
}

void LoginPanel::askForget()
{
    Session *s = m_session;
    if (!s || !s->tokens())
        return;
    const QString name = s->name();
    const bool hasRefresh = !s->tokens()->refreshToken.isEmpty();
    auto *box = new QMessageBox(QMessageBox::Question, tr("Forget tokens"),
                                tr("Forget the tokens of \"%1\"? TokenLab deletes them from the keychain.").arg(name),
                                QMessageBox::Cancel, window());
    box->setObjectName(u"forgetDialog"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *revoke = nullptr;
    if (hasRefresh) {
        box->setInformativeText(tr("The refresh token stays valid at the issuer until it expires: anyone holding a copy can "
                                   "still get new access tokens with it. \"Revoke and forget\" asks the issuer to revoke it "
                                   "first (RFC 7009), without ending the browser session."));
        revoke = box->addButton(tr("&Revoke and forget"), QMessageBox::AcceptRole);
        revoke->setObjectName(u"revokeAndForgetButton"_s);
    }
    QPushButton *only = box->addButton(hasRefresh ? tr("&Forget only") : tr("&Forget"), QMessageBox::DestructiveRole);
    only->setObjectName(u"forgetOnlyButton"_s);
    box->setDefaultButton(revoke ? revoke : only);
    connect(box, &QMessageBox::buttonClicked, this, [this, box, revoke, only, name](QAbstractButton *clicked) {
        Session *target = m_sessions->find(name);
        if (!target || (clicked != revoke && clicked != only) || (revoke && clicked == revoke && !target->tokens()))
            return;
        Q_UNUSED(box)
        if (clicked == revoke)
            startLogout(target, false, true);
        else
            forgetNow(target);
    });
    box->open();
}

void LoginPanel::forgetNow(Session *session)
{
    const QString name = session->name();
    SessionJob *job = session->forget();
    connect(job, &SessionJob::finished, this, [this, name](const SessionResult &r) {
        if (!r.ok()) {
            setNote(name, tr("The tokens could not be forgotten: %1").arg(r.sentence), Tone::Error);
            Q_EMIT problem(r.sentence);
            return;
        }
        if (m_notes.value(name).stepsHtml.isEmpty())
            setNote(name, tr("Forgot the tokens"), Tone::Plain);
        Q_EMIT activity(tr("Deleted the tokens of %1").arg(name));
    });
}

QString LoginPanel::summaryHtml(const Session &session) const
{
    const std::optional<TokenSet> t = session.tokens();
    const Note note = m_notes.value(session.name());
    if (!t)
        return note.stepsHtml;
    const QPalette &pal = palette();
    QString subject;
    for (const QString &token : {t->idToken, t->accessToken}) {
        const DecodedJwt jwt = Jwt::decode(token.toLatin1());
        if (subject.isEmpty() && jwt.ok())
            subject = jwt.payload.value(u"sub").toString();
    }
    QStringList granted;
    for (const QString &s : t->grantedScopes())
        granted << u"<code>%1</code>"_s.arg(s.toHtmlEscaped());
    QStringList withheld;
    for (const QString &s : session.withheldScopes())
        withheld << u"<code>%1</code>"_s.arg(s.toHtmlEscaped());
    QString html = u"<table cellspacing='4'>"_s;
    auto row = [&html](const QString &k, const QString &v) { html += u"<tr><td><b>%1</b></td><td>%2</td></tr>"_s.arg(k, v); };
    row(tr("Subject"), subject.isEmpty() ? tr("(no id_token)") : subject.toHtmlEscaped());
    row(tr("Granted scopes"), granted.join(u' '));
    if (!withheld.isEmpty())
        row(tr("Not in the token's scope"),
            u"<span style='color:%1'>%2</span>"_s.arg(SemanticColors::hex(Tone::Error, pal), withheld.join(u' ')));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (t->expiresAt.isValid())
        row(tr("Expires"), tr("%1 (%2)").arg(t->expiresAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s),
                                           t->isExpired(now) ? tr("expired") : tr("in %1").arg(TimeFormat::duration(now.secsTo(t->expiresAt)))));
    row(tr("Refresh token"), t->refreshToken.isEmpty() ? tr("none") : tr("issued"));
    if (!note.checksHtml.isEmpty() && note.checkedId == idHash(t->idToken))
        row(tr("id_token checks"), note.checksHtml);
    html += u"</table>"_s;
    return html;
}

void LoginPanel::render()
{
    Session *s = m_session;
    const QString name = s ? s->name() : QString();
    const bool loginHere = s && m_flow->isRunning() && m_loginFor == name;
    if (s) {
        m_sessionState->setText(SessionText::state(*s, QDateTime::currentDateTimeUtc()));
        SemanticColors::apply(m_sessionState, SessionText::tone(s->state()));
    } else {
        m_sessionState->setText(tr("Save the new profile, then log in."));
        SemanticColors::apply(m_sessionState, Tone::Plain);
    }
    QString note = s ? m_notes.value(name).text : QString();
    if (s && m_flow->isRunning() && !loginHere)
        note = tr("A login for %1 is waiting; finish or cancel it there first.").arg(m_loginFor);
    m_flowState->setText(note);
    m_flowState->setVisible(!note.isEmpty());
    SemanticColors::apply(m_flowState, s ? m_notes.value(name).tone : Tone::Plain);
    // The sign-in URL belongs to the login that is waiting, and only to its profile.
    m_authorizeUrl->setText(loginHere && !m_signInUrl.isEmpty() ? QString::fromLatin1(m_signInUrl.toEncoded()) : QString());
    m_authorizeUrl->setCursorPosition(0);
    m_copyUrl->setEnabled(!m_authorizeUrl->text().isEmpty());
    // The device code likewise (RFC 8628).
    m_device->setVisible(loginHere && m_flow->state() == LoginFlow::State::WaitingForDevice);
    m_busy->setVisible(loginHere || (s && (s->isRefreshing() || m_logoutFor == name)));
    m_summary->setText(s ? summaryHtml(*s) : QString());
    updateActions();
}

void LoginPanel::updateActions()
{
    SessionActions::Busy busy;
    busy.loginRunning = m_flow->isRunning();
    busy.loginHere = m_session && busy.loginRunning && m_loginFor == m_session->name();
    busy.logoutRunning = !m_logoutFor.isEmpty();
    busy.savedProfile = m_session != nullptr;
    m_actions->update(m_session, busy);
}
