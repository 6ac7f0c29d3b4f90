// SPDX-License-Identifier: MIT
// One call from the API tab, from a request with placeholders to the
// answer: check the placeholders (so nothing goes when one is wrong), read
// the secret variables it uses from the keychain, ask the Session for
// fresh tokens (renewed when expired), fill in {{token}} with the token
// this call carries, and send it through ApiClient.
//
// Contract: start() runs it; finished(this) follows exactly once, never
// before start() returns, on every path: sent (exchange()), or not sent
// with a sentence (problem()). progress() says what it waits for.
//
//   console          SendJob        SecretVariablesJob   Session    ApiClient
//     | start()        |                  |                 |           |
//     |--------------->| check            |                 |           |
//     |                |----------------->| (secrets used)  |           |
//     |                |<-- finished -----|                 |           |
//     |                |-- freshTokens() ------------------>|           |
//     |                |<------------------- finished ------|           |
//     |                |-- send() ------------------------------------->|
//     |<-- finished ---|<-------------------------------------- finished |
#pragma once

#include "api/apiclient.h"
#include "api/savedrequest.h"
#include "storage/profile.h"

#include <QCoreApplication>
#include <QObject>
#include <QPointer>

class Session;

class SendJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(SendJob)

public:
    // The session's profile is the one called, whatever is selected meanwhile.
    SendJob(QNetworkAccessManager *network, Session *session, QObject *parent = nullptr);

    // A request with placeholders: plain variables, the names of secret ones
    // (read from the keychain service), and sendExpired to send the token
    // the session holds even when it has expired.
    void setDraft(const SavedRequest &draft, const RequestVariables &plain, const QStringList &secretNames, const QString &service);
    // A request as it is (sent again from the history, a probe case).
    void setRequest(const ApiRequest &request);
    void setSendExpired(bool sendExpired) { m_sendExpired = sendExpired; }

    void start();

    QString profile() const { return m_profile.name; }
    bool sent() const { return m_exchange.has_value(); }
    const ApiExchange &exchange() const { return *m_exchange; }
    QString problem() const { return m_problem; }
    // The secret values the request used, for whatever keeps a record of it to scrub.
    QList<QByteArray> secrets() const { return m_secrets; }

Q_SIGNALS:
    void progress(const QString &sentence);
    void finished(SendJob *job);

private:
    void readSecrets();
    void getTokens();
    // The tokens the session holds, expired or not, with a DPoP-bound token's signer.
    void sendHeld();
    void send(const std::optional<TokenSet> &tokens, bool expiredOnPurpose, const std::shared_ptr<DpopSigner> &dpop = {});
    void fail(const QString &sentence);

    QNetworkAccessManager *m_network;
    QPointer<Session> m_session;
    Profile m_profile;
    std::optional<SavedRequest> m_draft;
    std::optional<ApiRequest> m_request;
    RequestVariables m_variables;
    QStringList m_secretNames;
    QString m_service;
    bool m_sendExpired = false;
    bool m_withToken = true;
    std::optional<ApiExchange> m_exchange;
    QString m_problem;
    QList<QByteArray> m_secrets;
};
