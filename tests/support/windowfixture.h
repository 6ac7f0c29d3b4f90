// The main window over an in-process sandbox, as the GUI tests use it: a
// private profiles file, an in-memory token store, and a test browser
// that follows the sandbox's pages. Widgets are found by objectName.
#pragma once

#include "discoveryclient.h"
#include "loginflow.h"
#include "mainwindow.h"
#include "profilestore.h"
#include "sandboxfixture.h"
#include "testbrowser.h"
#include "tokenstore.h"

#include <QNetworkAccessManager>
#include <QTemporaryDir>

class QLabel;

class WindowFixture
{
public:
    explicit WindowFixture(SandboxFixture &sandbox, QSize size = {1280, 860});

    template<typename T>
    T *find(const QString &name) const
    {
        T *w = window.findChild<T *>(name);
        if (!w)
            qFatal("no widget named %s", qPrintable(name));
        return w;
    }
    QString flowState() const;
    // Clicks Log in and waits for "Signed in"; false on timeout.
    bool login();
    void showTab(const QString &objectName);
    // Saves a PNG under $TOKENLAB_SCREENSHOT_DIR, when set.
    static void screenshot(QWidget *widget, const QString &name);

    QTemporaryDir dir;
    ProfileStore profiles;
    QNetworkAccessManager network;
    DiscoveryClient discovery;
    MemoryTokenStore tokens;
    LoginFlow flow;
    MainWindow window;
    TestBrowser browser;
};
