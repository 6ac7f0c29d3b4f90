// SPDX-License-Identifier: MIT
// The real MainWindow over an in-process sandbox, signed in to the sandbox
// profile with an access token the tenant signed (where a login would have
// stored it), for the benchmarks that drive the window as a user would
// (bench_session, bench_probe). The profiles file and the history live in
// a temporary directory.
#pragma once

#include "gui/mainwindow.h"
#include "oauth/discoveryclient.h"
#include "sandbox/sandboxtenant.h"
#include "session/loginflow.h"
#include "session/sessionregistry.h"
#include "storage/profilestore.h"
#include "storage/tokenstore.h"

#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <cstdio>
#include <cstdlib>
#include <memory>

class BenchWindow
{
public:
    // Starts the tenant and waits for its key; started() says whether it could.
    BenchWindow();

    bool started() const { return m_started; }
    // Shows the window on the tab with this objectName.
    void show(const QString &tab);

    template<typename T>
    T *find(const QString &name) const
    {
        T *w = window->findChild<T *>(name);
        if (!w) {
            std::fprintf(stderr, "bench: no widget named %s\n", qPrintable(name));
            std::exit(1);
        }
        return w;
    }

    SandboxTenant sandbox;
    QTemporaryDir dir;
    ProfileStore profiles;
    QNetworkAccessManager network;
    DiscoveryClient discovery;
    MemoryTokenStore tokens;
    LoginFlow flow;
    SessionRegistry sessions;
    std::unique_ptr<MainWindow> window;
    QString accessToken; // the signed-in session's

private:
    bool m_started = false;
};
