// SPDX-License-Identifier: MIT
// A browser for tests that runs inside the test's event loop: it follows
// redirects (keeping cookies), and on the sandbox's pages it picks a user
// and allows or denies consent, so an in-process sandbox and loopback
// receiver can both answer it. Real-browser tests use chromium instead.
#pragma once

#include <QNetworkAccessManager>
#include <QObject>
#include <QStringList>
#include <QUrl>
#include <optional>

class TestBrowser : public QObject
{
    Q_OBJECT

public:
    struct Script
    {
        QString user = QStringLiteral("alice");
        bool allow = true;
        std::optional<QStringList> scopes; // consent to these only; all offered when unset
    };

    explicit TestBrowser(QObject *parent = nullptr) : QObject(parent) { }
    void setScript(const Script &script) { m_script = script; }

    void open(const QUrl &url);
    QUrl lastUrl() const { return m_lastUrl; }
    int lastStatus() const { return m_lastStatus; }
    QByteArray lastBody() const { return m_lastBody; }

Q_SIGNALS:
    // Every URL requested, redirects included.
    void visited(const QUrl &url);
    // The page the journey ended on (a loopback result page, an error page).
    void done(const QUrl &url, int status, const QByteArray &body);

private:
    void get(const QUrl &url, int hops);
    void post(const QUrl &url, const QByteArray &form, int hops);
    void onReply(class QNetworkReply *reply, int hops);

    QNetworkAccessManager m_network;
    Script m_script;
    QUrl m_lastUrl;
    int m_lastStatus = 0;
    QByteArray m_lastBody;
};
