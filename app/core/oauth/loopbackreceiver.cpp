// SPDX-License-Identifier: MIT
#include "oauth/loopbackreceiver.h"
#include "http/pagetemplate.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

Q_LOGGING_CATEGORY(lcLoopback, "tokenlab.loopback", QtInfoMsg)

namespace {

LocalHttpServer::Options receiverOptions()
{
    LocalHttpServer::Options o;
    o.limits.maxHeaderBytes = 16 * 1024; // a callback URL with a long code and state fits easily
    o.limits.maxBodyBytes = 0;           // the browser comes back with GET
    o.requestTimeout = 5s;
    o.idleTimeout = 5s;
    o.maxConnections = 64;
    return o;
}

HttpResponse page(int status, const QString &title, const QString &detail, bool success)
{
    HttpResponse r = HttpResponse::html(status, PageTemplate::render(
            u":/pages/loopback-result.html"_s,
            {{u"title"_s, title}, {u"detail"_s, detail}, {u"kind"_s, success ? u"success"_s : u"failure"_s}}));
    return r;
}

} // namespace

LoopbackReceiver::LoopbackReceiver(QObject *parent)
    : QObject(parent), m_http([this](const HttpRequest &r) { return handle(r); }, receiverOptions())
{
}

bool LoopbackReceiver::listen(const QString &host, quint16 port)
{
    QHostAddress address = host == u"::1" ? QHostAddress(QHostAddress::LocalHostIPv6) : QHostAddress(QHostAddress::LocalHost);
    if (!m_http.listen(address, port)) {
        m_error = port ? QCoreApplication::translate("LoopbackReceiver", "TokenLab cannot listen for the browser on %1 port %2: %3 Close the program using that port or choose another redirect port in the profile.")
                                 .arg(address.toString()).arg(port).arg(m_http.errorString())
                       : m_http.errorString();
        return false;
    }
    return true;
}

void LoopbackReceiver::stop()
{
    m_done = true;
    m_http.stopAccepting();
}

HttpResponse LoopbackReceiver::handle(const HttpRequest &request)
{
    if (m_done)
        return page(410, QCoreApplication::translate("LoopbackReceiver", "This login is over"), QCoreApplication::translate("LoopbackReceiver", "TokenLab is no longer waiting for this sign-in. You can close this tab."), false);
    const AuthorizationCallback cb = AuthorizationCallback::judge(request, m_expected);
    if (!cb.endsLogin()) {
        ++m_rejected;
        m_lastRejection = cb.reason;
        qCDebug(lcLoopback) << "refused a request at the redirect listener:" << cb.reason;
        Q_EMIT rejected(cb.reason);
        if (cb.outcome == AuthorizationCallback::Outcome::NotOurs)
            return page(cb.httpStatus, QCoreApplication::translate("LoopbackReceiver", "Not found"), QCoreApplication::translate("LoopbackReceiver", "TokenLab's sign-in listener has nothing here."), false);
        return page(cb.httpStatus, QCoreApplication::translate("LoopbackReceiver", "Request refused"), cb.reason + QCoreApplication::translate("LoopbackReceiver", " TokenLab is still waiting for the real sign-in."), false);
    }
    m_done = true;
    m_http.stopAccepting();
    QTimer::singleShot(0, this, [this, cb] { Q_EMIT finished(cb); });
    HttpResponse r;
    switch (cb.outcome) {
    case AuthorizationCallback::Outcome::Code:
        r = m_expected.expectCode
                ? page(200, QCoreApplication::translate("LoopbackReceiver", "Signed in"), QCoreApplication::translate("LoopbackReceiver", "TokenLab received the sign-in and is fetching your tokens. You can close this tab and return to TokenLab."), true)
                : page(200, QCoreApplication::translate("LoopbackReceiver", "Signed out"), QCoreApplication::translate("LoopbackReceiver", "The issuer ended your browser session. You can close this tab and return to TokenLab."), true);
        break;
    case AuthorizationCallback::Outcome::ProviderError:
        r = page(200, QCoreApplication::translate("LoopbackReceiver", "Sign-in did not complete"), cb.reason + QCoreApplication::translate("LoopbackReceiver", " Return to TokenLab for details."), false);
        break;
    default:
        r = page(cb.httpStatus, QCoreApplication::translate("LoopbackReceiver", "Sign-in refused"), cb.reason, false);
        break;
    }
    r.closeConnection = true;
    return r;
}
