// SPDX-License-Identifier: MIT
#include "jose/privatekey.h"
#include "jose/base64url.h"
#include "jose/publickey.h"

#include <QCryptographicHash>
#include <QPromise>
#include <QThreadPool>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <cstdlib>

using namespace Qt::StringLiterals;

namespace {

QByteArray bnParam(EVP_PKEY *key, const char *name, int padTo = 0)
{
    BIGNUM *bn = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &bn) != 1)
        return {};
    const int size = padTo > 0 ? padTo : BN_num_bytes(bn);
    QByteArray out(size, Qt::Uninitialized);
    BN_bn2binpad(bn, reinterpret_cast<unsigned char *>(out.data()), size);
    BN_free(bn);
    return out;
}

// "P-256", "P-384" or "P-521" for an EC key on a JOSE curve; empty otherwise. PublicKey knows the names.
QString curveName(EVP_PKEY *key)
{
    EVP_PKEY_up_ref(key);
    const QString type = PublicKey::adopt(key).keyType(); // "EC P-256"
    return type.startsWith(u"EC P-") ? type.mid(3) : QString();
}

const EVP_MD *digestFor(const QString &alg)
{
    if (alg.endsWith(u"256"))
        return EVP_sha256();
    if (alg.endsWith(u"384"))
        return EVP_sha384();
    if (alg.endsWith(u"512"))
        return EVP_sha512();
    return nullptr;
}

QByteArray bioText(BIO *bio)
{
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    return len > 0 ? QByteArray(data, qsizetype(len)) : QByteArray();
}

} // namespace

PrivateKey::PrivateKey(EVP_PKEY *key)
    : m_key(key)
{
    if (!m_key)
        std::abort();
    describe();
}

PrivateKey::PrivateKey(PrivateKey &&other) noexcept
    : m_key(std::exchange(other.m_key, nullptr)), m_coordinateBytes(other.m_coordinateBytes), m_alg(std::move(other.m_alg)),
      m_kid(std::move(other.m_kid)), m_jwk(std::move(other.m_jwk))
{
}

PrivateKey &PrivateKey::operator=(PrivateKey &&other) noexcept
{
    if (this != &other) {
        EVP_PKEY_free(m_key);
        m_key = std::exchange(other.m_key, nullptr);
        m_coordinateBytes = other.m_coordinateBytes;
        m_alg = std::move(other.m_alg);
        m_kid = std::move(other.m_kid);
        m_jwk = std::move(other.m_jwk);
    }
    return *this;
}

PrivateKey::~PrivateKey()
{
    EVP_PKEY_free(m_key);
}

PrivateKey PrivateKey::generate(Type type)
{
    switch (type) {
    case Type::Rsa2048:
        return PrivateKey(EVP_RSA_gen(2048));
    case Type::EcP256:
        return PrivateKey(EVP_EC_gen("P-256"));
    case Type::EcP384:
        return PrivateKey(EVP_EC_gen("P-384"));
    case Type::EcP521:
        return PrivateKey(EVP_EC_gen("P-521"));
    }
    std::abort();
}

std::optional<PrivateKey> PrivateKey::generate(Type type, const std::atomic<bool> &cancel)
{
    if (type != Type::Rsa2048)
        return cancel ? std::nullopt : std::optional<PrivateKey>(generate(type)); // EC keys take under a millisecond
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr);
    if (!ctx || EVP_PKEY_keygen_init(ctx) <= 0 || EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, 2048) <= 0)
        std::abort();
    // Called between candidates while primes are sought; 0 stops the generation.
    EVP_PKEY_CTX_set_app_data(ctx, const_cast<std::atomic<bool> *>(&cancel));
    EVP_PKEY_CTX_set_cb(ctx, [](EVP_PKEY_CTX *c) {
        return static_cast<std::atomic<bool> *>(EVP_PKEY_CTX_get_app_data(c))->load(std::memory_order_relaxed) ? 0 : 1;
    });
    EVP_PKEY *key = nullptr;
    const bool made = EVP_PKEY_generate(ctx, &key) > 0;
    EVP_PKEY_CTX_free(ctx);
    if (!made || cancel) {
        EVP_PKEY_free(key);
        if (!cancel)
            std::abort(); // as generate(): OpenSSL cannot generate a key at all
        return std::nullopt;
    }
    return PrivateKey(key);
}

