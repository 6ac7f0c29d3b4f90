// SPDX-License-Identifier: MIT
// What the issuer says of a token (RFC 7662 introspection), beside what the
// token says of itself: active, scope, client, subject, audience, issuer
// and times in one table, a difference between the two marked. For an
// opaque token, which says nothing of itself, the issuer is asked as soon
// as the token is shown (once per token, and only once the view is on
// screen); for a JWT on request ("Ask the issuer").
// Widgets are named by objectName for tests.
#pragma once

#include "storage/profile.h"

#include <QPointer>
#include <QWidget>

class DiscoveryClient;
class QLabel;
class QNetworkAccessManager;
class QPushButton;
class QTreeWidget;
class TokenIntrospectionJob;
class TokenStore;
struct TokenIntrospection;

class IntrospectionView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(IntrospectionView)

public:
    // hint: "access_token" or "refresh_token"; the objectNames get it as a prefix.
    IntrospectionView(const QString &hint, QNetworkAccessManager *network, DiscoveryClient *discovery, QWidget *parent = nullptr);

    void setTokenStore(TokenStore *store) { m_store = store; }
    // The token to ask about, and whose client asks; an opaque token is asked about at once.
    void setToken(const Profile &profile, const QString &token);
    void clear();
    void ask();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void showAnswer(const TokenIntrospection &result);
    void setStatus(const QString &sentence, int tone);

    QString m_hint;
    QNetworkAccessManager *m_network;
    DiscoveryClient *m_discovery;
    TokenStore *m_store = nullptr;
    Profile m_profile;
    QString m_token;
    QPointer<TokenIntrospectionJob> m_job;
    bool m_askWhenShown = false; // an opaque token arrived while the view was hidden
    QPushButton *m_ask;
    QLabel *m_status;
    QTreeWidget *m_table;
};
