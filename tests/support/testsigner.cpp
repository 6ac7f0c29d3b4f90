// SPDX-License-Identifier: MIT
#include "support/testsigner.h"
#include "jose/base64url.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <cstdlib>

using namespace Qt::StringLiterals;

namespace {

QByteArray bn(EVP_PKEY *key, const char *name, int pad = 0)
{
    BIGNUM *b = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &b) != 1)
        std::abort();
    QByteArray out(qMax(BN_num_bytes(b), pad), Qt::Uninitialized);
    BN_bn2binpad(b, reinterpret_cast<unsigned char *>(out.data()), int(out.size()));
    BN_free(b);
    return out;
}

QString b64(const QByteArray &b)
{
    return QString::fromLatin1(Base64Url::encode(b));
}

int coordinateBytes(const QString &alg)
{
    return alg == u"ES256" ? 32 : alg == u"ES384" ? 48 : 66;
}

} // namespace

TestSigner::TestSigner(const QString &alg, const QString &kid) : m_alg(alg), m_kid(kid)
{
    if (alg.startsWith(u"RS") || alg.startsWith(u"PS"))
        m_key = EVP_RSA_gen(2048);
    else if (alg == u"ES256")
        m_key = EVP_EC_gen("P-256");
    else if (alg == u"ES384")
        m_key = EVP_EC_gen("P-384");
    else if (alg == u"ES512")
        m_key = EVP_EC_gen("P-521");
    else if (alg == u"EdDSA")
        m_key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
    if (!m_key)
        std::abort();
}

TestSigner::~TestSigner()
{
    EVP_PKEY_free(m_key);
}

QJsonObject TestSigner::publicJwk() const
{
    QJsonObject jwk{{u"kid"_s, m_kid}, {u"use"_s, u"sig"_s}, {u"alg"_s, m_alg}};
    if (m_alg.startsWith(u"RS") || m_alg.startsWith(u"PS")) {
        jwk.insert(u"kty"_s, u"RSA"_s);
        jwk.insert(u"n"_s, b64(bn(m_key, OSSL_PKEY_PARAM_RSA_N)));
        jwk.insert(u"e"_s, b64(bn(m_key, OSSL_PKEY_PARAM_RSA_E)));
    } else if (m_alg.startsWith(u"ES")) {
        const int size = coordinateBytes(m_alg);
        jwk.insert(u"kty"_s, u"EC"_s);
        jwk.insert(u"crv"_s, m_alg == u"ES256" ? u"P-256"_s : m_alg == u"ES384" ? u"P-384"_s : u"P-521"_s);
        jwk.insert(u"x"_s, b64(bn(m_key, OSSL_PKEY_PARAM_EC_PUB_X, size)));
        jwk.insert(u"y"_s, b64(bn(m_key, OSSL_PKEY_PARAM_EC_PUB_Y, size)));
    } else {
        unsigned char raw[32];
        size_t length = sizeof raw;
        EVP_PKEY_get_raw_public_key(m_key, raw, &length);
        jwk.insert(u"kty"_s, u"OKP"_s);
        jwk.insert(u"crv"_s, u"Ed25519"_s);
        jwk.insert(u"x"_s, b64(QByteArray(reinterpret_cast<const char *>(raw), qsizetype(length))));
    }
    return jwk;
}

QByteArray TestSigner::publicPem() const
{
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PUBKEY(bio, m_key);
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    QByteArray out(data, length);
    BIO_free(bio);
    return out;
}

QByteArray TestSigner::signature(const QByteArray &input) const
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pctx = nullptr;
    const EVP_MD *md = m_alg == u"EdDSA" ? nullptr
                       : m_alg.endsWith(u"256")  ? EVP_sha256()
                       : m_alg.endsWith(u"384")  ? EVP_sha384()
                                                 : EVP_sha512();
    EVP_DigestSignInit(ctx, &pctx, md, nullptr, m_key);
    if (m_alg.startsWith(u"PS")) {
        EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING);
        EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST);
    }
    size_t length = 0;
    EVP_DigestSign(ctx, nullptr, &length, reinterpret_cast<const unsigned char *>(input.constData()), size_t(input.size()));
    QByteArray sig(qsizetype(length), Qt::Uninitialized);
    EVP_DigestSign(ctx, reinterpret_cast<unsigned char *>(sig.data()), &length,
                   reinterpret_cast<const unsigned char *>(input.constData()), size_t(input.size()));
    sig.resize(qsizetype(length));
    EVP_MD_CTX_free(ctx);
    if (m_alg.startsWith(u"ES")) {
        // DER to the JOSE r || s form (RFC 7518 3.4).
        const unsigned char *p = reinterpret_cast<const unsigned char *>(sig.constData());
        ECDSA_SIG *es = d2i_ECDSA_SIG(nullptr, &p, long(sig.size()));
        const int size = coordinateBytes(m_alg);
        QByteArray raw(size * 2, '\0');
        BN_bn2binpad(ECDSA_SIG_get0_r(es), reinterpret_cast<unsigned char *>(raw.data()), size);
        BN_bn2binpad(ECDSA_SIG_get0_s(es), reinterpret_cast<unsigned char *>(raw.data()) + size, size);
        ECDSA_SIG_free(es);
        return raw;
    }
    return sig;
}

QByteArray TestSigner::compact(const QJsonObject &header, const QJsonObject &payload, const QByteArray &signature)
{
    return Base64Url::encode(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
            + Base64Url::encode(QJsonDocument(payload).toJson(QJsonDocument::Compact)) + '.' + Base64Url::encode(signature);
}

QByteArray TestSigner::sign(const QJsonObject &payload, QJsonObject header) const
{
    if (!header.contains(u"alg"))
        header.insert(u"alg"_s, m_alg);
    if (!header.contains(u"kid"))
        header.insert(u"kid"_s, m_kid);
    const QByteArray input = Base64Url::encode(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
            + Base64Url::encode(QJsonDocument(payload).toJson(QJsonDocument::Compact));
    return input + '.' + Base64Url::encode(signature(input));
}

QByteArray TestSigner::jwks(const QList<const TestSigner *> &keys)
{
    QJsonArray list;
    for (const TestSigner *k : keys)
        list.append(k->publicJwk());
    return QJsonDocument(QJsonObject{{u"keys"_s, list}}).toJson(QJsonDocument::Compact);
}
