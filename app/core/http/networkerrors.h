// SPDX-License-Identifier: MIT
// QNetworkReply errors turned into sentences a user can act on; the one
// place where Qt's network error codes are translated.
#pragma once

#include "util/deferredtext.h"

#include <QString>
#include <QtGlobal>

class QNetworkReply;

namespace NetworkErrors {

// bodyBytes: how much of the answer's body arrived, when the caller knows;
// then an answer shorter than its Content-Length counts as broken off too
// (Qt 6.4 sometimes finishes a reset connection without an error).
QString sentence(const QNetworkReply *reply, qint64 bodyBytes = -1);
// The same sentence kept in English until shown (DeferredText), for an
// answer a report quotes (the probe's verdicts).
DeferredText describe(const QNetworkReply *reply, qint64 bodyBytes = -1);

// Aborts reply once its answer passes maxBytes, so a broken or hostile
// server cannot fill memory; answerTooLarge() then tells that abort from a
// timeout, and sentence() says it.
void limitAnswer(QNetworkReply *reply, qint64 maxBytes);
bool answerTooLarge(const QNetworkReply *reply);

// True when the transfer failed rather than the server saying no: no
// answer at all (refused, timed out), an answer cut short after its status
// line (closed, reset, stalled), or one stopped at the size limit. An HTTP
// error status with its whole body is an answer, not a failure.
bool transferFailed(const QNetworkReply *reply, qint64 bodyBytes = -1);

} // namespace NetworkErrors
