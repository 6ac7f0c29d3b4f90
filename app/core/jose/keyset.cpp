// SPDX-License-Identifier: MIT
#include "jose/keyset.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

std::optional<KeySet> KeySet::parse(const QByteArray &json, QString *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        if (error)
            *error = QCoreApplication::translate("KeySet", "The JWKS is not a JSON object (%1).").arg(pe.errorString());
        return std::nullopt;
    }
    const QJsonValue keys = doc.object().value(u"keys");
    if (!keys.isArray()) {
        if (error)
            *error = QCoreApplication::translate("KeySet", "The JWKS has no \"keys\" array.");
        return std::nullopt;
    }
    KeySet set;
    int index = 0;
    for (const QJsonValue &v : keys.toArray()) {
        const QJsonObject jwk = v.toObject();
        const QString kid = jwk.value(u"kid").toString();
        const QString label = kid.isEmpty() ? u"key #%1"_s.arg(index) : u"kid \"%1\""_s.arg(kid);
        ++index;
        const QString use = jwk.value(u"use").toString();
        if (!use.isEmpty() && use != u"sig") {
            set.m_skipped << QCoreApplication::translate("KeySet", "%1 is for \"%2\", not signatures").arg(label, use);
            continue;
        }
        QString why;
        auto key = PublicKey::fromJwk(jwk, &why);
        if (!key) {
            set.m_skipped << label + u": "_s + why;
            continue;
        }
        set.m_keys.append({kid, jwk.value(u"alg").toString(), use, jwk, std::make_shared<const PublicKey>(std::move(*key))});
    }
    return set;
}

KeySet KeySet::fromKey(std::shared_ptr<const PublicKey> key, const QString &label)
{
    KeySet set;
    set.m_keys.append({label, QString(), u"sig"_s, QJsonObject(), std::move(key)});
    return set;
}

bool KeySet::hasKid(const QString &kid) const
{
    for (const JwksKey &k : m_keys) {
        if (k.kid == kid)
            return true;
    }
    return false;
}

QList<JwksKey> KeySet::candidates(const QString &kid, const QString &alg) const
{
    QList<JwksKey> out;
    for (const JwksKey &k : m_keys) {
        if (!kid.isEmpty() && k.kid != kid && !(m_keys.size() == 1 && k.jwk.isEmpty()))
            continue;
        // RFC 7517 4.4: a key that names its alg is for that alg only.
        if (!k.alg.isEmpty() && k.alg != alg)
            continue;
        if (!k.key->supportsAlgorithm(alg))
            continue;
        out << k;
    }
    return out;
}
