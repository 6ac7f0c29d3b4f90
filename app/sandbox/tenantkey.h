// SPDX-License-Identifier: MIT
// The sandbox tenant's signing key as it becomes available, and the
// requests that wait for it.
//
// A tenant listens at once; its key arrives a moment later, so that start-up
// never waits for RSA key generation (60-300 ms) or the keychain:
//
//   start()
//     no keychain entry configured:    generate on a worker thread -> NewInMemory
//     keychain read ... a valid key:   FromKeychain
//                   ... nothing there, or not a key we can use:
//                                      generate -> NewSaving -> NewSaved
//                                                            -> NewInMemory (save failed)
//                   ... keychain unavailable, locked, timed out:
//                                      generate -> NewInMemory (never overwrite
//                                      a key that may be there but unreadable)
//
// The key is usable from the first state after Pending and NewSaving
// (ready() then): a new key is saved before it signs anything, so a token
// is never signed by a key that a short-lived process (tokenlab-cli) quit
// before keeping. Requests that need the key (signing, JWKS, verifying)
// wait in whenReady(): at most maxWaiting of them, each at most
// waitTimeout; on every path each is answered exactly once (by its handler,
// or 503 with a sentence). TenantKey never logs the key.
#pragma once

#include "http/localhttpserver.h"
#include "sandbox/sandboxconfig.h"

#include <QList>
#include <QObject>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

class QTimer;
class SigningKey;
class KeychainSecret;

class TenantKey : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(TenantKey)

public:
    enum class State {
        Pending,       // not usable yet
        FromKeychain,  // the key an earlier run kept
        NewSaving,     // a new key being saved to the keychain; not usable yet
        NewSaved,      // a new key, now in the keychain
        NewInMemory,   // a new key for this run only
    };
    Q_ENUM(State)

    using Handler = std::function<HttpResponse(const HttpRequest &)>;

    TenantKey(std::optional<SandboxContinuity> continuity, std::chrono::milliseconds waitTimeout, int maxWaiting,
              QObject *parent = nullptr);
    // Ready from the start, with this key (fuzzing, benchmarks).
    explicit TenantKey(std::shared_ptr<const SigningKey> key, QObject *parent = nullptr);
    ~TenantKey() override;

    // Begins loading or generating; once. Does not wait.
    void start();
    State state() const { return m_state; }
    bool isReady() const { return m_key != nullptr; }
    // nullptr until ready.
    const SigningKey *key() const { return m_key.get(); }
    // Where the key came from, for the activity log; empty while Pending.
    QString note() const { return m_note; }

    // Answers through respond: with handler(request) now if the key is ready,
    // else once it is, or 503 after waitTimeout or when too many wait.
    void whenReady(const HttpRequest &request, LocalHttpServer::Responder respond, Handler handler);
    // 503 with a sentence, for a key that is not ready (yet).
    static HttpResponse unavailable(const QString &sentence = {});

Q_SIGNALS:
    void stateChanged(TenantKey::State state);
    // Once, when the key becomes usable.
    void ready();

protected:
    // What start() begins, once: the keychain read, or a generation. A test
    // overrides it with nothing for a key that never comes.
    virtual void load();

private:
    struct Waiting
    {
        quint64 id = 0;
        HttpRequest request;
        LocalHttpServer::Responder respond;
        Handler handler;
        QTimer *timer = nullptr;
    };

    void readKeychain();
    void generate(bool save, const QString &why);
    void setKey(std::shared_ptr<const SigningKey> key, State state, const QString &note);
    void setState(State state, const QString &note);
    void save(std::shared_ptr<const SigningKey> key);
    void releaseWaiting();

    std::optional<SandboxContinuity> m_continuity;
    std::chrono::milliseconds m_waitTimeout{30000};
    int m_maxWaiting = 64;
    bool m_started = false;
    State m_state = State::Pending;
    QString m_note;
    std::shared_ptr<const SigningKey> m_key;
    QList<Waiting> m_waiting;
    quint64 m_nextId = 1;
    // Set when this tenant goes away: a generation still running is given up.
    std::shared_ptr<std::atomic<bool>> m_cancel = std::make_shared<std::atomic<bool>>(false);
};
