// SPDX-License-Identifier: MIT
// The window's colours on a light and a dark palette: every semantic colour
// (ok, warning, error, the encoded token's parts, JSON) reaches WCAG AA
// contrast (4.5:1) against the background it is drawn on, and the window
// rendered under each palette (screenshots palette-light-*, palette-dark-*)
// colours its status lines from it.
#include "gui/semanticcolors.h"
#include "support/windowfixture.h"

#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

QPalette lightPalette()
{
    const std::unique_ptr<QStyle> fusion(QStyleFactory::create(u"Fusion"_s));
    return fusion->standardPalette();
}

// A dark desktop palette (the colours of KDE's Breeze Dark).
QPalette darkPalette()
{
    QPalette p;
    const QColor text(0xfc, 0xfc, 0xfc);
    p.setColor(QPalette::Window, QColor(0x2a, 0x2e, 0x32));
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, QColor(0x1b, 0x1e, 0x20));
    p.setColor(QPalette::AlternateBase, QColor(0x23, 0x26, 0x29));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x31, 0x36, 0x3b));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Highlight, QColor(0x3d, 0xae, 0xe9));
    p.setColor(QPalette::HighlightedText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0xa1, 0xa9, 0xb1));
    p.setColor(QPalette::ToolTipBase, QColor(0x31, 0x36, 0x3b));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Link, QColor(0x1d, 0x99, 0xf3));
    return p;
}

} // namespace

class TestPalette : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void contrast();
    void contrastOfColours_data();
    void contrastOfColours();
    void windowUnderPalette_data();
    void windowUnderPalette();
};

void TestPalette::contrast()
{
    QCOMPARE(SemanticColors::contrast(Qt::black, Qt::white), 21.0);
    QCOMPARE(SemanticColors::contrast(Qt::white, Qt::white), 1.0);
    QVERIFY(qAbs(SemanticColors::contrast(QColor(0x76, 0x76, 0x76), Qt::white) - 4.54) < 0.01); // WCAG's own example
}

void TestPalette::contrastOfColours_data()
{
    QTest::addColumn<QPalette>("palette");
    QTest::newRow("light") << lightPalette();
    QTest::newRow("dark") << darkPalette();
}

void TestPalette::contrastOfColours()
{
    QFETCH(QPalette, palette);
    const QColor window = palette.color(QPalette::Window);
    const QColor base = palette.color(QPalette::Base);
    auto check = [](const QColor &fg, const QColor &bg, const char *what) {
        const double ratio = SemanticColors::contrast(fg, bg);
        QVERIFY2(ratio >= 4.5, qPrintable(u"%1: %2 on %3 is %4:1, under AA's 4.5:1"_s.arg(QLatin1String(what), fg.name(), bg.name())
                                                 .arg(ratio, 0, 'f', 2)));
    };
    // Status lines sit on the window; the checks table and editors on Base.
    for (const auto &[tone, what] : {std::pair{Tone::Ok, "ok"}, std::pair{Tone::Warning, "warning"}, std::pair{Tone::Error, "error"}}) {
        check(SemanticColors::color(tone, palette), window, what);
        check(SemanticColors::color(tone, palette), base, what);
    }
    check(SemanticColors::color(Tone::Plain, palette), window, "plain");
    for (const auto &[part, what] : {std::pair{TokenPart::Header, "token header"}, std::pair{TokenPart::Payload, "token payload"},
                                     std::pair{TokenPart::Signature, "token signature"}})
        check(SemanticColors::color(part, palette), base, what);
    for (const auto &[part, what] : {std::pair{JsonPart::Key, "JSON key"}, std::pair{JsonPart::String, "JSON string"},
                                     std::pair{JsonPart::Number, "JSON number"}, std::pair{JsonPart::Literal, "JSON literal"}})
        check(SemanticColors::color(part, palette), base, what);
}

void TestPalette::windowUnderPalette_data()
{
    contrastOfColours_data();
}

void TestPalette::windowUnderPalette()
{
    QFETCH(QPalette, palette);
    const QString name = QString::fromLatin1(QTest::currentDataTag());
    QApplication::setPalette(palette);
    {
        SandboxFixture sandbox(AutoApprove{u"alice"_s, {}});
        QVERIFY(sandbox.started());
        WindowFixture w(sandbox);
        QVERIFY(QTest::qWaitForWindowExposed(&w.window));
        QVERIFY(w.login());
        auto *state = w.find<QLabel>(u"sessionState"_s);
        const QColor shown = state->palette().color(QPalette::WindowText);
        QCOMPARE(shown, SemanticColors::color(Tone::Ok, palette));
        QVERIFY(SemanticColors::contrast(shown, state->palette().color(QPalette::Window)) >= 4.5);
        WindowFixture::screenshot(&w.window, u"palette-%1-login"_s.arg(name));
        w.find<QTabWidget>(u"mainTabs"_s)->setCurrentIndex(1);
        WindowFixture::screenshot(&w.window, u"palette-%1-tokens"_s.arg(name));
        w.showTab(u"apiTab"_s);
        QTest::mouseClick(w.find<QWidget>(u"apiTab"_s)->findChild<QPushButton *>(u"privateButton"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(w.find<QLabel>(u"apiStatus"_s)->text().startsWith(u"200"_s), 10000);
        WindowFixture::screenshot(&w.window, u"palette-%1-api"_s.arg(name));
    }
    QApplication::setPalette(QPalette());
}

QTEST_MAIN(TestPalette)
#include "tst_palette.moc"
