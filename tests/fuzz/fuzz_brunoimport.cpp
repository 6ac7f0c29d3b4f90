// SPDX-License-Identifier: MIT
// A Bruno collection folder the user imports, read by BrunoImport: the input
// is files separated by NUL bytes, each "relative/path.bru\n" then its
// content, so names (traversal, nesting) are fuzzed with the contents.
#include "fuzzsupport.h"
#include "importcheck.h"
#include "api/brunoimport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QMap<QString, QByteArray> files;
    for (const QByteArray &part : Fuzz::bytes(data, size).split('\0')) {
        const qsizetype newline = part.indexOf('\n');
        if (newline > 0)
            files.insert(QString::fromUtf8(part.left(newline)), part.mid(newline + 1));
    }
    QString error;
    const auto c = BrunoImport::parse(files, &error);
    Fuzz::checkImport(c, error);
    return 0;
}
