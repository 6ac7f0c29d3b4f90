// SPDX-License-Identifier: MIT
#include "api/probepreparation.h"
#include "http/localhttpserver.h"
#include "jose/jwt.h"
#include "jose/keyset.h"
#include "jose/privatekey.h"
#include "oauth/discoveryclient.h"
#include "oauth/jwksclient.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>


#include <array>

using namespace Qt::StringLiterals;

namespace {

// The extra tokens by role, in the order the notes name them.
std::array<std::pair<QString, QByteArray *>, 3> extraTokens(ProbeTokens &t)
{
    return {{{u"narrow"_s, &t.narrow}, {u"other-audience"_s, &t.otherAudience}, {u"expired"_s, &t.expired}}};
}

// Leaves the extra tokens out of the probe, each with the reason in the notes.
void discardExtras(ProbeMaterial &m, const QString &why)
{
    for (const auto &[role, token] : extraTokens(m.tokens)) {
        if (token->isEmpty())
            continue;
        m.unfit.insert(role, u"The %1 token was not used: %2."_s.arg(role, why));
        token->clear();
    }
}

bool overlaps(const QStringList &a, const QStringList &b)
{
    for (const QString &s : a) {
        if (b.contains(s))
            return true;
    }
    return false;
}

// The key of the set that verifies the token, or nullptr.
const PublicKey *verifyingKey(const DecodedJwt &jwt, const KeySet &keys)
{
    const QString alg = jwt.header.value(u"alg").toString();
    for (const JwksKey &k : keys.candidates(jwt.header.value(u"kid").toString(), alg)) {
        if (k.key && k.key->verify(alg, jwt.signingInput, jwt.signature))
            return k.key.get();
    }
    return nullptr;
}

} // namespace

ProbePreparation::ProbePreparation(QNetworkAccessManager *network, Clock clock, QObject *parent)
    : QObject(parent), m_discovery(new DiscoveryClient(network, this)), m_jwks(new JwksClient(network, clock, this)), m_clock(std::move(clock))
{
}

ProbePreparation::~ProbePreparation() = default;

QString ProbePreparation::unfitReason(const QString &role, const QByteArray &token, const QByteArray &good, const KeySet &keys, qint64 now,
                                      const QString &apiAudience)
{
    const DecodedJwt jwt = Jwt::decode(token);
    const DecodedJwt probed = Jwt::decode(good);
    if (!jwt.ok() || jwt.kind != JwtKind::Jws)
        return u"it is not a signed JWT, so TokenLab cannot check that it comes from the probed token's issuer"_s;
    if (!verifyingKey(jwt, keys))
        return u"its signature does not verify against the probed issuer's keys: it comes from another issuer or key, and the API would rightly refuse it whatever its scopes"_s;
    const QString iss = jwt.payload.value(u"iss").toString();
    const QString probedIss = probed.payload.value(u"iss").toString();
    if (iss != probedIss)
        return u"its issuer is \"%1\", the probed token's is \"%2\""_s.arg(iss, probedIss);
    const QStringList aud = Jwt::audiences(jwt.payload);
    const QStringList probedAud = apiAudience.isEmpty() ? Jwt::audiences(probed.payload) : QStringList{apiAudience};
    const std::optional<qint64> exp = Jwt::numericDate(jwt.payload.value(u"exp"));
    if (role == u"other-audience") {
        if (overlaps(aud, probedAud) || (aud.isEmpty() && probedAud.isEmpty()))
            return u"it is for the audience the probe tests (%1)"_s.arg(probedAud.join(u", "_s));
    } else if (!overlaps(aud, probedAud) && !(aud.isEmpty() && probedAud.isEmpty())) {
        return u"it is for the audience \"%1\", the API for \"%2\""_s.arg(aud.join(u", "_s), probedAud.join(u", "_s));
    }
    if (role == u"expired") {
        if (!exp)
            return u"it has no exp, so it never expires"_s;
        if (*exp > now)
            return u"it has not expired yet (its exp is %1 seconds from now)"_s.arg(*exp - now);
        if (*exp > now - 5)
            return u"it expired only %1 seconds ago, within the clock skew APIs allow; try again in a few seconds"_s.arg(now - *exp);
    } else if (exp && *exp <= now) {
        return u"it has expired; sign that profile in again"_s;
    }
    return {};
}

