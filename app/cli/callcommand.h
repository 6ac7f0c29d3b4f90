// tokenlab-cli call: the API console for scripts. Sends a request with the
// profile's access token (refreshed first when it has expired), prints the
// body on stdout and, for a 4xx or 5xx, what went wrong on stderr.
#pragma once

#include "cli/command.h"

class CallCommand : public Command
{
    Q_OBJECT
    Q_DISABLE_COPY(CallCommand)

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
