// SPDX-License-Identifier: MIT
// The Tokens tab: one sub-tab per token of the profile's login (access, ID,
// refresh), each verified against the profile's issuer; the scopes the
// login asked for beside the scopes the access token carries, a withheld
// scope marked; and a tab to paste or drop any token, outside any login.
// A paste may be a whole header line (TokenInput::clean says what it
// stripped); the token is shown encoded, its header, payload and signature
// coloured apart, with the character a decoding problem names marked.
// It shows the selected profile's Session's tokens, and shows them again
// when the session changes (a refresh, a logout, another process).
#pragma once

#include "storage/profile.h"
#include "oauth/tokenset.h"
#include "oauth/tokenverifier.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class DiscoveryClient;
class IntrospectionView;
class JwksClient;
class QNetworkAccessManager;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTextEdit;
class QTabWidget;
class QTreeWidget;
class Session;
class TokenStore;
class TokenView;

class TokenInspector : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(TokenInspector)

public:
    TokenInspector(QNetworkAccessManager *network, DiscoveryClient *discovery, QWidget *parent = nullptr);

    // Where the introspection views find the client's secret or key.
    void setTokenStore(TokenStore *store);
    // The selected profile's session (nullptr: none).
    void setSession(Session *session);
    // A login of this window: its nonce checks the id_token it produced.
    // The nonce a login sent, for the id_token with this SHA-256 only (a
    // renewed id_token carries none).
    void rememberNonce(const QString &profile, const QString &nonce, const QByteArray &idTokenHash);
    void clearTokens();
    // What the user pasted or dropped: a token, or a header line holding one.
    void inspectPasted(const QString &pasted);

private:
    void render();
    void showTokens(const Profile &profile, const TokenSet &tokens, const QString &nonce);
    void onReport(int id, const TokenReport &report);
    void fillScopes(const TokenSet &tokens);
    void showEncoded(const QByteArray &token, int problemPosition);

    TokenVerifier *m_verifier;
    QTabWidget *m_tabs;
    TokenView *m_access;
    TokenView *m_id;
    TokenView *m_refresh;
    TokenView *m_pasted;
    QPlainTextEdit *m_paste;
    QTextEdit *m_encoded;
    QLabel *m_stripped;
    QLineEdit *m_keys;
    // What the pasted token is expected to say: empty fields are not checked.
    QLineEdit *m_expectIssuer;
    QLineEdit *m_expectAudience;
    QLineEdit *m_expectClient;
    QTreeWidget *m_scopes;
    IntrospectionView *m_accessIntrospection;
    IntrospectionView *m_refreshIntrospection;
    QHash<int, TokenView *> m_pending;
    QPointer<Session> m_session;
    QByteArray m_shownKey; // which profile's which tokens are shown (a hash, not the tokens)
    struct Nonce
    {
        QString nonce;
        QByteArray idTokenHash; // of the login's id_token
    };
    QHash<QString, Nonce> m_nonces;
};
