#include "support/flowhelpers.h"

#include "http/formencoding.h"
#include "storage/tokenstore.h"

#include <QSignalSpy>

std::optional<TokenSet> storedTokens(TokenStore &store, const QString &profile)
{
    QSignalSpy spy(&store, &TokenStore::loaded);
    store.load(profile);
    if (!spy.wait(2000))
        return std::nullopt;
    return spy.first().at(1).value<std::optional<TokenSet>>();
}

QString authorizeParam(const QUrl &authorizeUrl, const QString &name)
{
    const auto query = FormData::parse(authorizeUrl.query(QUrl::FullyEncoded).toLatin1());
    return query ? query->value(name) : QString();
}

quint16 redirectPort(const QUrl &authorizeUrl)
{
    return quint16(QUrl(authorizeParam(authorizeUrl, QStringLiteral("redirect_uri"))).port());
}
