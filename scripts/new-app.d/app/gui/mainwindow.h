// SPDX-License-Identifier: MIT
// The main window: the app's name, a text editor over the DocumentStore, a
// status bar, File > Save and Quit, Help > About. Widgets are named by
// objectName so tests can find them; geometry is kept with QSettings.
#pragma once

#include <QMainWindow>

class DocumentStore;
class QAction;
class QLabel;
class QPlainTextEdit;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(DocumentStore *store, QWidget *parent = nullptr);

    bool save();
    void showAbout();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    DocumentStore *m_store;
    QLabel *m_title;
    QPlainTextEdit *m_editor;
};
