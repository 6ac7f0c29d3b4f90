#include "sandbox/signingkey.h"
#include "jose/base64url.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QPromise>
#include <QThreadPool>

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <cstdlib>

using namespace Qt::StringLiterals;

namespace {

QByteArray bnParam(EVP_PKEY *key, const char *name)
{
    BIGNUM *bn = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &bn) != 1)
        std::abort();
    QByteArray out(BN_num_bytes(bn), Qt::Uninitialized);
    BN_bn2bin(bn, reinterpret_cast<unsigned char *>(out.data()));
    BN_free(bn);
    return out;
}

} // namespace

SigningKey::SigningKey()
    : SigningKey(EVP_RSA_gen(2048))
{
}

SigningKey::SigningKey(EVP_PKEY *key)
    : m_key(key)
{
    if (!m_key)
        std::abort();
    describe();
}

QFuture<std::shared_ptr<const SigningKey>> SigningKey::generateInBackground()
{
    auto promise = std::make_shared<QPromise<std::shared_ptr<const SigningKey>>>();
    QFuture<std::shared_ptr<const SigningKey>> future = promise->future();
    promise->start();
    QThreadPool::globalInstance()->start([promise] {
        promise->addResult(std::make_shared<const SigningKey>());
        // The pool thread lives on (or ends) without OpenSSL: free the
        // per-thread random generators it made for this key.
        OPENSSL_thread_stop();
        promise->finish();
    });
    return future;
}

std::unique_ptr<SigningKey> SigningKey::fromPkcs8Pem(const QByteArray &pem)
{
    if (pem.isEmpty() || pem.size() > 16384 || !pem.contains("-----BEGIN PRIVATE KEY-----"))
        return nullptr;
    BIO *bio = BIO_new_mem_buf(pem.constData(), int(pem.size()));
    if (!bio)
        return nullptr;
    // No passphrase callback: the keychain is the protection, and a prompt here would block.
    EVP_PKEY *key = PEM_read_bio_PrivateKey(bio, nullptr, [](char *, int, int, void *) { return 0; }, nullptr);
    BIO_free(bio);
    if (!key)
        return nullptr;
    if (!EVP_PKEY_is_a(key, "RSA") || EVP_PKEY_get_bits(key) < 2048) {
        EVP_PKEY_free(key);
        return nullptr;
    }
    return std::unique_ptr<SigningKey>(new SigningKey(key));
}

QByteArray SigningKey::toPkcs8Pem() const
{
    BIO *bio = BIO_new(BIO_s_secmem());
    if (!bio)
        bio = BIO_new(BIO_s_mem());
    QByteArray out;
    // PEM_write_bio_PrivateKey writes PKCS#8 ("BEGIN PRIVATE KEY"), unencrypted.
    if (bio && PEM_write_bio_PrivateKey(bio, m_key, nullptr, nullptr, 0, nullptr, nullptr) == 1) {
        char *data = nullptr;
        const long len = BIO_get_mem_data(bio, &data);
        if (len > 0)
            out = QByteArray(data, qsizetype(len));
    }
    BIO_free(bio);
    return out;
}

void SigningKey::describe()
{
    const QString n = QString::fromLatin1(Base64Url::encode(bnParam(m_key, OSSL_PKEY_PARAM_RSA_N)));
    const QString e = QString::fromLatin1(Base64Url::encode(bnParam(m_key, OSSL_PKEY_PARAM_RSA_E)));
    // RFC 7638 3.2: members in lexicographic order, no whitespace.
    const QByteArray thumbprintInput = "{\"e\":\"" + e.toLatin1() + "\",\"kty\":\"RSA\",\"n\":\"" + n.toLatin1() + "\"}";
    m_kid = QString::fromLatin1(Base64Url::encode(QCryptographicHash::hash(thumbprintInput, QCryptographicHash::Sha256)));
    m_jwk = QJsonObject{{u"kty"_s, u"RSA"_s}, {u"use"_s, u"sig"_s}, {u"alg"_s, u"RS256"_s},
                        {u"kid"_s, m_kid},    {u"n"_s, n},            {u"e"_s, e}};
}

SigningKey::~SigningKey()
{
    EVP_PKEY_free(m_key);
}

PublicKey SigningKey::publicKey() const
{
    auto key = PublicKey::fromJwk(m_jwk);
    return key ? std::move(*key) : PublicKey();
}

QByteArray SigningKey::signatureRs256(const QByteArray &signingInput) const
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    size_t len = 0;
    QByteArray sig;
    if (ctx && EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, m_key) == 1
        && EVP_DigestSign(ctx, nullptr, &len, reinterpret_cast<const unsigned char *>(signingInput.constData()),
                          size_t(signingInput.size())) == 1) {
        sig.resize(qsizetype(len));
        if (EVP_DigestSign(ctx, reinterpret_cast<unsigned char *>(sig.data()), &len,
                           reinterpret_cast<const unsigned char *>(signingInput.constData()),
                           size_t(signingInput.size())) == 1)
            sig.resize(qsizetype(len));
        else
            sig.clear();
    }
    EVP_MD_CTX_free(ctx);
    if (sig.isEmpty())
        std::abort(); // signing with a key we generated cannot fail short of memory exhaustion
    return sig;
}

QByteArray SigningKey::signRs256(QJsonObject header, const QJsonObject &payload) const
{
    header.insert(u"alg"_s, u"RS256"_s);
    header.insert(u"kid"_s, m_kid);
    const QByteArray input = Base64Url::encode(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
            + Base64Url::encode(QJsonDocument(payload).toJson(QJsonDocument::Compact));
    return input + '.' + Base64Url::encode(signatureRs256(input));
}
