// SPDX-License-Identifier: MIT
// One TokenLab window per user and configuration: a second start asks the
// running one to come forward and ends, instead of opening a second window
// over the same profiles and keychain.
//
//   second start                         running TokenLab (listening)
//   ------------                         ----------------------------
//   connect to the local socket  ---->   accept
//   "raise\n"                    ---->   raiseRequested(): the window comes forward
//                                <----   "raised\n"
//   exit 0
//
// If nobody listens, or the running instance does not answer within the
// timeout (it hangs, or the socket is left from a crash), the new start
// goes on normally and takes the name over.
//
// The name is derived from the user and the configuration directory, so
// runs with their own HOME (tests) never meet.
#pragma once

#include <QObject>
#include <chrono>

class QLocalServer;

class SingleInstance : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(SingleInstance)

public:
    explicit SingleInstance(QString name, QObject *parent = nullptr);

    // "tokenlab-<hash of user and configDir>".
    static QString nameFor(const QString &configDir);

    // Asks a running instance to raise its window; true when it said it did.
    // Waits at most timeout in all (this runs before any window exists).
    bool raiseRunning(std::chrono::milliseconds timeout = std::chrono::milliseconds(2000));
    // Listens under the name, taking it over from a silent or dead instance.
    bool listen(QString *error = nullptr);
    QString name() const { return m_name; }

Q_SIGNALS:
    void raiseRequested();

private:
    QString m_name;
    QLocalServer *m_server = nullptr;
};
