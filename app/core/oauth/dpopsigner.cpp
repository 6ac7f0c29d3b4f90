// SPDX-License-Identifier: MIT
#include "oauth/dpopsigner.h"
#include "jose/dpopproof.h"
#include "jose/privatekey.h"
#include "jose/publickey.h"

using namespace Qt::StringLiterals;

DpopSigner::DpopSigner(std::shared_ptr<const PrivateKey> key, QString alg, Clock clock)
    : m_key(std::move(key)), m_alg(alg.isEmpty() ? m_key->defaultAlgorithm() : std::move(alg)), m_clock(std::move(clock))
{
}

QByteArray DpopSigner::proof(const QByteArray &method, const QUrl &url, const QString &accessToken) const
{
    DpopProof::Claims claims;
    claims.method = method;
    claims.url = url;
    claims.issuedAt = m_clock().toSecsSinceEpoch();
    claims.nonce = nonce(url);
    claims.accessToken = accessToken;
    return DpopProof::make(*m_key, claims, m_alg);
}

void DpopSigner::rememberNonce(const QUrl &url, const QByteArray &nonce)
{
    const QByteArray value = nonce.trimmed();
    // RFC 9449 8.1: nonce = 1*NQCHAR (printable ASCII but '"' and '\').
    if (value.isEmpty() || value.size() > 1024)
        return;
    for (const char c : value) {
        if (c < 0x21 || c > 0x7e || c == '"' || c == '\\')
            return;
    }
    m_nonces.insert(origin(url), QString::fromLatin1(value));
}

QString DpopSigner::nonce(const QUrl &url) const
{
    return m_nonces.value(origin(url));
}

QString DpopSigner::thumbprint() const
{
    return m_key->kid(); // TokenLab's keys are named by their RFC 7638 thumbprint
}

QString DpopSigner::chooseAlgorithm(const QStringList &supported)
{
    if (supported.isEmpty())
        return u"ES256"_s;
    for (const QString &alg : {u"ES256"_s, u"ES384"_s, u"ES512"_s, u"PS256"_s, u"RS256"_s}) {
        if (supported.contains(alg))
            return alg;
    }
    return {};
}

QString DpopSigner::origin(const QUrl &url)
{
    return url.scheme().toLower() + u"://"_s + url.host().toLower() + u':' + QString::number(url.port(url.scheme() == u"https" ? 443 : 80));
}
