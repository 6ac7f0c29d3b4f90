// SPDX-License-Identifier: MIT
#include "cli/devicepromptview.h"
#include "cli/clitext.h"
#include "util/qrcode.h"
#include "util/terminal.h"
#include "util/timeformat.h"

#include <QTextStream>

using namespace Qt::StringLiterals;

DevicePromptView::DevicePromptView(QTextStream &out, QTextStream &err, Qr qr, QObject *parent)
    : QObject(parent), m_out(out), m_err(err), m_qr(qr)
{
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &DevicePromptView::tick);
}

QString DevicePromptView::text(const DevicePrompt &prompt)
{
    QString t = tr("To sign in, open %1 on a phone or another computer and enter the code:\n\n    %2\n\n").arg(
            prompt.verificationUri.toString(QUrl::FullyEncoded), prompt.userCode);
    if (!prompt.verificationUriComplete.isEmpty())
        t += tr("Or open %1, which carries the code.\n").arg(prompt.verificationUriComplete.toString(QUrl::FullyEncoded));
    return t;
}

void DevicePromptView::show(const DevicePrompt &prompt)
{
    m_out << text(prompt);
    const bool terminal = Terminal::isInteractive(Terminal::Stream::Output);
    if (m_qr == Qr::Always || terminal) {
        const QUrl target = prompt.verificationUriComplete.isEmpty() ? prompt.verificationUri : prompt.verificationUriComplete;
        if (const auto code = QrCode::encode(target.toEncoded()))
            m_out << '\n' << code->halfBlocks(Terminal::supportsAnsi(Terminal::Stream::Output) ? QrCode::Colours::Ansi : QrCode::Colours::Plain) << '\n';
    }
    m_out.flush();
    m_deadline = QDateTime::currentDateTimeUtc().addSecs(prompt.expiresIn);
    // A live countdown on a terminal; a log gets one line.
    if (Terminal::isInteractive(Terminal::Stream::Error)) {
        m_ticking = true;
        tick();
        m_timer.start();
    } else {
        m_err << CliText::format(tr("Waiting for the sign-in on the other device (the code is good for %1; Ctrl+C cancels)."), TimeFormat::duration(prompt.expiresIn)) << '\n';
        m_err.flush();
    }
}

void DevicePromptView::tick()
{
    const qint64 left = qMax<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(m_deadline));
    m_err << "\r\033[K" << CliText::format(tr("Waiting for the sign-in on the other device: %1 left (Ctrl+C cancels)"), TimeFormat::duration(left));
    m_err.flush();
}

void DevicePromptView::note(const QString &line)
{
    if (m_ticking)
        m_err << "\r\033[K";
    m_err << line << '\n';
    m_err.flush();
    if (m_ticking)
        tick();
}

void DevicePromptView::stop()
{
    m_timer.stop();
    if (m_ticking) {
        m_err << "\r\033[K";
        m_err.flush();
        m_ticking = false;
    }
}
