#include "storage/tokenstore.h"

#include <QTimer>

using namespace Qt::StringLiterals;

QString MemoryTokenStore::backendName() const
{
    return u"memory (this run only)"_s;
}

void MemoryTokenStore::save(const QString &profile, const TokenSet &tokens)
{
    m_tokens.insert(profile, tokens);
    QTimer::singleShot(0, this, [this, profile] { Q_EMIT saved(profile, TokenStoreError::None, {}); });
}

void MemoryTokenStore::load(const QString &profile)
{
    const auto it = m_tokens.constFind(profile);
    const std::optional<TokenSet> tokens = it == m_tokens.constEnd() ? std::nullopt : std::optional<TokenSet>(*it);
    QTimer::singleShot(0, this, [this, profile, tokens] {
        Q_EMIT loaded(profile, tokens, tokens ? TokenStoreError::None : TokenStoreError::NotFound, {});
    });
}

void MemoryTokenStore::remove(const QString &profile)
{
    m_tokens.remove(profile);
    m_secrets.remove(profile);
    QTimer::singleShot(0, this, [this, profile] { Q_EMIT removed(profile, TokenStoreError::None, {}); });
}

void MemoryTokenStore::saveSecret(const QString &profile, const QString &secret)
{
    m_secrets.insert(profile, secret);
    QTimer::singleShot(0, this, [this, profile] { Q_EMIT secretSaved(profile, TokenStoreError::None, {}); });
}

void MemoryTokenStore::loadSecret(const QString &profile)
{
    const bool known = m_secrets.contains(profile);
    const QString secret = m_secrets.value(profile);
    QTimer::singleShot(0, this, [this, profile, secret, known] {
        Q_EMIT secretLoaded(profile, secret, known ? TokenStoreError::None : TokenStoreError::NotFound, {});
    });
}
