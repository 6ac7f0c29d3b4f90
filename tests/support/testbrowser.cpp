// SPDX-License-Identifier: MIT
#include "support/testbrowser.h"
#include "http/formencoding.h"

#include <QNetworkReply>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

void TestBrowser::open(const QUrl &url)
{
    get(url, 0);
}

void TestBrowser::get(const QUrl &url, int hops)
{
    Q_EMIT visited(url);
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(10000);
    QNetworkReply *reply = m_network.get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply, hops] { onReply(reply, hops); });
}

void TestBrowser::post(const QUrl &url, const QByteArray &form, int hops)
{
    Q_EMIT visited(url);
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setTransferTimeout(10000);
    QNetworkReply *reply = m_network.post(request, form);
    connect(reply, &QNetworkReply::finished, this, [this, reply, hops] { onReply(reply, hops); });
}

void TestBrowser::onReply(QNetworkReply *reply, int hops)
{
    reply->deleteLater();
    const QUrl url = reply->url();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    m_lastUrl = url;
    m_lastStatus = status;
    m_lastBody = body;
    if (hops > 20) {
        Q_EMIT done(url, status, body);
        return;
    }
    if (status >= 300 && status < 400) {
        const QUrl next = url.resolved(QUrl::fromEncoded(reply->rawHeader("Location")));
        return get(next, hops + 1);
    }
    const QString html = QString::fromUtf8(body);
    const QString txn = QRegularExpression(u"name=\"txn\" value=\"([^\"]*)\""_s).match(html).captured(1);
    if (status == 200 && !txn.isEmpty() && html.contains(u"action=\"/authorize/login\""_s)) {
        FormData f;
        f.add(u"txn"_s, txn);
        f.add(u"user"_s, m_script.user);
        return post(url.resolved(QUrl(u"/authorize/login"_s)), f.encode(), hops + 1);
    }
    if (status == 200 && !txn.isEmpty() && html.contains(u"action=\"/authorize/consent\""_s)) {
        FormData f;
        f.add(u"txn"_s, txn);
        // Offered scopes: enabled checkboxes (and the fixed openid).
        const QRegularExpression box(u"<input type=\"checkbox\" name=\"scope\" value=\"([^\"]+)\"[^>]*>"_s);
        auto it = box.globalMatch(html);
        while (it.hasNext()) {
            const auto m = it.next();
            const QString scope = m.captured(1);
            if (m.captured(0).contains(u"disabled"_s))
                continue;
            if (!m_script.scopes || m_script.scopes->contains(scope))
                f.add(u"scope"_s, scope);
        }
        if (html.contains(u"name=\"scope\" value=\"openid\">"_s))
            f.add(u"scope"_s, u"openid"_s);
        f.add(u"action"_s, m_script.allow ? u"allow"_s : u"deny"_s);
        return post(url.resolved(QUrl(u"/authorize/consent"_s)), f.encode(), hops + 1);
    }
    Q_EMIT done(url, status, body);
}
