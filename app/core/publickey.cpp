#include "publickey.h"
#include "base64url.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

struct Deleter
{
    void operator()(EVP_PKEY_CTX *p) const { EVP_PKEY_CTX_free(p); }
    void operator()(EVP_MD_CTX *p) const { EVP_MD_CTX_free(p); }
    void operator()(OSSL_PARAM_BLD *p) const { OSSL_PARAM_BLD_free(p); }
    void operator()(OSSL_PARAM *p) const { OSSL_PARAM_free(p); }
    void operator()(BIGNUM *p) const { BN_free(p); }
};
template<typename T>
using Owned = std::unique_ptr<T, Deleter>;

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

std::optional<QByteArray> member(const QJsonObject &jwk, const QString &name, QString *error)
{
    const auto v = jwk.value(name);
    if (!v.isString()) {
        if (error)
            *error = u"the JWK has no \"%1\" string"_s.arg(name);
        return std::nullopt;
    }
    const auto raw = Base64Url::decode(v.toString().toLatin1());
    if (!raw || raw->isEmpty()) {
        if (error)
            *error = u"the JWK's \"%1\" is not base64url"_s.arg(name);
        return std::nullopt;
    }
    return raw;
}

} // namespace

PublicKey::PublicKey(PublicKey &&other) noexcept : m_key(std::exchange(other.m_key, nullptr)) { }

PublicKey &PublicKey::operator=(PublicKey &&other) noexcept
{
    if (this != &other) {
        EVP_PKEY_free(m_key);
        m_key = std::exchange(other.m_key, nullptr);
    }
    return *this;
}

PublicKey::~PublicKey()
{
    EVP_PKEY_free(m_key);
}

PublicKey PublicKey::adopt(EVP_PKEY *key)
{
    PublicKey k;
    k.m_key = key;
    return k;
}

std::optional<PublicKey> PublicKey::fromJwk(const QJsonObject &jwk, QString *error)
{
    const QString kty = jwk.value(u"kty").toString();
    if (kty != u"RSA") {
        if (error)
            *error = kty.isEmpty() ? u"the JWK has no \"kty\""_s : u"key type \"%1\" is not supported"_s.arg(kty);
        return std::nullopt;
    }
    const auto n = member(jwk, u"n"_s, error);
    const auto e = member(jwk, u"e"_s, error);
    if (!n || !e)
        return std::nullopt;
    // RFC 7518 3.3: keys of 2048 bits or more; refuse toy keys outright.
    if (n->size() < 256 || n->size() > 2048) {
        if (error)
            *error = u"the RSA modulus is %1 bits; 2048 to 16384 bits are accepted"_s.arg(n->size() * 8);
        return std::nullopt;
    }
    Owned<BIGNUM> bn(BN_bin2bn(reinterpret_cast<const unsigned char *>(n->constData()), int(n->size()), nullptr));
    Owned<BIGNUM> be(BN_bin2bn(reinterpret_cast<const unsigned char *>(e->constData()), int(e->size()), nullptr));
    Owned<OSSL_PARAM_BLD> bld(OSSL_PARAM_BLD_new());
    if (!bn || !be || !bld || !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn.get())
        || !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, be.get())) {
        if (error)
            *error = u"out of memory while reading the JWK"_s;
        return std::nullopt;
    }
    Owned<OSSL_PARAM> params(OSSL_PARAM_BLD_to_param(bld.get()));
    Owned<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
    EVP_PKEY *key = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0
        || EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0) {
        if (error)
            *error = u"OpenSSL did not accept the RSA key"_s;
        return std::nullopt;
    }
    return adopt(key);
}

QString PublicKey::keyType() const
{
    if (m_key && EVP_PKEY_is_a(m_key, "RSA"))
        return u"RSA"_s;
    return {};
}

bool PublicKey::supportsAlgorithm(const QString &alg) const
{
    if (keyType() == u"RSA") {
        static const QStringList rsa{u"RS256"_s, u"RS384"_s, u"RS512"_s, u"PS256"_s, u"PS384"_s, u"PS512"_s};
        return rsa.contains(alg);
    }
    return false;
}

bool PublicKey::verify(const QString &alg, const QByteArray &signingInput, const QByteArray &signature) const
{
    if (!m_key || !supportsAlgorithm(alg))
        return false;
    const EVP_MD *md = digestFor(alg);
    Owned<EVP_MD_CTX> ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX *pctx = nullptr;
    if (!md || !ctx || EVP_DigestVerifyInit(ctx.get(), &pctx, md, nullptr, m_key) != 1)
        return false;
    if (alg.startsWith(u"PS")) {
        // RFC 7518 3.5: RSASSA-PSS with MGF1 and a salt as long as the digest.
        if (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1
            || EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1)
            return false;
    }
    return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.constData()),
                            size_t(signature.size()),
                            reinterpret_cast<const unsigned char *>(signingInput.constData()),
                            size_t(signingInput.size())) == 1;
}
