#include "api/proberunner.h"

#include <QTimer>

ProbeRunner::ProbeRunner(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), m_client(new ApiClient(network, systemClock(), this))
{
}

void ProbeRunner::start(const Profile &profile, const ProbePlan &plan, const ProbeTokens &tokens)
{
    m_profile = profile;
    m_cells.clear();
    m_queue.clear();
    m_inFlight = 0;
    m_done = 0;
    m_running = true;
    // The cases carry their own Authorization header; ApiClient adds none.
    m_client->setCredentials(profile.apiBase, std::nullopt);
    for (const ProbeEndpoint &e : plan.endpoints) {
        for (const ProbeCase &c : ProbeCases::generate(e, tokens)) {
            ProbeCell cell;
            cell.endpoint = e;
            cell.probe = c;
            m_queue.enqueue(int(m_cells.size()));
            m_cells << cell;
        }
    }
    Q_EMIT progress(0, int(m_cells.size()));
    if (m_cells.isEmpty()) {
        m_running = false;
        QTimer::singleShot(0, this, [this] { Q_EMIT finished(m_cells); });
        return;
    }
    pump();
}

void ProbeRunner::pump()
{
    while (m_inFlight < m_maxInFlight && !m_queue.isEmpty()) {
        const int index = m_queue.dequeue();
        const ProbeCell &cell = m_cells.at(index);
        ApiRequest request;
        request.method = cell.endpoint.method;
        request.url = m_profile.apiUrl(cell.endpoint.path);
        request.withToken = false;
        if (!cell.probe.authorization.isEmpty())
            request.headers.append({"Authorization", cell.probe.authorization});
        request.timeout = std::chrono::seconds(15);
        request.expected = ApiExpectations::of(m_profile, request.method, request.url);
        ++m_inFlight;
        connect(m_client->send(request), &ApiCall::finished, this, [this, index](const ApiExchange &x) {
            --m_inFlight;
            ++m_done;
            ProbeCell &c = m_cells[index];
            c.exchange = x;
            ProbeReport::judge(c);
            Q_EMIT progress(m_done, int(m_cells.size()));
            if (m_done == m_cells.size()) {
                m_running = false;
                Q_EMIT finished(m_cells);
                return;
            }
            pump();
        });
    }
}
