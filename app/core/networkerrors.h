// QNetworkReply errors turned into sentences a user can act on; the one
// place where Qt's network error codes are translated.
#pragma once

#include <QString>
#include <QtGlobal>

class QNetworkReply;

namespace NetworkErrors {

QString sentence(const QNetworkReply *reply);

// Aborts reply once its answer passes maxBytes, so a broken or hostile
// server cannot fill memory; answerTooLarge() then tells that abort from a
// timeout, and sentence() says it.
void limitAnswer(QNetworkReply *reply, qint64 maxBytes);
bool answerTooLarge(const QNetworkReply *reply);

} // namespace NetworkErrors
