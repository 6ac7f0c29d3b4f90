// SPDX-License-Identifier: MIT
// The main window over an in-process sandbox, as the GUI tests use it: a
// private profiles file, an in-memory token store, one SessionRegistry,
// and a test browser that follows the sandbox's pages. Widgets are found
// by objectName.
#pragma once

#include "gui/mainwindow.h"
#include "oauth/discoveryclient.h"
#include "session/loginflow.h"
#include "session/sessionregistry.h"
#include "storage/profilestore.h"
#include "storage/tokenstore.h"
#include "support/sandboxfixture.h"
#include "support/testbrowser.h"

#include <QNetworkAccessManager>
#include <QTemporaryDir>

class WindowFixture
{
public:
    // Built: every tab is built before the profiles are shown, so a test can
    // reach into any of them. Lazy: as the app starts, each tab when first shown.
    enum class Tabs { Built, Lazy };
    explicit WindowFixture(SandboxFixture &sandbox, QSize size = {1280, 860}, Tabs tabs = Tabs::Built);

    template<typename T>
    T *find(const QString &name) const
    {
        T *w = window.findChild<T *>(name);
        if (!w)
            qFatal("no widget named %s", qPrintable(name));
        return w;
    }
    // The Login panel's line for the selected profile's Session ("Signed in · expires ...").
    QString sessionState() const;
    // The Login panel's line for the last operation ("Login failed: ...", "Logged out").
    QString flowState() const;
    // Clicks Log in and waits for "Signed in"; false on timeout.
    bool login();
    void showTab(const QString &objectName);
    // Selects a profile in the list, as a click would.
    void selectProfile(const QString &name);
    // The text of a profile's list entry ("sandbox\nsigned in · expires 16:58").
    QString listEntry(const QString &name) const;
    // Saves a PNG under $TOKENLAB_SCREENSHOT_DIR, when set.
    static void screenshot(QWidget *widget, const QString &name);

    QTemporaryDir dir;
    ProfileStore profiles;
    QNetworkAccessManager network;
    DiscoveryClient discovery;
    MemoryTokenStore tokens;
    LoginFlow flow;
    SessionRegistry sessions;
    MainWindow window;
    TestBrowser browser;
};
