// SPDX-License-Identifier: MIT
// The HTML pages the browser sees: sign in, consent, the device code, and errors, all on
// one stylesheet from the resources.
#include "sandbox/authorizationserver.h"
#include "http/pagetemplate.h"
#include "sandbox/authorizationsupport.h"
#include "sandbox/sandboxdirectory.h"

#include <QFile>
#include <QHash>

using namespace Qt::StringLiterals;
using namespace AuthorizationSupport;

namespace {

// Every sandbox page shares one stylesheet, read once from the resources.
QByteArray sandboxPage(const QString &page, const QHash<QString, QString> &text, QHash<QString, QString> markup = {})
{
    static const QString style = [] {
        QFile css(u":/pages/sandbox.css"_s);
        return css.open(QIODevice::ReadOnly) ? QString::fromUtf8(css.readAll()) : QString();
    }();
    markup.insert(u"style"_s, style);
    return PageTemplate::render(page, text, markup);
}

} // namespace

HttpResponse AuthorizationServer::loginPage(const QString &txnId, const Transaction &txn, const QString &message)
{
    QString buttons;
    for (const SandboxUser &u : SandboxDirectory::users()) {
        const QString permissions = u.apiPermissions.isEmpty() ? u"no API permissions"_s
                                                               : u"may be granted "_s + u.apiPermissions.join(u", ");
        const bool hinted = !txn.loginHint.isEmpty() && (txn.loginHint == u.id || txn.loginHint == u.email);
        buttons += u"<button type=\"submit\" name=\"user\" value=\"%1\" id=\"user-%1\"%2><strong>%3</strong><span>%4 &middot; %5</span></button>\n"_s
                           .arg(u.id.toHtmlEscaped(), hinted ? u" autofocus"_s : QString(), u.name.toHtmlEscaped(),
                                u.email.toHtmlEscaped(), permissions.toHtmlEscaped());
    }
    return HttpResponse::html(200, sandboxPage(u":/pages/sandbox-login.html"_s,
                                                        {{u"txn"_s, txnId}, {u"message"_s, message}},
                                                        {{u"users"_s, buttons}}));
}

HttpResponse AuthorizationServer::expiredPage() const
{
    return errorPage(400, u"This sign-in has expired"_s, u"Start the login again from TokenLab."_s);
}

HttpResponse AuthorizationServer::renderConsent(const QString &txnId, const Transaction &txn)
{
    const SandboxUser *user = SandboxDirectory::user(txn.userId);
    const QStringList known = knownScopes(txn);
    const QStringList permitted = permittedScopes(txn.userId, known);
    QString rows;
    for (const QString &s : known) {
        const bool allowed = permitted.contains(s);
        const bool fixed = s == u"openid";
        QString note;
        if (!allowed)
            note = u" <em>(%1 may not be granted this)</em>"_s.arg(user->name.toHtmlEscaped());
        rows += u"<li><label><input type=\"checkbox\" name=\"scope\" value=\"%1\" id=\"scope-%1\"%2%3> <code>%1</code> %4%5</label>%6</li>\n"_s
                        .arg(s.toHtmlEscaped(), allowed ? u" checked"_s : QString(),
                             (!allowed || fixed) ? u" disabled"_s : QString(),
                             SandboxDirectory::scopeDescription(s).toHtmlEscaped(), note,
                             fixed ? u"<input type=\"hidden\" name=\"scope\" value=\"openid\">"_s : QString());
    }
    if (rows.isEmpty())
        rows = u"<li>No scopes were requested.</li>"_s;
    const QString api = txn.audience.isEmpty() ? u"no API (sign-in only)"_s : txn.audience;
    return HttpResponse::html(200, sandboxPage(u":/pages/sandbox-consent.html"_s,
                                                        {{u"txn"_s, txnId},
                                                         {u"user"_s, user->name},
                                                         {u"client"_s, txn.clientId},
                                                         {u"api"_s, api}},
                                                        {{u"scopes"_s, rows}}));
}

HttpResponse AuthorizationServer::errorPage(int status, const QString &title, const QString &detail) const
{
    return HttpResponse::html(status, sandboxPage(u":/pages/sandbox-error.html"_s,
                                                           {{u"title"_s, title}, {u"detail"_s, detail}}));
}

HttpResponse AuthorizationServer::deviceEntryPage(const QString &message, const QString &userCode) const
{
    return HttpResponse::html(message.isEmpty() ? 200 : 400,
                              sandboxPage(u":/pages/sandbox-device.html"_s, {{u"message"_s, message}, {u"code"_s, userCode}}));
}
