// SPDX-License-Identifier: MIT
// The API tab's request editor: method, URL (a path, {{base}}/path or a
// full URL; {{placeholders}} allowed), a headers table, and a body of one
// type: JSON, form fields (sent url-encoded), or raw text with its content
// type. It edits a SavedRequest draft; the console resolves and sends it.
// Enter in the URL line and Ctrl+Enter anywhere send.
#pragma once

#include "api/savedrequest.h"

#include <QWidget>

class PairsTable;
class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTabWidget;

class RequestEditor : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(RequestEditor)

public:
    explicit RequestEditor(QWidget *parent = nullptr);

    // The fields as a request; folder and name are those of the saved request it came from, if any.
    SavedRequest draft() const;
    void setDraft(const SavedRequest &request);
    void setSendEnabled(bool enabled);
    // Options shown beside the Headers and Body tabs (the console's token options).
    void setOptions(QWidget *options);

Q_SIGNALS:
    void sendRequested();

private:
    void showBodyType();
    void countHeaders();

    QComboBox *m_method;
    QLineEdit *m_url;
    QPushButton *m_send;
    QTabWidget *m_tabs;
    PairsTable *m_headers;
    QComboBox *m_bodyType;
    QLineEdit *m_contentType;
    QStackedWidget *m_bodyStack;
    QPlainTextEdit *m_body;
    PairsTable *m_form;
    QString m_folder;
    QString m_name;
    bool m_withToken = true;
};
