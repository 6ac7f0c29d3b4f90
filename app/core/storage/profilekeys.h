// SPDX-License-Identifier: MIT
// A profile's private keys in the keychain (TokenStore secrets, PKCS#8 PEM):
// the DPoP proof key (RFC 9449) and the private_key_jwt client key (RFC
// 7523). obtain() reads the key; when it is missing and the caller allows
// it, makes one, under the profile's Keys lock so that two TokenLab
// processes never make two keys for one profile (the second finds the
// first's key when it re-reads under the lock). RSA keys are made on a
// worker thread.
//
// Contract: the job ends in exactly one finished(), on every path, never
// before obtain() returns, and deletes itself afterwards. The private key is
// never logged and never leaves the keychain but into this process's memory.
#pragma once

#include "jose/privatekey.h"
#include "storage/tokenstore.h"

#include <QObject>
#include <chrono>
#include <memory>

class ProfileKeyJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(ProfileKeyJob)

public:
    enum class Missing { Create, Fail };

    // kind is SecretKind::DpopKey or SecretKind::ClientKey; type is what a new key is.
    static ProfileKeyJob *obtain(TokenStore *store, const QString &profile, SecretKind kind, PrivateKey::Type type,
                                 Missing missing, QObject *parent = nullptr);
    // Replaces the profile's key with one the user brings (PKCS#8 PEM), for
    // a client key that is already registered at the issuer.
    static ProfileKeyJob *import(TokenStore *store, const QString &profile, SecretKind kind, const QByteArray &pem,
                                 QObject *parent = nullptr);

    std::shared_ptr<const PrivateKey> key() const { return m_key; }
    bool created() const { return m_created; }
    QString errorString() const { return m_error; }
    // "DPoP key" or "client key", for sentences.
    static QString describe(SecretKind kind);

    static constexpr std::chrono::milliseconds LockTimeout{30000};

Q_SIGNALS:
    void finished(ProfileKeyJob *job);

private:
    ProfileKeyJob(TokenStore *store, QString profile, SecretKind kind, QObject *parent);
    void read(bool underLock);
    void create();
    void save(std::shared_ptr<const PrivateKey> key, bool created);
    void finish(const QString &error = {});

    TokenStore *m_store;
    QString m_profile;
    SecretKind m_kind;
    PrivateKey::Type m_type = PrivateKey::Type::EcP256;
    Missing m_missing = Missing::Fail;
    std::shared_ptr<void> m_lock; // the Keys lock while a key is made
    std::shared_ptr<const PrivateKey> m_key;
    bool m_created = false;
    QString m_error;
};
