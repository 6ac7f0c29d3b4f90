// SPDX-License-Identifier: MIT
#include "gui/helpdialogs.h"
#include "appinfo.h"

#include <QAction>
#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <openssl/crypto.h>

using namespace Qt::StringLiterals;

namespace HelpDialogs {

namespace {

} // namespace

void showShortcuts(QWidget *parent, const QList<QAction *> &actions)
{
    QList<QPair<QString, QString>> rows;
    for (const QAction *a : actions) {
        if (a->shortcut().isEmpty() || a->isSeparator())
            continue;
        QString text = a->text();
        text.remove(u'&');
        rows.append({a->shortcut().toString(QKeySequence::NativeText), text});
    }
    // Keys that belong to one panel rather than to a menu.
    const auto native = [](QKeySequence::StandardKey k) { return QKeySequence(k).toString(QKeySequence::NativeText); };
    rows.append({native(QKeySequence::Save), QCoreApplication::translate("HelpDialogs", "Save profile (Login tab)")});
    rows.append({QKeySequence(u"Ctrl+Return"_s).toString(QKeySequence::NativeText), QCoreApplication::translate("HelpDialogs", "Send the request (API tab)")});
    rows.append({native(QKeySequence::Copy), QCoreApplication::translate("HelpDialogs", "Copy the selected endpoint URL (Issuer list)")});
    rows.append({QCoreApplication::translate("HelpDialogs", "Alt+underlined letter"), QCoreApplication::translate("HelpDialogs", "Go to that field, button or tab")});

    auto *dialog = new QDialog(parent);
    dialog->setObjectName(u"shortcutsDialog"_s);
    dialog->setWindowTitle(QCoreApplication::translate("HelpDialogs", "Keyboard shortcuts"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto *table = new QTableWidget(int(rows.size()), 2);
    table->setObjectName(u"shortcutsTable"_s);
    table->setHorizontalHeaderLabels({QCoreApplication::translate("HelpDialogs", "Keys"), QCoreApplication::translate("HelpDialogs", "Does")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    for (int i = 0; i < rows.size(); ++i) {
        table->setItem(i, 0, new QTableWidgetItem(rows.at(i).first));
        table->setItem(i, 1, new QTableWidgetItem(rows.at(i).second));
    }
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(new QLabel(QCoreApplication::translate("HelpDialogs", "The Session menu's keys work on every tab.")));
    layout->addWidget(table);
    layout->addWidget(buttons);
    dialog->resize(480, 360);
    dialog->open();
}

QString versions(const QString &keychainBackend)
{
    return QCoreApplication::translate("HelpDialogs", "%1 %2\nQt %3 (built with %4)\n%5\nTokens are kept in %6")
            .arg(QString(AppInfo::DisplayName),
                 QCoreApplication::applicationVersion().isEmpty() ? QString(AppInfo::Version)
                                                                   : QCoreApplication::applicationVersion(),
                 QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR),
                 QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION)), keychainBackend);
}

void showAbout(QWidget *parent, const QString &keychainBackend)
{
    auto *box = new QMessageBox(QMessageBox::Information, QCoreApplication::translate("HelpDialogs", "About %1").arg(QString(AppInfo::DisplayName)),
                                QCoreApplication::translate("HelpDialogs", "%1: a desktop client and test harness for OAuth 2.0 and OpenID Connect.")
                                        .arg(QString(AppInfo::DisplayName)),
                                QMessageBox::Close, parent);
    box->setObjectName(u"aboutDialog"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(versions(keychainBackend));
    box->setTextInteractionFlags(Qt::TextSelectableByMouse);
    box->open();
}

} // namespace HelpDialogs
