// SPDX-License-Identifier: MIT
// The plan editor, driven by objectName as a user would: a plan shown as
// rows, a path typed into a cell, the expectation chosen in its combo box,
// rows added and removed with the buttons and with Insert and Delete, the
// reset to the default plan, and the import of an OpenAPI document (and of
// a broken one, whose sentence names the line and column). A screenshot of
// an imported plan goes to TOKENLAB_SCREENSHOT_DIR.
#include "gui/planeditor.h"
#include "gui/semanticcolors.h"
#include "support/windowfixture.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestPlanEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void showsAndReturnsThePlan();
    void editsCells();
    void rowErrorsNameTheRow_data();
    void rowErrorsNameTheRow();
    void addsAndRemovesRows();
    void resetsToTheDefaultPlan();
    void importsOpenApi();
    void refusedImportNamesLineAndColumn();

private:
    template<typename T>
    T *find(const QString &name) const
    {
        T *w = m_editor->findChild<T *>(name);
        if (!w)
            qFatal("no widget named %s", qPrintable(name));
        return w;
    }
    QString writeFile(const QString &name, const QByteArray &bytes);

    std::unique_ptr<PlanEditor> m_editor;
    QTemporaryDir m_dir;
};

namespace {

ProbePlan quickstart()
{
    Profile p;
    p.publicPath = u"/api/public"_s;
    p.privatePath = u"/api/private"_s;
    p.scopedPath = u"/api/private-scoped"_s;
    return ProbePlan::quickstart(p);
}

} // namespace

void TestPlanEditor::init()
{
    m_editor = std::make_unique<PlanEditor>();
    m_editor->resize(720, 380);
    m_editor->setDefaultPlan(quickstart());
    m_editor->setPlan(quickstart());
    m_editor->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_editor.get()));
}

void TestPlanEditor::cleanup()
{
    m_editor.reset();
}

QString TestPlanEditor::writeFile(const QString &name, const QByteArray &bytes)
{
    QFile f(m_dir.filePath(name));
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(f.fileName()));
    return f.fileName();
}

void TestPlanEditor::showsAndReturnsThePlan()
{
    auto *table = find<QTableWidget>(u"planTable"_s);
    QCOMPARE(table->rowCount(), 3);
    QCOMPARE(table->item(2, PlanEditor::PathColumn)->text(), u"/api/private-scoped"_s);
    QCOMPARE(table->item(2, PlanEditor::ExpectColumn)->text(), u"scopes"_s);
    QCOMPARE(table->item(2, PlanEditor::ScopesColumn)->text(), u"read:messages"_s);
    QString why;
    const auto plan = m_editor->plan(&why);
    QVERIFY2(plan, qPrintable(why));
    QCOMPARE(plan->toJson(), quickstart().toJson());
    QVERIFY(!find<QLabel>(u"planError"_s)->isVisible());
}

void TestPlanEditor::editsCells()
{
    auto *table = find<QTableWidget>(u"planTable"_s);
    QSignalSpy changed(m_editor.get(), &PlanEditor::changed);

    // A path typed into its cell.
    table->setFocus();
    table->setCurrentCell(1, PlanEditor::PathColumn);
    QTest::keyClick(table, Qt::Key_F2);
    auto *line = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    QVERIFY(line);
    line->selectAll();
    QTest::keyClicks(line, u"/api/orders/7"_s);
    QTest::keyClick(line, Qt::Key_Return);
    QTRY_COMPARE(table->item(1, PlanEditor::PathColumn)->text(), u"/api/orders/7"_s);

    // The expectation chosen in its combo box: token -> scopes, then scopes typed.
    table->setCurrentCell(1, PlanEditor::ExpectColumn);
    QTest::keyClick(table, Qt::Key_F2);
    auto *combo = table->findChild<QComboBox *>(u"expectationEditor"_s);
    QVERIFY(combo);
    QCOMPARE(combo->currentText(), u"token"_s);
    QTest::keyClick(combo, Qt::Key_Down);
    QTRY_COMPARE(table->item(1, PlanEditor::ExpectColumn)->text(), u"scopes"_s);
    QString why;
    QVERIFY(!m_editor->plan(&why));
    QCOMPARE(why, u"Row 2: it expects scopes but lists none."_s);
    QTRY_COMPARE(find<QLabel>(u"planError"_s)->text(), why);

    table->setCurrentCell(1, PlanEditor::ScopesColumn);
    QTest::keyClick(table, Qt::Key_F2);
    line = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    QVERIFY(line);
    QTest::keyClicks(line, u"write:orders  read:orders"_s);
    QTest::keyClick(line, Qt::Key_Return);
    QTRY_VERIFY(!find<QLabel>(u"planError"_s)->isVisible());

    // Header only is a check box.
    QTableWidgetItem *headerOnly = table->item(1, PlanEditor::HeaderOnlyColumn);
    headerOnly->setCheckState(Qt::Checked);

    const auto plan = m_editor->plan(&why);
    QVERIFY2(plan, qPrintable(why));
    const ProbeEndpoint &e = plan->endpoints.at(1);
    QCOMPARE(e.path, u"/api/orders/7"_s);
    QCOMPARE(e.need, ProbeEndpoint::Need::Scopes);
    QCOMPARE(e.scopes, (QStringList{u"write:orders"_s, u"read:orders"_s}));
    QVERIFY(e.headerOnly);
    QVERIFY(changed.size() >= 4);
}

