// SPDX-License-Identifier: MIT
#include "jose/publickey.h"
#include "jose/base64url.h"

#include <QCoreApplication>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <QCryptographicHash>

#include <array>
#include <memory>
#include <mutex>

using namespace Qt::StringLiterals;

namespace {

struct Deleter
{
    void operator()(EVP_PKEY_CTX *p) const { EVP_PKEY_CTX_free(p); }
    void operator()(EVP_MD_CTX *p) const { EVP_MD_CTX_free(p); }
    void operator()(EVP_MD *p) const { EVP_MD_free(p); }
    void operator()(OSSL_PARAM_BLD *p) const { OSSL_PARAM_BLD_free(p); }
    void operator()(OSSL_PARAM *p) const { OSSL_PARAM_free(p); }
    void operator()(BIGNUM *p) const { BN_free(p); }
    void operator()(BIO *p) const { BIO_free(p); }
    void operator()(X509 *p) const { X509_free(p); }
    void operator()(ECDSA_SIG *p) const { ECDSA_SIG_free(p); }
};
template<typename T>
using Owned = std::unique_ptr<T, Deleter>;

// The JWS algorithms that sign a digest, as indexes into the prepared contexts.
enum class DigestAlg { RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, Count };

std::optional<QByteArray> member(const QJsonObject &jwk, const QString &name, QString *error)
{
    const auto v = jwk.value(name);
    if (!v.isString()) {
        if (error)
            *error = QCoreApplication::translate("PublicKey", "the JWK has no \"%1\" string").arg(name);
        return std::nullopt;
    }
    const auto raw = Base64Url::decode(v.toString().toLatin1());
    if (!raw || raw->isEmpty()) {
        if (error)
            *error = QCoreApplication::translate("PublicKey", "the JWK's \"%1\" is not base64url").arg(name);
        return std::nullopt;
    }
    return raw;
}

} // namespace

struct PublicKey::Prepared
{
    std::mutex lock;
    std::array<Owned<EVP_PKEY_CTX>, size_t(DigestAlg::Count)> contexts;
    std::array<Owned<EVP_MD_CTX>, 3> hashes; // SHA-256, SHA-384, SHA-512
};

PublicKey::PublicKey() = default;

PublicKey::PublicKey(PublicKey &&other) noexcept
    : m_key(std::exchange(other.m_key, nullptr)),
      m_type(std::exchange(other.m_type, QString())),
      m_prepared(std::move(other.m_prepared))
{
}

PublicKey &PublicKey::operator=(PublicKey &&other) noexcept
{
    if (this != &other) {
        m_prepared = std::move(other.m_prepared);
        EVP_PKEY_free(m_key);
        m_key = std::exchange(other.m_key, nullptr);
        m_type = std::exchange(other.m_type, QString());
    }
    return *this;
}

PublicKey::~PublicKey()
{
    m_prepared.reset();
    EVP_PKEY_free(m_key);
}

PublicKey PublicKey::adopt(EVP_PKEY *key)
{
    PublicKey k;
    k.m_key = key;
    k.m_type = k.readKeyType();
    k.m_prepared = std::make_unique<Prepared>();
    return k;
}

namespace {

std::optional<PublicKey> fail(QString *error, const QString &why)
{
    if (error)
        *error = why;
    return std::nullopt;
}

std::optional<PublicKey> fromParams(const char *type, OSSL_PARAM_BLD *bld, QString *error)
{
    Owned<OSSL_PARAM> params(OSSL_PARAM_BLD_to_param(bld));
    Owned<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    EVP_PKEY *key = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0
        || EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0)
        return fail(error, QCoreApplication::translate("PublicKey", "OpenSSL did not accept the %1 key").arg(QString::fromLatin1(type)));
    return PublicKey::adopt(key);
}

