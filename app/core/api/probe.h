// The authorization probe: for each protected endpoint of a plan, the cases
// a QA engineer tries by hand every release, generated from the current
// token without any help from the issuer, each with the answer a secure API
// gives (RFC 6750 3.1) and what it means when the API answers otherwise.
//
// Pure parts: ProbePlan (its JSON form and the quickstart default) and
// ProbeCase generation and judging. ProbeRunner sends the matrix through
// ApiClient with a bounded number of requests in flight and emits exactly
// one finished() per run.
#pragma once

#include "api/apiclient.h"
#include "storage/profile.h"

#include <QObject>
#include <QQueue>

struct ProbeEndpoint
{
    enum class Need { Public, AnyToken, Scopes };
    QByteArray method = "GET";
    QString path;
    Need need = Need::AnyToken;
    QStringList scopes;  // for Need::Scopes
};

struct ProbePlan
{
    QList<ProbeEndpoint> endpoints;

    static ProbePlan quickstart(const Profile &profile);
    static std::optional<ProbePlan> fromJson(const QByteArray &json, QString *error);
    QByteArray toJson() const;
};

// The tokens a probe may use; all but good are optional.
struct ProbeTokens
{
    QByteArray good;            // a valid access token with every scope the plan needs
    QByteArray narrow;          // valid, but lacking the plan's scopes
    QByteArray otherAudience;   // valid, issued for another audience
    QByteArray expired;         // valid once, now expired
};

struct ProbeCase
{
    QString id;                 // "no-token", "signature-altered", ...
    QString title;
    QByteArray authorization;   // the whole header value; empty: no header
    QList<int> expectedStatus;  // any of these passes
    QString expectedError;      // the WWW-Authenticate error, when one applies
    QString flaw;               // what a wrong answer reveals
};

struct ProbeCell
{
    ProbeEndpoint endpoint;
    ProbeCase probe;
    ApiExchange exchange;
    bool passed = false;
    QString verdict;            // for a failed cell: what a secure API answers, and why
};

namespace ProbeCases {

// The cases for one endpoint. Token-based cases need tokens.good; the
// optional tokens add their cases when present.
QList<ProbeCase> generate(const ProbeEndpoint &endpoint, const ProbeTokens &tokens);
// Judges an answer against the case.
void judge(ProbeCell &cell);

} // namespace ProbeCases

class ProbeRunner : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(ProbeRunner)

public:
    ProbeRunner(QNetworkAccessManager *network, QObject *parent = nullptr);

    void setMaxInFlight(int n) { m_maxInFlight = qBound(1, n, 16); }
    // Runs the plan against profile.apiBase; the tokens are sent only there.
    void start(const Profile &profile, const ProbePlan &plan, const ProbeTokens &tokens);
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void progress(int done, int total);
    void cellFinished(int index, const ProbeCell &cell);
    void finished(const QList<ProbeCell> &cells);

private:
    void pump();

    ApiClient *m_client;
    QList<ProbeCell> m_cells;
    QQueue<int> m_queue;
    int m_inFlight = 0;
    int m_done = 0;
    int m_maxInFlight = 4;
    bool m_running = false;
    Profile m_profile;
};

// JUnit XML (the format CI systems read): one testsuite per endpoint, one
// testcase per cell, a failure element with the verdict for red cells.
namespace ProbeReport {
QByteArray junit(const QList<ProbeCell> &cells, const QString &suiteName);
QByteArray json(const QList<ProbeCell> &cells);
}
