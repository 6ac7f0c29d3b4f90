// Where a profile's tokens are kept. TokenLab's real store is the OS
// keychain (KeychainTokenStore); MemoryTokenStore keeps them for one run.
//
// Contract: every save(), load() and remove() ends in exactly one matching
// signal carrying the profile name, on every path, never before the call
// returns. Errors are one of TokenStoreError with a sentence that says
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

class TokenStore : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    // Where tokens are kept, for the status bar ("GNOME Keyring via Secret Service").
    virtual QString backendName() const = 0;
    virtual void save(const QString &profile, const TokenSet &tokens) = 0;
    virtual void load(const QString &profile) = 0;
    virtual void remove(const QString &profile) = 0;
    // A machine-to-machine profile's client secret, kept beside its tokens
    // (and removed with them); never in the profile file.
    virtual void saveSecret(const QString &profile, const QString &secret) = 0;
    virtual void loadSecret(const QString &profile) = 0;

Q_SIGNALS:
    void saved(const QString &profile, TokenStoreError error, const QString &message);
    void loaded(const QString &profile, const std::optional<TokenSet> &tokens, TokenStoreError error, const QString &message);
    void removed(const QString &profile, TokenStoreError error, const QString &message);
    void secretSaved(const QString &profile, TokenStoreError error, const QString &message);
    void secretLoaded(const QString &profile, const QString &secret, TokenStoreError error, const QString &message);
};

class MemoryTokenStore : public TokenStore
{
    Q_OBJECT
    Q_DISABLE_COPY(MemoryTokenStore)

public:
    using TokenStore::TokenStore;

    QString backendName() const override;
    void save(const QString &profile, const TokenSet &tokens) override;
    void load(const QString &profile) override;
    void remove(const QString &profile) override;
    void saveSecret(const QString &profile, const QString &secret) override;
    void loadSecret(const QString &profile) override;

private:
    QHash<QString, TokenSet> m_tokens;
    QHash<QString, QString> m_secrets;
};
