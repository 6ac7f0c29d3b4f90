// SPDX-License-Identifier: MIT
// One call as TokenLab keeps it in a profile's history: what was asked,
// what went, what came back, when and how long it took. Built from an
// ApiExchange with every credential redacted (Redaction) and the token
// that was sent scrubbed from everything else, bodies cut at
// MaxBodyBytes with the cut said. A summary is the line the history list
// shows, without bodies or headers.
#pragma once

#include "api/apiclient.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>

struct HistorySummary
{
    QString id;
    QDateTime date;
    QByteArray method;
    QUrl url;
    int status = 0;
    ApiOutcome outcome = ApiOutcome::TransportError;
    qint64 elapsedMs = 0;
    QString label; // "(probe)", a saved request's name, or empty

    QJsonObject toJson() const;
    static std::optional<HistorySummary> fromJson(const QJsonObject &o, QString *error);
};

struct HistoryEntry
{
    Q_DECLARE_TR_FUNCTIONS(HistoryEntry)

public:
    static constexpr qsizetype MaxBodyBytes = 64 * 1024;

    HistorySummary summary;
    HttpHeaders headers;      // the request's own, redacted
    HttpHeaders sentHeaders;  // as sent, redacted
    QByteArray body;          // redacted, at most MaxBodyBytes
    qint64 bodySize = 0;
    bool withToken = true;
    bool tokenSent = false;
    QUrl finalUrl;
    QByteArray reason;
    HttpHeaders responseHeaders;
    QByteArray responseBody;  // scrubbed, at most MaxBodyBytes
    qint64 responseSize = 0;
    QString explanation;
    QStringList notes;
    QString missingScope;
    QStringList tokenScopes;

    // secrets: more values to scrub (the secret variables the request used).
    static HistoryEntry from(const ApiExchange &exchange, const QString &label, const QDateTime &date,
                             const QList<QByteArray> &secrets = {});
    // An exchange to show again (bodies as kept, credentials redacted).
    ApiExchange toExchange() const;
    // The request to send again: the request's own headers, less the redacted ones.
    ApiRequest request() const;

    QJsonObject toJson() const;
    static std::optional<HistoryEntry> fromJson(const QJsonObject &o, QString *error);

    static QString outcomeName(ApiOutcome outcome);
    static bool isValidId(const QString &id);
};
