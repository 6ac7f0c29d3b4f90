// SPDX-License-Identifier: MIT
#include "session/loginflow.h"
#include "storage/profilelock.h"
#include "oauth/authorizationrequest.h"
#include "oauth/discoveryclient.h"
#include "jose/jwt.h"
#include "oauth/loopbackreceiver.h"
#include "oauth/pkce.h"
#include "util/securerandom.h"
#include "oauth/dpopsigner.h"
#include "oauth/tokenendpointclient.h"

#include <QCoreApplication>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcFlow, "tokenlab.flow", QtInfoMsg)

LoginFlow::LoginFlow(QNetworkAccessManager *network, DiscoveryClient *discovery, TokenStore *store, Clock clock,
                     QObject *parent)
    : QObject(parent),
      m_network(network),
      m_discovery(discovery),
      m_store(store),
      m_clock(std::move(clock)),
      m_tokenClient(new TokenEndpointClient(network, m_clock, this))
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        QString sentence = QCoreApplication::translate("LoginFlow", "The login timed out: nobody came back from the browser within %1 s.").arg(m_options.timeout.count());
        if (m_receiver && m_receiver->rejectedCount() > 0)
            sentence += QCoreApplication::translate("LoginFlow", " TokenLab refused %1 request(s) at the redirect listener; the last: %2")
                                .arg(m_receiver->rejectedCount())
                                .arg(m_receiver->lastRejection());
        fail(sentence);
    });
    m_storeTimeout.setSingleShot(true);
    connect(&m_storeTimeout, &QTimer::timeout, this, [this] {
        onStored(m_profile.name, TokenStoreError::Timeout,
                 QCoreApplication::translate("LoginFlow", "The token store did not answer in time; the tokens are kept in memory for this run."));
    });
}

LoginFlow::~LoginFlow()
{
    cleanup();
}

bool LoginFlow::isRunning() const
{
    return m_state == State::Discovering || m_state == State::WaitingForBrowser || m_state == State::WaitingForDevice
            || m_state == State::Exchanging;
}

QString LoginFlow::stateName(State state)
{
    switch (state) {
    case State::Idle: return QCoreApplication::translate("LoginFlow", "Not signed in");
    case State::Discovering: return QCoreApplication::translate("LoginFlow", "Reading the issuer's configuration…");
    case State::WaitingForBrowser: return QCoreApplication::translate("LoginFlow", "Waiting for you to sign in in the browser…");
    case State::WaitingForDevice: return QCoreApplication::translate("LoginFlow", "Waiting for you to sign in on the other device…");
    case State::Exchanging: return QCoreApplication::translate("LoginFlow", "Exchanging the code for tokens…");
    case State::SignedIn: return QCoreApplication::translate("LoginFlow", "Signed in");
    case State::Failed: return QCoreApplication::translate("LoginFlow", "Login failed");
    case State::Cancelled: return QCoreApplication::translate("LoginFlow", "Login cancelled");
    }
    return {};
}

void LoginFlow::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    qCDebug(lcFlow) << "login state:" << stateName(state);
    Q_EMIT stateChanged(state);
}

void LoginFlow::start(const Profile &profile)
{
    start(profile, Options());
}

void LoginFlow::start(const Profile &profile, const Options &options)
{
    if (isRunning())
        cancel();
    cleanup();
    ++m_attempt;
    m_profile = profile;
    m_options = options;
    // The profile's own choice: its logins go through another device (RFC 8628).
    if (profile.device)
        m_options.device = Options::Device::On;
    m_tokenClient->setTimeout(m_options.tokenTimeout);
    m_metadata.reset();
    m_credentials = RequestCredentials();
    m_pushed = false;
    m_useDevice = false;
    m_authorizationUrl.clear();
    m_pending = LoginResult();
    const QStringList problems = profile.validate();
    setState(State::Discovering);
    m_timeout.start(m_options.timeout);
    if (!problems.isEmpty()) {
        // Still asynchronous: finished() never fires inside start().
        const QString sentence = QCoreApplication::translate("LoginFlow", "The profile is not usable: ") + problems.join(u' ');
        QTimer::singleShot(0, this, [this, sentence, attempt = m_attempt] {
            if (attempt == m_attempt)
                fail(sentence);
        });
        return;
    }
    Q_EMIT progress(QCoreApplication::translate("LoginFlow", "Reading %1").arg(ProviderMetadata::discoveryUrl(profile.issuer).toString()));
    connect(m_discovery->discover(profile.issuer), &DiscoveryJob::finished, this,
            [this, attempt = m_attempt](const DiscoveryResult &result) {
                if (attempt == m_attempt)
                    onDiscovered(result);
            });
}

