// SPDX-License-Identifier: MIT
// The values of a profile's secret variables, kept in the OS keychain
// (KeychainSecret) under the keychain service, entry
// "variable:PROFILE:NAME"; saved requests keep only their names.
//
// Contract: SecretVariablesJob reads the named values one after another
// and emits finished(this) exactly once, on every path; a value that is
// not in the keychain is an error sentence naming the variable.
#pragma once

#include "storage/keychainsecret.h"

#include <QHash>
#include <QObject>

class SecretVariablesJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(SecretVariablesJob)

public:
    SecretVariablesJob(const QString &service, const QString &profile, const QStringList &names, QObject *parent = nullptr);

    static QString entryName(const QString &profile, const QString &name);
    // Jobs, not yet started.
    static KeychainSecret *write(const QString &service, const QString &profile, const QString &name, const QString &value,
                                 QObject *parent = nullptr);
    static KeychainSecret *remove(const QString &service, const QString &profile, const QString &name, QObject *parent = nullptr);

    // Starts reading; finished() follows, never before start() returns.
    void start();
    bool ok() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    QHash<QString, QString> values() const { return m_values; }

Q_SIGNALS:
    void finished(SecretVariablesJob *job);

private:
    void next();

    QString m_service;
    QString m_profile;
    QStringList m_names;
    int m_at = 0;
    QHash<QString, QString> m_values;
    QString m_error;
};
