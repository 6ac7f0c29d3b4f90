#include "sandbox/signingkey.h"
#include "jose/base64url.h"

#include <QCryptographicHash>
#include <QJsonDocument>

#include <openssl/core_names.h>
#include <openssl/evp.h>
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
{
    m_key = EVP_RSA_gen(2048);
    if (!m_key)
        std::abort();
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
