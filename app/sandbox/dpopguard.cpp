// SPDX-License-Identifier: MIT
#include "sandbox/dpopguard.h"
#include "jose/dpopproof.h"
#include "jose/jwt.h"
#include "util/securerandom.h"

using namespace Qt::StringLiterals;

namespace {
constexpr int MaxRemembered = 20000; // proofs inside the window; beyond, the oldest are forgotten
}

DpopGuard::DpopGuard(const SandboxConfig &config)
    : m_clock(config.clock),
      m_demandNonce(config.switches.dpopNonce),
      m_rotationSeconds(qMax(1, config.dpopNonceRotationSeconds)),
      m_windowSeconds(qMax(1, config.dpopProofWindowSeconds))
{
}

QStringList DpopGuard::algorithms()
{
    return {u"ES256"_s, u"ES384"_s, u"ES512"_s, u"PS256"_s, u"RS256"_s};
}

QByteArray DpopGuard::challenge(const QString &error, const QString &description)
{
    QByteArray out = "DPoP algs=\"" + algorithms().join(u' ').toLatin1() + '"';
    // quoted-string values: '"' becomes '\'', as the Bearer challenges do it.
    auto quoted = [](const QString &s) -> QByteArray { return '"' + QString(s).replace(u'"', u'\'').toUtf8() + '"'; };
    if (!error.isEmpty())
        out += ", error=" + quoted(error);
    if (!description.isEmpty())
        out += ", error_description=" + quoted(description);
    return out;
}

QByteArray DpopGuard::dpopToken(const HttpRequest &request)
{
    const QByteArray value = request.header("Authorization");
    if (value.size() < 6 || value.left(5).compare("DPoP ", Qt::CaseInsensitive) != 0)
        return {};
    return value.mid(5).trimmed();
}

void DpopGuard::rotate()
{
    const qint64 now = m_clock().toSecsSinceEpoch();
    if (m_nonce.isEmpty()) {
        m_nonce = SecureRandom::token(24);
        m_nonceSince = now;
        return;
    }
    const qint64 age = now - m_nonceSince;
    if (age < m_rotationSeconds)
        return;
    // One period of grace for the nonce just replaced; none after two.
    m_previousNonce = age < 2 * m_rotationSeconds ? m_nonce : QByteArray();
    m_nonce = SecureRandom::token(24);
    m_nonceSince = now;
}

QByteArray DpopGuard::nonce()
{
    if (!m_demandNonce)
        return {};
    rotate();
    return m_nonce;
}

DpopGuard::Outcome DpopGuard::check(const HttpRequest &request, const QByteArray &method, const QUrl &url,
                                    const QString &accessToken, const QString &boundThumbprint)
{
    Outcome out;
    const int count = request.headerCount("DPoP");
    out.present = count > 0;
    auto refuse = [&out](const QString &error, const QString &why) {
        out.error = error;
        out.description = why;
        return out;
    };
    if (count == 0)
        return refuse(u"invalid_dpop_proof"_s, u"The request has no DPoP proof (no DPoP header)."_s);
    // RFC 9449 4.3 step 1: exactly one DPoP header.
    if (count > 1)
        return refuse(u"invalid_dpop_proof"_s, u"The request has more than one DPoP header."_s);

    const qint64 now = m_clock().toSecsSinceEpoch();
    DpopProof::Expectation expected;
    expected.method = method;
    expected.url = url;
    expected.now = now;
    expected.leeway = m_windowSeconds;
    expected.accessToken = accessToken;
    expected.boundThumbprint = boundThumbprint;
    expected.algorithms = algorithms();
    const QByteArray proof = request.header("DPoP").trimmed();
    if (m_demandNonce) {
        rotate();
        // The nonce just replaced is still good; any other is stale.
        const QString sent = Jwt::decode(proof).payload.value(u"nonce").toString();
        const bool previous = !m_previousNonce.isEmpty() && sent == QString::fromLatin1(m_previousNonce);
        expected.nonce = QString::fromLatin1(previous ? m_previousNonce : m_nonce);
    }
    const DpopProof::Result r = DpopProof::check(proof, expected);
    if (!r.ok)
        return refuse(r.error.isEmpty() ? u"invalid_dpop_proof"_s : r.error, r.problem);

    // RFC 9449 11.1: a proof is used once. Keyed by the key too, so two
    // clients that happen to pick the same jti do not collide.
    m_seen.removeIf([now](const auto &it) { return it.value() <= now; });
    const QString key = r.thumbprint + u':' + r.jti;
    if (m_seen.contains(key))
        return refuse(u"invalid_dpop_proof"_s, u"This DPoP proof was already used (its jti was seen before); send a new proof with each request."_s);
    while (m_seen.size() >= MaxRemembered) {
        auto oldest = m_seen.begin();
        for (auto it = m_seen.begin(); it != m_seen.end(); ++it) {
            if (it.value() < oldest.value())
                oldest = it;
        }
        m_seen.erase(oldest);
    }
    // Long enough to cover every iat that the window still accepts.
    m_seen.insert(key, now + 2 * m_windowSeconds + 1);
    out.ok = true;
    out.thumbprint = r.thumbprint;
    return out;
}
