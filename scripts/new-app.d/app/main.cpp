// SPDX-License-Identifier: MIT
// %name%: the desktop front end. Answers --help, --version and --man-page,
// else builds the core objects, gives them to the main window and runs.
#include "gui/mainwindow.h"
#include "storage/documentstore.h"
#include "util/translations.h"
#include "util/usage.h"

#include "appinfo.h"

#include <QApplication>
#include <QDir>
#include <QIcon>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    {
        QTextStream out(stdout);
        QTextStream err(stderr);
        const Usage usage(u"%name%"_s, AppInfo::Summary, AppInfo::Version);
        if (const std::optional<int> status = usage.answer(arguments, AppInfo::ReleaseDate, out, err))
            return *status;
    }

    QApplication app(argc, argv);
    QApplication::setApplicationName(AppInfo::DisplayName);
    QApplication::setOrganizationName(AppInfo::Organization);
    QApplication::setOrganizationDomain(AppInfo::OrganizationDomain);
    QApplication::setApplicationVersion(AppInfo::Version);
    // The window speaks the system locale's language when resources/translations has it.
    Translations::install();
    // The .desktop entry's name, so task bars group the window under its launcher and icon.
    QGuiApplication::setDesktopFileName(AppInfo::Id);
    // The installed theme's icon when there is one, else the PNGs compiled in
    // (resources/CMakeLists.txt renders them, one folder per size).
    QIcon builtIn;
    for (const QString &size : QDir(u":/icons"_s).entryList(QDir::Dirs))
        builtIn.addFile(u":/icons/%1/%name%.png"_s.arg(size));
    QApplication::setWindowIcon(QIcon::fromTheme(AppInfo::IconName, builtIn));

    DocumentStore store;
    MainWindow window(&store);
    window.show();
    return app.exec();
}
