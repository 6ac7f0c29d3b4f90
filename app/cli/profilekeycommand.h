// SPDX-License-Identifier: MIT
// tokenlab-cli profile key NAME: the public half of a profile's client key
// (private_key_jwt), to register at the issuer, made on first use and kept
// in the keychain; --import FILE brings an existing key; --dpop shows the
// DPoP proof key instead.
#pragma once

#include "cli/command.h"

#include <QJsonObject>

class ProfileKeyCommand : public Command
{
    Q_OBJECT
    Q_DISABLE_COPY(ProfileKeyCommand)

public:
    using Command::Command;

    QString name() const override;
    QString synopsis() const override;
    QString summary() const override;
    QString description() const override;
    QList<QCommandLineOption> options() const override;
    QList<Positional> positionals() const override;

    // The JWK (or, with asSet, {"keys":[JWK]}) as printed, public members only.
    static QByteArray publicJwkText(const QJsonObject &publicJwk, bool asSet);

protected:
    void start(const QCommandLineParser &parser) override;
};
