// SPDX-License-Identifier: MIT
// What a probe gets ready before its first request:
//
// - the issuer's keys (discovery, then the JWKS), to find the public key
//   that verifies the probed token (for the HS256 confusion case) and to
//   check every extra token against the probed one: a narrow, other-audience
//   or expired token is used only when its signature verifies against the
//   issuer's keys, it comes from the same issuer, and its audience and
//   expiry are the ones its case needs; otherwise the case is not run and
//   the report says why (a token the API rightly refuses proves nothing);
// - with a mint key, that the issuer publishes it, and the claims a valid
//   minted token carries;
// - a fresh key of the probed token's kind (generated off the event loop)
//   and a key server on 127.0.0.1 that serves its key set and certificate
//   for the jku and x5u cases and counts who fetched what.
//
// Contract: start() ends in exactly one ready() with the material, on every
// path, never before start() returns. The key server lives as long as this
// object, so the runner keeps it until its cells are judged.
#pragma once

#include "util/clock.h"
#include "api/probecases.h"
#include "storage/profile.h"

#include <QHash>
#include <QObject>
#include <optional>

class DiscoveryClient;
class JwksClient;
class KeySet;
class LocalHttpServer;
class QNetworkAccessManager;

class ProbePreparation : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(ProbePreparation)

public:
    ProbePreparation(QNetworkAccessManager *network, Clock clock, QObject *parent = nullptr);
    ~ProbePreparation() override;

    void start(const Profile &profile, const ProbeTokens &tokens);
    // How often the key server answered this path.
    int fetches(const QString &path) const { return m_fetches.value(path); }

    // Why token (in role "narrow", "other-audience" or "expired") cannot stand
    // in for its case beside good, checked with the issuer's keys at now
    // (seconds since 1970); empty when it fits. The audience compared is
    // apiAudience (the profile's audience or resource) when there is one,
    // else the probed token's.
    static DeferredText unfitReason(const QString &role, const QByteArray &token, const QByteArray &good, const KeySet &keys, qint64 now,
                               const QString &apiAudience = {});

Q_SIGNALS:
    void ready(const ProbeMaterial &material);

private:
    void onKeys(const std::optional<KeySet> &keys, const DeferredText &error);
    void startKeyServer();
    void stepDone();

    DiscoveryClient *m_discovery;
    JwksClient *m_jwks;
    Clock m_clock;
    Profile m_profile;
    ProbeMaterial m_material;
    LocalHttpServer *m_keyServer = nullptr;
    QHash<QString, int> m_fetches;
    int m_pending = 0;
};
