#include "networkerrors.h"

#include <QNetworkReply>

using namespace Qt::StringLiterals;

namespace NetworkErrors {

namespace {
constexpr char LimitProperty[] = "tokenlab.answerLimit";
}

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

QString sentence(const QNetworkReply *reply)
{
    const QString host = reply->request().url().host();
    if (answerTooLarge(reply))
        return u"the answer from %1 is larger than %2 bytes; TokenLab stopped reading it."_s.arg(host).arg(
                reply->property(LimitProperty).toLongLong());
    switch (reply->error()) {
    case QNetworkReply::NoError:
        return {};
    case QNetworkReply::ConnectionRefusedError:
        return u"the connection to %1 was refused; is the server running?"_s.arg(host);
    case QNetworkReply::RemoteHostClosedError:
        return u"%1 closed the connection before answering."_s.arg(host);
    case QNetworkReply::HostNotFoundError:
        return u"the host %1 was not found; check the address and your network."_s.arg(host);
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return u"%1 did not answer in time."_s.arg(host);
    case QNetworkReply::SslHandshakeFailedError:
        return u"the TLS handshake with %1 failed: %2"_s.arg(host, reply->errorString());
    case QNetworkReply::TooManyRedirectsError:
    case QNetworkReply::InsecureRedirectError:
        return u"%1 redirected in a way TokenLab does not follow (%2)."_s.arg(host, reply->errorString());
    default:
        return reply->errorString();
    }
}

} // namespace NetworkErrors
