// SPDX-License-Identifier: MIT
// tokenlab-cli login: sign in through the browser (authorization code + PKCE),
// or on another device (RFC 8628, cli/devicepromptview.h shows the code),
// and print who signed in, the scopes and the expiry; never a token. With the
// sandbox profile the tenant runs inside this command, for as long as it runs.
#pragma once

#include "cli/command.h"

class DevicePromptView;
class LoginFlow;
struct LoginResult;

class LoginCommand : public Command
{
    Q_OBJECT
    Q_DISABLE_COPY(LoginCommand)

public:
    using Command::Command;

    QString name() const override;
    QString synopsis() const override;
    QString summary() const override;
    QString description() const override;
    QList<QCommandLineOption> options() const override;
    // A flow that runs is cancelled, and then finishes as interrupted itself.
    void interrupt() override;

protected:
    void start(const QCommandLineParser &parser) override;

private:
    void printResult(const LoginResult &result);

    LoginFlow *m_flow = nullptr;
    DevicePromptView *m_view = nullptr;
    bool m_profileDevice = false; // the profile, not --device or the missing display, chose the device flow
};
