// SPDX-License-Identifier: MIT
// tokenlab-cli profile add NAME: add a profile, or replace the one with the same NAME; a
// client-credentials profile's secret goes to the keychain, never the file.
#pragma once

#include "cli/command.h"

class ProfileAddCommand : public Command
{
    Q_OBJECT
    Q_DISABLE_COPY(ProfileAddCommand)

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

private:
    void keepClientKey(const QString &name, QByteArray pem);
};