void TestPlanEditor::rowErrorsNameTheRow_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    QTest::newRow("relative-path") << int(PlanEditor::PathColumn) << u"api/x"_s << u"Row 3: the path must start with a slash."_s;
    QTest::newRow("absolute-url") << int(PlanEditor::PathColumn) << u"https://evil.example/"_s << u"Row 3: the path must start with a slash."_s;
    QTest::newRow("empty-path") << int(PlanEditor::PathColumn) << QString() << u"Row 3: the path must start with a slash."_s;
    QTest::newRow("method-with-space") << int(PlanEditor::MethodColumn) << u"GET X"_s << u"Row 3: the method \"GET X\" is not an HTTP method name"_s;
    QTest::newRow("empty-method") << int(PlanEditor::MethodColumn) << QString() << u"Row 3: the method \"\" is not"_s;
    QTest::newRow("no-scopes") << int(PlanEditor::ScopesColumn) << u"   "_s << u"Row 3: it expects scopes but lists none."_s;
    QTest::newRow("scope-with-quote") << int(PlanEditor::ScopesColumn) << u"read \"x\""_s << u"Row 3: \"\"x\"\" is not one scope"_s;
}

void TestPlanEditor::rowErrorsNameTheRow()
{
    QFETCH(int, column);
    QFETCH(QString, text);
    QFETCH(QString, error);
    find<QTableWidget>(u"planTable"_s)->item(2, column)->setText(text);
    QString why;
    QVERIFY(!m_editor->plan(&why));
    QVERIFY2(why.startsWith(error), qPrintable(why));
    auto *label = find<QLabel>(u"planError"_s);
    QVERIFY(label->isVisible());
    QCOMPARE(label->text(), why);
    QCOMPARE(label->property("tone").toInt(), int(Tone::Error));
}

void TestPlanEditor::addsAndRemovesRows()
{
    auto *table = find<QTableWidget>(u"planTable"_s);
    QSignalSpy changed(m_editor.get(), &PlanEditor::changed);
    table->setCurrentCell(0, PlanEditor::PathColumn);
    QTest::mouseClick(find<QPushButton>(u"addEndpoint"_s), Qt::LeftButton);
    QCOMPARE(table->rowCount(), 4);
    QCOMPARE(table->item(1, PlanEditor::PathColumn)->text(), u"/"_s); // below the current row
    QCOMPARE(table->item(1, PlanEditor::MethodColumn)->text(), u"GET"_s);
    QCOMPARE(table->item(1, PlanEditor::ExpectColumn)->text(), u"token"_s);
    QCOMPARE(changed.size(), 1);

    // The new row's path is being edited; Escape leaves it, and Insert adds another.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    QTRY_COMPARE(QApplication::focusWidget(), table);
    QTest::keyClick(table, Qt::Key_Insert);
    QCOMPARE(table->rowCount(), 5);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    QTRY_COMPARE(QApplication::focusWidget(), table);

    // Delete removes the selected rows; the button does too.
    table->selectRow(1);
    QTest::keyClick(table, Qt::Key_Delete);
    QCOMPARE(table->rowCount(), 4);
    table->clearSelection();
    table->selectRow(0);
    QVERIFY(find<QPushButton>(u"removeEndpoint"_s)->isEnabled());
    QTest::mouseClick(find<QPushButton>(u"removeEndpoint"_s), Qt::LeftButton);
    QCOMPARE(table->rowCount(), 3);
    QCOMPARE(table->item(0, PlanEditor::PathColumn)->text(), u"/"_s);
    QCOMPARE(changed.size(), 4);

    // With every row gone the plan says what to do.
    table->selectAll();
    QTest::keyClick(table, Qt::Key_Delete);
    QCOMPARE(table->rowCount(), 0);
    QString why;
    QVERIFY(!m_editor->plan(&why));
    QVERIFY2(why.startsWith(u"The plan has no endpoints"_s), qPrintable(why));
}

