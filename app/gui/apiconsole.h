// The API tab: the three quickstart endpoints as buttons, a free request
// line, and the answer: status, time, sizes, request and response headers
// (Authorization redacted until revealed), the body pretty-printed when
// JSON, and the explanation of a failure with what to do. Every call stays
// in the profile's history; any can be copied as curl. All calls go
// through core's ApiClient.
//
// The console shows the selected profile's Session: before a call it asks
// the session for fresh tokens (Session::freshTokens(), which renews
// expired ones), so it never holds tokens itself. What it keeps per profile,
// keyed by name, is view state: that profile's calls and the one shown.
#pragma once

#include "api/apiclient.h"
#include "storage/profile.h"

#include <QHash>
#include <QPointer>
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
class Session;

class ApiConsole : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(ApiConsole)

public:
    ApiConsole(QNetworkAccessManager *network, QWidget *parent = nullptr);

    // The selected profile's session (nullptr: none); shows that profile's calls.
    void setSession(Session *session);
    void send(const ApiRequest &request);
    // Adds an exchange made elsewhere (a probe cell) to the history and shows it.
    void showExchange(const ApiExchange &exchange);

Q_SIGNALS:
    // "Log in again asking for SCOPE".
    void loginWithScopeRequested(const QString &scope);

private:
    void sendPath(const QString &path);
    void sendFreeRequest();
    void sendWith(const QString &profile, const QUrl &apiBase, const ApiRequest &request, const std::optional<TokenSet> &tokens, const std::shared_ptr<DpopSigner> &dpop = {});
    void record(const QString &profile, const ApiExchange &exchange, const QString &label);
    void addHistoryItem(const ApiExchange &exchange, const QString &label);
    void show(int index);
    void showRequest();
    void showModel();
    void showReady();

    // One profile's calls: view state, not session state.
    struct Model
    {
        QList<ApiExchange> history;
        QStringList labels; // "12 ms", "(probe)"

        int shown = -1;
        int pending = 0;
    };
    Model &model() { return m_models[m_profile.name]; }

    QNetworkAccessManager *m_network;
    QPointer<Session> m_session;
    Profile m_profile;
    QHash<QString, Model> m_models;

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
