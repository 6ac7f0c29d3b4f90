// SPDX-License-Identifier: MIT
#include "api/apiexpectations.h"
#include "api/apiclient.h"
#include "api/probeplan.h"

ApiExpectations ApiExpectations::of(const Profile &profile, const QByteArray &method, const QUrl &url)
{
    return of(profile, profile.apiBase.isEmpty() ? ProbePlan() : ProbePlan::of(profile), method, url);
}

ApiExpectations ApiExpectations::of(const Profile &profile, const ProbePlan &plan, const QByteArray &method, const QUrl &url)
{
    ApiExpectations out;
    if (!profile.issuer.isEmpty())
        out.issuer = profile.issuer.toString();
    out.audience = profile.audience.isEmpty() ? profile.resource : profile.audience;
    if (profile.apiBase.isEmpty())
        return out;
    // The plan's paths are relative to the API base: the same origin and path.
    const auto endpoint = [&profile](const QString &path, const QUrl &url) {
        const QUrl planned = profile.apiUrl(path);
        return ApiClient::sameOrigin(planned, url) && planned.path() == url.path();
    };
    const QByteArray upper = method.toUpper();
    for (const ProbeEndpoint &e : plan.endpoints) {
        if (e.need == ProbeEndpoint::Need::Scopes && e.method == upper && endpoint(e.path, url)) {
            out.neededScopes = e.scopes;
            break;
        }
    }
    return out;
}
