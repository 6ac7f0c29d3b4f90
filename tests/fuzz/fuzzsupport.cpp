#include "fuzzsupport.h"

#include <QtGlobal>

namespace Fuzz {

void setUp(int *argc, char ***argv)
{
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &) { });
    static QCoreApplication app(*argc, *argv);
}

} // namespace Fuzz
