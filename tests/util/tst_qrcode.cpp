// SPDX-License-Identifier: MIT
// QR codes for the device flow (RFC 8628 3.3.1): the three finder patterns
// where ISO/IEC 18004 puts them, the four-module quiet zone drawn, and the
// terminal drawing black on white whatever the terminal's theme; text that
// cannot be a QR code is refused.
#include "util/qrcode.h"

#include <QImage>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestQrCode : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void finderPatterns();
    void plainDrawing();
    void ansiDrawing();
    void terminalDrawingScans();
    void refusals_data();
    void refusals();
};

namespace {

const QByteArray Uri = "https://id.example.com/activate?user_code=WDJB-MJHT";

// The 7x7 finder pattern with its top-left corner at (x, y): a dark ring, a light ring, a dark 3x3 centre.
bool finderAt(const QrCode &code, int x, int y)
{
    for (int dy = 0; dy < 7; ++dy) {
        for (int dx = 0; dx < 7; ++dx) {
            const bool ring = dx == 0 || dy == 0 || dx == 6 || dy == 6;
            const bool centre = dx >= 2 && dx <= 4 && dy >= 2 && dy <= 4;
            if (code.dark(x + dx, y + dy) != (ring || centre))
                return false;
        }
    }
    return true;
}

} // namespace

void TestQrCode::finderPatterns()
{
    const auto code = QrCode::encode(Uri);
    QVERIFY(code);
    QVERIFY(code->size() >= 21 && (code->size() - 17) % 4 == 0); // version 1 and up: 17 + 4v modules
    const int far = code->size() - 7;
    QVERIFY(finderAt(*code, 0, 0));
    QVERIFY(finderAt(*code, far, 0));
    QVERIFY(finderAt(*code, 0, far));
    QVERIFY(!finderAt(*code, far, far)); // the fourth corner has none
    QVERIFY(!code->dark(-1, 0) && !code->dark(0, code->size()));
}

void TestQrCode::plainDrawing()
{
    const auto code = QrCode::encode(Uri);
    QVERIFY(code);
    const QStringList lines = code->halfBlocks(QrCode::Colours::Plain).split(u'\n', Qt::SkipEmptyParts);
    const int side = code->size() + 2 * QrCode::QuietZone;
    QCOMPARE(lines.size(), (side + 1) / 2);
    for (const QString &line : lines)
        QCOMPARE(line.size(), side);
    // The quiet zone: two blank lines above, four blank columns at each side.
    QCOMPARE(lines.at(0), QString(side, u' '));
    QCOMPARE(lines.at(1), QString(side, u' '));
    QCOMPARE(lines.at(2).left(4), u"    "_s);
    QCOMPARE(lines.at(2).right(4), u"    "_s);
    // The top-left finder's first two rows: its dark top edge over its sides (full, six upper halves, full).
    QCOMPARE(lines.at(2).mid(4, 7), QString(QChar(0x2588)) + QString(5, QChar(0x2580)) + QChar(0x2588));
    QVERIFY(!lines.join(QString()).contains(u'\x1b'));
}

void TestQrCode::ansiDrawing()
{
    const auto code = QrCode::encode(Uri);
    QVERIFY(code);
    const QString plain = code->halfBlocks(QrCode::Colours::Plain);
    const QStringList lines = code->halfBlocks(QrCode::Colours::Ansi).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), plain.split(u'\n', Qt::SkipEmptyParts).size());
    for (const QString &line : lines) {
        QVERIFY(line.startsWith(u"\x1b[30;47;107m"_s)); // black on bright white, set on every line
        QVERIFY(line.endsWith(u"\x1b[0m"_s));        // and reset before the line ends
    }
    QString stripped = lines.join(u'\n') + u'\n';
    stripped.remove(u"\x1b[30;47;107m"_s).remove(u"\x1b[0m"_s);
    QCOMPARE(stripped, plain);
}

// What a phone's camera would see of the terminal drawing: each character
// back to its two modules, scaled up, read by zbar (a reader nobody here wrote).
void TestQrCode::terminalDrawingScans()
{
    const QString zbarimg = QStandardPaths::findExecutable(u"zbarimg"_s);
    QVERIFY2(!zbarimg.isEmpty(), "zbarimg is missing: scripts/bootstrap installs zbar-tools");
    const auto code = QrCode::encode(Uri);
    QVERIFY(code);
    const QStringList lines = code->halfBlocks(QrCode::Colours::Plain).split(u'\n', Qt::SkipEmptyParts);
    constexpr int scale = 6;
    QImage image(lines.first().size() * scale, lines.size() * 2 * scale, QImage::Format_Grayscale8);
    image.fill(255);
    for (int row = 0; row < lines.size(); ++row) {
        for (int col = 0; col < lines.at(row).size(); ++col) {
            const QChar c = lines.at(row).at(col);
            const bool top = c == QChar(0x2588) || c == QChar(0x2580);
            const bool bottom = c == QChar(0x2588) || c == QChar(0x2584);
            for (int half = 0; half < 2; ++half) {
                if (!(half ? bottom : top))
                    continue;
                for (int dy = 0; dy < scale; ++dy)
                    for (int dx = 0; dx < scale; ++dx)
                        image.setPixel(col * scale + dx, (row * 2 + half) * scale + dy, qRgb(0, 0, 0));
            }
        }
    }
    QTemporaryDir dir;
    const QString file = dir.filePath(u"code.png"_s);
    QVERIFY(image.save(file));
    QProcess zbar;
    zbar.start(zbarimg, {u"--quiet"_s, u"--raw"_s, file});
    QVERIFY(zbar.waitForFinished(30000));
    QCOMPARE(zbar.exitCode(), 0);
    QCOMPARE(zbar.readAllStandardOutput().trimmed(), Uri);
}

void TestQrCode::refusals_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("too-long") << QByteArray(2049, 'a');
    QTest::newRow("far-too-long") << QByteArray(100000, 'a');
}

void TestQrCode::refusals()
{
    QFETCH(QByteArray, text);
    QVERIFY(!QrCode::encode(text));
}

QTEST_GUILESS_MAIN(TestQrCode)
#include "tst_qrcode.moc"