void LoginFlow::onDiscovered(const DiscoveryResult &result)
{
    if (m_state != State::Discovering)
        return;
    if (!result.metadata)
        return fail(result.error);
    m_metadata = result.metadata;
    using Device = Options::Device;
    if (m_profile.isMachineToMachine()) {
        if (m_options.device == Device::On)
            return fail(QCoreApplication::translate("LoginFlow", "A machine-to-machine profile has no user to sign in on another device; log in without the device flow."));
        return startClientCredentials();
    }
    if (m_options.device == Device::On && m_metadata->deviceAuthorizationEndpoint.isEmpty()) {
        if (m_profile.device)
            return fail(tr("The profile %1 logs in on another device, but its issuer names no device_authorization_endpoint, so it offers "
                           "no device flow (RFC 8628); turn the profile's device setting off to log in through a browser.")
                                .arg(m_profile.name));
        return fail(QCoreApplication::translate("LoginFlow", "The issuer names no device_authorization_endpoint, so it offers no device flow (RFC 8628); log in through a browser instead."));
    }
    if (m_options.device == Device::IfOffered && m_metadata->deviceAuthorizationEndpoint.isEmpty())
        Q_EMIT progress(tr("The issuer names no device_authorization_endpoint, so TokenLab cannot sign in on another device (RFC 8628) "
                           "and uses a browser after all: open the URL below in a browser on this machine, or forward the port of its "
                           "127.0.0.1 redirect over SSH to the machine whose browser you use."));
    m_useDevice = m_options.device == Device::On
            || (m_options.device == Device::IfOffered && !m_metadata->deviceAuthorizationEndpoint.isEmpty());
    // RFC 7636 / RFC 8414: an issuer that lists its PKCE methods must list S256.
    if (!m_useDevice && !m_metadata->codeChallengeMethods.isEmpty() && !m_metadata->codeChallengeMethods.contains(u"S256"_s))
        return fail(QCoreApplication::translate("LoginFlow", "The issuer does not support PKCE with S256 (it lists %1); TokenLab will not log in without it.")
                            .arg(m_metadata->codeChallengeMethods.join(u", ")));

    // The keys come first: the authorization request names the DPoP key.
    connect(RequestCredentialsJob::load(m_profile, *m_metadata, m_store, m_clock, RequestCredentialsJob::DpopKey::CreateMissing, this),
            &RequestCredentialsJob::finished, this, [this, attempt = m_attempt](const RequestCredentials &c, const QString &e) {
                if (attempt == m_attempt)
                    onCredentials(c, e);
            });
}

