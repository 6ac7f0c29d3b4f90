// SPDX-License-Identifier: MIT
#include "gui/sessiontext.h"
#include "util/timeformat.h"

using namespace Qt::StringLiterals;

QString SessionText::when(const QDateTime &utc, const QDateTime &now)
{
    const QDateTime local = utc.toLocalTime();
    return local.date() == now.toLocalTime().date() ? local.toString(u"HH:mm:ss"_s) : local.toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

QString SessionText::state(const Session &session, const QDateTime &now)
{
    const std::optional<TokenSet> tokens = session.tokens();
    QString text;
    switch (session.state()) {
    case Session::State::Unknown:
        return tr("Reading the keychain…");
    case Session::State::SignedOut:
        text = tr("Not signed in");
        break;
    case Session::State::SignedIn:
        if (tokens && tokens->expiresAt.isValid())
            text = tr("Signed in · expires %1 (in %2)")
                           .arg(when(tokens->expiresAt, now), TimeFormat::duration(now.secsTo(tokens->expiresAt)));
        else
            text = tr("Signed in · the issuer gave no expiry");
        break;
    case Session::State::Expired:
        text = tr("Token expired at %1 · %2")
                       .arg(tokens ? when(tokens->expiresAt, now) : QString(),
                            session.canRefresh() ? tr("Refresh (Ctrl+R) renews it") : tr("log in again"));
        break;
    case Session::State::Ended:
        return tr("Session ended: log in again");
    case Session::State::Stale:
        return session.problem().isEmpty() ? tr("These tokens cannot be used any more: log in again") : session.problem();
    }
    if (session.isRefreshing())
        text += tr(" · refreshing…");
    // A keychain that did not answer: this process keeps what it holds, and says so.
    if (!session.problem().isEmpty())
        text += u'\n' + tr("Keychain: %1").arg(session.problem());
    else if (!session.storageWarning().isEmpty())
        text += u'\n' + session.storageWarning();
    return text;
}

QString SessionText::subtitle(const Session &session, const QDateTime &now)
{
    const std::optional<TokenSet> tokens = session.tokens();
    switch (session.state()) {
    case Session::State::Unknown:
        return tr("reading the keychain…");
    case Session::State::SignedOut:
        return session.profile().isSandbox() ? tr("local tenant, works offline") : session.profile().issuer.host();
    case Session::State::SignedIn:
        return tokens && tokens->expiresAt.isValid()
                       ? tr("signed in · expires %1").arg(tokens->expiresAt.toLocalTime().toString(u"HH:mm"_s))
                       : tr("signed in");
    case Session::State::Expired:
        return tr("token expired");
    case Session::State::Ended:
        return tr("session ended, log in again");
    case Session::State::Stale:
        return tr("stale tokens, log in again");
    }
    Q_UNUSED(now)
    return {};
}

Tone SessionText::tone(Session::State state)
{
    switch (state) {
    case Session::State::SignedIn: return Tone::Ok;
    case Session::State::Expired: return Tone::Warning;
    case Session::State::Ended:
    case Session::State::Stale: return Tone::Error;
    case Session::State::Unknown:
    case Session::State::SignedOut: return Tone::Plain;
    }
    return Tone::Plain;
}
