// SPDX-License-Identifier: MIT
#include "storage/profilesecretsmove.h"

#include <QTimer>
#include <utility>
#include <memory>

using namespace Qt::StringLiterals;

namespace {
constexpr int Tokens = -1;
}

ProfileSecretsMove::ProfileSecretsMove(TokenStore *store, QString from, QString to, QObject *parent)
    : QObject(parent),
      m_store(store),
      m_from(std::move(from)),
      m_to(std::move(to))
{
    m_pending = {{Tokens, tr("tokens")},
                 {int(SecretKind::ClientSecret), tr("client secret")},
                 {int(SecretKind::DpopKey), tr("DPoP key")},
                 {int(SecretKind::ClientKey), tr("client key")},
                 {int(SecretKind::RegistrationAccessToken), tr("registration access token")}};
}

ProfileSecretsMove *ProfileSecretsMove::start(TokenStore *store, const QString &from, const QString &to, QObject *parent)
{
    auto *job = new ProfileSecretsMove(store, from, to, parent);
    QTimer::singleShot(0, job, &ProfileSecretsMove::copyNext);
    return job;
}

void ProfileSecretsMove::copyNext()
{
    if (m_pending.isEmpty())
        return Q_EMIT copied(this); // commit() or rollback() next
    const Entry entry = m_pending.takeFirst();
    TokenStoreJob *read = entry.kind == Tokens ? m_store->load(m_from) : m_store->loadSecret(m_from, SecretKind(entry.kind));
    connect(read, &TokenStoreJob::finished, this, [this, entry](TokenStoreJob *r) {
        if (r->error() == TokenStoreError::NotFound || (r->error() == TokenStoreError::None && entry.kind != Tokens && r->secret().isEmpty()))
            return copyNext(); // nothing kept under this entry
        if (r->error() != TokenStoreError::None) {
            m_error = tr("The %1 of \"%2\" could not be read to move it: %3").arg(entry.name, m_from, r->errorString());
            return takeBack(&ProfileSecretsMove::copyFailed);
        }
        TokenStoreJob *write = entry.kind == Tokens ? m_store->save(m_to, *r->tokens())
                                                    : m_store->saveSecret(m_to, r->secret(), SecretKind(entry.kind));
        connect(write, &TokenStoreJob::finished, this, [this, entry](TokenStoreJob *w) {
            if (w->error() != TokenStoreError::None) {
                m_error = tr("The %1 could not be kept under \"%2\": %3").arg(entry.name, m_to, w->errorString());
                return takeBack(&ProfileSecretsMove::copyFailed);
            }
            m_copied << entry;
            copyNext();
        });
    });
}

void ProfileSecretsMove::removeOld()
{
    // Every copy is in place: the old entries go (a failure leaves a harmless
    // duplicate under a name no profile has, and is said).
    auto remaining = std::make_shared<int>(int(m_copied.size()));
    if (*remaining == 0)
        return finish();
    for (const Entry &entry : std::as_const(m_copied)) {
        m_moved << entry.name;
        TokenStoreJob *job = entry.kind == Tokens ? m_store->remove(m_from) : m_store->removeSecret(m_from, SecretKind(entry.kind));
        connect(job, &TokenStoreJob::finished, this, [this, remaining, entry](TokenStoreJob *j) {
            if (j->error() != TokenStoreError::None && j->error() != TokenStoreError::NotFound && m_error.isEmpty())
                m_error = tr("The %1 moved to \"%2\", but the old copy under \"%3\" could not be deleted: %4")
                                  .arg(entry.name, m_to, m_from, j->errorString());
            if (--*remaining == 0)
                finish();
        });
    }
}

void ProfileSecretsMove::commit()
{
    removeOld();
}

void ProfileSecretsMove::rollback()
{
    takeBack(&ProfileSecretsMove::finish);
}

void ProfileSecretsMove::takeBack(void (ProfileSecretsMove::*then)())
{
    // The old name keeps everything, the new one gets nothing.
    auto remaining = std::make_shared<int>(int(m_copied.size()));
    const QList<Entry> copies = std::exchange(m_copied, {});
    if (*remaining == 0)
        return (this->*then)();
    for (const Entry &entry : copies) {
        TokenStoreJob *job = entry.kind == Tokens ? m_store->remove(m_to) : m_store->removeSecret(m_to, SecretKind(entry.kind));
        connect(job, &TokenStoreJob::finished, this, [this, remaining, then] {
            if (--*remaining == 0)
                (this->*then)();
        });
    }
}

void ProfileSecretsMove::copyFailed()
{
    Q_EMIT copied(this);
    deleteLater();
}

void ProfileSecretsMove::finish()
{
    // Queued: never before commit() or rollback() returns, even with nothing to do.
    QTimer::singleShot(0, this, [this] {
        Q_EMIT finished(this);
        deleteLater();
    });
}
