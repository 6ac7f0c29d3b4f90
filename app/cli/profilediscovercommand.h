// SPDX-License-Identifier: MIT
// tokenlab-cli profile discover NAME URL: a profile from an API URL (RFC
// 9728 protected resource metadata, RFC 8414 or OpenID discovery, and RFC
// 7591 registration with consent), every step printed; saved only when the
// whole chain succeeded.
#pragma once

#include "cli/command.h"

class ProfileDiscovery;

class ProfileDiscoverCommand : public Command
{
    Q_OBJECT
    Q_DISABLE_COPY(ProfileDiscoverCommand)

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
    void askConsent(const QUrl &endpoint, const QUrl &issuer);
    void done(ProfileDiscovery *job);

    bool m_json = false;
};
