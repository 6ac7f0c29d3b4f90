// SPDX-License-Identifier: MIT
#include "support/windowfixture.h"

#include "sandbox/sandboxswitches.h"

#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>

using namespace Qt::StringLiterals;

WindowFixture::WindowFixture(SandboxFixture &sandbox, QSize size, Tabs tabs)
    : profiles(dir.filePath(u"tokenlab/profiles.json"_s)), // as $XDG_CONFIG_HOME/tokenlab/profiles.json, for tokenlab-cli
      discovery(&network),
      flow(&network, &discovery, &tokens, systemClock()),
      sessions(SessionServices{&network, &discovery, &tokens, systemClock()}),
      window(&network, &profiles, &tokens, &discovery, &flow, &sessions,
             [tenant = &sandbox.tenant(), this](const Profile &stored, QString *) -> Session * {
                 return sessions.session(tenant->profileFor(stored));
             })
{
    window.setBrowserOpener([this](const QUrl &url) { browser.open(url); });
    // The Sandbox menu as main.cpp wires it, without the file.
    window.setSandboxSwitches(sandbox.tenant().switches(), [tenant = &sandbox.tenant(), this](const SandboxSwitches &chosen) {
        tenant->setSwitches(chosen);
        discovery.clearCache();
    });
    if (tabs == Tabs::Built)
        window.buildEveryTab();
    window.reloadProfiles();
    window.resize(size);
    window.show();
}

QString WindowFixture::sessionState() const
{
    return find<QLabel>(u"sessionState"_s)->text();
}

QString WindowFixture::flowState() const
{
    return find<QLabel>(u"flowState"_s)->text();
}

bool WindowFixture::login()
{
    QTest::mouseClick(find<QPushButton>(u"loginButton"_s), Qt::LeftButton);
    return QTest::qWaitFor([this] { return sessionState().startsWith(u"Signed in"_s); }, 15000);
}

void WindowFixture::showTab(const QString &objectName)
{
    find<QTabWidget>(u"mainTabs"_s)->setCurrentWidget(find<QWidget>(objectName));
}

void WindowFixture::selectProfile(const QString &name)
{
    auto *list = find<QListWidget>(u"profileList"_s);
    for (int i = 0; i < list->count(); ++i) {
        if (list->item(i)->data(Qt::UserRole).toString() == name)
            return list->setCurrentRow(i);
    }
    qFatal("no profile named %s", qPrintable(name));
}

QString WindowFixture::listEntry(const QString &name) const
{
    auto *list = find<QListWidget>(u"profileList"_s);
    for (int i = 0; i < list->count(); ++i) {
        if (list->item(i)->data(Qt::UserRole).toString() == name)
            return list->item(i)->text();
    }
    return {};
}

void WindowFixture::screenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("TOKENLAB_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QTest::qWait(50); // layouts requested by the last change run first
    widget->grab().save(dir + u'/' + name + u".png"_s);
}