void LoginFlow::onCredentials(const RequestCredentials &credentials, const QString &error)
{
    if (m_state != State::Discovering)
        return;
    if (!error.isEmpty())
        return fail(error);
    m_credentials = credentials;
    for (const QString &note : credentials.notes)
        Q_EMIT progress(note);
    if (m_useDevice)
        return startDeviceGrant();
    const bool push = m_profile.par || m_metadata->requirePushedAuthorizationRequests;
    if (push && m_metadata->pushedAuthorizationRequestEndpoint.isEmpty())
        return fail(QCoreApplication::translate("LoginFlow", "The profile asks for pushed authorization requests, but the issuer names no pushed_authorization_request_endpoint; turn PAR off for this profile."));

    m_receiver = new LoopbackReceiver(this);
    if (!m_receiver->listen(m_profile.redirectHost, m_profile.redirectPort))
        return fail(m_receiver->errorString());
    m_redirectUri = m_profile.redirectUri(m_receiver->port());
    m_stateParam = QString::fromLatin1(SecureRandom::token(32));
    m_nonce = QString::fromLatin1(SecureRandom::token(32));
    m_verifier = Pkce::generateVerifier();

    CallbackExpectation expectation;
    expectation.path = m_profile.redirectPath.toUtf8();
    expectation.state = m_stateParam;
    expectation.issuer = m_metadata->issuer;
    expectation.issuerSendsIss = m_metadata->issParameterSupported;
    m_receiver->expect(expectation);
    connect(m_receiver, &LoopbackReceiver::finished, this, &LoginFlow::onCallback);
    connect(m_receiver, &LoopbackReceiver::rejected, this, [this](const QString &reason) { Q_EMIT progress(reason); });

    AuthorizationRequest request;
    request.authorizationEndpoint = m_metadata->authorizationEndpoint;
    request.clientId = m_profile.clientId;
    request.redirectUri = m_redirectUri;
    request.scope = m_profile.scope;
    request.audience = m_profile.audience;
    request.resource = m_profile.resource;
    request.state = m_stateParam;
    request.nonce = m_profile.scope.split(u' ').contains(u"openid"_s) ? m_nonce : QString();
    request.codeChallenge = Pkce::challengeS256(m_verifier);
    request.extraParams = m_profile.extraParams + m_options.extraParams;
    if (m_credentials.dpop)
        request.dpopJkt = m_credentials.dpop->thumbprint();
    Q_EMIT progress(QCoreApplication::translate("LoginFlow", "Listening for the browser at %1").arg(m_redirectUri.toString()));
    if (!push)
        return openBrowser(request.url());

    const QUrl parEndpoint = m_metadata->pushedAuthorizationRequestEndpoint;
    Q_EMIT progress(QCoreApplication::translate("LoginFlow", "Pushing the authorization request to %1 (PAR, RFC 9126%2)").arg(
            parEndpoint.toString(), m_metadata->requirePushedAuthorizationRequests ? QCoreApplication::translate("LoginFlow", "; the issuer requires it") : QString()));
    PushJob *job = m_tokenClient->pushAuthorization(parEndpoint, request.parameters(), m_credentials.client, m_credentials.dpop);
    connect(job, &PushJob::finished, this, [this, attempt = m_attempt, endpoint = request.authorizationEndpoint](const PushedAuthorization &r) {
        if (attempt != m_attempt || m_state != State::Discovering)
            return;
        for (const QString &note : r.notes)
            Q_EMIT progress(note);
        if (!r.error.isEmpty())
            return fail(r.error);
        m_pushed = true;
        Q_EMIT progress(QCoreApplication::translate("LoginFlow", "The issuer keeps the request for %1 s; the browser gets only client_id and request_uri.").arg(r.expiresIn));
        openBrowser(AuthorizationRequest::pushedUrl(endpoint, m_profile.clientId, r.requestUri));
    });
}

void LoginFlow::startDeviceGrant()
{
    m_timeout.stop(); // the device code's expires_in is the deadline
    DeviceGrantJob::Request request;
    request.deviceEndpoint = m_metadata->deviceAuthorizationEndpoint;
    request.tokenEndpoint = m_metadata->tokenEndpoint;
    request.scope = m_profile.scope;
    request.audience = m_profile.audience;
    request.resource = m_profile.resource;
    request.credentials = m_credentials;
    request.second = m_options.deviceSecond;
    m_device = DeviceGrantJob::start(m_tokenClient, request, this);
    connect(m_device, &DeviceGrantJob::progress, this, &LoginFlow::progress);
    connect(m_device, &DeviceGrantJob::codeReady, this, [this](const DevicePrompt &prompt) {
        setState(State::WaitingForDevice);
        Q_EMIT deviceCodeReady(prompt);
    });
    connect(m_device, &DeviceGrantJob::finished, this,
            [this, attempt = m_attempt](const std::optional<TokenSet> &tokens, const QString &error, bool cancelled) {
                if (attempt != m_attempt || cancelled)
                    return;
                setState(State::Exchanging);
                onTokens(tokens, error);
            });
}

