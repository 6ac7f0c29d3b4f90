// SPDX-License-Identifier: MIT
// The browser login: authorization code with PKCE (RFC 7636) over a
// loopback redirect (RFC 8252), one attempt per start().
//
//   TokenLab (LoginFlow)          Browser                 Authorization server
//   ---------------------         -------                 --------------------
//   Discovering  ---- GET /.well-known/openid-configuration ------------->
//                <--------------------------- metadata ------------------
//   client key, DPoP key from the keychain (RequestCredentialsJob)
//   listen on 127.0.0.1:PORT; fresh state, nonce, PKCE verifier
//   [PAR: POST /par the parameters -> request_uri (RFC 9126)]
//   WaitingForBrowser
//     openBrowserRequested(url) -> GET /authorize?...&code_challenge --->
//                                  (or ?client_id&request_uri after PAR)
//                                   user signs in, consents
//                <-- GET http://127.0.0.1:PORT/callback?code&state&iss --
//   check state (CSRF), iss (RFC 9207 mix-up), then the code
//   Exchanging   ---- POST /token code + code_verifier [+ DPoP proof] -->
//                <--------------- access_token, id_token, refresh_token -
//   check id_token: iss, aud, exp, nonce; hand tokens to the TokenStore
//   SignedIn (or Failed / Cancelled, each with a sentence)
//
// A machine-to-machine profile takes the short way: discovery, then the
// client credentials grant (RFC 6749 4.4) with the secret or client key
// from the token store, and no browser at all.
//
// The device login (Options::device, RFC 8628) takes another way after
// the keys: no listener and no browser here; DeviceGrantJob asks for a
// device code, deviceCodeReady() gives the front end the user code and
// URIs to show, and the job polls the token endpoint until the user has
// signed in elsewhere. Its tokens are checked and kept as a browser
// login's are; the deadline is the code's expires_in, not the timeout.
//
// DPoP (RFC 9449): with the profile's dpop on, the authorization request
// carries dpop_jkt and every token request a proof from the profile's key.
// PAR (RFC 9126): used when the profile asks or the issuer requires it.
//
// Contract: the flow never opens a browser itself; it emits
// openBrowserRequested() and the front end decides how. Every start() ends
// in exactly one finished(), on every path: errors, the timeout (default
// five minutes), and cancel(). Secrets (code, verifier, tokens) are never
// logged or put in progress messages.
#pragma once

#include "oauth/authorizationcallback.h"
#include "util/clock.h"
#include "jose/idtokenchecks.h"
#include "storage/profile.h"
#include "oauth/providermetadata.h"
#include "oauth/tokenset.h"
#include "storage/tokenstore.h"
#include "session/devicegrant.h"
#include "session/requestcredentials.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <chrono>

class DiscoveryClient;
class LoopbackReceiver;
class QNetworkAccessManager;
class TokenEndpointClient;
struct DiscoveryResult;

struct LoginResult
{
    bool ok = false;
    bool cancelled = false;
    QString profile;
    QString error;              // one sentence when !ok
    TokenSet tokens;            // empty unless ok
    IdTokenChecks idToken;      // empty when no id_token was issued
    QString subject;
    QString storageWarning;     // signed in, but the store could not keep the tokens
    QString nonce;              // the login's nonce, for the inspector's id_token check
    bool pushed = false;        // the authorization request went through PAR (RFC 9126)
    bool device = false;        // signed in on another device (RFC 8628)
};

class LoginFlow : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(LoginFlow)

public:
    enum class State { Idle, Discovering, WaitingForBrowser, WaitingForDevice, Exchanging, SignedIn, Failed, Cancelled };
    Q_ENUM(State)

    struct Options
    {
        std::chrono::seconds timeout{300};
        std::chrono::seconds storeTimeout{20};
        std::chrono::milliseconds tokenTimeout{30000}; // the code exchange's own limit, once the browser is back
        QList<QPair<QString, QString>> extraParams; // per attempt, e.g. prompt=login
        // RFC 8628: the user signs in on another device; IfOffered when the
        // issuer names a device_authorization_endpoint (else the browser).
        enum class Device { Off, On, IfOffered };
        Device device = Device::Off;
        std::chrono::milliseconds deviceSecond{1000}; // one of the issuer's seconds (tests shorten it)
    };

    LoginFlow(QNetworkAccessManager *network, DiscoveryClient *discovery, TokenStore *store, Clock clock,
              QObject *parent = nullptr);
    ~LoginFlow() override;

    void start(const Profile &profile);
    void start(const Profile &profile, const Options &options);
    void cancel();

    State state() const { return m_state; }
    bool isRunning() const;
    // This attempt signs in on another device (known once the issuer's configuration is read).
    bool usesDevice() const { return m_useDevice; }
    QUrl authorizationUrl() const { return m_authorizationUrl; }
    static QString stateName(State state);

Q_SIGNALS:
    void stateChanged(LoginFlow::State state);
    void progress(const QString &message);
    void openBrowserRequested(const QUrl &url);
    // A device login: what the user must enter on the other device.
    void deviceCodeReady(const DevicePrompt &prompt);
    void finished(const LoginResult &result);

private:
    void setState(State state);
    void onDiscovered(const DiscoveryResult &result);
    void onCredentials(const RequestCredentials &credentials, const QString &error);
    void openBrowser(const QUrl &url);
    void onCallback(const AuthorizationCallback &callback);
    void startClientCredentials();
    void startDeviceGrant();
    void onTokens(const std::optional<TokenSet> &tokens, const QString &error);
    void onStored(const QString &profile, TokenStoreError error, const QString &message);
    void fail(const QString &sentence);
    void finish(LoginResult result);
    void cleanup();

    QNetworkAccessManager *m_network;
    DiscoveryClient *m_discovery;
    TokenStore *m_store;
    Clock m_clock;
    TokenEndpointClient *m_tokenClient;

    State m_state = State::Idle;
    Profile m_profile;
    Options m_options;
    std::optional<ProviderMetadata> m_metadata;
    RequestCredentials m_credentials;
    bool m_pushed = false;
    LoopbackReceiver *m_receiver = nullptr;
    QPointer<DeviceGrantJob> m_device;
    bool m_useDevice = false; // this attempt signs in on another device
    QTimer m_timeout;
    QTimer m_storeTimeout;
    QString m_stateParam;
    QString m_nonce;
    QByteArray m_verifier;
    QUrl m_redirectUri;
    QUrl m_authorizationUrl;
    LoginResult m_pending;  // filled while the store is saving
    quint64 m_attempt = 0;
};
