// SPDX-License-Identifier: MIT
// tokenlab-cli decode: the token inspector for scripts. Shows a JWT's header,
// claims and checks; --verify checks its signature against the issuer's keys
// (or --jwks URL, or --key FILE.pem) and every claim.
#pragma once

#include "cli/command.h"

struct TokenReport;

class DecodeCommand : public Command
{
    Q_OBJECT
    Q_DISABLE_COPY(DecodeCommand)

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
    void printReport(const TokenReport &report, bool json);
};
