// SPDX-License-Identifier: MIT
#include "gui/tokeninspector.h"
#include "gui/adaptivesplitter.h"
#include "oauth/discoveryclient.h"
#include "oauth/jwksclient.h"
#include "gui/introspectionview.h"
#include "gui/tokenview.h"
#include "gui/semanticcolors.h"
#include "jose/tokeninput.h"
#include "session/session.h"

#include <QCryptographicHash>

#include <QFile>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTextCursor>
#include <QTextEdit>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <tuple>

using namespace Qt::StringLiterals;

TokenInspector::TokenInspector(QNetworkAccessManager *network, DiscoveryClient *discovery, QWidget *parent)
    : QWidget(parent),
      m_verifier(new TokenVerifier(discovery, new JwksClient(network, systemClock(), this), systemClock(), this)),
      m_tabs(new QTabWidget),
      m_access(new TokenView(tr("No access token yet: log in on the Login tab."))),
      m_id(new TokenView(tr("No id_token: log in with the openid scope."))),
      m_refresh(new TokenView(tr("No refresh token: ask for offline_access to get one."))),
      m_pasted(new TokenView(tr("Paste or drop a token above to decode it."))),
      m_paste(new QPlainTextEdit),
      m_encoded(new QTextEdit),
      m_stripped(new QLabel),
      m_keys(new QLineEdit),
      m_expectIssuer(new QLineEdit),
      m_expectAudience(new QLineEdit),
      m_expectClient(new QLineEdit),
      m_scopes(new QTreeWidget),
      m_accessIntrospection(new IntrospectionView(u"access_token"_s, network, discovery)),
      m_refreshIntrospection(new IntrospectionView(u"refresh_token"_s, network, discovery))
{
    setObjectName(u"tokenInspector"_s);
    m_tabs->setObjectName(u"tokenTabs"_s);
    m_access->setObjectName(u"accessTokenView"_s);
    m_id->setObjectName(u"idTokenView"_s);
    m_refresh->setObjectName(u"refreshTokenView"_s);
    m_pasted->setObjectName(u"pastedTokenView"_s);

    m_scopes->setObjectName(u"scopeComparison"_s);
    m_scopes->setHeaderLabels({tr("Scope"), tr("Requested"), tr("Granted")});
    m_scopes->setRootIsDecorated(false);
    m_scopes->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_scopes->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_scopes->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_scopes->setMinimumWidth(300);
    // The token beside what it was asked for and what the issuer says; one
    // above the other when the window is too narrow for both.
    auto *accessPage = new AdaptiveSplitter;
    accessPage->addWidget(m_access);
    auto *scopeBox = new QWidget;
    auto *scopeLayout = new QVBoxLayout(scopeBox);
    scopeLayout->setContentsMargins(0, 0, 0, 0);
    scopeLayout->addWidget(new QLabel(tr("Requested versus granted")));
    scopeLayout->addWidget(m_scopes, 1);
    scopeLayout->addWidget(m_accessIntrospection, 2);
    accessPage->addWidget(scopeBox);
    accessPage->setStretchFactor(0, 1);

    auto *pastePage = new QWidget;
    auto *pasteLayout = new QVBoxLayout(pastePage);
    m_paste->setObjectName(u"pasteInput"_s);
    m_paste->setPlaceholderText(tr("Paste or drop a token here: a JWT, a JWE, an opaque token, or a whole "
                                 "\"Authorization: Bearer …\" line"));
    m_paste->setFixedHeight(m_paste->fontMetrics().lineSpacing() * 4 + 12);
    m_paste->setTabChangesFocus(true);
    connect(m_paste, &QPlainTextEdit::textChanged, this, [this] { inspectPasted(m_paste->toPlainText()); });
    // The token as decoded, coloured by part as jwt.io shows it.
    m_encoded->setObjectName(u"pasteEncoded"_s);
    m_encoded->setReadOnly(true);
    m_encoded->setTabChangesFocus(true);
    m_encoded->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_encoded->setWordWrapMode(QTextOption::WrapAnywhere);
    m_encoded->setFixedHeight(m_paste->minimumHeight());
    m_encoded->setPlaceholderText(tr("The token, its header, payload and signature in their colours"));
    m_encoded->setToolTip(tr("Header, payload and signature, each in its own colour; a character the decoder "
                          "refuses is underlined."));
    m_stripped->setObjectName(u"pasteStripped"_s);
    m_stripped->setWordWrap(true);
    m_stripped->setVisible(false);
    m_keys->setObjectName(u"pasteKeys"_s);
    m_keys->setPlaceholderText(tr("Verify with: the issuer the token names (default), a JWKS URL, or a PEM public key file"));
    m_keys->setClearButtonEnabled(true);
    connect(m_keys, &QLineEdit::editingFinished, this, [this] {
        m_pasted->clear();
        inspectPasted(m_paste->toPlainText());
    });
    // The checks a login would run, for a token from anywhere: iss, aud and azp against what the user expects.
    auto *expectRow = new QHBoxLayout;
    expectRow->addWidget(new QLabel(tr("Expect:")));
    for (const auto &[edit, name, hint] : {std::tuple{m_expectIssuer, u"pasteExpectIssuer"_s, tr("issuer (iss), e.g. https://id.example/")},
                                           std::tuple{m_expectAudience, u"pasteExpectAudience"_s, tr("audience (aud): the API, or a client for an ID token")},
                                           std::tuple{m_expectClient, u"pasteExpectClient"_s, tr("client (azp)")}}) {
        edit->setObjectName(name);
        edit->setPlaceholderText(hint);
        edit->setToolTip(tr("Expected %1. Empty: not checked.").arg(hint));
        edit->setClearButtonEnabled(true);
        QLineEdit *self = edit;
        connect(edit, &QLineEdit::editingFinished, this, [this, self] {
            if (!self->isModified())
                return;
            self->setModified(false);
            m_pasted->clear();
            inspectPasted(m_paste->toPlainText());
        });
        expectRow->addWidget(edit, 1);
    }
    auto *pasteRow = new QHBoxLayout;
    pasteRow->addWidget(m_paste, 1);
    pasteRow->addWidget(m_encoded, 1);
    pasteLayout->addLayout(pasteRow);
    pasteLayout->addWidget(m_stripped);
    pasteLayout->addWidget(m_keys);
    pasteLayout->addLayout(expectRow);
    pasteLayout->addWidget(m_pasted, 1);

    m_tabs->addTab(accessPage, tr("A&ccess token"));
    m_tabs->addTab(m_id, tr("&ID token"));
    auto *refreshPage = new AdaptiveSplitter;
    refreshPage->addWidget(m_refresh);
    refreshPage->addWidget(m_refreshIntrospection);
    refreshPage->setStretchFactor(0, 1);
    m_tabs->addTab(refreshPage, tr("&Refresh token"));
    m_tabs->addTab(pastePage, tr("Paste a to&ken"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);

    connect(m_verifier, &TokenVerifier::finished, this, &TokenInspector::onReport);
}

void TokenInspector::setTokenStore(TokenStore *store)
{
    m_accessIntrospection->setTokenStore(store);
    m_refreshIntrospection->setTokenStore(store);
}

void TokenInspector::setSession(Session *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (session)
        connect(session, &Session::changed, this, &TokenInspector::render);
    m_shownKey.clear();
    render();
}

void TokenInspector::rememberNonce(const QString &profile, const QString &nonce, const QByteArray &idTokenHash)
{
    m_nonces.insert(profile, {nonce, idTokenHash});
    m_shownKey.clear();
}

void TokenInspector::render()
{
    const std::optional<TokenSet> tokens = m_session ? m_session->tokens() : std::nullopt;
    if (!tokens) {
        m_shownKey.clear();
        return clearTokens();
    }
    const QString name = m_session->name();
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(name.toUtf8());
    for (const QString &t : {tokens->accessToken, tokens->idToken, tokens->refreshToken}) {
        h.addData(QByteArrayView("\n", 1));
        h.addData(t.toUtf8());
    }
    const QByteArray key = h.result();
    if (key == m_shownKey)
        return; // the same tokens: keep the checks already made
    m_shownKey = key;
    // The nonce belongs to the id_token of the login that sent it, not to a later one.
    const QByteArray idHash = QCryptographicHash::hash(tokens->idToken.toUtf8(), QCryptographicHash::Sha256);
    QString nonce;
    auto it = m_nonces.find(name);
    if (it != m_nonces.end() && it->idTokenHash == idHash)
        nonce = it->nonce;
    showTokens(m_session->profile(), *tokens, nonce);
}

void TokenInspector::clearTokens()
{
    m_access->clear();
    m_id->clear();
    m_refresh->clear();
    m_scopes->clear();
    m_accessIntrospection->clear();
    m_refreshIntrospection->clear();
}

void TokenInspector::showTokens(const Profile &profile, const TokenSet &tokens, const QString &nonce)
{
    // The introspection views keep their answer while their token stays the same: asking costs a request.
    m_access->clear();
    m_id->clear();
    m_refresh->clear();
    m_scopes->clear();
    const KeySource keys{KeySource::Kind::Issuer, profile.issuer, {}};
    auto check = [&](TokenView *view, const QString &token, TokenKind kind, const QString &audience) {
        view->setToken(token.toLatin1());
        if (token.isEmpty())
            return;
        TokenExpectations e;
        e.kind = kind;
        e.issuer = profile.issuer;
        e.audience = audience;
        e.clientId = profile.clientId;
        e.allowedAlgorithms = profile.allowedAlgorithms;
        if (kind == TokenKind::Access) {
            e.dpopBound = tokens.isDpopBound();
            e.boundKey = m_session ? m_session->dpopThumbprint() : QString();
        }
        if (kind == TokenKind::Id)
            e.nonce = nonce;
        m_pending.insert(m_verifier->verify(token.toLatin1(), e, keys), view);
    };
    check(m_access, tokens.accessToken, TokenKind::Access, profile.audience.isEmpty() ? profile.resource : profile.audience);
    m_tabs->setTabText(0, tokens.isDpopBound() ? tr("A&ccess token (DPoP-bound)") : tr("A&ccess token"));
    if (tokens.isDpopBound() && m_session && m_session->dpopThumbprint().isEmpty()) {
        // Read the profile's proof key once, then check cnf.jkt against it.
        QPointer<Session> session = m_session;
        connect(m_session->proofKey(), &SessionJob::finished, this, [this, session](const SessionResult &r) {
            if (r.dpop && session == m_session) {
                m_shownKey.clear();
                render();
            }
        });
    }
    check(m_id, tokens.idToken, TokenKind::Id, profile.clientId);
    m_refresh->setToken(tokens.refreshToken.toLatin1());
    fillScopes(tokens);
    m_accessIntrospection->setToken(profile, tokens.accessToken);
    m_refreshIntrospection->setToken(profile, tokens.refreshToken);
}

void TokenInspector::inspectPasted(const QString &pasted)
{
    const CleanedToken cleaned = TokenInput::clean(pasted);
    const QString stripped = TokenInput::strippedSentence(cleaned.stripped);
    m_stripped->setText(stripped);
    m_stripped->setVisible(!stripped.isEmpty());
    const QByteArray token = cleaned.token;
    if (!token.isEmpty() && token == m_pasted->token())
        return;
    m_pasted->setToken(token);
    const DecodedJwt jwt = Jwt::decode(token);
    showEncoded(token.trimmed(), jwt.problemPosition);
    if (!jwt.ok() || jwt.kind != JwtKind::Jws)
        return;
    // Outside a login: the keys the user names, or else those of the issuer the
    // token names (iss itself is then shown, not trusted).
    KeySource keys;
    const QString given = m_keys->text().trimmed();
    if (given.startsWith(u"http://"_s) || given.startsWith(u"https://"_s)) {
        keys = {KeySource::Kind::JwksUrl, QUrl(given, QUrl::StrictMode), {}};
    } else if (!given.isEmpty()) {
        QFile pem(given);
        keys.kind = KeySource::Kind::Pem;
        keys.pem = pem.open(QIODevice::ReadOnly) ? pem.read(64 * 1024 + 1) : QByteArray();
    } else {
        // The expected issuer's keys when one is given (a forged iss then cannot
        // pick its own keys), else those of the issuer the token names.
        const QString expected = m_expectIssuer->text().trimmed();
        const QUrl iss(expected.isEmpty() ? jwt.payload.value(u"iss").toString() : expected, QUrl::StrictMode);
        if (iss.isValid() && !iss.isRelative())
            keys = {KeySource::Kind::Issuer, iss, {}};
    }
    TokenExpectations e;
    const QString issuer = m_expectIssuer->text().trimmed();
    if (!issuer.isEmpty())
        e.issuer = QUrl(issuer, QUrl::StrictMode);
    e.audience = m_expectAudience->text().trimmed();
    e.clientId = m_expectClient->text().trimmed();
    m_pending.insert(m_verifier->verify(token, e, keys), m_pasted);
}

void TokenInspector::showEncoded(const QByteArray &token, int problemPosition)
{
    // Colours by part for a JWS, as jwt.io does; the dots and other shapes stay plain.
    const QList<uint> chars = QString::fromUtf8(token).toUcs4();
    const bool jws = token.count('.') == 2;
    const QPalette &pal = m_encoded->palette();
    const TokenPart parts[] = {TokenPart::Header, TokenPart::Payload, TokenPart::Signature};
    QString html = u"<span style='white-space: pre-wrap'>"_s;
    int part = 0;
    QString run;
    auto flush = [&](const QString &colour) {
        if (!run.isEmpty())
            html += colour.isEmpty() ? run.toHtmlEscaped() : u"<span style='color:%1'>%2</span>"_s.arg(colour, run.toHtmlEscaped());
        run.clear();
    };
    const QString partColour = jws ? SemanticColors::color(parts[0], pal).name() : QString();
    QString colour = partColour;
    for (int i = 0; i < chars.size(); ++i) {
        const QString c = QString::fromUcs4(reinterpret_cast<const char32_t *>(&chars.at(i)), 1);
        if (i + 1 == problemPosition) {
            flush(colour);
            html += u"<span style='color:%1; text-decoration: underline; font-weight: bold'>%2</span>"_s.arg(
                    SemanticColors::hex(Tone::Error, pal), c == u" "_s ? u"␣"_s : c.toHtmlEscaped());
            continue;
        }
        if (jws && c == u"."_s) {
            flush(colour);
            html += c;
            colour = SemanticColors::color(parts[qMin(++part, 2)], pal).name();
            continue;
        }
        run += c;
    }
    flush(colour);
    m_encoded->setHtml(html + u"</span>"_s);
    if (problemPosition > 0) {
        // Bring the marked character into view: in a long token it is often the last one.
        QTextCursor at(m_encoded->document());
        at.setPosition(qMin(problemPosition - 1, m_encoded->document()->characterCount() - 1));
        m_encoded->setTextCursor(at);
        m_encoded->ensureCursorVisible();
    }
}

void TokenInspector::onReport(int id, const TokenReport &report)
{
    TokenView *view = m_pending.take(id);
    if (view)
        view->setReport(report);
}

void TokenInspector::fillScopes(const TokenSet &tokens)
{
    m_scopes->clear();
    const QStringList requested = tokens.requestedScope.split(u' ', Qt::SkipEmptyParts);
    const QStringList granted = tokens.grantedScopes();
    QStringList all = requested;
    for (const QString &s : granted) {
        if (!all.contains(s))
            all << s;
    }
    for (const QString &s : all) {
        const bool asked = requested.contains(s);
        const bool got = granted.contains(s);
        auto *item = new QTreeWidgetItem(m_scopes, {s, asked ? u"✔"_s : QString(), got ? u"✔"_s : asked ? u"✘ withheld"_s : QString()});
        if (asked && !got) {
            QFont bold = item->font(0);
            bold.setBold(true);
            for (int c = 0; c < 3; ++c) {
                item->setForeground(c, SemanticColors::color(Tone::Error, m_scopes->palette()));
                item->setFont(c, bold);
            }
            item->setToolTip(0, tr("Asked for but not in the access token: the user withheld it, or may not have it. "
                                "An API that needs it will answer 403."));
        } else if (!asked && got) {
            item->setToolTip(0, tr("Granted without being asked for."));
        }
    }
}
