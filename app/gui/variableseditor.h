// SPDX-License-Identifier: MIT
// The profile's own variables for {{placeholders}}: a table of name, value
// and whether the value is secret. Apply writes the names and plain values
// to the saved requests file; a secret value goes to the OS keychain
// (SecretVariablesJob) and the table shows it only as dots. {{base}} and
// {{token}} are TokenLab's own and listed as such.
#pragma once

#include "api/savedrequests.h"

#include <QWidget>
#include <optional>

class QLabel;
class QPushButton;
class QTableWidget;

class VariablesEditor : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(VariablesEditor)

public:
    explicit VariablesEditor(QWidget *parent = nullptr);

    // service: the keychain service of secret values.
    void setStore(std::optional<SavedRequests> store, const QString &profile, const QString &service);
    void reload();
    // The variables as saved (secret ones without their values).
    QList<SavedVariable> variables() const { return m_saved; }
    bool apply();

Q_SIGNALS:
    void message(const QString &sentence, bool problem);

private:
    void fill();

    std::optional<SavedRequests> m_store;
    QString m_profile;
    QString m_service;
    QList<SavedVariable> m_saved;
    QTableWidget *m_table;
    QLabel *m_builtins;
    QPushButton *m_apply;
};