void TestPlanEditor::resetsToTheDefaultPlan()
{
    auto *table = find<QTableWidget>(u"planTable"_s);
    table->item(0, PlanEditor::PathColumn)->setText(u"/somewhere"_s);
    table->removeRow(2);
    QSignalSpy changed(m_editor.get(), &PlanEditor::changed);
    auto *reset = find<QPushButton>(u"resetPlan"_s);
    QVERIFY(reset->isEnabled());
    QTest::mouseClick(reset, Qt::LeftButton);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(m_editor->plan(nullptr)->toJson(), quickstart().toJson());

    m_editor->setDefaultPlan(ProbePlan());
    QVERIFY(!reset->isEnabled());
}

void TestPlanEditor::importsOpenApi()
{
    QFile source(qEnvironmentVariable("TOKENLAB_SOURCE_DIR") + u"/tests/api/data/openapi-mixed.yaml"_s);
    QVERIFY(source.open(QIODevice::ReadOnly));
    const QString path = writeFile(u"shop.yaml"_s, source.readAll());
    QSignalSpy changed(m_editor.get(), &PlanEditor::changed);
    QVERIFY(m_editor->importFile(path));
    QCOMPARE(changed.size(), 1);
    auto *table = find<QTableWidget>(u"planTable"_s);
    QCOMPARE(table->rowCount(), 8);
    QCOMPARE(table->item(5, PlanEditor::PathColumn)->text(), u"/search/blue%20shoes"_s);
    QCOMPARE(table->item(7, PlanEditor::MethodColumn)->text(), u"PUT"_s);
    QCOMPARE(table->item(7, PlanEditor::ScopesColumn)->text(), u"openid profile"_s);
    auto *label = find<QLabel>(u"planError"_s);
    QVERIFY2(label->text().startsWith(u"Imported 8 endpoints from shop.yaml. Left out of the plan"_s), qPrintable(label->text()));
    QVERIFY2(label->text().contains(u"GET /admin"_s), qPrintable(label->text()));
    QCOMPARE(label->property("tone").toInt(), int(Tone::Warning));
    QString why;
    const auto plan = m_editor->plan(&why);
    QVERIFY2(plan, qPrintable(why));
    QCOMPARE(plan->endpoints.size(), 8);
    WindowFixture::screenshot(m_editor.get(), u"plan-editor-openapi"_s);

    // A TokenLab plan imports too, header_only and all.
    QVERIFY(m_editor->importFile(writeFile(u"plan.json"_s, R"({"endpoints":[{"method":"DELETE","path":"/a","expect":"public","header_only":true}]})")));
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, PlanEditor::HeaderOnlyColumn)->checkState(), Qt::Checked);
    QCOMPARE(label->text(), u"Imported 1 endpoint from plan.json."_s);
}

void TestPlanEditor::refusedImportNamesLineAndColumn()
{
    const QString broken = writeFile(u"broken.yaml"_s, "openapi: 3.0.0\npaths:\n  /a:\n    get:\n      security: oauth\n");
    QSignalSpy changed(m_editor.get(), &PlanEditor::changed);
    QVERIFY(!m_editor->importFile(broken));
    auto *label = find<QLabel>(u"planError"_s);
    QCOMPARE(label->text(), u"broken.yaml was not imported. Line 5, column 17: \"security\" must be a list of security requirements, not \"oauth\"."_s);
    QCOMPARE(label->property("tone").toInt(), int(Tone::Error));
    QCOMPARE(find<QTableWidget>(u"planTable"_s)->rowCount(), 3); // the plan is left as it was
    QCOMPARE(changed.size(), 0);
    WindowFixture::screenshot(m_editor.get(), u"plan-editor-refused"_s);

    QVERIFY(!m_editor->importFile(m_dir.filePath(u"missing.yaml"_s)));
    QVERIFY2(label->text().startsWith(u"missing.yaml cannot be read: "_s), qPrintable(label->text()));
}

QTEST_MAIN(TestPlanEditor)
#include "tst_planeditor.moc"
