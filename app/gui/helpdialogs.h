// SPDX-License-Identifier: MIT
// The Help menu's two windows: the keyboard shortcuts, listed from the
// window's own actions (so the list cannot drift from what the keys do),
// and About: the versions of TokenLab, Qt and OpenSSL and where tokens are
// kept. Both open without blocking the window.
#pragma once

#include <QList>
#include <QString>

class QAction;
class QWidget;

namespace HelpDialogs {

// actions: the menus' actions; their shortcuts are listed with their text.
void showShortcuts(QWidget *parent, const QList<QAction *> &actions);
void showAbout(QWidget *parent, const QString &keychainBackend);
// "TokenLab 0.3.0 · Qt 6.4.2 · OpenSSL 3.0.11 19 Sep 2023 · keychain: ..."
QString versions(const QString &keychainBackend);

} // namespace HelpDialogs
