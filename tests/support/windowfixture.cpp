#include "support/windowfixture.h"

#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>

using namespace Qt::StringLiterals;

WindowFixture::WindowFixture(SandboxFixture &sandbox, QSize size)
    : profiles(dir.filePath(u"profiles.json"_s)),
      discovery(&network),
      flow(&network, &discovery, &tokens, systemClock()),
      window(&network, &profiles, &tokens, &discovery, &flow,
             [tenant = &sandbox.tenant()](const Profile &stored, QString *) -> std::optional<Profile> { return tenant->profileFor(stored); })
{
    window.setBrowserOpener([this](const QUrl &url) { browser.open(url); });
    window.reloadProfiles();
    window.resize(size);
    window.show();
}

QString WindowFixture::flowState() const
{
    return find<QLabel>(u"flowState"_s)->text();
}

bool WindowFixture::login()
{
    QTest::mouseClick(find<QPushButton>(u"loginButton"_s), Qt::LeftButton);
    return QTest::qWaitFor([this] { return flowState() == u"Signed in"_s; }, 15000);
}

void WindowFixture::showTab(const QString &objectName)
{
    find<QTabWidget>(u"mainTabs"_s)->setCurrentWidget(find<QWidget>(objectName));
}

void WindowFixture::screenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("TOKENLAB_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    widget->grab().save(dir + u'/' + name + u".png"_s);
}
