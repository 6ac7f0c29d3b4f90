// SPDX-License-Identifier: MIT
#include "gui/singleinstance.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcInstance, "tokenlab.instance", QtInfoMsg)

SingleInstance::SingleInstance(QString name, QObject *parent) : QObject(parent), m_name(std::move(name)) {}

QString SingleInstance::nameFor(const QString &configDir)
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(user.toUtf8());
    h.addData(QByteArrayView("\n", 1));
    h.addData(QDir::cleanPath(QDir(configDir).absolutePath()).toUtf8());
    return u"tokenlab-"_s + QString::fromLatin1(h.result().toHex().left(24));
}

bool SingleInstance::raiseRunning(std::chrono::milliseconds timeout)
{
    // Blocking waits without an event loop, bounded by one deadline: no window exists yet.
    const QDeadlineTimer deadline(timeout);
    QLocalSocket socket;
    socket.connectToServer(m_name);
    if (!socket.waitForConnected(int(qMax<qint64>(1, deadline.remainingTime()))))
        return false;
    socket.write("raise\n");
    if (!socket.waitForBytesWritten(int(qMax<qint64>(1, deadline.remainingTime()))))
        return false;
    QByteArray answer;
    while (!answer.contains('\n') && !deadline.hasExpired()) {
        if (!socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
            break;
        answer += socket.read(64);
    }
    const bool raised = answer.startsWith("raised\n");
    if (!raised)
        qCInfo(lcInstance) << "the running TokenLab did not answer in time; starting a new window";
    return raised;
}

bool SingleInstance::listen(QString *error)
{
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption); // this user's processes only
    if (!m_server->listen(m_name)) {
        // A socket left by a crash, or an instance that no longer answers: take the name over.
        QLocalServer::removeServer(m_name);
        if (!m_server->listen(m_name)) {
            if (error)
                *error = m_server->errorString();
            return false;
        }
    }
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *peer = m_server->nextPendingConnection()) {
            connect(peer, &QLocalSocket::disconnected, peer, &QObject::deleteLater);
            connect(peer, &QLocalSocket::readyRead, this, [this, peer] {
                if (!peer->canReadLine()) {
                    if (peer->bytesAvailable() > 64)
                        peer->abort();
                    return;
                }
                const QByteArray line = peer->readLine(64);
                if (line == "raise\n") {
                    qCInfo(lcInstance) << "another start of TokenLab asked for this window";
                    Q_EMIT raiseRequested();
                    peer->write("raised\n");
                    peer->flush();
                }
                peer->disconnectFromServer();
            });
        }
    });
    return true;
}
