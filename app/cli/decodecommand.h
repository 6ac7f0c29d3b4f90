// SPDX-License-Identifier: MIT
// tokenlab-cli decode: the token inspector for scripts. Shows a JWT's header,
// claims and checks; --verify checks its signature against the issuer's keys
// (or --jwks URL, or --key FILE.pem) and every claim. --each-line FILE|-
// does the same for every token in a file, one per line, printing one result
// line per token (decodeeachline.cpp).
#pragma once

#include "cli/command.h"
#include "jose/tokenchecks.h"
#include "oauth/tokenverifier.h"
#include "storage/profile.h"

#include <QFile>
#include <memory>
#include <optional>

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

    // --each-line: one token per line, each verified in turn with one verifier
    // (so keys are fetched or parsed once), one result line each.
    struct EachLine
    {
        QFile file;
        TokenVerifier *verifier = nullptr;
        TokenExpectations expected;
        KeySource source;
        std::optional<Profile> profile;
        QString audience;
        bool verify = false;
        bool json = false;
        qint64 line = 0;      // the line being read, from 1
        qint64 tokens = 0;
        qint64 passed = 0;
    };
    void startEachLine(const QString &path, std::unique_ptr<EachLine> run);
    void nextLine();
    void lineDone(qint64 line, const TokenReport &report);
    void report(qint64 line, bool passed, const QString &verdict, const QString &why);
    std::unique_ptr<EachLine> m_each;
};
