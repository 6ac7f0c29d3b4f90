// QNetworkReply errors turned into sentences a user can act on; the one
// place where Qt's network error codes are translated.
#pragma once

#include <QString>

class QNetworkReply;

namespace NetworkErrors {

QString sentence(const QNetworkReply *reply);

} // namespace NetworkErrors
