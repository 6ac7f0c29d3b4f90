// SPDX-License-Identifier: MIT
// tokenlab-cli token: print one stored token of a profile on stdout, for
// scripts; the one command whose job is to print a token.
#pragma once

#include "cli/command.h"

class TokenCommand : public Command
{
    Q_OBJECT
    Q_DISABLE_COPY(TokenCommand)

public:
    using Command::Command;

    QString name() const override;
    QString synopsis() const override;
    QString summary() const override;
    QString description() const override;
    QList<QCommandLineOption> options() const override;

protected:
    void start(const QCommandLineParser &parser) override;
};
