// SPDX-License-Identifier: MIT
// Import from another tool in the window, driven by objectName as a user
// would: Import ▸ Postman collection…, the file dialog, the preview (name
// confirmed, secrets listed without their values, notes), Save; the new
// profile is in the list, its client secret in the token store, no secret
// in any file; a name that is taken is refused in the dialog. Screenshot
// of the preview at 1024×640.
#include "support/windowfixture.h"

#include <QAction>
#include <QDirIterator>
#include <QFileDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QByteArray filesUnder(const QString &dir)
{
    QByteArray all;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly))
            all += f.readAll();
    }
    return all;
}

QJsonObject kv(const QString &key, const QString &value)
{
    return {{u"key"_s, key}, {u"value"_s, value}};
}

QByteArray postman()
{
    const QJsonArray oauth{kv(u"grant_type"_s, u"client_credentials"_s), kv(u"accessTokenUrl"_s, u"https://acme.eu.auth0.com/oauth/token"_s),
                           kv(u"clientId"_s, u"m2m-client"_s), kv(u"clientSecret"_s, u"gui-client-secret-9"_s),
                           QJsonObject{{u"key"_s, u"tokenRequestParams"_s},
                                       {u"value"_s, QJsonArray{QJsonObject{{u"key"_s, u"audience"_s}, {u"value"_s, u"https://api.acme.test"_s},
                                                                           {u"enabled"_s, true}}}}}};
    const QJsonObject request{{u"name"_s, u"list orders"_s},
                              {u"request"_s, QJsonObject{{u"method"_s, u"GET"_s}, {u"url"_s, u"{{baseUrl}}/orders"_s}}}};
    return QJsonDocument(QJsonObject{
                                 {u"info"_s, QJsonObject{{u"name"_s, u"Acme Orders"_s}}},
                                 {u"auth"_s, QJsonObject{{u"type"_s, u"oauth2"_s}, {u"oauth2"_s, oauth}}},
                                 {u"variable"_s, QJsonArray{kv(u"baseUrl"_s, u"https://api.acme.test"_s)}},
                                 {u"item"_s, QJsonArray{QJsonObject{{u"name"_s, u"orders"_s}, {u"item"_s, QJsonArray{request}}}}}})
            .toJson();
}

// The visible one: a closed dialog may linger until its deleteLater runs.
template<typename T>
T *visible(QWidget *window, const QString &name)
{
    for (T *d : window->findChildren<T *>(name)) {
        if (d->isVisible())
            return d;
    }
    return nullptr;
}

} // namespace

class TestImportDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void importPostmanCollection();
};

void TestImportDialog::importPostmanCollection()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    WindowFixture w(sandbox, {1024, 640});
    const QString file = w.dir.filePath(u"acme.postman_collection.json"_s);
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(postman());
    f.close();

    auto chooseFile = [&w, &file] {
        QAction *action = w.window.findChild<QAction *>(u"import-postman"_s);
        QVERIFY(action);
        action->trigger();
        QFileDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = visible<QFileDialog>(&w.window, u"importToolDialog"_s)));
        dialog->selectFile(file);
        static_cast<QDialog *>(dialog)->accept();
    };
    chooseFile();
    QDialog *preview = nullptr;
    QTRY_VERIFY((preview = visible<QDialog>(&w.window, u"importPreviewDialog"_s)));
    auto *name = preview->findChild<QLineEdit *>(u"importNameEdit"_s);
    QCOMPARE(name->text(), u"acme-orders"_s);
    QCOMPARE(preview->findChild<QLineEdit *>(u"importClientIdEdit"_s)->text(), u"m2m-client"_s);
    QCOMPARE(preview->findChild<QLineEdit *>(u"importIssuerEdit"_s)->text(), u"https://acme.eu.auth0.com/"_s);
    QCOMPARE(preview->findChild<QLineEdit *>(u"importAudienceEdit"_s)->text(), u"https://api.acme.test"_s);
    const QString shown = preview->findChild<QPlainTextEdit *>(u"importPreview"_s)->toPlainText();
    QVERIFY2(shown.contains(u"orders/list orders"_s) && shown.contains(u"client credentials"_s), qPrintable(shown));
    QVERIFY(!shown.contains(u"gui-client-secret-9"_s));
    auto *secrets = preview->findChild<QListWidget *>(u"importSecretsList"_s);
    QCOMPARE(secrets->count(), 1);
    QVERIFY(secrets->item(0)->text().contains(u"client-secret:acme-orders"_s));
    QVERIFY(preview->findChild<QListWidget *>(u"importNotesList"_s)->count() > 0);
    name->selectAll();
    QTest::keyClicks(name, u"acme"_s);
    QVERIFY(secrets->item(0)->text().contains(u"client-secret:acme"_s));
    WindowFixture::screenshot(preview, u"import-preview"_s);
    QTest::mouseClick(preview->findChild<QPushButton *>(u"importSaveButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!visible<QDialog>(&w.window, u"importPreviewDialog"_s));
    QTRY_VERIFY(w.listEntry(u"acme"_s).startsWith(u"acme"_s));

    TokenStoreJob *job = w.tokens.loadSecret(u"acme"_s);
    QSignalSpy loaded(job, &TokenStoreJob::finished);
    QVERIFY(loaded.wait(5000));
    QCOMPARE(job->secret(), u"gui-client-secret-9"_s);
    QVERIFY(!filesUnder(QFileInfo(w.profiles.path()).absolutePath()).contains("gui-client-secret-9"));

    // The same name again: the dialog says so and stays open.
    chooseFile();
    QDialog *again = nullptr;
    QTRY_VERIFY((again = visible<QDialog>(&w.window, u"importPreviewDialog"_s)));
    auto *name2 = again->findChild<QLineEdit *>(u"importNameEdit"_s);
    name2->selectAll();
    QTest::keyClicks(name2, u"acme"_s);
    QTest::mouseClick(again->findChild<QPushButton *>(u"importSaveButton"_s), Qt::LeftButton);
    auto *error = again->findChild<QLabel *>(u"importErrorLabel"_s);
    QTRY_VERIFY(error->isVisible());
    QVERIFY2(error->text().contains(u"already exists"_s), qPrintable(error->text()));
    again->reject();
}

QTEST_MAIN(TestImportDialog)
#include "tst_importdialog.moc"
