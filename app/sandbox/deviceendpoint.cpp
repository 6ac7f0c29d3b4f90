// SPDX-License-Identifier: MIT
// The device authorization grant (RFC 8628): /oauth/device/code gives a
// device code and a user code; /device takes the user code in a browser and
// leads to the usual sign-in and consent pages, whose outcome approves or
// denies the code instead of redirecting; /oauth/token's device_code grant
// answers authorization_pending, slow_down, access_denied, expired_token or
// the tokens. --auto-approve approves each code as it is issued.
//
//   device                    /oauth/device/code     browser: /device        /oauth/token
//     | POST client_id, scope ->| device_code, user_code                      |
//     |                          |   user enters user_code -> login, consent   |
//     | POST grant_type=device_code every interval ------------------------->| pending | tokens
#include "sandbox/authorizationserver.h"
#include "sandbox/authorizationsupport.h"
#include "util/securerandom.h"

#include <QJsonObject>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;
using namespace AuthorizationSupport;

Q_DECLARE_LOGGING_CATEGORY(lcSandbox)

namespace {

constexpr int MaxDeviceCodes = 1000;
constexpr auto DeviceGrant = u"urn:ietf:params:oauth:grant-type:device_code";

// RFC 8628 6.1: consonants only (no words, no 0/O or 1/I confusion), 8 of them: 20^8 codes.
QString newUserCode()
{
    static const QString alphabet = u"BCDFGHJKLMNPQRSTVWXZ"_s;
    QString code;
    while (code.size() < 9) {
        const quint8 b = quint8(SecureRandom::bytes(1).at(0));
        if (b >= 240)
            continue; // 240 = 12 * 20: no letter more likely than another
        if (code.size() == 4)
            code += u'-';
        code += alphabet.at(b % alphabet.size());
    }
    return code;
}

// RFC 8628 6.1: what the user typed, case and dashes aside.
QString normalizedUserCode(const QString &typed)
{
    QString out;
    for (const QChar c : typed.left(64)) {
        if (c.isLetter())
            out += c.toUpper();
    }
    return out;
}

} // namespace

HttpResponse AuthorizationServer::deviceAuthorization(const HttpRequest &request)
{
    if (!request.header("Content-Type").toLower().startsWith("application/x-www-form-urlencoded"))
        return oauthError(400, u"invalid_request"_s, u"Send the device authorization request as application/x-www-form-urlencoded."_s);
    QString why;
    const auto form = FormData::parse(request.body, &why);
    if (!form)
        return oauthError(400, u"invalid_request"_s, u"The form body is malformed: %1."_s.arg(why));
    const ClientAuth client = authenticateClient(request, *form);
    if (client.failed)
        return client.error;
    // RFC 8628 3.1: a client that may use the grant; a confidential one authenticated.
    const bool mayUse = client.clientId == nativeClient()
            || (client.registered && client.registered->mayUse(QString::fromUtf16(DeviceGrant))
                && (client.registered->isPublic() || client.authenticated));
    if (!mayUse)
        return oauthError(400, u"unauthorized_client"_s, u"This client may not use the device authorization grant."_s);

    DeviceCode device;
    device.clientId = client.clientId;
    device.requestedScopes = splitScopes(form->value(u"scope"_s));
    QString audience = form->value(u"audience"_s);
    if (audience.isEmpty())
        audience = form->value(u"resource"_s);
    if (!audience.isEmpty() && audience != apiAudience())
        return oauthError(400, u"invalid_target"_s, u"\"%1\" is not an API of this tenant."_s.arg(audience));
    device.audience = audience;
    device.userCode = newUserCode();
    device.expiresAt = now().addSecs(m_config.deviceCodeLifetimeSeconds);
    device.lastPoll = now();
    device.interval = m_config.deviceIntervalSeconds;
    if (m_config.autoApprove) {
        device.status = DeviceCode::Status::Approved;
        device.grant.clientId = device.clientId;
        device.grant.userId = m_config.autoApprove->user;
        device.grant.audience = device.audience;
        device.grant.authTime = now();
        Transaction txn;
        txn.requestedScopes = device.requestedScopes;
        txn.audience = device.audience;
        for (const QString &s : permittedScopes(device.grant.userId, knownScopes(txn))) {
            if (!m_config.autoApprove->scopes || m_config.autoApprove->scopes->contains(s) || s == u"openid")
                device.grant.scopes << s;
        }
    }
    const QString deviceCode = QString::fromLatin1(SecureRandom::token(32));
    evictOldest(m_deviceCodes, MaxDeviceCodes);
    m_deviceCodes.insert(deviceCode, device);

    QUrl complete = endpoint(u"/device"_s);
    complete.setQuery(u"user_code="_s + device.userCode);
    HttpResponse r = HttpResponse::json(200, toJson(QJsonObject{
            {u"device_code"_s, deviceCode},
            {u"user_code"_s, device.userCode},
            {u"verification_uri"_s, endpoint(u"/device"_s).toString()},
            {u"verification_uri_complete"_s, complete.toString()},
            {u"expires_in"_s, m_config.deviceCodeLifetimeSeconds},
            {u"interval"_s, device.interval},
    }));
    r.setHeader("Cache-Control", "no-store");
    return r;
}

