// SPDX-License-Identifier: MIT
// The one result convention of a profile's session: a value (the tokens)
// or an error code with a sentence that says what happened and what to do.
// Front ends map SessionError to their own outcome in one place (the CLI
// to its exit statuses).
#pragma once

#include "oauth/tokenset.h"

#include <QObject>
#include <memory>

class DpopSigner;

enum class SessionError {
    None,
    NoTokens,      // nothing stored: never logged in, logged out or forgotten (perhaps by another process)
    Ended,         // the issuer refused the refresh token (invalid_grant): log in again
    Stale,         // tokens from an earlier sandbox run that the running tenant cannot honour
    Refused,       // the issuer, discovery or the keychain said no (a sentence says which)
    Busy,          // another TokenLab process kept the profile's lock too long
};

struct SessionResult
{
    SessionError error = SessionError::None;
    QString sentence;         // empty when ok
    TokenSet tokens;          // the current tokens when ok
    QString storageWarning;   // ok, but the keychain could not keep them
    bool renewed = false;     // this process asked the issuer for new tokens
    bool adopted = false;     // another process had already renewed them; these are its tokens
    std::shared_ptr<DpopSigner> dpop; // freshTokens() of DPoP-bound tokens: signs the API calls' proofs

    bool ok() const { return error == SessionError::None; }
    static SessionResult failure(SessionError error, const QString &sentence)
    {
        SessionResult r;
        r.error = error;
        r.sentence = sentence;
        return r;
    }
};

// One call on a Session. Ends in exactly one finished(), on every path,
// never before the call that made it returns; deletes itself afterwards.
class SessionJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(SessionJob)

public:
    using QObject::QObject;

    // Emits finished() and schedules deletion; a second call is ignored.
    void complete(const SessionResult &result)
    {
        if (m_done)
            return;
        m_done = true;
        Q_EMIT finished(result);
        deleteLater();
    }

Q_SIGNALS:
    void finished(const SessionResult &result);

private:
    bool m_done = false;
};
