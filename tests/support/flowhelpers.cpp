// SPDX-License-Identifier: MIT
#include "support/flowhelpers.h"

#include "http/formencoding.h"
#include "storage/tokenstore.h"

#include <QSignalSpy>
#include <QTest>
#include <memory>

StoreOutcome awaitStore(TokenStoreJob *job, int timeoutMs)
{
    auto outcome = std::make_shared<StoreOutcome>();
    QObject context;
    QObject::connect(job, &TokenStoreJob::finished, &context, [outcome](TokenStoreJob *j) {
        const int count = outcome->finishedCount + 1;
        *outcome = {j->error(), j->errorString(), j->tokens(), j->secret(), count};
    });
    if (!QTest::qWaitFor([&outcome] { return outcome->finishedCount > 0; }, timeoutMs))
        return *outcome; // the default: did not finish in time
    QTest::qWait(0); // a second finished() would have come by now
    return *outcome;
}

std::optional<TokenSet> storedTokens(TokenStore &store, const QString &profile)
{
    return awaitStore(store.load(profile), 2000).tokens;
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
