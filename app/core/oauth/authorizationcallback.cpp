// SPDX-License-Identifier: MIT
#include "oauth/authorizationcallback.h"
#include "http/formencoding.h"

#include <QCoreApplication>
#include <QCryptographicHash>

using namespace Qt::StringLiterals;

namespace {

bool sameSecret(const QString &a, const QString &b)
{
    // Compare digests: the time taken says nothing about how much of the state matched.
    return QCryptographicHash::hash(a.toUtf8(), QCryptographicHash::Sha256)
            == QCryptographicHash::hash(b.toUtf8(), QCryptographicHash::Sha256);
}

AuthorizationCallback make(AuthorizationCallback::Outcome o, int status, const QString &reason)
{
    AuthorizationCallback c;
    c.outcome = o;
    c.httpStatus = status;
    c.reason = reason;
    return c;
}

} // namespace

AuthorizationCallback AuthorizationCallback::judge(const HttpRequest &request, const CallbackExpectation &expected)
{
    using O = Outcome;
    if (request.path != expected.path)
        return make(O::NotOurs, 404, QCoreApplication::translate("AuthorizationCallback", "A request for another path reached the redirect listener."));
    if (request.method != "GET")
        return make(O::NotOurs, 405, QCoreApplication::translate("AuthorizationCallback", "A %1 request reached the redirect listener; the browser comes back with GET.")
                                             .arg(QString::fromLatin1(request.method.left(16))));
    QString why;
    const auto q = FormData::parse(request.query, &why);
    if (!q)
        return make(O::Rejected, 400, QCoreApplication::translate("AuthorizationCallback", "A malformed callback was refused: %1.").arg(why));
    // RFC 6749 3.1: parameters must not repeat; a repeated state or code is an attack or a bug.
    const QString dup = q->firstDuplicate();
    if (!dup.isEmpty())
        return make(O::Rejected, 400, QCoreApplication::translate("AuthorizationCallback", "A callback with the parameter \"%1\" twice was refused.").arg(dup));

    const bool hasError = q->contains(u"error"_s);
    const bool stateOk = q->contains(u"state"_s) && sameSecret(q->value(u"state"_s), expected.state);
    if (!stateOk) {
        // A wrong state is never this login's answer (RFC 6749 10.12): refuse it, keep waiting.
        AuthorizationCallback c = make(O::Rejected, 400,
                                       q->contains(u"state"_s)
                                               ? QCoreApplication::translate("AuthorizationCallback", "A callback with a state that is not this login's was refused (a possible cross-site request forgery).")
                                               : QCoreApplication::translate("AuthorizationCallback", "A callback without a state was refused."));
        if (hasError)
            c.error = q->value(u"error"_s);
        return c;
    }
    if (!expected.expectCode && !hasError) {
        AuthorizationCallback c = make(O::Code, 200, QCoreApplication::translate("AuthorizationCallback", "The issuer signed the browser out and sent it back."));
        return c;
    }
    // RFC 9207 2.4: iss, when sent or promised, must be the issuer we started with.
    if (expected.expectCode && (q->contains(u"iss"_s) || expected.issuerSendsIss)) {
        if (q->value(u"iss"_s) != expected.issuer.toString()) {
            return make(O::MixUp, 400,
                        q->contains(u"iss"_s)
                                ? QCoreApplication::translate("AuthorizationCallback", "The authorization response came from the issuer \"%1\", not \"%2\" (a possible mix-up attack); no tokens were requested.")
                                          .arg(q->value(u"iss"_s), expected.issuer.toString())
                                : QCoreApplication::translate("AuthorizationCallback", "The issuer promised an iss parameter (RFC 9207) but the response has none; no tokens were requested."));
        }
    }
    if (hasError) {
        AuthorizationCallback c = make(O::ProviderError, 200, QString());
        c.error = q->value(u"error"_s);
        c.errorDescription = q->value(u"error_description"_s);
        c.reason = c.errorDescription.isEmpty() ? QCoreApplication::translate("AuthorizationCallback", "The authorization server answered %1.").arg(c.error)
                                                : QCoreApplication::translate("AuthorizationCallback", "The authorization server answered: %1 (%2).").arg(c.errorDescription, c.error);
        return c;
    }
    const QString code = q->value(u"code"_s);
    if (code.isEmpty())
        return make(O::MissingCode, 400, QCoreApplication::translate("AuthorizationCallback", "The authorization server came back without a code or an error."));
    AuthorizationCallback c = make(O::Code, 200, QCoreApplication::translate("AuthorizationCallback", "The browser brought back an authorization code."));
    c.code = code;
    return c;
}