std::optional<PublicKey> rsaFromJwk(const QJsonObject &jwk, QString *error)
{
    const auto n = member(jwk, u"n"_s, error);
    const auto e = member(jwk, u"e"_s, error);
    if (!n || !e)
        return std::nullopt;
    // RFC 7518 3.3: keys of 2048 bits or more; refuse toy keys outright.
    if (n->size() < 256 || n->size() > 2048)
        return fail(error, QCoreApplication::translate("PublicKey", "the RSA modulus is %1 bits; 2048 to 16384 bits are accepted").arg(n->size() * 8));
    Owned<BIGNUM> bn(BN_bin2bn(reinterpret_cast<const unsigned char *>(n->constData()), int(n->size()), nullptr));
    Owned<BIGNUM> be(BN_bin2bn(reinterpret_cast<const unsigned char *>(e->constData()), int(e->size()), nullptr));
    Owned<OSSL_PARAM_BLD> bld(OSSL_PARAM_BLD_new());
    if (!bn || !be || !bld || !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn.get())
        || !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, be.get()))
        return fail(error, QCoreApplication::translate("PublicKey", "out of memory while reading the JWK"));
    return fromParams("RSA", bld.get(), error);
}

std::optional<PublicKey> ecFromJwk(const QJsonObject &jwk, QString *error)
{
    // RFC 7518 6.2.1
    const QString crv = jwk.value(u"crv").toString();
    const char *group = crv == u"P-256" ? "prime256v1" : crv == u"P-384" ? "secp384r1" : crv == u"P-521" ? "secp521r1" : nullptr;
    const int size = crv == u"P-256" ? 32 : crv == u"P-384" ? 48 : 66;
    if (!group)
        return fail(error, crv.isEmpty() ? QCoreApplication::translate("PublicKey", "the EC JWK has no \"crv\"") : QCoreApplication::translate("PublicKey", "the curve \"%1\" is not supported").arg(crv));
    const auto x = member(jwk, u"x"_s, error);
    const auto y = member(jwk, u"y"_s, error);
    if (!x || !y)
        return std::nullopt;
    if (x->size() != size || y->size() != size)
        return fail(error, QCoreApplication::translate("PublicKey", "the EC JWK's coordinates are not %1 bytes long, as %2 needs").arg(size).arg(crv));
    const QByteArray point = '\x04' + *x + *y; // SEC 1 uncompressed point
    Owned<OSSL_PARAM_BLD> bld(OSSL_PARAM_BLD_new());
    if (!bld || !OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, 0)
        || !OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.constData(), size_t(point.size())))
        return fail(error, QCoreApplication::translate("PublicKey", "out of memory while reading the JWK"));
    return fromParams("EC", bld.get(), error);
}

std::optional<PublicKey> okpFromJwk(const QJsonObject &jwk, QString *error)
{
    // RFC 8037 2
    const QString crv = jwk.value(u"crv").toString();
    if (crv != u"Ed25519" && crv != u"Ed448")
        return fail(error, QCoreApplication::translate("PublicKey", "the OKP curve \"%1\" is not a signature curve TokenLab supports (Ed25519, Ed448)").arg(crv));
    const auto x = member(jwk, u"x"_s, error);
    if (!x)
        return std::nullopt;
    if (x->size() != (crv == u"Ed25519" ? 32 : 57))
        return fail(error, QCoreApplication::translate("PublicKey", "the %1 public key has the wrong length").arg(crv));
    EVP_PKEY *key = EVP_PKEY_new_raw_public_key(crv == u"Ed25519" ? EVP_PKEY_ED25519 : EVP_PKEY_ED448, nullptr,
                                                reinterpret_cast<const unsigned char *>(x->constData()), size_t(x->size()));
    if (!key)
        return fail(error, QCoreApplication::translate("PublicKey", "OpenSSL did not accept the %1 key").arg(crv));
    return PublicKey::adopt(key);
}

// JWS ECDSA signatures are r || s (RFC 7518 3.4); OpenSSL wants DER.
QByteArray ecdsaRawToDer(const QByteArray &raw)
{
    if (raw.isEmpty() || raw.size() % 2 != 0)
        return {};
    const int half = int(raw.size() / 2);
    Owned<ECDSA_SIG> sig(ECDSA_SIG_new());
    BIGNUM *r = BN_bin2bn(reinterpret_cast<const unsigned char *>(raw.constData()), half, nullptr);
    BIGNUM *s = BN_bin2bn(reinterpret_cast<const unsigned char *>(raw.constData()) + half, half, nullptr);
    if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        return {};
    }
    const int length = i2d_ECDSA_SIG(sig.get(), nullptr);
    if (length <= 0)
        return {};
    QByteArray der(length, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(der.data());
    i2d_ECDSA_SIG(sig.get(), &out);
    return der;
}

