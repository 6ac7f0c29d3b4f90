// SPDX-License-Identifier: MIT
// A main() for fuzz targets built without libFuzzer (g++, the default
// preset): runs every file named on the command line, or every file in a
// directory named there, through LLVMFuzzerTestOneInput once. CTest uses
// it to replay the seed corpora, so an input that once crashed a parser
// stays a regression test on every compiler.
#include "fuzzsupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QFile>
#include <cstdio>

int main(int argc, char **argv)
{
    LLVMFuzzerInitialize(&argc, &argv);
    int count = 0;
    for (int i = 1; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        if (arg.startsWith(u'-'))
            continue; // libFuzzer options, ignored here
        QStringList files;
        if (QFileInfo(arg).isDir()) {
            QDirIterator it(arg, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext())
                files << it.next();
        } else {
            files << arg;
        }
        for (const QString &path : files) {
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly)) {
                std::fprintf(stderr, "replay: cannot read %s\n", qPrintable(path));
                return 2;
            }
            const QByteArray input = f.readAll();
            LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(input.constData()), size_t(input.size()));
            ++count;
        }
    }
    if (count == 0) {
        std::fprintf(stderr, "replay: no inputs given\n");
        return 2;
    }
    std::printf("replay: %d inputs ran without a crash\n", count);
    return 0;
}
