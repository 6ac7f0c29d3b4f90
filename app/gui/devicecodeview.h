// SPDX-License-Identifier: MIT
// What the window shows while a device login (RFC 8628) waits: the user
// code, the verification URI and the complete one with copy buttons, a QR
// code of the URI to open, and the time left. It renders a DevicePrompt the
// LoginFlow emitted and keeps nothing else; Cancel is the window's Cancel
// action (the Login panel's button beside it).
#pragma once

#include "session/devicegrant.h"

#include <QDateTime>
#include <QTimer>
#include <QWidget>

class QImage;
class QLabel;
class QLineEdit;
class QPushButton;

class DeviceCodeView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(DeviceCodeView)

public:
    explicit DeviceCodeView(QWidget *parent = nullptr);

    void showPrompt(const DevicePrompt &prompt);
    // The wait is over (signed in, failed or cancelled): hidden, countdown stopped.
    void clear();

    // The QR code of text as an image, modules of scale pixels with a quiet zone of four; null when it cannot be encoded.
    static QImage qrImage(const QByteArray &text, int scale);

Q_SIGNALS:
    void activity(const QString &line);

private:
    void tick();

    QLabel *m_code;
    QLineEdit *m_uri;
    QPushButton *m_copyUri;
    QLabel *m_completeLabel;
    QLineEdit *m_completeUri;
    QPushButton *m_copyComplete;
    QLabel *m_qr;
    QLabel *m_countdown;
    QDateTime m_deadline;
    QTimer m_timer;
};
