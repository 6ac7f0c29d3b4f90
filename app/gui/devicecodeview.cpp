// SPDX-License-Identifier: MIT
#include "gui/devicecodeview.h"
#include "util/qrcode.h"
#include "util/timeformat.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGridLayout>
#include <QGuiApplication>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

DeviceCodeView::DeviceCodeView(QWidget *parent)
    : QWidget(parent),
      m_code(new QLabel),
      m_uri(new QLineEdit),
      m_copyUri(new QPushButton(tr("Copy"))),
      m_completeLabel(new QLabel(tr("With the code:"))),
      m_completeUri(new QLineEdit),
      m_copyComplete(new QPushButton(tr("Copy"))),
      m_qr(new QLabel),
      m_countdown(new QLabel)
{
    setObjectName(u"deviceCodeView"_s);
    m_code->setObjectName(u"deviceUserCode"_s);
    m_uri->setObjectName(u"deviceVerificationUri"_s);
    m_copyUri->setObjectName(u"copyDeviceUriButton"_s);
    m_completeUri->setObjectName(u"deviceVerificationUriComplete"_s);
    m_copyComplete->setObjectName(u"copyDeviceUriCompleteButton"_s);
    m_qr->setObjectName(u"deviceQrCode"_s);
    m_countdown->setObjectName(u"deviceCountdown"_s);

    QFont big = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    big.setPointSizeF(big.pointSizeF() * 2);
    big.setBold(true);
    m_code->setFont(big);
    m_code->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_code->setToolTip(tr("Enter this code at the address below, on a phone or another computer"));
    for (QLineEdit *e : {m_uri, m_completeUri})
        e->setReadOnly(true);
    m_copyUri->setToolTip(tr("Copy the address where the code is entered"));
    m_copyComplete->setToolTip(tr("Copy the address that carries the code"));
    m_qr->setToolTip(tr("Scan with a phone to open the sign-in page"));
    m_qr->setAlignment(Qt::AlignCenter);
    connect(m_copyUri, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_uri->text());
        Q_EMIT activity(tr("Copied the verification address"));
    });
    connect(m_copyComplete, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_completeUri->text());
        Q_EMIT activity(tr("Copied the verification address with the code"));
    });

    auto *intro = new QLabel(tr("On a phone or another computer, open the address and enter the code:"));
    intro->setObjectName(u"deviceIntro"_s);
    intro->setWordWrap(true);
    auto *grid = new QGridLayout;
    grid->addWidget(intro, 0, 0, 1, 3);
    grid->addWidget(m_code, 1, 0, 1, 3);
    auto *uriLabel = new QLabel(tr("Address:"));
    uriLabel->setObjectName(u"deviceUriLabel"_s);
    grid->addWidget(uriLabel, 2, 0);
    grid->addWidget(m_uri, 2, 1);
    grid->addWidget(m_copyUri, 2, 2);
    m_completeLabel->setObjectName(u"deviceUriCompleteLabel"_s);
    grid->addWidget(m_completeLabel, 3, 0);
    grid->addWidget(m_completeUri, 3, 1);
    grid->addWidget(m_copyComplete, 3, 2);
    grid->addWidget(m_countdown, 4, 0, 1, 3);
    grid->setColumnStretch(1, 1);
    // The QR code below the addresses, not beside them: the panel stays as narrow as the Login tab allows.
    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->addLayout(grid);
    column->addWidget(m_qr, 0, Qt::AlignLeft);

    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &DeviceCodeView::tick);
    hide();
}

QImage DeviceCodeView::qrImage(const QByteArray &text, int scale)
{
    const auto code = QrCode::encode(text);
    if (!code)
        return {};
    constexpr int quiet = 4; // ISO/IEC 18004: four modules of light around the code
    const int side = (code->size() + 2 * quiet) * scale;
    QImage image(side, side, QImage::Format_Mono);
    image.setColor(0, qRgb(255, 255, 255));
    image.setColor(1, qRgb(0, 0, 0));
    image.fill(0);
    for (int y = 0; y < code->size(); ++y) {
        for (int x = 0; x < code->size(); ++x) {
            if (!code->dark(x, y))
                continue;
            for (int dy = 0; dy < scale; ++dy) {
                for (int dx = 0; dx < scale; ++dx)
                    image.setPixel((x + quiet) * scale + dx, (y + quiet) * scale + dy, 1);
            }
        }
    }
    return image;
}

void DeviceCodeView::showPrompt(const DevicePrompt &prompt)
{
    m_code->setText(prompt.userCode);
    m_uri->setText(QString::fromLatin1(prompt.verificationUri.toEncoded()));
    m_uri->setCursorPosition(0);
    const bool complete = !prompt.verificationUriComplete.isEmpty();
    m_completeUri->setText(complete ? QString::fromLatin1(prompt.verificationUriComplete.toEncoded()) : QString());
    m_completeUri->setCursorPosition(0);
    m_completeUri->setVisible(complete);
    m_copyComplete->setVisible(complete);
    m_completeLabel->setVisible(complete);
    const QUrl target = complete ? prompt.verificationUriComplete : prompt.verificationUri;
    // Sharp on high-DPI screens: drawn at the device pixel ratio, three logical pixels a module.
    const qreal ratio = devicePixelRatioF();
    QImage image = qrImage(target.toEncoded(), qMax(3, int(3 * ratio)));
    image.setDevicePixelRatio(ratio);
    m_qr->setPixmap(QPixmap::fromImage(image));
    m_deadline = QDateTime::currentDateTimeUtc().addSecs(prompt.expiresIn);
    tick();
    m_timer.start();
    show();
}

void DeviceCodeView::tick()
{
    const qint64 left = qMax<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(m_deadline));
    m_countdown->setText(tr("Waiting for the sign-in on the other device: %1 left.").arg(TimeFormat::duration(left)));
}

void DeviceCodeView::clear()
{
    m_timer.stop();
    m_code->clear();
    m_uri->clear();
    m_completeUri->clear();
    m_qr->clear();
    hide();
}