HttpResponse AuthorizationServer::devicePage(const HttpRequest &request)
{
    const auto q = FormData::parse(request.query);
    const QString typed = q ? q->value(u"user_code"_s) : QString();
    if (typed.isEmpty())
        return deviceEntryPage();
    const QString wanted = normalizedUserCode(typed);
    for (auto it = m_deviceCodes.begin(); it != m_deviceCodes.end(); ++it) {
        if (!constantTimeEquals(normalizedUserCode(it->userCode).toLatin1(), wanted.toLatin1()))
            continue;
        if (now() >= it->expiresAt || it->status != DeviceCode::Status::Pending)
            break;
        // The usual pages decide; their end approves or denies this code (see decideDevice).
        Transaction txn;
        txn.clientId = it->clientId;
        txn.requestedScopes = it->requestedScopes;
        txn.audience = it->audience;
        txn.deviceCode = it.key();
        txn.expiresAt = qMin(it->expiresAt, now().addSecs(m_config.transactionLifetimeSeconds));
        const QString txnId = QString::fromLatin1(SecureRandom::token(24));
        evictOldest(m_transactions, MaxTransactions);
        m_transactions.insert(txnId, txn);
        QDateTime authTime;
        const QString user = sessionUser(request, &authTime);
        if (user.isEmpty())
            return loginPage(txnId, txn);
        Transaction &t = m_transactions[txnId];
        t.userId = user;
        t.authTime = authTime;
        return renderConsent(txnId, t);
    }
    return deviceEntryPage(u"That code is not known, was already used, or has expired. Check the code on the device."_s,
                           typed.left(64));
}

HttpResponse AuthorizationServer::decideDevice(const Transaction &txn, const QStringList &consented, bool approved)
{
    auto it = m_deviceCodes.find(txn.deviceCode);
    if (it == m_deviceCodes.end() || now() >= it->expiresAt || it->status != DeviceCode::Status::Pending)
        return errorPage(400, u"This code has expired"_s, u"Start the login again on the device for a new code."_s);
    if (!approved) {
        it->status = DeviceCode::Status::Denied;
        return errorPage(200, u"Access denied"_s, u"The device was not signed in. You can close this page."_s);
    }
    it->status = DeviceCode::Status::Approved;
    it->grant.clientId = it->clientId;
    it->grant.userId = txn.userId;
    it->grant.audience = it->audience;
    it->grant.authTime = txn.authTime;
    for (const QString &s : knownScopes(txn)) {
        if (consented.contains(s))
            it->grant.scopes << s;
    }
    qCDebug(lcSandbox) << "approved a device code for" << txn.userId;
    return errorPage(200, u"The device is signed in"_s, u"You can close this page and return to the device."_s);
}

HttpResponse AuthorizationServer::tokenByDeviceCode(const FormData &form, const ClientAuth &client, const QString &jkt)
{
    const QString value = form.value(u"device_code"_s);
    if (value.isEmpty())
        return oauthError(400, u"invalid_request"_s, u"device_code is missing."_s);
    auto it = m_deviceCodes.find(value);
    if (it == m_deviceCodes.end())
        return oauthError(400, u"invalid_grant"_s, u"Unknown or already used device code."_s);
    if (it->clientId != client.clientId)
        return oauthError(400, u"invalid_grant"_s, u"The device code was issued to another client."_s);
    // RFC 8628 3.5
    if (now() >= it->expiresAt)
        return oauthError(400, u"expired_token"_s, u"The device code has expired."_s);
    if (it->status == DeviceCode::Status::Denied) {
        m_deviceCodes.erase(it);
        return oauthError(400, u"access_denied"_s, u"The user denied the device access."_s);
    }
    const QDateTime t = now();
    if (t < it->lastPoll.addSecs(it->interval)) {
        it->lastPoll = t;
        it->interval += 5;
        return oauthError(400, u"slow_down"_s, u"Poll at most every %1 seconds."_s.arg(it->interval));
    }
    it->lastPoll = t;
    if (it->status == DeviceCode::Status::Pending)
        return oauthError(400, u"authorization_pending"_s, u"The user has not finished signing in yet."_s);
    Grant grant = it->grant;
    m_deviceCodes.erase(it); // one use
    grant.family = QString::fromLatin1(SecureRandom::token(12));
    return issueTokens(grant, grant.scopes.contains(u"offline_access"_s), jkt);
}
