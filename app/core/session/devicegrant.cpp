// SPDX-License-Identifier: MIT
#include "session/devicegrant.h"
#include "oauth/deviceauthorization.h"
#include "oauth/tokenendpointclient.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

DeviceGrantJob::DeviceGrantJob(TokenEndpointClient *client, const Request &request, QObject *parent)
    : QObject(parent), m_client(client), m_request(request)
{
    m_pollTimer.setSingleShot(true);
    m_pollTimer.setTimerType(Qt::PreciseTimer); // never early: an early poll would earn a slow_down
    connect(&m_pollTimer, &QTimer::timeout, this, &DeviceGrantJob::poll);
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        finish(std::nullopt, QCoreApplication::translate("Devicegrant", "The device code expired before the sign-in was finished on the other device; log in again for a new code.")
                                     + (m_lastProblem.isEmpty() ? QString() : QCoreApplication::translate("Devicegrant", " The last poll: ") + m_lastProblem));
    });
}

DeviceGrantJob *DeviceGrantJob::start(TokenEndpointClient *client, const Request &request, QObject *parent)
{
    auto *job = new DeviceGrantJob(client, request, parent);
    QTimer::singleShot(0, job, &DeviceGrantJob::requestCodes);
    return job;
}

void DeviceGrantJob::cancel()
{
    finish(std::nullopt, QCoreApplication::translate("Devicegrant", "The device login was cancelled; no tokens were kept."), true);
}

void DeviceGrantJob::requestCodes()
{
    if (m_done)
        return;
    Q_EMIT progress(QCoreApplication::translate("Devicegrant", "Asking %1 for a device code (RFC 8628)").arg(m_request.deviceEndpoint.toString()));
    // No DPoP proof here: RFC 9449 binds the tokens, which the polls ask for with proofs.
    DeviceAuthorizationJob *job = m_client->authorizeDevice(m_request.deviceEndpoint, m_request.credentials.client, m_request.scope,
                                                            m_request.audience, m_request.resource);
    connect(job, &DeviceAuthorizationJob::finished, this, [this](const DeviceAuthorizationResult &r) {
        if (m_done)
            return;
        for (const QString &note : r.notes)
            Q_EMIT progress(note);
        if (!r.authorization)
            return finish(std::nullopt, r.error);
        m_deviceCode = r.authorization->deviceCode;
        m_interval = r.authorization->interval;
        DevicePrompt prompt;
        prompt.userCode = r.authorization->userCode;
        prompt.verificationUri = r.authorization->verificationUri;
        prompt.verificationUriComplete = r.authorization->verificationUriComplete;
        prompt.expiresIn = r.authorization->expiresIn;
        prompt.interval = m_interval;
        // RFC 8628 3.5: no answer after expires_in can be tokens; stop asking then.
        m_deadline.start(m_request.second * r.authorization->expiresIn);
        m_pollTimer.start(m_request.second * m_interval);
        Q_EMIT codeReady(prompt);
    });
}

void DeviceGrantJob::poll()
{
    if (m_done)
        return;
    ++m_polls;
    TokenJob *job = m_client->exchangeDeviceCode(m_request.tokenEndpoint, m_request.credentials.client, m_deviceCode,
                                                 m_request.scope, m_request.credentials.dpop);
    connect(job, &TokenJob::finished, this, [this, job](const std::optional<TokenSet> &tokens, const QString &error) {
        if (m_done)
            return;
        for (const QString &note : job->notes())
            Q_EMIT progress(note);
        if (tokens)
            return finish(tokens, {});
        const DevicePollOutcome outcome = DevicePollOutcome::classify(job->errorCode(), error, m_interval);
        if (!outcome.keepPolling())
            return finish(std::nullopt, outcome.sentence);
        if (outcome.kind == DevicePollOutcome::Kind::SlowDown)
            Q_EMIT progress(QCoreApplication::translate("Devicegrant", "The issuer asked TokenLab to poll more slowly (slow_down); it now asks every %1 s.").arg(outcome.interval));
        if (outcome.kind == DevicePollOutcome::Kind::Retry) {
            m_lastProblem = outcome.sentence;
            Q_EMIT progress(QCoreApplication::translate("Devicegrant", "%1 TokenLab asks again in %2 s, while the code holds.").arg(outcome.sentence).arg(outcome.interval));
        } else {
            m_lastProblem.clear();
        }
        m_interval = outcome.interval;
        m_pollTimer.start(m_request.second * m_interval);
    });
}

void DeviceGrantJob::finish(const std::optional<TokenSet> &tokens, const QString &error, bool cancelled)
{
    if (m_done)
        return;
    m_done = true;
    m_pollTimer.stop();
    m_deadline.stop();
    m_deviceCode.fill(u'\0');
    m_deviceCode.clear();
    m_request.credentials = RequestCredentials();
    // Queued, so that a cancel() from a slot never sees finished() re-enter it.
    QTimer::singleShot(0, this, [this, tokens, error, cancelled] {
        Q_EMIT finished(tokens, error, cancelled);
        deleteLater();
    });
}
