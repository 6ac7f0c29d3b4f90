// The first main window, driven by objectName: it shows the sandbox profile
// and the endpoints discovered from the running tenant.
#include "discoveryclient.h"
#include "mainwindow.h"
#include "sandboxfixture.h"

#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsSandboxProfileAndEndpoints();
    void showsDiscoveryFailure();
};

namespace {
void screenshot(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("TOKENLAB_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    w->grab().save(dir + u'/' + name + u".png"_s);
}
} // namespace

void TestMainWindow::showsSandboxProfileAndEndpoints()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    QNetworkAccessManager network;
    DiscoveryClient discovery(&network);
    MainWindow window(&discovery);
    const Profile profile = Profile::sandbox(sandbox.tenant().issuer(), sandbox.tenant().apiBaseUrl(),
                                             sandbox.tenant().clientId(), sandbox.tenant().audience());
    window.setProfiles({profile}, u"sandbox"_s);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    auto *list = window.findChild<QListWidget *>(u"profileList"_s);
    QVERIFY(list);
    QCOMPARE(list->count(), 1);
    QVERIFY(list->item(0)->text().startsWith(u"sandbox"_s));
    QCOMPARE(window.findChild<QLabel *>(u"profileIssuer"_s)->text(), sandbox.tenant().issuer().toString());
    QCOMPARE(window.findChild<QLabel *>(u"profileClientId"_s)->text(), u"tokenlab-native"_s);

    auto *state = window.findChild<QLabel *>(u"discoveryState"_s);
    QTRY_VERIFY_WITH_TIMEOUT(state->text().contains(u"answered"_s), 10000);
    auto *endpoints = window.findChild<QTreeWidget *>(u"endpointList"_s);
    QStringList names;
    for (int i = 0; i < endpoints->topLevelItemCount(); ++i)
        names << endpoints->topLevelItem(i)->text(0);
    for (const QString &n : {u"Discovery"_s, u"Authorize"_s, u"Token"_s, u"JWKS"_s, u"Private API"_s})
        QVERIFY2(names.contains(n), qPrintable(names.join(u", ")));
    screenshot(&window, u"mainwindow-sandbox"_s);
}

void TestMainWindow::showsDiscoveryFailure()
{
    QNetworkAccessManager network;
    DiscoveryClient discovery(&network);
    MainWindow window(&discovery);
    Profile p;
    p.name = u"dead"_s;
    p.issuer = QUrl(u"http://127.0.0.1:1/"_s);
    p.clientId = u"x"_s;
    window.setProfiles({p}, u"dead"_s);
    window.show();
    auto *state = window.findChild<QLabel *>(u"discoveryState"_s);
    QTRY_VERIFY_WITH_TIMEOUT(state->text().startsWith(u"Discovery failed"_s), 10000);
    QVERIFY(state->text().contains(u"refused"_s));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
