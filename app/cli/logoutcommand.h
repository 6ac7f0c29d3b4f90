// SPDX-License-Identifier: MIT
// tokenlab-cli logout: revoke the refresh token where the issuer offers
// revocation, delete the tokens, and with --end-session end the browser
// session at the issuer too.
#pragma once

#include "cli/command.h"

class LogoutCommand : public Command
{
    Q_OBJECT
    Q_DISABLE_COPY(LogoutCommand)

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
