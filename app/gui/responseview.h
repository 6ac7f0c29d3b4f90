// SPDX-License-Identifier: MIT
// The answer to a call in the API tab: status, time and size, the
// explanation of a failure with what to do, the body shown by its content
// type (ResponseBody), the response headers, and the request as sent with
// the token redacted until revealed. A live call holds its whole body (up
// to ApiClient::MaxBodyBytes) and can save it to a file; a call read back
// from the history holds what the history keeps, and no token.
#pragma once

#include "api/apiclient.h"

#include <QWidget>
#include <optional>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTreeWidget;

class ResponseView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(ResponseView)

public:
    explicit ResponseView(QWidget *parent = nullptr);

    // live: made in this run, so its token can be revealed and its whole body saved.
    // secrets: the values of the secret variables the request used, never
    // shown (the history has them redacted already).
    void showExchange(const ApiExchange &exchange, bool live, const QList<QByteArray> &secrets = {});
    // No call shown: a sentence in the status line (Tone::Plain), or a problem (Tone::Error).
    void showMessage(const QString &sentence, bool problem = false);
    void setBusyText(const QString &sentence);
    const std::optional<ApiExchange> &shown() const { return m_exchange; }
    bool saveBody(const QString &path, QString *error) const;

Q_SIGNALS:
    void loginWithScopeRequested(const QString &scope);
    void copyRequested(bool withToken);

private:
    void showRequest();
    void clearAnswer();
    void setStatusFont(bool strong);

    std::optional<ApiExchange> m_exchange;
    bool m_live = false;
    QList<QByteArray> m_secrets;
    QLabel *m_status;
    QLabel *m_explanation;
    QPushButton *m_loginForScope;
    QLabel *m_notes;
    QTabWidget *m_tabs;
    QLabel *m_bodySummary;
    QPushButton *m_saveBody;
    QPlainTextEdit *m_body;
    QTreeWidget *m_headers;
    QPlainTextEdit *m_requestView;
    QCheckBox *m_reveal;
    QPushButton *m_copyCurl;
    QPushButton *m_copyWithToken;
};
