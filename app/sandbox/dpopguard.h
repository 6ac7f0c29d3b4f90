// SPDX-License-Identifier: MIT
// What the sandbox's token endpoint and its sample API share for DPoP
// (RFC 9449): the proof check against the tenant's clock, the memory of the
// proofs already seen so that a replay is refused (11.1), and, when the
// tenant is asked to demand them, the server nonces (8 and 9). Each server
// has its own guard: the authorization server's nonces are not the API's.
//
//   client                         guard
//     | DPoP: proof (no nonce)        |
//     |------------------------------>| use_dpop_nonce + DPoP-Nonce: n1
//     | DPoP: proof {nonce n1}        |
//     |------------------------------>| ok; jti remembered
//
// A nonce is good for dpopNonceRotationSeconds and, once replaced, for one
// period more, so a client that just fetched one is not refused at a turn.
#pragma once

#include "http/httpmessage.h"
#include "sandbox/sandboxconfig.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QUrl>

class DpopGuard
{
public:
    explicit DpopGuard(const SandboxConfig &config);

    struct Outcome
    {
        bool present = false;   // the request carried a DPoP header
        bool ok = false;
        QString error;          // "invalid_dpop_proof" or "use_dpop_nonce"
        QString description;    // one sentence
        QString thumbprint;     // the proof key's jkt (RFC 7638) when ok
    };

    // RFC 9449 4.3 for this request's DPoP header: method and url are those
    // of the request; accessToken (for a resource request) must match ath;
    // boundThumbprint (a token's cnf.jkt or a code's dpop_jkt) the key.
    Outcome check(const HttpRequest &request, const QByteArray &method, const QUrl &url,
                  const QString &accessToken = {}, const QString &boundThumbprint = {});

    bool demandsNonce() const { return m_demandNonce; }
    void setDemandsNonce(bool demand) { m_demandNonce = demand; }
    // The nonce to hand out now (rotated when its time is up); empty unless demandsNonce().
    QByteArray nonce();

    // The proof algorithms the tenant accepts, as discovery lists them.
    static QStringList algorithms();
    // RFC 9449 7.1: a resource's DPoP challenge, with the accepted algorithms
    // and, when given, error and error_description.
    static QByteArray challenge(const QString &error = {}, const QString &description = {});
    // "Authorization: DPoP <token>" (scheme case-insensitive): the token, else empty.
    static QByteArray dpopToken(const HttpRequest &request);

private:
    void rotate();

    Clock m_clock;
    bool m_demandNonce = false;
    int m_rotationSeconds = 60;
    int m_windowSeconds = 60;
    QByteArray m_nonce;
    QByteArray m_previousNonce;
    qint64 m_nonceSince = 0;
    QHash<QString, qint64> m_seen; // thumbprint + jti -> when it may be forgotten
};
