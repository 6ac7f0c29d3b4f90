// SPDX-License-Identifier: MIT
#include "http/networkerrors.h"

#include <QNetworkReply>

using namespace Qt::StringLiterals;

namespace NetworkErrors {

namespace {
constexpr char LimitProperty[] = "tokenlab.answerLimit";

DeferredText say(const char *source)
{
    return {"NetworkErrors", source};
}

// The Content-Length the answer announced, when its body was not
// compressed (Qt inflates those, so the counts would differ); else -1.
qint64 announcedLength(const QNetworkReply *reply)
{
    const QByteArray encoding = reply->rawHeader("Content-Encoding").trimmed().toLower();
    if (!encoding.isEmpty() && encoding != "identity")
        return -1;
    const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
    return length.isValid() ? length.toLongLong() : -1;
}

bool cutShort(const QNetworkReply *reply, qint64 bodyBytes)
{
    return bodyBytes >= 0 && bodyBytes < announcedLength(reply);
}
} // namespace

void limitAnswer(QNetworkReply *reply, qint64 maxBytes)
{
    QObject::connect(reply, &QNetworkReply::downloadProgress, reply, [reply, maxBytes](qint64 received, qint64) {
        if (received > maxBytes && !answerTooLarge(reply)) {
            reply->setProperty(LimitProperty, maxBytes);
            reply->abort();
        }
    });
}

bool answerTooLarge(const QNetworkReply *reply)
{
    return reply->property(LimitProperty).isValid();
}

bool transferFailed(const QNetworkReply *reply, qint64 bodyBytes)
{
    // Qt numbers transport and proxy errors below 200, HTTP-level ones above.
    const QNetworkReply::NetworkError e = reply->error();
    return answerTooLarge(reply) || (e != QNetworkReply::NoError && e < QNetworkReply::ContentAccessDenied)
            || cutShort(reply, bodyBytes);
}

DeferredText describe(const QNetworkReply *reply, qint64 bodyBytes)
{
    const QString host = reply->request().url().host();
    const bool answerStarted = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid();
    if (reply->error() == QNetworkReply::NoError && cutShort(reply, bodyBytes))
        return say(QT_TRANSLATE_NOOP("NetworkErrors", "%1 closed the connection part-way through its answer (%2 of %3 bytes arrived).")).arg(host).arg(bodyBytes).arg(
                announcedLength(reply));
    if (answerTooLarge(reply))
        return say(QT_TRANSLATE_NOOP("NetworkErrors", "the answer from %1 is larger than %2 bytes; TokenLab stopped reading it.")).arg(host).arg(
                reply->property(LimitProperty).toLongLong());
    switch (reply->error()) {
    case QNetworkReply::NoError:
        return {};
    case QNetworkReply::ConnectionRefusedError:
        return say(QT_TRANSLATE_NOOP("NetworkErrors", "the connection to %1 was refused; is the server running?")).arg(host);
    case QNetworkReply::RemoteHostClosedError:
        return answerStarted ? say(QT_TRANSLATE_NOOP("NetworkErrors", "%1 closed the connection part-way through its answer.")).arg(host)
                             : say(QT_TRANSLATE_NOOP("NetworkErrors", "%1 closed the connection before answering.")).arg(host);
    case QNetworkReply::HostNotFoundError:
        return say(QT_TRANSLATE_NOOP("NetworkErrors", "the host %1 was not found; check the address and your network.")).arg(host);
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return answerStarted ? say(QT_TRANSLATE_NOOP("NetworkErrors", "%1 stopped sending its answer part-way and did not finish in time.")).arg(host)
                             : say(QT_TRANSLATE_NOOP("NetworkErrors", "%1 did not answer in time.")).arg(host);
    case QNetworkReply::SslHandshakeFailedError:
        return say(QT_TRANSLATE_NOOP("NetworkErrors", "the TLS handshake with %1 failed: %2")).arg(host, reply->errorString());
    case QNetworkReply::TooManyRedirectsError:
    case QNetworkReply::InsecureRedirectError:
        return say(QT_TRANSLATE_NOOP("NetworkErrors", "%1 redirected in a way TokenLab does not follow (%2).")).arg(host, reply->errorString());
    default:
        return reply->errorString(); // Qt's own words, in the language Qt speaks
    }
}

QString sentence(const QNetworkReply *reply, qint64 bodyBytes)
{
    return describe(reply, bodyBytes).text();
}

} // namespace NetworkErrors