void ProbePreparation::start(const Profile &profile, const ProbeTokens &tokens)
{
    m_profile = profile;
    m_material = ProbeMaterial();
    m_material.tokens = tokens;
    m_material.now = m_clock().toSecsSinceEpoch();
    const DecodedJwt good = Jwt::decode(tokens.good);
    m_pending = 1;
    // An expired probed token makes every refusal meaningless: the API would refuse it anyway.
    if (const auto exp = Jwt::numericDate(good.payload.value(u"exp")); exp && *exp <= m_material.now)
        m_material.goodProblem = u"the probed token expired %1 seconds ago, so every refusal would prove nothing; log in again and probe"_s.arg(m_material.now - *exp);
    if (tokens.mintKey && (!good.ok() || good.kind != JwtKind::Jws)) {
        m_material.unfit.insert(u"mint"_s, u"The minted cases did not run: they copy the claims of the probed token, and there is no signed JWT for the probed profile."_s);
        m_material.tokens.mintKey.reset();
    }
    if (tokens.good.isEmpty()) {
        discardExtras(m_material, u"there is no token for the probed profile to compare it with"_s);
    } else if (good.ok() && good.kind == JwtKind::Jws) {
        // A fresh key of the token's own kind, so only the key differs.
        ++m_pending;
        // A watcher owned by this object: its signal never outlives it, whatever the pool thread does.
        auto *watcher = new QFutureWatcher<std::shared_ptr<const PrivateKey>>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
            m_material.freshKey = watcher->result();
            watcher->deleteLater();
            startKeyServer();
            stepDone();
        });
        watcher->setFuture(PrivateKey::generateInBackground(PrivateKey::typeFor(good.header.value(u"alg").toString())));
        ++m_pending;
        if (profile.issuer.isValid() && !profile.issuer.isEmpty()) {
            connect(m_discovery->discover(profile.issuer), &DiscoveryJob::finished, this, [this](const DiscoveryResult &r) {
                if (!r.metadata || !r.metadata->jwksUri.isValid())
                    return onKeys(std::nullopt, r.metadata ? u"the issuer's metadata names no jwks_uri"_s : r.error);
                connect(m_jwks->keys(r.metadata->jwksUri), &JwksJob::finished, this, &ProbePreparation::onKeys);
            });
        } else {
            onKeys(std::nullopt, u"the profile has no issuer"_s);
        }
    } else {
        m_material.issuerKeyProblem = u"the token is not a signed JWT"_s;
        discardExtras(m_material, u"the probed token is not a signed JWT, so TokenLab cannot check that this one fits beside it"_s);
    }
    QMetaObject::invokeMethod(this, &ProbePreparation::stepDone, Qt::QueuedConnection);
}

void ProbePreparation::onKeys(const std::optional<KeySet> &keys, const QString &error)
{
    ProbeTokens &t = m_material.tokens;
    if (!keys) {
        discardExtras(m_material, u"the issuer's keys could not be fetched (%1), so TokenLab cannot check that it fits"_s.arg(error));
    } else {
        const QString apiAudience = m_profile.audience.isEmpty() ? m_profile.resource : m_profile.audience;
        for (const auto &[role, token] : extraTokens(t)) {
            const QString why = token->isEmpty() ? QString() : unfitReason(role, *token, t.good, *keys, m_material.now, apiAudience);
            if (why.isEmpty())
                continue;
            m_material.unfit.insert(role, u"The %1 token was not used: %2."_s.arg(role, why));
            token->clear();
        }
    }
    if (!t.expired.isEmpty()) {
        const auto exp = Jwt::numericDate(Jwt::decode(t.expired).payload.value(u"exp"));
        m_material.expiredSecondsAgo = exp ? m_material.now - *exp : 0;
    }
    const DecodedJwt good = Jwt::decode(t.good);
    if (!keys) {
        m_material.issuerKeyProblem = u"the issuer's keys could not be fetched (%1)"_s.arg(error);
    } else if (const PublicKey *key = verifyingKey(good, *keys)) {
        m_material.issuerKeyPem = key->toPem();
    } else {
        m_material.issuerKeyProblem = u"no key of the issuer verifies the probed token"_s;
    }
    if (t.mintKey) {
        if (!keys) {
            m_material.unfit.insert(u"mint"_s, u"The minted cases did not run: the issuer's keys could not be fetched (%1)."_s.arg(error));
            t.mintKey.reset();
        } else if (!keys->hasKid(t.mintKey->kid())) {
            m_material.unfit.insert(u"mint"_s, u"The minted cases did not run: the issuer %1 does not publish the TokenLab sandbox key (kid %2), so it is not a sandbox of this machine's TokenLab."_s
                                                       .arg(m_profile.issuer.toString(), t.mintKey->kid()));
            t.mintKey.reset();
        } else {
            // A valid token as the issuer makes them: the probed token's claims, or the profile's.
            QJsonObject claims = good.payload;
            if (claims.isEmpty())
                claims = {{u"iss"_s, m_profile.issuer.toString()}, {u"aud"_s, m_profile.audience}, {u"sub"_s, u"tokenlab-probe"_s}, {u"scope"_s, m_profile.scope}};
            m_material.mintClaims = claims;
            m_material.mintTyp = good.header.value(u"typ").toString();
        }
    }
    stepDone();
}

void ProbePreparation::startKeyServer()
{
    if (!m_material.freshKey)
        return;
    const QByteArray jwks = QJsonDocument(QJsonObject{{u"keys"_s, QJsonArray{m_material.freshKey->publicJwk()}}}).toJson(QJsonDocument::Compact);
    const QByteArray cert = m_material.freshKey->selfSignedCertificatePem(u"TokenLab probe"_s);
    m_keyServer = new LocalHttpServer(
            [this, jwks, cert](const HttpRequest &r) {
                const QString path = QString::fromLatin1(r.path);
                m_fetches[path] += 1;
                if (path.startsWith(u"/probe/") && path.endsWith(u"/jwks.json"))
                    return HttpResponse::json(200, jwks);
                if (path.startsWith(u"/probe/") && path.endsWith(u"/cert.pem")) {
                    HttpResponse res = HttpResponse::text(200, cert);
                    res.setHeader("Content-Type", "application/pem-certificate-chain");
                    return res;
                }
                return HttpResponse::text(404, "Not found");
            },
            this);
    if (m_keyServer->listen(QHostAddress::LocalHost))
        m_material.keyServer = QUrl(u"http://127.0.0.1:%1/"_s.arg(m_keyServer->port()));
}

void ProbePreparation::stepDone()
{
    if (--m_pending == 0)
        Q_EMIT ready(m_material);
}