int ecSignatureBytes(const QString &alg)
{
    return alg == u"ES256" ? 64 : alg == u"ES384" ? 96 : alg == u"ES512" ? 132 : 0;
}

} // namespace

std::optional<PublicKey> PublicKey::fromJwk(const QJsonObject &jwk, QString *error)
{
    const QString kty = jwk.value(u"kty").toString();
    if (kty == u"RSA")
        return rsaFromJwk(jwk, error);
    if (kty == u"EC")
        return ecFromJwk(jwk, error);
    if (kty == u"OKP")
        return okpFromJwk(jwk, error);
    if (kty == u"oct")
        return fail(error, QCoreApplication::translate("PublicKey", "the JWK is a symmetric (oct) key; TokenLab never verifies with shared secrets from a key set"));
    return fail(error, kty.isEmpty() ? QCoreApplication::translate("PublicKey", "the JWK has no \"kty\"") : QCoreApplication::translate("PublicKey", "key type \"%1\" is not supported").arg(kty));
}

std::optional<PublicKey> PublicKey::fromPem(const QByteArray &pem, QString *error)
{
    if (pem.size() > 64 * 1024)
        return fail(error, QCoreApplication::translate("PublicKey", "the PEM file is larger than 64 KiB"));
    Owned<BIO> bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    if (EVP_PKEY *key = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr))
        return adopt(key);
    bio.reset(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    if (Owned<X509> cert{PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)}) {
        if (EVP_PKEY *key = X509_get_pubkey(cert.get()))
            return adopt(key);
    }
    // "RSA PUBLIC KEY" (PKCS #1), through OpenSSL 3's decoders.
    EVP_PKEY *key = nullptr;
    OSSL_DECODER_CTX *dctx = OSSL_DECODER_CTX_new_for_pkey(&key, "PEM", nullptr, "RSA", EVP_PKEY_PUBLIC_KEY, nullptr, nullptr);
    const auto *data = reinterpret_cast<const unsigned char *>(pem.constData());
    size_t length = size_t(pem.size());
    const bool decoded = dctx && OSSL_DECODER_from_data(dctx, &data, &length) == 1;
    OSSL_DECODER_CTX_free(dctx);
    if (decoded && key)
        return adopt(key);
    EVP_PKEY_free(key);
    if (pem.contains("PRIVATE KEY"))
        return fail(error, QCoreApplication::translate("PublicKey", "the file holds a private key; give TokenLab the public key only (openssl pkey -pubout)"));
    return fail(error, QCoreApplication::translate("PublicKey", "the file is not a PEM public key or certificate"));
}

QString PublicKey::keyType() const
{
    return m_type;
}

QString PublicKey::readKeyType() const
{
    if (!m_key)
        return {};
    if (EVP_PKEY_is_a(m_key, "RSA"))
        return u"RSA"_s;
    if (EVP_PKEY_is_a(m_key, "ED25519"))
        return u"Ed25519"_s;
    if (EVP_PKEY_is_a(m_key, "ED448"))
        return u"Ed448"_s;
    if (EVP_PKEY_is_a(m_key, "EC")) {
        char group[64] = {};
        size_t length = 0;
        if (EVP_PKEY_get_utf8_string_param(m_key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &length) != 1)
            return u"EC"_s;
        const QByteArray name(group, qsizetype(length));
        if (name == "prime256v1" || name == "P-256")
            return u"EC P-256"_s;
        if (name == "secp384r1" || name == "P-384")
            return u"EC P-384"_s;
        if (name == "secp521r1" || name == "P-521")
            return u"EC P-521"_s;
        return u"EC "_s + QString::fromLatin1(name);
    }
    return {};
}

