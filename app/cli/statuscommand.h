// SPDX-License-Identifier: MIT
// tokenlab-cli status: every profile with its signed-in state and expiry,
// read from the keychain; never a token.
#pragma once

#include "cli/command.h"

class StatusCommand : public Command
{
    Q_OBJECT
    Q_DISABLE_COPY(StatusCommand)

public:
    using Command::Command;

    QString name() const override;
    QString summary() const override;
    QString description() const override;

protected:
    void start(const QCommandLineParser &parser) override;
};
