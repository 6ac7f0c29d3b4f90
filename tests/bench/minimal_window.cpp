// SPDX-License-Identifier: MIT
// The baseline of the start-up benchmark: the least a Qt Widgets app does
// to show a window here (same style, same platform), quitting when idle.
#include <QApplication>
#include <QLabel>
#include <QMainWindow>
#include <QStyleFactory>
#include <QTimer>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QMainWindow window;
    window.setCentralWidget(new QLabel(QStringLiteral("baseline")));
    window.resize(1180, 780);
    window.show();
    QTimer::singleShot(0, &app, &QCoreApplication::quit);
    return app.exec();
}