QStringList PublicKey::algorithms() const
{
    const QString &type = m_type;
    if (type == u"RSA")
        return {u"RS256"_s, u"RS384"_s, u"RS512"_s, u"PS256"_s, u"PS384"_s, u"PS512"_s};
    if (type == u"EC P-256")
        return {u"ES256"_s};
    if (type == u"EC P-384")
        return {u"ES384"_s};
    if (type == u"EC P-521")
        return {u"ES512"_s};
    if (type == u"Ed25519" || type == u"Ed448")
        return {u"EdDSA"_s};
    return {};
}

bool PublicKey::supportsAlgorithm(const QString &alg) const
{
    if (m_type == u"RSA")
        return (alg.startsWith(u"RS") || alg.startsWith(u"PS")) && (alg.endsWith(u"256") || alg.endsWith(u"384") || alg.endsWith(u"512"))
                && alg.size() == 5;
    return algorithms().contains(alg);
}

QByteArray PublicKey::toPem() const
{
    if (!m_key)
        return {};
    BIO *bio = BIO_new(BIO_s_mem());
    QByteArray out;
    char *data = nullptr;
    if (bio && PEM_write_bio_PUBKEY(bio, m_key) == 1) {
        const long len = BIO_get_mem_data(bio, &data);
        if (len > 0)
            out = QByteArray(data, qsizetype(len));
    }
    BIO_free(bio);
    return out;
}

namespace {

std::optional<DigestAlg> digestAlg(const QString &alg)
{
    if (alg.size() != 5)
        return std::nullopt;
    const QStringView family = QStringView(alg).first(2);
    const QStringView bits = QStringView(alg).sliced(2);
    const int size = bits == u"256" ? 0 : bits == u"384" ? 1 : bits == u"512" ? 2 : -1;
    const int base = family == u"RS" ? 0 : family == u"PS" ? 3 : family == u"ES" ? 6 : -1;
    if (size < 0 || base < 0)
        return std::nullopt;
    return DigestAlg(base + size);
}

int digestIndex(DigestAlg alg)
{
    return int(alg) % 3; // SHA-256, SHA-384, SHA-512
}

bool isEcdsa(DigestAlg alg)
{
    return alg >= DigestAlg::ES256;
}

const EVP_MD *signatureDigest(int index)
{
    return index == 0 ? EVP_sha256() : index == 1 ? EVP_sha384() : EVP_sha512();
}

// A verification context for one algorithm, ready for EVP_PKEY_verify over
// the digest of the signing input: the digest it expects and, for PS*, PSS
// padding (RFC 7518 3.5: MGF1 with the same digest, salt as long as it).
Owned<EVP_PKEY_CTX> prepare(EVP_PKEY *key, DigestAlg alg)
{
    Owned<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
    if (!ctx || EVP_PKEY_verify_init(ctx.get()) != 1)
        return nullptr;
    if (EVP_PKEY_CTX_set_signature_md(ctx.get(), signatureDigest(digestIndex(alg))) != 1)
        return nullptr;
    if (alg >= DigestAlg::PS256 && alg <= DigestAlg::PS512
        && (EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PSS_PADDING) != 1
            || EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx.get(), RSA_PSS_SALTLEN_DIGEST) != 1))
        return nullptr;
    return ctx;
}

// The digests, fetched from the provider once: an implicit fetch by name on
// every token costs more than hashing it.
const EVP_MD *fetchedDigest(int index)
{
    static const std::array<Owned<EVP_MD>, 3> digests{Owned<EVP_MD>(EVP_MD_fetch(nullptr, "SHA2-256", nullptr)),
                                                      Owned<EVP_MD>(EVP_MD_fetch(nullptr, "SHA2-384", nullptr)),
                                                      Owned<EVP_MD>(EVP_MD_fetch(nullptr, "SHA2-512", nullptr))};
    return digests[size_t(index)].get();
}

