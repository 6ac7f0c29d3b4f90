// SPDX-License-Identifier: MIT
#include "storage/tokenstore.h"

#include <QCoreApplication>
#include <QTimer>

using namespace Qt::StringLiterals;

TokenStoreJob *TokenStore::save(const QString &profile, const TokenSet &tokens)
{
    auto *job = new TokenStoreJob(profile, this);
    doSave(job, tokens);
    return job;
}

TokenStoreJob *TokenStore::load(const QString &profile)
{
    auto *job = new TokenStoreJob(profile, this);
    doLoad(job);
    return job;
}

TokenStoreJob *TokenStore::remove(const QString &profile)
{
    auto *job = new TokenStoreJob(profile, this);
    doRemove(job);
    return job;
}

TokenStoreJob *TokenStore::saveSecret(const QString &profile, const QString &secret, SecretKind kind)
{
    auto *job = new TokenStoreJob(profile, this);
    doSaveSecret(job, secret, kind);
    return job;
}

TokenStoreJob *TokenStore::loadSecret(const QString &profile, SecretKind kind)
{
    auto *job = new TokenStoreJob(profile, this);
    doLoadSecret(job, kind);
    return job;
}

TokenStoreJob *TokenStore::removeSecret(const QString &profile, SecretKind kind)
{
    auto *job = new TokenStoreJob(profile, this);
    doRemoveSecret(job, kind);
    return job;
}

QString TokenStore::secretPrefix(SecretKind kind)
{
    switch (kind) {
    case SecretKind::ClientSecret: return u"client-secret"_s;
    case SecretKind::DpopKey: return u"dpop-key"_s;
    case SecretKind::ClientKey: return u"client-key"_s;
    case SecretKind::RegistrationAccessToken: return u"registration-token"_s;
    }
    return u"client-secret"_s;
}

void TokenStore::complete(TokenStoreJob *job, TokenStoreError error, const QString &message,
                          const std::optional<TokenSet> &tokens, const QString &secret)
{
    job->m_error = error;
    job->m_message = message;
    job->m_tokens = tokens;
    job->m_secret = secret;
    Q_EMIT job->finished(job);
    job->deleteLater();
}

QString MemoryTokenStore::backendName() const
{
    return QCoreApplication::translate("TokenStore", "memory (this run only)");
}

QString MemoryTokenStore::scope() const
{
    // Nothing outside this object can see these tokens: a scope of its own.
    return u"memory-%1"_s.arg(quintptr(this), 0, 16);
}

void MemoryTokenStore::doSave(TokenStoreJob *job, const TokenSet &tokens)
{
    m_tokens.insert(job->profile(), tokens);
    QTimer::singleShot(0, job, [this, job] { complete(job, TokenStoreError::None, {}); });
}

void MemoryTokenStore::doLoad(TokenStoreJob *job)
{
    const auto it = m_tokens.constFind(job->profile());
    const std::optional<TokenSet> tokens = it == m_tokens.constEnd() ? std::nullopt : std::optional<TokenSet>(*it);
    QTimer::singleShot(0, job, [this, job, tokens] {
        complete(job, tokens ? TokenStoreError::None : TokenStoreError::NotFound,
                 tokens ? QString() : QCoreApplication::translate("TokenStore", "Nothing is stored for this profile."), tokens);
    });
}

void MemoryTokenStore::doRemove(TokenStoreJob *job)
{
    m_tokens.remove(job->profile());
    m_secrets.remove(secretPrefix(SecretKind::ClientSecret) + u':' + job->profile());
    QTimer::singleShot(0, job, [this, job] { complete(job, TokenStoreError::None, {}); });
}

void MemoryTokenStore::doSaveSecret(TokenStoreJob *job, const QString &secret, SecretKind kind)
{
    m_secrets.insert(secretPrefix(kind) + u':' + job->profile(), secret);
    QTimer::singleShot(0, job, [this, job] { complete(job, TokenStoreError::None, {}); });
}

void MemoryTokenStore::doLoadSecret(TokenStoreJob *job, SecretKind kind)
{
    const QString key = secretPrefix(kind) + u':' + job->profile();
    const bool known = m_secrets.contains(key);
    const QString secret = m_secrets.value(key);
    QTimer::singleShot(0, job, [this, job, secret, known] {
        complete(job, known ? TokenStoreError::None : TokenStoreError::NotFound,
                 known ? QString() : QCoreApplication::translate("TokenStore", "No such secret is stored for this profile."), std::nullopt, secret);
    });
}

void MemoryTokenStore::doRemoveSecret(TokenStoreJob *job, SecretKind kind)
{
    m_secrets.remove(secretPrefix(kind) + u':' + job->profile());
    QTimer::singleShot(0, job, [this, job] { complete(job, TokenStoreError::None, {}); });
}
