// SPDX-License-Identifier: MIT
// CliApp: %name%-cli's commands over the same core as the window.
// `%name%-cli print` writes the saved document to stdout; --help,
// --version and --man-page come from util/Usage.
#pragma once

#include "util/usage.h"

#include <QStringList>
#include <QTextStream>

class DocumentStore;

class CliApp
{
public:
    CliApp(DocumentStore *store, QTextStream &out, QTextStream &err);

    static Usage usage();
    // Runs the command in arguments (argv[0] first) and returns the exit status.
    int run(const QStringList &arguments);

private:
    DocumentStore *m_store;
    QTextStream &m_out;
    QTextStream &m_err;
};
