// SPDX-License-Identifier: MIT
// tokenlab-cli refresh: renew a profile's access token now, with its refresh
// token or, machine to machine, its client credentials.
#pragma once

#include "cli/command.h"

class RefreshCommand : public Command
{
    Q_OBJECT
    Q_DISABLE_COPY(RefreshCommand)

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
