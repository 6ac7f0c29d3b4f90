// SPDX-License-Identifier: MIT
// The probe's runner: gets the material ready (ProbePreparation: the
// issuer's keys, the extra tokens checked, a fresh key and its key server),
// then sends every cell of a plan (its endpoints by their generated cases)
// through ApiClient to the profile's API, with a bounded number of
// requests in flight, and grades each answer as it arrives.
//
// Contract: each start() emits progress() as cells finish and exactly one
// finished() with every cell, also for a plan with no cells. The cases
// carry their own credentials, sent only to profile.apiBase. notes() then
// says which extra tokens were not used and why.
#pragma once

#include "api/apiclient.h"
#include "api/probecases.h"
#include "api/probeplan.h"
#include "api/probereport.h"
#include "storage/profile.h"

#include <QObject>
#include <QPointer>
#include <QQueue>
#include <QSet>

class ProbePreparation;

class ProbeRunner : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(ProbeRunner)

public:
    ProbeRunner(QNetworkAccessManager *network, QObject *parent = nullptr);

    void setMaxInFlight(int n) { m_maxInFlight = qBound(1, n, 16); }
    // Runs the plan against profile.apiBase; the tokens are sent only there.
    // A start() while a run is under way starts over: the earlier run's
    // answers are dropped and it emits no finished().
    void start(const Profile &profile, const ProbePlan &plan, const ProbeTokens &tokens);
    bool isRunning() const { return m_running; }
    // After finished(): why extra tokens or the minted cases were not used.
    QList<DeferredText> notes() const { return m_notes; } // English; text() to show one

Q_SIGNALS:
    // total counts the cells to send known so far: cases are made a slice of
    // endpoints at a time (re-signing tokens takes milliseconds per
    // endpoint), so it grows until the last endpoint's cases are made, while
    // the first are already being sent and the event loop stays free.
    void progress(int done, int total);
    void finished(const QList<ProbeCell> &cells);

private:
    void run(const ProbePlan &plan, const ProbeMaterial &material);
    // Makes the cases of the next endpoints, for a few milliseconds, then
    // sends what it can and comes back through the event loop for the rest.
    void makeSomeCases();
    void pump();
    void sendRaw(int index);
    void onAnswer(int index, const ApiExchange &exchange);
    void complete();
    ApiRequest requestFor(const ProbeCell &cell);
    // The DPoP header of a case's request, made now (RFC 9449 4.2), as the case wants it.
    QByteArray proofFor(const ProbeCase &c, const QByteArray &method, const QUrl &url) const;

    QNetworkAccessManager *m_network;
    ApiClient *m_client;
    QPointer<ProbePreparation> m_preparation;
    QList<ProbeCell> m_cells;
    std::shared_ptr<DpopSigner> m_dpop;             // a DPoP-bound probed token's proof key
    QSet<int> m_nonceRetried;                       // cells sent again with the API's DPoP nonce
    std::shared_ptr<const PrivateKey> m_otherKey;   // signs the proof from a key the token is not bound to
    QQueue<int> m_queue;
    QList<DeferredText> m_notes;
    int m_inFlight = 0;
    int m_done = 0;
    int m_toSend = 0;
    int m_maxInFlight = 4;
    bool m_running = false;
    quint64 m_generation = 0; // which run an answer belongs to
    ProbePlan m_plan;         // the run's plan and material, while its cases are being made
    ProbeMaterial m_material;
    int m_nextEndpoint = 0;
    bool m_making = false;
    Profile m_profile;
    // ProbePlan::of(m_profile), read once per run, and what it says each
    // endpoint ("GET /path") expects: the same for every case of the endpoint.
    ProbePlan m_profilePlan;
    QHash<QString, ApiExpectations> m_expectations;
};
