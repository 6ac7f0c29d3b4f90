// SPDX-License-Identifier: MIT
#include "gui/mainwindow.h"

#include "storage/documentstore.h"

#include "appinfo.h"

#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStatusBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

MainWindow::MainWindow(DocumentStore *store, QWidget *parent)
    : QMainWindow(parent), m_store(store), m_title(new QLabel), m_editor(new QPlainTextEdit)
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(AppInfo::DisplayName);
    setMinimumSize(480, 320);

    m_title->setObjectName(u"titleLabel"_s);
    m_title->setText(AppInfo::DisplayName);
    QFont font = m_title->font();
    font.setPointSizeF(font.pointSizeF() * 1.6);
    font.setBold(true);
    m_title->setFont(font);
    auto *summary = new QLabel(AppInfo::Summary);
    summary->setObjectName(u"summaryLabel"_s);
    summary->setWordWrap(true);
    m_editor->setObjectName(u"editor"_s);
    m_editor->setPlaceholderText(tr("Write here; File > Save keeps it."));

    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(m_title);
    layout->addWidget(summary);
    layout->addWidget(m_editor, 1);
    setCentralWidget(central);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *saveAction = file->addAction(tr("&Save"), this, [this] { save(); });
    saveAction->setObjectName(u"saveAction"_s);
    saveAction->setShortcut(QKeySequence::Save);
    file->addSeparator();
    QAction *quitAction = file->addAction(tr("&Quit"), this, &QWidget::close);
    quitAction->setObjectName(u"quitAction"_s);
    quitAction->setShortcut(QKeySequence::Quit);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *aboutAction = help->addAction(tr("&About %1").arg(AppInfo::DisplayName), this, &MainWindow::showAbout);
    aboutAction->setObjectName(u"aboutAction"_s);

    QString error;
    if (const std::optional<QString> text = m_store->load(&error))
        m_editor->setPlainText(*text);
    else
        statusBar()->showMessage(error);

    QSettings settings;
    if (!restoreGeometry(settings.value(u"window/geometry"_s).toByteArray()))
        resize(720, 480);
}

bool MainWindow::save()
{
    QString error;
    if (!m_store->save(m_editor->toPlainText(), &error)) {
        statusBar()->showMessage(error);
        return false;
    }
    statusBar()->showMessage(tr("Saved."), 3000);
    return true;
}

void MainWindow::showAbout()
{
    // Not modal to the application, so the window (and a test) keeps running while it is open.
    auto *box = new QMessageBox(QMessageBox::Information, tr("About %1").arg(AppInfo::DisplayName),
                                tr("%1 %2").arg(AppInfo::DisplayName, AppInfo::Version), QMessageBox::Close, this);
    box->setObjectName(u"aboutBox"_s);
    box->setInformativeText(AppInfo::Summary + u"\n\n"_s + AppInfo::Homepage);
    if (!windowIcon().isNull())
        box->setIconPixmap(windowIcon().pixmap(64, 64));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(u"window/geometry"_s, saveGeometry());
    event->accept();
}