PrivateKey::Type PrivateKey::typeFor(const QString &alg)
{
    if (alg == u"ES256")
        return Type::EcP256;
    if (alg == u"ES384")
        return Type::EcP384;
    if (alg == u"ES512")
        return Type::EcP521;
    return Type::Rsa2048;
}

std::unique_ptr<PrivateKey> PrivateKey::fromPkcs8Pem(const QByteArray &pem)
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
    const bool rsa = EVP_PKEY_is_a(key, "RSA") && EVP_PKEY_get_bits(key) >= 2048;
    const bool ec = EVP_PKEY_is_a(key, "EC") && !curveName(key).isEmpty();
    if (!rsa && !ec) {
        EVP_PKEY_free(key);
        return nullptr;
    }
    return std::unique_ptr<PrivateKey>(new PrivateKey(key));
}

QByteArray PrivateKey::toPkcs8Pem() const
{
    BIO *bio = BIO_new(BIO_s_secmem());
    if (!bio)
        bio = BIO_new(BIO_s_mem());
    QByteArray out;
    // PEM_write_bio_PrivateKey writes PKCS#8 ("BEGIN PRIVATE KEY"), unencrypted.
    if (bio && PEM_write_bio_PrivateKey(bio, m_key, nullptr, nullptr, 0, nullptr, nullptr) == 1)
        out = bioText(bio);
    BIO_free(bio);
    return out;
}

QFuture<std::shared_ptr<const PrivateKey>> PrivateKey::generateInBackground(Type type)
{
    auto promise = std::make_shared<QPromise<std::shared_ptr<const PrivateKey>>>();
    QFuture<std::shared_ptr<const PrivateKey>> future = promise->future();
    promise->start();
    QThreadPool::globalInstance()->start([promise, type] {
        promise->addResult(std::make_shared<const PrivateKey>(PrivateKey::generate(type)));
        OPENSSL_thread_stop();
        promise->finish();
    });
    return future;
}

bool PrivateKey::isRsa() const
{
    return EVP_PKEY_is_a(m_key, "RSA");
}

void PrivateKey::describe()
{
    if (isRsa()) {
        const QString n = QString::fromLatin1(Base64Url::encode(bnParam(m_key, OSSL_PKEY_PARAM_RSA_N)));
        const QString e = QString::fromLatin1(Base64Url::encode(bnParam(m_key, OSSL_PKEY_PARAM_RSA_E)));
        m_alg = u"RS256"_s;
        m_jwk = QJsonObject{{u"kty"_s, u"RSA"_s}, {u"n"_s, n}, {u"e"_s, e}};
    } else {
        const QString crv = curveName(m_key);
        m_coordinateBytes = crv == u"P-256" ? 32 : crv == u"P-384" ? 48 : 66;
        m_alg = crv == u"P-256" ? u"ES256"_s : crv == u"P-384" ? u"ES384"_s : u"ES512"_s;
        const QString x = QString::fromLatin1(Base64Url::encode(bnParam(m_key, OSSL_PKEY_PARAM_EC_PUB_X, m_coordinateBytes)));
        const QString y = QString::fromLatin1(Base64Url::encode(bnParam(m_key, OSSL_PKEY_PARAM_EC_PUB_Y, m_coordinateBytes)));
        m_jwk = QJsonObject{{u"kty"_s, u"EC"_s}, {u"crv"_s, crv}, {u"x"_s, x}, {u"y"_s, y}};
    }
    m_kid = PublicKey::thumbprint(m_jwk);
    m_jwk.insert(u"use"_s, u"sig"_s);
    m_jwk.insert(u"alg"_s, m_alg);
    m_jwk.insert(u"kid"_s, m_kid);
}

PublicKey PrivateKey::publicKey() const
{
    auto key = PublicKey::fromJwk(m_jwk);
    return key ? std::move(*key) : PublicKey();
}

QByteArray PrivateKey::publicKeyPem() const
{
    return publicKey().toPem();
}

