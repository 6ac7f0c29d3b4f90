// SPDX-License-Identifier: MIT
#include "oauth/clientassertion.h"
#include "jose/privatekey.h"
#include "util/securerandom.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace ClientAssertion {

QByteArray make(const PrivateKey &key, const QString &clientId, const QString &audience, qint64 now, const QString &alg)
{
    const QJsonObject header{{u"alg"_s, alg.isEmpty() ? key.defaultAlgorithm() : alg}, {u"typ"_s, u"JWT"_s}};
    const QJsonObject payload{{u"iss"_s, clientId},
                              {u"sub"_s, clientId},
                              {u"aud"_s, audience},
                              {u"iat"_s, now},
                              {u"exp"_s, now + LifetimeSeconds},
                              {u"jti"_s, QString::fromLatin1(SecureRandom::token(24))}};
    return key.signJws(header, payload);
}

QString chooseAlgorithm(const PrivateKey &key, const QStringList &supported)
{
    if (supported.isEmpty() || supported.contains(key.defaultAlgorithm()))
        return key.defaultAlgorithm();
    const QStringList possible = key.isRsa() ? QStringList{u"RS256"_s, u"PS256"_s, u"RS384"_s, u"PS384"_s, u"RS512"_s, u"PS512"_s}
                                             : QStringList{key.defaultAlgorithm()};
    for (const QString &alg : possible) {
        if (supported.contains(alg))
            return alg;
    }
    return {};
}

} // namespace ClientAssertion
