// SPDX-License-Identifier: MIT
#include "api/mintkey.h"
#include "jose/privatekey.h"
#include "storage/keychaintokenstore.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace MintKey {

KeychainSecret *read(QObject *parent)
{
    return KeychainSecret::read(QString::fromLatin1(KeychainTokenStore::ServiceName), QString::fromLatin1(KeychainEntry),
                                KeychainSecret::DefaultTimeout, parent);
}

std::shared_ptr<const PrivateKey> fromJob(const KeychainSecret *job, QString *error)
{
    const TokenStoreError e = job->error();
    std::unique_ptr<PrivateKey> key = e == TokenStoreError::None ? PrivateKey::fromPkcs8Pem(job->secret()) : nullptr;
    if (key)
        return std::shared_ptr<const PrivateKey>(std::move(key));
    if (error)
        *error = e == TokenStoreError::None || e == TokenStoreError::NotFound
                ? QCoreApplication::translate("MintKey", "Minting needs the TokenLab sandbox key from the keychain, and there is none: use the sandbox profile in the app once (or run tokenlab-sandbox --key-from-keychain) to make it.")
                : QCoreApplication::translate("MintKey", "Minting needs the TokenLab sandbox key from the keychain: %1").arg(job->errorString());
    return nullptr;
}

} // namespace MintKey
