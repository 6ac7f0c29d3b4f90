// The API tab: the three quickstart endpoints as buttons, a free request
// line, and the answer: status, time, sizes, request and response headers
// (Authorization redacted until revealed), the body pretty-printed when
// JSON, and the explanation of a failure with what to do. Every call of
// the session stays in a history; any can be copied as curl. All calls go
// through core's ApiClient.
#pragma once

#include "api/apiclient.h"
#include "storage/profile.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;

class ApiConsole : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(ApiConsole)

public:
    ApiConsole(QNetworkAccessManager *network, QWidget *parent = nullptr);

    void setProfile(const Profile &profile, const std::optional<TokenSet> &tokens);
    // Expired tokens are refreshed through it before a call (unless sent on purpose).
    void setLifecycle(class TokenLifecycle *lifecycle) { m_lifecycle = lifecycle; }
    void send(const ApiRequest &request);
    // Adds an exchange made elsewhere (a probe cell) to the history and shows it.
    void showExchange(const ApiExchange &exchange);

Q_SIGNALS:
    // "Log in again asking for SCOPE".
    void loginWithScopeRequested(const QString &scope);

private:
    void sendPath(const QString &path);
    void sendFreeRequest();
    void show(int index);
    void showRequest();

    ApiClient *m_client;
    class TokenLifecycle *m_lifecycle = nullptr;
    std::optional<TokenSet> m_tokens;
    Profile m_profile;
    QList<ApiExchange> m_history;
    int m_shown = -1;

    QPushButton *m_public;
    QPushButton *m_private;
    QPushButton *m_scoped;
    QCheckBox *m_noToken;
    QCheckBox *m_sendExpired;
    QComboBox *m_method;
    QLineEdit *m_line;
    QPlainTextEdit *m_headers;
    QPlainTextEdit *m_body;
    QPushButton *m_send;
    QProgressBar *m_busy;
    QLabel *m_status;
    QLabel *m_explanation;
    QPushButton *m_loginForScope;
    QLabel *m_notes;
    QPlainTextEdit *m_responseBody;
    QTreeWidget *m_responseHeaders;
    QPlainTextEdit *m_requestView;
    QCheckBox *m_reveal;
    QListWidget *m_historyList;
    QPushButton *m_copyCurl;
    QCheckBox *m_curlWithToken;
};
