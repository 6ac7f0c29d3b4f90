// SPDX-License-Identifier: MIT
// tokenlab-cli discover ISSUER: fetch an issuer's OpenID discovery document,
// check it, and list its endpoints (or print it whole with --json).
#pragma once

#include "cli/command.h"

class DiscoverCommand : public Command
{
    Q_OBJECT
    Q_DISABLE_COPY(DiscoverCommand)

public:
    using Command::Command;

    QString name() const override;
    QString synopsis() const override;
    QString summary() const override;
    QString description() const override;
    QList<QCommandLineOption> options() const override;
    QList<Positional> positionals() const override;

protected:
    void start(const QCommandLineParser &parser) override;
};
