// SPDX-License-Identifier: MIT
// The two ports a sandbox tenant last listened on, kept in a small JSON file
// ({"version":1,"authorization_server_port":N,"api_port":N}) so that the
// next run can come back on them and its issuer URL stays the same. Nothing
// secret is in it. A missing, unreadable or foreign file means "no
// remembered ports", never an error: the tenant then takes free ports.
#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

struct RememberedPorts
{
    quint16 authorizationServer = 0;
    quint16 api = 0;

    friend bool operator==(const RememberedPorts &a, const RememberedPorts &b)
    {
        return a.authorizationServer == b.authorizationServer && a.api == b.api;
    }

    // nullopt unless it is such an object with both ports from 1 to 65535.
    static std::optional<RememberedPorts> parse(const QByteArray &json);
    QByteArray toJson() const;

    static std::optional<RememberedPorts> load(const QString &path);
    // Atomic (QSaveFile); false with a sentence in *error.
    bool save(const QString &path, QString *error = nullptr) const;
};
