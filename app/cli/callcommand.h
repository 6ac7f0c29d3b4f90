// SPDX-License-Identifier: MIT
// tokenlab-cli call: the API console for scripts. Sends a request with the
// profile's access token (refreshed first when it has expired), prints the
// body on stdout and, for a 4xx or 5xx, what went wrong on stderr. With
// --saved NAME it sends a request saved in the API tab, its {{variables}}
// filled in. Every call goes into the profile's history, as the app's do.
#pragma once

#include "api/apiclient.h"
#include "cli/command.h"
#include "storage/profile.h"

#include <functional>

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

private:
    // The request to send, once the tokens are known ({{token}}); nullopt with a sentence.
    using Builder = std::function<std::optional<ApiRequest>(const std::optional<TokenSet> &tokens, QString *error)>;
    void startSaved(const QString &name, const HttpHeaders &extra, bool withToken);
    // secrets: values the history must not keep (secret variables).
    void send(const Builder &build, bool withToken, const QString &label, const QList<QByteArray> &secrets = {});
    void answer(const ApiExchange &exchange, const QString &label, const QList<QByteArray> &secrets);

    Profile m_profile;
    bool m_include = false;
    bool m_sendExpired = false;
    std::chrono::milliseconds m_timeout{30000};
};