// Hashes input with ctx, which is kept and reused when the caller has one.
bool digest(EVP_MD_CTX *ctx, int index, const QByteArray &input, unsigned char *out, size_t *length)
{
    const EVP_MD *md = fetchedDigest(index);
    unsigned int size = 0;
    if (!md || EVP_DigestInit_ex(ctx, md, nullptr) != 1 || EVP_DigestUpdate(ctx, input.constData(), size_t(input.size())) != 1
        || EVP_DigestFinal_ex(ctx, out, &size) != 1)
        return false;
    *length = size;
    return true;
}

} // namespace

bool PublicKey::verify(const QString &alg, const QByteArray &signingInput, const QByteArray &signature) const
{
    if (!m_key || !supportsAlgorithm(alg))
        return false;
    if (alg == u"EdDSA") {
        // RFC 8037 3.1: EdDSA signs the message itself, no separate digest.
        Owned<EVP_MD_CTX> ctx(EVP_MD_CTX_new());
        if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, m_key) != 1)
            return false;
        return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.constData()),
                                size_t(signature.size()), reinterpret_cast<const unsigned char *>(signingInput.constData()),
                                size_t(signingInput.size())) == 1;
    }
    const std::optional<DigestAlg> which = digestAlg(alg);
    if (!which || !m_prepared)
        return false;
    QByteArray sig = signature;
    if (isEcdsa(*which)) {
        // RFC 7518 3.4: exactly r || s of the curve's size.
        if (signature.size() != ecSignatureBytes(alg))
            return false;
        sig = ecdsaRawToDer(signature);
        if (sig.isEmpty())
            return false;
    }
    unsigned char hash[EVP_MAX_MD_SIZE];
    size_t hashLength = 0;
    const auto *sigData = reinterpret_cast<const unsigned char *>(sig.constData());
    const size_t sigLength = size_t(sig.size());
    const int hashIndex = digestIndex(*which);

    std::unique_lock<std::mutex> hold(m_prepared->lock, std::try_to_lock);
    if (hold.owns_lock()) {
        Owned<EVP_MD_CTX> &hasher = m_prepared->hashes[size_t(hashIndex)];
        if (!hasher)
            hasher.reset(EVP_MD_CTX_new());
        Owned<EVP_PKEY_CTX> &ctx = m_prepared->contexts[size_t(*which)];
        if (!ctx)
            ctx = prepare(m_key, *which);
        return hasher && ctx && digest(hasher.get(), hashIndex, signingInput, hash, &hashLength)
                && EVP_PKEY_verify(ctx.get(), sigData, sigLength, hash, hashLength) == 1;
    }
    // Another thread holds the prepared contexts: a context of our own.
    const Owned<EVP_MD_CTX> hasher(EVP_MD_CTX_new());
    const Owned<EVP_PKEY_CTX> own = prepare(m_key, *which);
    return hasher && own && digest(hasher.get(), hashIndex, signingInput, hash, &hashLength)
            && EVP_PKEY_verify(own.get(), sigData, sigLength, hash, hashLength) == 1;
}

QString PublicKey::thumbprint(const QJsonObject &jwk)
{
    const QString kty = jwk.value(u"kty").toString();
    QStringList members;
    if (kty == u"RSA")
        members = {u"e"_s, u"kty"_s, u"n"_s};
    else if (kty == u"EC")
        members = {u"crv"_s, u"kty"_s, u"x"_s, u"y"_s};
    else if (kty == u"OKP")
        members = {u"crv"_s, u"kty"_s, u"x"_s};
    else
        return {};
    // RFC 7638 3.2: the required members in lexicographic order, no whitespace.
    QByteArray input = "{";
    for (const QString &m : members) {
        const QJsonValue v = jwk.value(m);
        if (!v.isString() || v.toString().isEmpty())
            return {};
        if (input.size() > 1)
            input += ',';
        // Members are base64url or fixed names: nothing to escape, but refuse what would need it.
        const QByteArray value = v.toString().toUtf8();
        if (value.contains('"') || value.contains('\\'))
            return {};
        input += '"' + m.toLatin1() + "\":\"" + value + '"';
    }
    input += '}';
    return QString::fromLatin1(Base64Url::encode(QCryptographicHash::hash(input, QCryptographicHash::Sha256)));
}
