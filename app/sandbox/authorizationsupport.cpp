// SPDX-License-Identifier: MIT
#include "sandbox/authorizationsupport.h"
#include "jose/base64url.h"
#include "sandbox/sandboxdirectory.h"

#include <QCryptographicHash>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace AuthorizationSupport {

QString nativeClient() { return QString::fromLatin1(SandboxDirectory::NativeClientId); }
QString m2mClient() { return QString::fromLatin1(SandboxDirectory::M2mClientId); }
QString apiAudience() { return QString::fromLatin1(SandboxDirectory::ApiAudience); }

QByteArray toJson(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

bool isLoopbackRedirect(const QUrl &url)
{
    if (!url.isValid() || url.scheme() != u"http" || url.hasFragment() || !url.userInfo().isEmpty())
        return false;
    if (url.port() <= 0)
        return false;
    return url.host() == u"127.0.0.1" || url.host() == u"::1";
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    // Compare digests so the time taken says nothing about the secret's length or content.
    const QByteArray da = QCryptographicHash::hash(a, QCryptographicHash::Sha256);
    const QByteArray db = QCryptographicHash::hash(b, QCryptographicHash::Sha256);
    unsigned char diff = 0;
    for (int i = 0; i < da.size(); ++i)
        diff |= static_cast<unsigned char>(da.at(i) ^ db.at(i));
    return diff == 0;
}

QStringList splitScopes(const QString &scope)
{
    QStringList out;
    for (const QString &s : scope.split(u' ', Qt::SkipEmptyParts)) {
        if (!out.contains(s))
            out << s;
    }
    return out;
}

bool isBase64UrlOfLength(const QByteArray &s, int length)
{
    return s.size() == length && Base64Url::decode(s).has_value();
}

} // namespace AuthorizationSupport
