// SPDX-License-Identifier: MIT
#include "oauth/introspection.h"
#include "jose/jwt.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

Introspection Introspection::parse(int httpStatus, const QByteArray &body)
{
    Introspection out;
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    const QJsonObject o = doc.object();
    if (httpStatus != 200) {
        // RFC 7662 2.3: a refused request (an unauthenticated client, most often) uses the token endpoint's errors.
        out.errorCode = o.value(u"error").toString();
        const QString description = o.value(u"error_description").toString();
        if (httpStatus == 401 || out.errorCode == u"invalid_client")
            out.error = QCoreApplication::translate("Introspection", "The introspection endpoint did not accept the client's authentication (HTTP %1%2); it may take confidential "
                        "clients only.").arg(httpStatus).arg(description.isEmpty() ? QString() : u": "_s + description);
        else if (!out.errorCode.isEmpty())
            out.error = QCoreApplication::translate("Introspection", "The introspection endpoint refused the request: %1.").arg(description.isEmpty() ? out.errorCode
                                                                                                          : description + u" ("_s + out.errorCode + u')');
        else
            out.error = QCoreApplication::translate("Introspection", "The introspection endpoint answered HTTP %1 without an OAuth error; is its URL right?").arg(httpStatus);
        return out;
    }
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        out.error = QCoreApplication::translate("Introspection", "The introspection endpoint answered, but not with a JSON object.");
        return out;
    }
    // RFC 7662 2.2: active is required and a boolean.
    const QJsonValue active = o.value(u"active");
    if (!active.isBool()) {
        out.error = QCoreApplication::translate("Introspection", "The introspection endpoint's answer has no boolean \"active\" (RFC 7662 2.2).");
        return out;
    }
    out.answered = true;
    out.active = active.toBool();
    out.raw = o;
    out.scope = o.value(u"scope").toString();
    out.clientId = o.value(u"client_id").toString();
    out.username = o.value(u"username").toString();
    out.subject = o.value(u"sub").toString();
    out.tokenType = o.value(u"token_type").toString();
    out.audience = Jwt::audiences(o);
    out.issuer = o.value(u"iss").toString();
    if (const auto exp = Jwt::numericDate(o.value(u"exp")))
        out.expiresAt = QDateTime::fromSecsSinceEpoch(*exp, Qt::UTC);
    if (const auto iat = Jwt::numericDate(o.value(u"iat")))
        out.issuedAt = QDateTime::fromSecsSinceEpoch(*iat, Qt::UTC);
    return out;
}
