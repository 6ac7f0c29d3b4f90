// SPDX-License-Identifier: MIT
#include "sandbox/signingkey.h"
#include "jose/base64url.h"

#include <QPromise>
#include <QThreadPool>

#include <openssl/crypto.h>

#include <cstdlib>

using namespace Qt::StringLiterals;

SigningKey::SigningKey()
    : m_key(PrivateKey::generate(PrivateKey::Type::Rsa2048))
{
}

SigningKey::SigningKey(PrivateKey key)
    : m_key(std::move(key))
{
}

SigningKey::~SigningKey() = default;

QFuture<std::shared_ptr<const SigningKey>> SigningKey::generateInBackground(std::shared_ptr<std::atomic<bool>> cancel)
{
    auto promise = std::make_shared<QPromise<std::shared_ptr<const SigningKey>>>();
    QFuture<std::shared_ptr<const SigningKey>> future = promise->future();
    promise->start();
    QThreadPool::globalInstance()->start([promise, cancel] {
        std::optional<PrivateKey> key = PrivateKey::generate(PrivateKey::Type::Rsa2048, *cancel);
        promise->addResult(key ? std::shared_ptr<const SigningKey>(new SigningKey(std::move(*key))) : nullptr);
        // The pool thread lives on (or ends) without OpenSSL: free the
        // per-thread random generators it made for this key.
        OPENSSL_thread_stop();
        promise->finish();
    });
    return future;
}

std::unique_ptr<SigningKey> SigningKey::fromPkcs8Pem(const QByteArray &pem)
{
    std::unique_ptr<PrivateKey> key = PrivateKey::fromPkcs8Pem(pem);
    // The tenant signs RS256 only: an EC key in its keychain entry is not its key.
    if (!key || !key->isRsa())
        return nullptr;
    return std::unique_ptr<SigningKey>(new SigningKey(std::move(*key)));
}

QByteArray SigningKey::toPkcs8Pem() const
{
    return m_key.toPkcs8Pem();
}

QByteArray SigningKey::signatureRs256(const QByteArray &signingInput) const
{
    const QByteArray sig = m_key.sign(u"RS256"_s, signingInput);
    if (sig.isEmpty())
        std::abort(); // signing with a key we generated cannot fail short of memory exhaustion
    return sig;
}

QByteArray SigningKey::signRs256(QJsonObject header, const QJsonObject &payload) const
{
    header.insert(u"alg"_s, u"RS256"_s);
    header.insert(u"kid"_s, m_key.kid());
    const QByteArray input = PrivateKey::signingInput(header, payload);
    return input + '.' + Base64Url::encode(signatureRs256(input));
}