QByteArray PrivateKey::selfSignedCertificatePem(const QString &commonName) const
{
    X509 *cert = X509_new();
    QByteArray out;
    if (!cert)
        return out;
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert), 24 * 3600);
    X509_set_pubkey(cert, m_key);
    X509_NAME *name = X509_get_subject_name(cert);
    const QByteArray cn = commonName.toUtf8();
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char *>(cn.constData()), int(cn.size()), -1, 0);
    X509_set_issuer_name(cert, name);
    BIO *bio = BIO_new(BIO_s_mem());
    if (bio && X509_sign(cert, m_key, EVP_sha256()) > 0 && PEM_write_bio_X509(bio, cert) == 1)
        out = bioText(bio);
    BIO_free(bio);
    X509_free(cert);
    return out;
}

QByteArray PrivateKey::sign(const QString &alg, const QByteArray &signingInput) const
{
    const EVP_MD *md = digestFor(alg);
    const bool rsaAlg = alg.startsWith(u"RS") || alg.startsWith(u"PS");
    if (!md || (rsaAlg != isRsa()) || (!rsaAlg && alg != m_alg))
        return {};
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pctx = nullptr;
    const auto *in = reinterpret_cast<const unsigned char *>(signingInput.constData());
    size_t len = 0;
    QByteArray sig;
    if (ctx && EVP_DigestSignInit(ctx, &pctx, md, nullptr, m_key) == 1
        && (!alg.startsWith(u"PS")
            || (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1
                && EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) == 1))
        && EVP_DigestSign(ctx, nullptr, &len, in, size_t(signingInput.size())) == 1) {
        sig.resize(qsizetype(len));
        if (EVP_DigestSign(ctx, reinterpret_cast<unsigned char *>(sig.data()), &len, in, size_t(signingInput.size())) == 1)
            sig.resize(qsizetype(len));
        else
            sig.clear();
    }
    EVP_MD_CTX_free(ctx);
    if (sig.isEmpty() || rsaAlg)
        return sig;
    // RFC 7518 3.4: ECDSA signatures are R||S, each the curve's size, not DER.
    const auto *der = reinterpret_cast<const unsigned char *>(sig.constData());
    ECDSA_SIG *ecdsa = d2i_ECDSA_SIG(nullptr, &der, long(sig.size()));
    if (!ecdsa)
        return {};
    QByteArray raw(2 * m_coordinateBytes, Qt::Uninitialized);
    BN_bn2binpad(ECDSA_SIG_get0_r(ecdsa), reinterpret_cast<unsigned char *>(raw.data()), m_coordinateBytes);
    BN_bn2binpad(ECDSA_SIG_get0_s(ecdsa), reinterpret_cast<unsigned char *>(raw.data()) + m_coordinateBytes, m_coordinateBytes);
    ECDSA_SIG_free(ecdsa);
    return raw;
}

QByteArray PrivateKey::signingInput(const QJsonObject &header, const QJsonObject &payload)
{
    return Base64Url::encode(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
            + Base64Url::encode(QJsonDocument(payload).toJson(QJsonDocument::Compact));
}

QByteArray PrivateKey::signJws(QJsonObject header, const QJsonObject &payload) const
{
    if (!header.contains(u"alg"))
        header.insert(u"alg"_s, m_alg);
    if (!header.contains(u"kid"))
        header.insert(u"kid"_s, m_kid);
    const QByteArray input = signingInput(header, payload);
    return input + '.' + Base64Url::encode(sign(header.value(u"alg").toString(), input));
}

QByteArray PrivateKey::hmac(const QString &alg, const QByteArray &key, const QByteArray &input)
{
    const QCryptographicHash::Algorithm hash = alg == u"HS256" ? QCryptographicHash::Sha256
            : alg == u"HS384"                                   ? QCryptographicHash::Sha384
            : alg == u"HS512"                                   ? QCryptographicHash::Sha512
                                                                : QCryptographicHash::Md5;
    if (hash == QCryptographicHash::Md5)
        return {};
    return QMessageAuthenticationCode::hash(input, key, hash);
}
