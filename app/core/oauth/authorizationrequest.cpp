// SPDX-License-Identifier: MIT
#include "oauth/authorizationrequest.h"

using namespace Qt::StringLiterals;

bool AuthorizationRequest::isReservedParameter(const QString &name)
{
    static const QStringList reserved{u"response_type"_s, u"client_id"_s, u"redirect_uri"_s, u"state"_s,
                                      u"nonce"_s, u"code_challenge"_s, u"code_challenge_method"_s, u"dpop_jkt"_s,
                                      u"request_uri"_s};
    return reserved.contains(name);
}

namespace {

QUrl withQuery(QUrl url, const FormData &f)
{
    QByteArray query = url.query(QUrl::FullyEncoded).toLatin1();
    if (!query.isEmpty())
        query += '&';
    query += f.encode();
    url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    return url;
}

} // namespace

QUrl AuthorizationRequest::url() const
{
    return withQuery(authorizationEndpoint, parameters());
}

QUrl AuthorizationRequest::pushedUrl(const QUrl &authorizationEndpoint, const QString &clientId, const QString &requestUri)
{
    FormData f;
    f.add(u"client_id"_s, clientId);
    f.add(u"request_uri"_s, requestUri);
    return withQuery(authorizationEndpoint, f);
}

FormData AuthorizationRequest::parameters() const
{
    FormData f;
    f.add(u"response_type"_s, u"code"_s);
    f.add(u"client_id"_s, clientId);
    f.add(u"redirect_uri"_s, redirectUri.toString());
    if (!scope.isEmpty())
        f.add(u"scope"_s, scope);
    if (!audience.isEmpty())
        f.add(u"audience"_s, audience);
    if (!resource.isEmpty())
        f.add(u"resource"_s, resource); // RFC 8707 2
    f.add(u"state"_s, state);
    if (!nonce.isEmpty())
        f.add(u"nonce"_s, nonce);
    f.add(u"code_challenge"_s, QString::fromLatin1(codeChallenge)); // RFC 7636 4.3
    f.add(u"code_challenge_method"_s, u"S256"_s);
    if (!dpopJkt.isEmpty())
        f.add(u"dpop_jkt"_s, dpopJkt);
    for (const auto &p : extraParams) {
        if (!isReservedParameter(p.first))
            f.add(p.first, p.second);
    }
    return f;
}
