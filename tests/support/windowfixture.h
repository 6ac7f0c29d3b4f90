// The main window over an in-process sandbox, as the GUI tests use it: a
// private profiles file, an in-memory token store, and a test browser
// that follows the sandbox's pages. Widgets are found by objectName.
#pragma once

#include "oauth/discoveryclient.h"
#include "session/loginflow.h"
#include "gui/mainwindow.h"
#include "storage/profilestore.h"
#include "support/sandboxfixture.h"
#include "support/testbrowser.h"
#include "storage/tokenstore.h"

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
