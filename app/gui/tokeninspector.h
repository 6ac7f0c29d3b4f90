// The Tokens tab: one sub-tab per token of the profile's login (access, ID,
// refresh), each verified against the profile's issuer; the scopes the
// login asked for beside the scopes the access token carries, a withheld
// scope marked; and a tab to paste or drop any token, outside any login.
#pragma once

#include "storage/profile.h"
#include "oauth/tokenset.h"
#include "oauth/tokenverifier.h"

#include <QWidget>

class DiscoveryClient;
class JwksClient;
class QNetworkAccessManager;
class QLineEdit;
class QPlainTextEdit;
class QTabWidget;
class QTreeWidget;
class TokenView;

class TokenInspector : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(TokenInspector)

public:
    TokenInspector(QNetworkAccessManager *network, DiscoveryClient *discovery, QWidget *parent = nullptr);

    // The tokens of a login (or restored ones); nonce is the login's, when known.
    void showTokens(const Profile &profile, const TokenSet &tokens, const QString &nonce = {});
    void clearTokens();
    void inspectPasted(const QByteArray &token);

private:
    void onReport(int id, const TokenReport &report);
    void fillScopes(const TokenSet &tokens);

    TokenVerifier *m_verifier;
    QTabWidget *m_tabs;
    TokenView *m_access;
    TokenView *m_id;
    TokenView *m_refresh;
    TokenView *m_pasted;
    QPlainTextEdit *m_paste;
    QLineEdit *m_keys;
    QTreeWidget *m_scopes;
    QHash<int, TokenView *> m_pending;
};
