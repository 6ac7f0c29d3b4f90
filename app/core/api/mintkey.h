// SPDX-License-Identifier: MIT
// The key the probe mints tokens with: the TokenLab sandbox's signing key,
// as the app's and the CLI's sandbox tenants keep it in the OS keychain
// (one entry per user). An API that trusts that sandbox accepts what it
// signs, so the probe can send tokens with claims no issuer would give.
//
// Contract: read() returns a KeychainSecret job, not yet started; fromJob()
// turns its result into the key or a sentence. The key is never logged.
#pragma once

#include "storage/keychainsecret.h"

#include <memory>

class PrivateKey;

namespace MintKey {

constexpr auto KeychainEntry = "sandbox-signing-key";

KeychainSecret *read(QObject *parent);
std::shared_ptr<const PrivateKey> fromJob(const KeychainSecret *job, QString *error);

} // namespace MintKey