void LoginFlow::openBrowser(const QUrl &url)
{
    m_authorizationUrl = url;
    setState(State::WaitingForBrowser);
    Q_EMIT openBrowserRequested(m_authorizationUrl);
}

void LoginFlow::startClientCredentials()
{
    // RFC 6749 4.4: no browser, no user; the client's own credentials.
    setState(State::Exchanging);
    m_timeout.stop(); // no browser here: the keychain and the token request have their own timeouts
    Q_EMIT progress(QCoreApplication::translate("LoginFlow", "Reading the client's credentials from %1").arg(m_store->backendName()));
    auto *credentials = RequestCredentialsJob::load(m_profile, *m_metadata, m_store, m_clock, RequestCredentialsJob::DpopKey::CreateMissing, this);
    connect(credentials, &RequestCredentialsJob::finished, this, [this, attempt = m_attempt](const RequestCredentials &c, const QString &e) {
        if (attempt != m_attempt)
            return;
        if (!e.isEmpty())
            return fail(e);
        m_credentials = c;
        for (const QString &note : c.notes)
            Q_EMIT progress(note);
        Q_EMIT progress(QCoreApplication::translate("LoginFlow", "Asking %1 for a token with the client credentials (%2%3)").arg(
                m_metadata->tokenEndpoint.toString(), c.client.methodName(), c.dpop ? u", DPoP"_s : QString()));
        TokenJob *job = m_tokenClient->clientCredentials(m_metadata->tokenEndpoint, c.client, m_profile.audience, m_profile.resource,
                                                         m_profile.scope == QString::fromLatin1(Profile::DefaultScope) ? QString() : m_profile.scope,
                                                         c.dpop);
        connect(job, &TokenJob::finished, this, [this, attempt, job](const std::optional<TokenSet> &t, const QString &e) {
            if (attempt != m_attempt)
                return;
            for (const QString &note : job->notes())
                Q_EMIT progress(note);
            onTokens(t, e);
        });
    });
}

void LoginFlow::onCallback(const AuthorizationCallback &callback)
{
    if (m_state != State::WaitingForBrowser)
        return;
    if (callback.outcome != AuthorizationCallback::Outcome::Code)
        return fail(callback.reason);
    setState(State::Exchanging);
    m_timeout.stop(); // the browser is back; from here the token request's own timeout applies
    Q_EMIT progress(QCoreApplication::translate("LoginFlow", "Exchanging the code at %1").arg(m_metadata->tokenEndpoint.toString()));
    TokenJob *job = m_tokenClient->exchangeCode(m_metadata->tokenEndpoint, m_credentials.client, callback.code, m_verifier,
                                                m_redirectUri, m_profile.scope, m_credentials.dpop);
    connect(job, &TokenJob::finished, this, [this, job, attempt = m_attempt](const std::optional<TokenSet> &t, const QString &e) {
        if (attempt != m_attempt)
            return;
        for (const QString &note : job->notes())
            Q_EMIT progress(note);
        onTokens(t, e);
    });
}

