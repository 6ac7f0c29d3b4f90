// TokenLab's one main window. It grows by panels (see STYLE.md "The window"):
// profiles on the left, task tabs in the centre, where tokens are kept and
// the sandbox's ports in the status bar, and an activity log at the bottom
// that never shows a secret. It only presents: all protocol work is in core.
#pragma once

#include "discoveryclient.h"
#include "profile.h"

#include <QMainWindow>

class QFormLayout;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QTabWidget;
class QTreeWidget;

class MainWindow : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY(MainWindow)

public:
    MainWindow(DiscoveryClient *discovery, QWidget *parent = nullptr);

    void setProfiles(const QList<Profile> &profiles, const QString &active);
    void setSandboxStatus(const QString &text);
    void logActivity(const QString &line);

private:
    void showProfile(const Profile &profile);
    void onDiscovered(const DiscoveryResult &result);
    QWidget *buildLoginTab();

    DiscoveryClient *m_discovery;
    QList<Profile> m_profiles;
    QListWidget *m_profileList = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_profileTitle = nullptr;
    QFormLayout *m_profileForm = nullptr;
    QTreeWidget *m_endpoints = nullptr;
    QLabel *m_discoveryState = nullptr;
    QLabel *m_sandboxStatus = nullptr;
    QPlainTextEdit *m_log = nullptr;
    QUrl m_shownIssuer;
};
