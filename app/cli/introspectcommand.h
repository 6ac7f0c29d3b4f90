// SPDX-License-Identifier: MIT
// tokenlab-cli introspect: what the issuer says of a stored token (RFC 7662).
#pragma once

#include "cli/command.h"

struct Introspection;

class IntrospectCommand : public Command
{
    Q_OBJECT
    Q_DISABLE_COPY(IntrospectCommand)

public:
    using Command::Command;

    QString name() const override;
    QString synopsis() const override;
    QString summary() const override;
    QString description() const override;
    QList<QCommandLineOption> options() const override;

protected:
    void start(const QCommandLineParser &parser) override;

private:
    void print(const Introspection &result, const QString &token, bool json);
};
