// SPDX-License-Identifier: MIT
// Where a profile's tokens are kept. TokenLab's real store is the OS
// keychain (KeychainTokenStore); MemoryTokenStore keeps them for one run.
//
// Contract: every call returns a TokenStoreJob that ends in exactly one
// finished(), on every path, never before the call returns. There is no
// store-wide signal to filter by profile: the caller holds its own job, and
// other processes' changes arrive as TokenNotices (see SessionRegistry). Errors are one of TokenStoreError with a sentence that says
// what to do. A store never writes tokens anywhere but its backend.
#pragma once

#include "oauth/tokenset.h"

#include <QObject>
#include <optional>

enum class TokenStoreError {
    None,
    NotFound,      // nothing stored for this profile (not an error for load)
    Unavailable,   // no backend (no Secret Service on the session bus, ...)
    Locked,        // the keyring is locked and was not unlocked
    AccessDenied,  // the user refused access
    Timeout,       // the backend did not answer in time
    Corrupt,       // what is stored cannot be read back
    Other,
};

enum class SecretKind {
    ClientSecret,  // a machine-to-machine client's secret
    DpopKey,       // the private key of the profile's DPoP proofs (RFC 9449)
    ClientKey,     // the private key of its client assertions (RFC 7523, private_key_jwt)
    RegistrationAccessToken, // what manages its dynamic registration (RFC 7592 3)
};

// One call on a store: save, load, remove, saveSecret or loadSecret. It ends
// in exactly one finished(), on every path, never before the call that made
// it returns, and deletes itself afterwards (as QtKeychain's jobs do).
class TokenStoreJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(TokenStoreJob)

public:
    explicit TokenStoreJob(QString profile, QObject *parent = nullptr) : QObject(parent), m_profile(std::move(profile)) {}

    QString profile() const { return m_profile; }
    TokenStoreError error() const { return m_error; }
    QString errorString() const { return m_message; }
    std::optional<TokenSet> tokens() const { return m_tokens; } // load
    QString secret() const { return m_secret; }                 // loadSecret

Q_SIGNALS:
    void finished(TokenStoreJob *job);

private:
    friend class TokenStore;
    QString m_profile;
    TokenStoreError m_error = TokenStoreError::None;
    QString m_message;
    std::optional<TokenSet> m_tokens;
    QString m_secret;
};

class TokenStore : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    // Where tokens are kept, for the status bar ("GNOME Keyring via Secret Service").
    virtual QString backendName() const = 0;
    // What separates this store's profiles from another store's with the
    // same names, for cross-process locks and notices (the keychain service).
    virtual QString scope() const = 0;

    TokenStoreJob *save(const QString &profile, const TokenSet &tokens);
    TokenStoreJob *load(const QString &profile);
    TokenStoreJob *remove(const QString &profile);
    // A profile's secrets, never in the profile file: the client secret of a
    // machine-to-machine profile (removed with the tokens), and the private
    // keys of its DPoP proofs and client assertions as PKCS#8 PEM (kept when
    // the tokens go: the issuer may know the public half).
    TokenStoreJob *saveSecret(const QString &profile, const QString &secret, SecretKind kind = SecretKind::ClientSecret);
    TokenStoreJob *loadSecret(const QString &profile, SecretKind kind = SecretKind::ClientSecret);
    // Deletes one secret (a missing one is no error): a removed profile's keys.
    TokenStoreJob *removeSecret(const QString &profile, SecretKind kind);
    // The keychain entry's prefix: "client-secret", "dpop-key", "client-key", "registration-token".
    static QString secretPrefix(SecretKind kind);

protected:
    // Backends implement these and end each job through complete(), once.
    virtual void doSave(TokenStoreJob *job, const TokenSet &tokens) = 0;
    virtual void doLoad(TokenStoreJob *job) = 0;
    virtual void doRemove(TokenStoreJob *job) = 0;
    virtual void doSaveSecret(TokenStoreJob *job, const QString &secret, SecretKind kind) = 0;
    virtual void doLoadSecret(TokenStoreJob *job, SecretKind kind) = 0;
    virtual void doRemoveSecret(TokenStoreJob *job, SecretKind kind) = 0;
    void complete(TokenStoreJob *job, TokenStoreError error, const QString &message,
                  const std::optional<TokenSet> &tokens = std::nullopt, const QString &secret = {});
};

class MemoryTokenStore : public TokenStore
{
    Q_OBJECT
    Q_DISABLE_COPY(MemoryTokenStore)

public:
    using TokenStore::TokenStore;

    QString backendName() const override;
    QString scope() const override;

protected:
    void doSave(TokenStoreJob *job, const TokenSet &tokens) override;
    void doLoad(TokenStoreJob *job) override;
    void doRemove(TokenStoreJob *job) override;
    void doSaveSecret(TokenStoreJob *job, const QString &secret, SecretKind kind) override;
    void doLoadSecret(TokenStoreJob *job, SecretKind kind) override;
    void doRemoveSecret(TokenStoreJob *job, SecretKind kind) override;

private:
    QHash<QString, TokenSet> m_tokens;
    QHash<QString, QString> m_secrets; // secretPrefix(kind) + ':' + profile
};
