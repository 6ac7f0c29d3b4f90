// SPDX-License-Identifier: MIT
// How tokenlab-cli shows a device login (RFC 8628): the user code and the
// verification URIs on stdout, a QR code of the URI to open (the complete
// one when the issuer gave it) when stdout is a terminal or when asked, and
// the time left on stderr while TokenLab waits. The user code is no secret
// (it is useless without the device code), so it is printed; the device
// code never is.
#pragma once

#include "session/devicegrant.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>

class QTextStream;

class DevicePromptView : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(DevicePromptView)

public:
    enum class Qr { IfTerminal, Always };

    DevicePromptView(QTextStream &out, QTextStream &err, Qr qr, QObject *parent = nullptr);

    void show(const DevicePrompt &prompt);
    // A progress line while the countdown runs: on its own line, the countdown after it.
    void note(const QString &line);
    // The wait is over: the countdown stops and its line is ended.
    void stop();

    // The lines show() prints, without the QR code.
    static QString text(const DevicePrompt &prompt);

private:
    void tick();

    QTextStream &m_out;
    QTextStream &m_err;
    Qr m_qr;
    bool m_ticking = false;
    QDateTime m_deadline;
    QTimer m_timer;
};
