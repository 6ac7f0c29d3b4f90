// The sentence for an API's answer that is not a success: what went wrong
// and what to do next, read from the status, the WWW-Authenticate
// challenges (RFC 6750 3, 3.1) and the scopes of the token that was sent.
// The API console shows it under the answer; the probe quotes it.
//
// Contract: explain() is a pure function of the answer; a 2xx gets no
// sentence, every other status gets one. It quotes the API's own
// error_description (the API's words, not a secret) and never the token.
#pragma once

#include "api/wwwauthenticate.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

struct ChallengeContext
{
    int status = 0;
    WwwAuthenticate challenges;
    bool tokenSent = false;     // an Authorization header went with the request
    QStringList tokenScopes;    // the scopes the token sent carries
    QByteArray method;          // for a 405
    QString path;               // for a 404
    QByteArray allow;           // the Allow header, for a 405
};

struct ChallengeExplanation
{
    QString sentence;           // what happened and what to do next; empty for a 2xx
    QString missingScope;       // a 403 insufficient_scope's scope, to log in again asking for it
};

namespace ChallengeExplainer {
ChallengeExplanation explain(const ChallengeContext &answer);
}
