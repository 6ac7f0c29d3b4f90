// SPDX-License-Identifier: MIT
#include "sandbox/tenantkey.h"
#include "sandbox/signingkey.h"
#include "storage/keychainsecret.h"

#include <QFutureWatcher>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTimer>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSandboxKey, "tokenlab.sandbox", QtInfoMsg)

TenantKey::TenantKey(std::optional<SandboxContinuity> continuity, std::chrono::milliseconds waitTimeout, int maxWaiting,
                     QObject *parent)
    : QObject(parent), m_continuity(std::move(continuity)), m_waitTimeout(waitTimeout), m_maxWaiting(maxWaiting)
{
    if (m_continuity && m_continuity->keychainService.isEmpty())
        m_continuity.reset();
}

TenantKey::TenantKey(std::shared_ptr<const SigningKey> key, QObject *parent)
    : QObject(parent), m_started(true), m_state(State::NewInMemory), m_key(std::move(key))
{
}

TenantKey::~TenantKey()
{
    // Waiting requests are not answered: their server is going away with us,
    // and so are their connections. A key still being generated is given up:
    // quitting does not wait for it.
    m_cancel->store(true);
    m_waiting.clear();
}

void TenantKey::start()
{
    if (m_started)
        return;
    m_started = true;
    load();
}

void TenantKey::load()
{
    if (m_continuity)
        readKeychain();
    else
        generate(false, tr("a new signing key for this run"));
}

void TenantKey::readKeychain()
{
    auto *job = KeychainSecret::read(m_continuity->keychainService, m_continuity->keychainEntry,
                                     m_continuity->keychainTimeout, this);
    connect(job, &KeychainSecret::finished, this, [this](KeychainSecret *job) {
        job->deleteLater();
        if (job->error() == TokenStoreError::None) {
            QByteArray pem = job->secret();
            std::unique_ptr<SigningKey> key = SigningKey::fromPkcs8Pem(pem);
            pem.fill('\0');
            if (key) {
                setKey(std::move(key), State::FromKeychain, tr("the signing key kept in the keychain"));
                return;
            }
            // Not a key we can use (damaged, or written by something else): replace it.
            return generate(true, tr("a new signing key (the keychain entry \"%1\" held no usable key)")
                                          .arg(m_continuity->keychainEntry));
        }
        if (job->error() == TokenStoreError::NotFound)
            return generate(true, tr("a new signing key (none was kept yet)"));
        // The key may be there but unreadable now: do not overwrite it.
        generate(false, tr("a new signing key for this run only, because the keychain could not be read: %1")
                                .arg(job->errorString()));
    });
    job->start();
}

void TenantKey::generate(bool save, const QString &why)
{
    auto *watcher = new QFutureWatcher<std::shared_ptr<const SigningKey>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, save, why] {
        watcher->deleteLater();
        if (!watcher->result())
            return; // given up: only when this tenant is going away
        if (save)
            this->save(watcher->result());
        else
            setKey(watcher->result(), State::NewInMemory, why);
    });
    watcher->setFuture(SigningKey::generateInBackground(m_cancel));
}

void TenantKey::setKey(std::shared_ptr<const SigningKey> key, State state, const QString &note)
{
    m_key = std::move(key);
    setState(state, note);
    Q_EMIT ready();
    releaseWaiting();
}

void TenantKey::setState(State state, const QString &note)
{
    m_state = state;
    m_note = note;
    if (m_key)
        qCDebug(lcSandboxKey).noquote() << "sandbox signing key" << m_key->kid() << "is" << note;
    Q_EMIT stateChanged(state);
}

void TenantKey::save(std::shared_ptr<const SigningKey> key)
{
    setState(State::NewSaving, tr("a new signing key, being saved to the keychain"));
    QByteArray pem = key->toPkcs8Pem();
    auto *job = KeychainSecret::write(m_continuity->keychainService, m_continuity->keychainEntry, pem,
                                      m_continuity->keychainTimeout, this);
    pem.fill('\0');
    connect(job, &KeychainSecret::finished, this, [this, key](KeychainSecret *job) {
        job->deleteLater();
        if (job->error() == TokenStoreError::None)
            setKey(key, State::NewSaved, tr("a new signing key, now kept in the keychain"));
        else
            setKey(key, State::NewInMemory, tr("a new signing key for this run only, because the keychain did not keep it: %1")
                                                    .arg(job->errorString()));
    });
    job->start();
}

void TenantKey::whenReady(const HttpRequest &request, LocalHttpServer::Responder respond, Handler handler)
{
    start(); // the first request that needs the key, when nothing asked for it before
    if (isReady())
        return respond(handler(request));
    if (m_waiting.size() >= m_maxWaiting)
        return respond(unavailable(tr("Too many requests are waiting for the sandbox's signing key; try again in a moment.")));
    Waiting w{m_nextId++, request, std::move(respond), std::move(handler), new QTimer(this)};
    w.timer->setSingleShot(true);
    const quint64 id = w.id;
    connect(w.timer, &QTimer::timeout, this, [this, id] {
        for (qsizetype i = 0; i < m_waiting.size(); ++i) {
            if (m_waiting.at(i).id != id)
                continue;
            Waiting expired = m_waiting.takeAt(i);
            expired.timer->deleteLater();
            expired.respond(unavailable(tr("The sandbox's signing key was not ready within %1 s; try again in a moment.")
                                                .arg(m_waitTimeout.count() / 1000.0)));
            return;
        }
    });
    w.timer->start(m_waitTimeout);
    m_waiting.append(std::move(w));
}

void TenantKey::releaseWaiting()
{
    const QList<Waiting> waiting = std::exchange(m_waiting, {});
    for (const Waiting &w : waiting) {
        w.timer->stop();
        w.timer->deleteLater();
        w.respond(w.handler(w.request));
    }
}

HttpResponse TenantKey::unavailable(const QString &sentence)
{
    const QString text = sentence.isEmpty() ? tr("The sandbox's signing key is not ready yet; try again in a moment.") : sentence;
    HttpResponse r = HttpResponse::json(
            503, QJsonDocument(QJsonObject{{u"error"_s, u"temporarily_unavailable"_s}, {u"error_description"_s, text}})
                         .toJson(QJsonDocument::Compact));
    r.setHeader("Retry-After", "1");
    return r;
}
