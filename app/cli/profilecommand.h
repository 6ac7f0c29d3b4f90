// SPDX-License-Identifier: MIT
// tokenlab-cli profile list | show NAME | remove NAME | use NAME: the small
// profile commands, which take a NAME or nothing and no options.
// (profile add and profile import have files of their own.)
#pragma once

#include "cli/command.h"

#include <optional>

struct Profile;

// Reads its arguments itself rather than through QCommandLineParser, so that
// anything but --help is a NAME, as it always was.
class ProfileNameCommand : public Command
{
    Q_OBJECT
    Q_DISABLE_COPY(ProfileNameCommand)

public:
    using Command::Command;

    void run(const QStringList &args) override;

protected:
    void start(const QCommandLineParser &) final {}
    // args without --help; the profiles are loaded.
    virtual void act(const QStringList &args) = 0;
    // The one NAME in args; nullopt after finishing with "give exactly one profile NAME".
    std::optional<QString> oneName(const QStringList &args);
};

class ProfileListCommand : public ProfileNameCommand
{
    Q_OBJECT
    Q_DISABLE_COPY(ProfileListCommand)

public:
    using ProfileNameCommand::ProfileNameCommand;

    QString name() const override;
    QString summary() const override;
    QString description() const override;

protected:
    void act(const QStringList &args) override;
};

class ProfileShowCommand : public ProfileNameCommand
{
    Q_OBJECT
    Q_DISABLE_COPY(ProfileShowCommand)

public:
    using ProfileNameCommand::ProfileNameCommand;

    QString name() const override;
    QString synopsis() const override;
    QString summary() const override;
    QString description() const override;
    QList<Positional> positionals() const override;

protected:
    void act(const QStringList &args) override;

private:
    void print(const Profile &profile);
};

class ProfileRemoveCommand : public ProfileNameCommand
{
    Q_OBJECT
    Q_DISABLE_COPY(ProfileRemoveCommand)

public:
    using ProfileNameCommand::ProfileNameCommand;

    QString name() const override;
    QString synopsis() const override;
    QString summary() const override;
    QString description() const override;
    QList<Positional> positionals() const override;

protected:
    void act(const QStringList &args) override;
};

class ProfileRenameCommand : public ProfileNameCommand
{
    Q_OBJECT
    Q_DISABLE_COPY(ProfileRenameCommand)

public:
    using ProfileNameCommand::ProfileNameCommand;

    QString name() const override;
    QString synopsis() const override;
    QString summary() const override;
    QString description() const override;
    QList<Positional> positionals() const override;

protected:
    void act(const QStringList &args) override;
};

class ProfileUseCommand : public ProfileNameCommand
{
    Q_OBJECT
    Q_DISABLE_COPY(ProfileUseCommand)

public:
    using ProfileNameCommand::ProfileNameCommand;

    QString name() const override;
    QString synopsis() const override;
    QString summary() const override;
    QString description() const override;
    QList<Positional> positionals() const override;

protected:
    void act(const QStringList &args) override;
};
