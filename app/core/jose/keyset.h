// SPDX-License-Identifier: MIT
// A JSON Web Key Set (RFC 7517 5) as a value type: the usable signature keys
// by kid, with the JWKs that could not be used reported rather than fatal
// (a set may carry encryption keys or key types TokenLab does not know).
#pragma once

#include "jose/publickey.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <memory>
#include <optional>

struct JwksKey
{
    QString kid;
    QString alg;   // as the JWK declares it; empty when it does not
    QString use;
    QJsonObject jwk;
    std::shared_ptr<const PublicKey> key;
};

class KeySet
{
public:
    static std::optional<KeySet> parse(const QByteArray &json, QString *error);
    static KeySet fromKey(std::shared_ptr<const PublicKey> key, const QString &label);

    const QList<JwksKey> &keys() const { return m_keys; }
    QStringList skipped() const { return m_skipped; }
    bool isEmpty() const { return m_keys.isEmpty(); }
    // The keys that may verify a token with this kid and alg: the one with
    // the kid, or, for a token without kid, every key that can do alg.
    QList<JwksKey> candidates(const QString &kid, const QString &alg) const;
    bool hasKid(const QString &kid) const;

private:
    QList<JwksKey> m_keys;
    QStringList m_skipped;
};
