// SPDX-License-Identifier: MIT
// The API tab, a workbench for calling the profile's API by hand:
//
//   [GET /api/public] [GET /api/private] [GET /api/private-scoped]   options
//   +-------------------+--------------------------------------------+
//   | History | Saved   | METHOD [URL                      ] [Send]  |
//   | requests | Vars   | Headers | Body (JSON, form, raw + type)     |
//   |                   |--------------------------------------------|
//   | the list          | status, explanation, body, headers, sent   |
//   +-------------------+--------------------------------------------+
//
// The endpoint buttons, a history entry (Edit) and a probe cell fill the
// request editor; a history entry can also be sent again as it was. Saved
// requests (SavedRequestsPanel) and variables (VariablesEditor) are the
// profile's, in files beside the profiles; the history (HistoryModel over
// RequestHistory) too, kept across restarts without any token. Placeholders
// are resolved when a request is sent, {{token}} with the token that call
// carries. All calls go through core's ApiClient.
//
// The console shows the selected profile's Session: before a call it asks
// the session for fresh tokens (Session::freshTokens(), which renews
// expired ones), so it never holds tokens itself, except the last call of
// each profile, kept whole in memory so its token can be revealed and its
// body saved.
#pragma once

#include "api/apiclient.h"
#include "api/savedrequest.h"
#include "storage/profile.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class HistoryModel;
class QCheckBox;
class QLabel;
class QListView;
class QProgressBar;
class QPushButton;
class QTabWidget;
class RequestEditor;
class ResponseView;
class SavedRequestsPanel;
class SendJob;
class Session;
class VariablesEditor;

class ApiConsole : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(ApiConsole)

public:
    ApiConsole(QNetworkAccessManager *network, QWidget *parent = nullptr);

    // Where the profiles file is: history and saved requests live beside it.
    void setDataDirectory(const QString &directory);
    // The keychain service that holds secret variables' values.
    void setKeychainService(const QString &service);
    // The selected profile's session (nullptr: none); shows that profile's calls.
    void setSession(Session *session);
    void send(const ApiRequest &request);
    // Resolves the request's placeholders and sends it; label marks it in the history.
    void sendDraft(const SavedRequest &draft, const QString &label = QString());
    // Adds an exchange made elsewhere (a probe cell) to the history, shows it and fills the editor with its request.
    void showExchange(const ApiExchange &exchange);

Q_SIGNALS:
    // "Log in again asking for SCOPE".
    void loginWithScopeRequested(const QString &scope);
    // What was just done, for the status bar ("Copied a curl command ...").
    void statusMessage(const QString &sentence);

protected:
    void showEvent(QShowEvent *event) override;

private:
    // Counts the call as pending for its profile until the job ends, then records it.
    void start(SendJob *job, const QString &label);
    void record(const QString &profile, const ApiExchange &exchange, const QString &label, const QList<QByteArray> &secrets = {});
    void fillEditor(const ApiRequest &request);
    void sendEndpoint(const QString &path);
    void sendEditor();
    void saveEditor();
    void resendSelected();
    void editSelected();
    void showRow(int row);
    void copyCurl(bool withToken);
    void showProfile();
    void showReady();
    void problem(const QString &sentence);
    RequestVariables variables() const;

    // One profile's view state (not session state): its last call, whole, and the one shown.
    struct Model
    {
        int pending = 0;
        QString shownId;
        QString lastId;
        std::optional<ApiExchange> last;
        QList<QByteArray> lastSecrets; // the secret variables' values last's request used
    };
    Model &model() { return m_models[m_profile.name]; }

    QNetworkAccessManager *m_network;
    QPointer<Session> m_session;
    Profile m_profile;
    QString m_directory;
    QString m_service;
    QString m_openedPath; // the saved request in the editor, if any
    QHash<QString, Model> m_models;

    QPushButton *m_public;
    QPushButton *m_private;
    QPushButton *m_scoped;
    QCheckBox *m_noToken;
    QCheckBox *m_sendExpired;
    QProgressBar *m_busy;
    RequestEditor *m_editor;
    ResponseView *m_response;
    QTabWidget *m_sidebar;
    HistoryModel *m_history;
    QListView *m_historyList;
    QLabel *m_historyHint;
    QPushButton *m_resend;
    QPushButton *m_edit;
    SavedRequestsPanel *m_saved;
    VariablesEditor *m_variables;
};