void LoginFlow::onTokens(const std::optional<TokenSet> &tokens, const QString &error)
{
    if (m_state != State::Exchanging)
        return;
    if (!tokens)
        return fail(error);
    LoginResult result;
    result.ok = true;
    result.profile = m_profile.name;
    result.tokens = *tokens;
    result.nonce = m_useDevice ? QString() : m_nonce; // the inspector checks no nonce after a device login
    result.pushed = m_pushed;
    result.device = m_useDevice;
    if (m_profile.isMachineToMachine()) {
        // The subject of a client credentials token is the client itself.
        const DecodedJwt access = Jwt::decode(tokens->accessToken.toLatin1());
        result.subject = access.ok() ? access.payload.value(u"sub").toString() : m_profile.clientId;
    }
    if (!tokens->idToken.isEmpty()) {
        // RFC 8628 has no nonce: the device authorization request carries none.
        const bool sentNonce = !m_useDevice && m_profile.scope.split(u' ').contains(u"openid"_s);
        result.idToken = IdTokenChecks::run(tokens->idToken, m_metadata->issuer, m_profile.clientId,
                                            sentNonce ? m_nonce : QString(), m_clock());
        if (!result.idToken.passed())
            return fail(QCoreApplication::translate("LoginFlow", "The id_token failed its checks: ") + result.idToken.firstFailure() + QCoreApplication::translate("LoginFlow", " The tokens were discarded."));
        result.subject = result.idToken.subject;
    } else if (m_profile.scope.split(u' ').contains(u"openid"_s) && !m_profile.isMachineToMachine()) {
        Q_EMIT progress(QCoreApplication::translate("LoginFlow", "The issuer sent no id_token although openid was requested."));
    }
    m_pending = result;
    Q_EMIT progress(QCoreApplication::translate("LoginFlow", "Keeping the tokens in %1").arg(m_store->backendName()));
    m_storeTimeout.start(m_options.storeTimeout);
    // Saved under the profile's session lock, so a renewal of the previous
    // login running in another process cannot write its tokens over these.
    auto *lock = new ProfileLockJob(m_store->scope(), m_profile.name, ProfileLock::Kind::Session, m_options.storeTimeout, this);
    connect(lock, &ProfileLockJob::finished, this, [this, lock, attempt = m_attempt](bool locked) {
        lock->deleteLater();
        if (attempt != m_attempt)
            return;
        if (!locked)
            return onStored(m_profile.name, TokenStoreError::Timeout, lock->errorString());
        std::shared_ptr<ProfileLock> held(lock->takeLock());
        connect(m_store->save(m_profile.name, m_pending.tokens), &TokenStoreJob::finished, this,
                [this, attempt, held](TokenStoreJob *saved) mutable {
                    held.reset(); // saved: other processes may go on
                    if (attempt == m_attempt)
                        onStored(m_profile.name, saved->error(), saved->errorString());
                });
    });
    lock->start();
}

void LoginFlow::onStored(const QString &profile, TokenStoreError error, const QString &message)
{
    if (m_state != State::Exchanging || !m_pending.ok || profile != m_profile.name)
        return;
    m_storeTimeout.stop();
    LoginResult result = m_pending;
    if (error != TokenStoreError::None)
        result.storageWarning = message.isEmpty() ? QCoreApplication::translate("LoginFlow", "The tokens could not be saved; they are kept in memory for this run.") : message;
    finish(result);
}

void LoginFlow::cancel()
{
    if (!isRunning())
        return;
    LoginResult result;
    result.cancelled = true;
    result.profile = m_profile.name;
    result.error = QCoreApplication::translate("LoginFlow", "The login was cancelled; no tokens were requested or kept.");
    if (m_state == State::Exchanging)
        result.error = QCoreApplication::translate("LoginFlow", "The login was cancelled while exchanging the code; any tokens that arrive are discarded.");
    finish(result);
}

void LoginFlow::fail(const QString &sentence)
{
    if (!isRunning())
        return;
    LoginResult result;
    result.profile = m_profile.name;
    result.error = sentence;
    finish(result);
}

void LoginFlow::finish(LoginResult result)
{
    ++m_attempt; // late answers of this attempt are ignored from now on
    m_timeout.stop();
    m_storeTimeout.stop();
    cleanup();
    setState(result.ok ? State::SignedIn : result.cancelled ? State::Cancelled : State::Failed);
    if (!result.ok)
        qCDebug(lcFlow) << "login ended:" << result.error;
    Q_EMIT finished(result);
}

void LoginFlow::cleanup()
{
    if (m_device) {
        m_device->disconnect(this);
        m_device->cancel();
        m_device = nullptr;
    }
    if (m_receiver) {
        m_receiver->stop();
        m_receiver->disconnect(this);
        // Give the browser a moment to receive the result page before the sockets go.
        QTimer::singleShot(std::chrono::seconds(3), m_receiver, &QObject::deleteLater);
        m_receiver = nullptr;
    }
    m_verifier.fill('\0');
    m_verifier.clear();
    m_pending.tokens = TokenSet();
    m_credentials = RequestCredentials(); // the secret and keys stay in memory no longer than the attempt
}
