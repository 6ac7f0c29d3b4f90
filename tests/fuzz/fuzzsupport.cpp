// SPDX-License-Identifier: MIT
#include "fuzzsupport.h"

#include <QtGlobal>

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &) { });
    static QCoreApplication app(*argc, *argv);
    Fuzz::initializeTarget();
    return 0;
}

namespace Fuzz {

__attribute__((weak)) void initializeTarget() { }

} // namespace Fuzz
