// SPDX-License-Identifier: MIT
// tokenlab-cli probe: the 200/401/403 matrix, headless, with a JUnit report.
// The sandbox profile gets every kind of token from a tenant of its own;
// another profile uses its stored token and, optionally, other profiles' ones.
#pragma once

#include "cli/command.h"
#include "api/probereport.h"

class ProbeCommand : public Command
{
    Q_OBJECT
    Q_DISABLE_COPY(ProbeCommand)

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
    struct Settings
    {
        QString junit;
        QString csv;
        bool json = false;
        bool strict = false;
        bool mint = false;
        QString profile;
        QString issuer;
        QString apiBase;
    };
    void writeReports(const QList<ProbeCell> &cells, const QList<DeferredText> &notes, const Settings &settings);
};
