// SPDX-License-Identifier: MIT
#include "api/probepreparation.h"
#include "http/localhttpserver.h"
#include "jose/jwt.h"
#include "jose/keyset.h"
#include "jose/privatekey.h"
#include "oauth/discoveryclient.h"
#include "oauth/jwksclient.h"

#include <QCoreApplication>
#include <QFuture>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>


#include <array>

using namespace Qt::StringLiterals;

namespace {

// Reasons stay English in the material (the reports are English); the
// window and the CLI translate them when they show them.
DeferredText say(const char *source)
{
    return {"ProbePreparation", source};
}

// The extra tokens by role, in the order the notes name them.
std::array<std::pair<QString, QByteArray *>, 3> extraTokens(ProbeTokens &t)
{
    return {{{u"narrow"_s, &t.narrow}, {u"other-audience"_s, &t.otherAudience}, {u"expired"_s, &t.expired}}};
}

// A role's name in "The %1 token was not used": English in the reports,
// translated where shown. The role itself ("other-audience") stays the key.
DeferredText roleName(const QString &role)
{
    if (role == u"narrow")
        //: A token's role in "The %1 token was not used: ..."; where the language needs it, translate it with the word "token" and the pattern without: the token that lacks the scope.
        return say(QT_TRANSLATE_NOOP("ProbePreparation", "narrow"));
    if (role == u"other-audience")
        //: A token's role in "The %1 token was not used: ..."; where the language needs it, translate it with the word "token" and the pattern without: the token for another audience.
        return say(QT_TRANSLATE_NOOP("ProbePreparation", "other-audience"));
    if (role == u"expired")
        //: A token's role in "The %1 token was not used: ..."; where the language needs it, translate it with the word "token" and the pattern without: the expired token.
        return say(QT_TRANSLATE_NOOP("ProbePreparation", "expired"));
    return role;
}

// Leaves the extra tokens out of the probe, each with the reason in the notes.
void discardExtras(ProbeMaterial &m, const DeferredText &why)
{
    for (const auto &[role, token] : extraTokens(m.tokens)) {
        if (token->isEmpty())
            continue;
        m.unfit.insert(role, say(QT_TRANSLATE_NOOP("ProbePreparation", "The %1 token was not used: %2.")).arg(roleName(role), why));
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

DeferredText ProbePreparation::unfitReason(const QString &role, const QByteArray &token, const QByteArray &good, const KeySet &keys, qint64 now,
                                      const QString &apiAudience)
{
    const DecodedJwt jwt = Jwt::decode(token);
    const DecodedJwt probed = Jwt::decode(good);
    if (!jwt.ok() || jwt.kind != JwtKind::Jws)
        return say(QT_TRANSLATE_NOOP("ProbePreparation", "it is not a signed JWT, so TokenLab cannot check that it comes from the probed token's issuer"));
    if (!verifyingKey(jwt, keys))
        return say(QT_TRANSLATE_NOOP("ProbePreparation", "its signature does not verify against the probed issuer's keys: it comes from another issuer or key, and the API would rightly refuse it whatever its scopes"));
    const QString iss = jwt.payload.value(u"iss").toString();
    const QString probedIss = probed.payload.value(u"iss").toString();
    if (iss != probedIss)
        return say(QT_TRANSLATE_NOOP("ProbePreparation", "its issuer is \"%1\", the probed token's is \"%2\"")).arg(iss, probedIss);
    const QStringList aud = Jwt::audiences(jwt.payload);
    const QStringList probedAud = apiAudience.isEmpty() ? Jwt::audiences(probed.payload) : QStringList{apiAudience};
    const std::optional<qint64> exp = Jwt::numericDate(jwt.payload.value(u"exp"));
    if (role == u"other-audience") {
        if (overlaps(aud, probedAud) || (aud.isEmpty() && probedAud.isEmpty()))
            return say(QT_TRANSLATE_NOOP("ProbePreparation", "it is for the audience the probe tests (%1)")).arg(probedAud.join(u", "_s));
    } else if (!overlaps(aud, probedAud) && !(aud.isEmpty() && probedAud.isEmpty())) {
        return say(QT_TRANSLATE_NOOP("ProbePreparation", "it is for the audience \"%1\", the API for \"%2\"")).arg(aud.join(u", "_s), probedAud.join(u", "_s));
    }
    if (role == u"expired") {
        if (!exp)
            return say(QT_TRANSLATE_NOOP("ProbePreparation", "it has no exp, so it never expires"));
        if (*exp > now)
            return say(QT_TRANSLATE_NOOP("ProbePreparation", "it has not expired yet (its exp is %1 seconds from now)")).arg(*exp - now);
        if (*exp > now - 5)
            return say(QT_TRANSLATE_NOOP("ProbePreparation", "it expired only %1 seconds ago, within the clock skew APIs allow; try again in a few seconds")).arg(now - *exp);
    } else if (exp && *exp <= now) {
        return say(QT_TRANSLATE_NOOP("ProbePreparation", "it has expired; sign that profile in again"));
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
        m_material.goodProblem = say(QT_TRANSLATE_NOOP("ProbePreparation", "the probed token expired %1 seconds ago, so every refusal would prove nothing; log in again and probe")).arg(m_material.now - *exp);
    if (tokens.mintKey && (!good.ok() || good.kind != JwtKind::Jws)) {
        m_material.unfit.insert(u"mint"_s, say(QT_TRANSLATE_NOOP("ProbePreparation", "The minted cases did not run: they copy the claims of the probed token, and there is no signed JWT for the probed profile.")));
        m_material.tokens.mintKey.reset();
    }
    if (tokens.good.isEmpty()) {
        discardExtras(m_material, say(QT_TRANSLATE_NOOP("ProbePreparation", "there is no token for the probed profile to compare it with")));
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
                    return onKeys(std::nullopt, r.metadata ? say(QT_TRANSLATE_NOOP("ProbePreparation", "the issuer's metadata names no jwks_uri")) : DeferredText(r.error));
                connect(m_jwks->keys(r.metadata->jwksUri), &JwksJob::finished, this,
                        [this](const std::optional<KeySet> &keys, const QString &error) { onKeys(keys, error); });
            });
        } else {
            onKeys(std::nullopt, say(QT_TRANSLATE_NOOP("ProbePreparation", "the profile has no issuer")));
        }
    } else {
        m_material.issuerKeyProblem = say(QT_TRANSLATE_NOOP("ProbePreparation", "the token is not a signed JWT"));
        discardExtras(m_material, say(QT_TRANSLATE_NOOP("ProbePreparation", "the probed token is not a signed JWT, so TokenLab cannot check that this one fits beside it")));
    }
    QMetaObject::invokeMethod(this, &ProbePreparation::stepDone, Qt::QueuedConnection);
}

void ProbePreparation::onKeys(const std::optional<KeySet> &keys, const DeferredText &error)
{
    ProbeTokens &t = m_material.tokens;
    if (!keys) {
        discardExtras(m_material, say(QT_TRANSLATE_NOOP("ProbePreparation", "the issuer's keys could not be fetched (%1), so TokenLab cannot check that it fits")).arg(error));
    } else {
        const QString apiAudience = m_profile.audience.isEmpty() ? m_profile.resource : m_profile.audience;
        for (const auto &[role, token] : extraTokens(t)) {
            const DeferredText why = token->isEmpty() ? DeferredText() : unfitReason(role, *token, t.good, *keys, m_material.now, apiAudience);
            if (why.isEmpty())
                continue;
            m_material.unfit.insert(role, say(QT_TRANSLATE_NOOP("ProbePreparation", "The %1 token was not used: %2.")).arg(roleName(role), why));
            token->clear();
        }
    }
    if (!t.expired.isEmpty()) {
        const auto exp = Jwt::numericDate(Jwt::decode(t.expired).payload.value(u"exp"));
        m_material.expiredSecondsAgo = exp ? m_material.now - *exp : 0;
    }
    const DecodedJwt good = Jwt::decode(t.good);
    if (!keys) {
        m_material.issuerKeyProblem = say(QT_TRANSLATE_NOOP("ProbePreparation", "the issuer's keys could not be fetched (%1)")).arg(error);
    } else if (const PublicKey *key = verifyingKey(good, *keys)) {
        m_material.issuerKeyPem = key->toPem();
    } else {
        m_material.issuerKeyProblem = say(QT_TRANSLATE_NOOP("ProbePreparation", "no key of the issuer verifies the probed token"));
    }
    if (t.mintKey) {
        if (!keys) {
            m_material.unfit.insert(u"mint"_s, say(QT_TRANSLATE_NOOP("ProbePreparation", "The minted cases did not run: the issuer's keys could not be fetched (%1).")).arg(error));
            t.mintKey.reset();
        } else if (!keys->hasKid(t.mintKey->kid())) {
            m_material.unfit.insert(u"mint"_s, say(QT_TRANSLATE_NOOP("ProbePreparation", "The minted cases did not run: the issuer %1 does not publish the TokenLab sandbox key (kid %2), so it is not a sandbox of this machine's TokenLab."))
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
