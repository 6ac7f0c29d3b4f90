// SPDX-License-Identifier: MIT
// tokenlab-cli profile import NAME: a profile (with saved requests and
// variables) from a Postman, Insomnia, Bruno or OpenAPI export (--from), or
// from an Auth0 sample's auth_config.json or AUTH0_* environment variables.
#pragma once

#include "cli/command.h"

class ProfileImportCommand : public Command
{
    Q_OBJECT
    Q_DISABLE_COPY(ProfileImportCommand)

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
    void startFrom(const QCommandLineParser &parser, const QString &name);
};
