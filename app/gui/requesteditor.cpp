// SPDX-License-Identifier: MIT
#include "gui/requesteditor.h"
#include "gui/jsonhighlighter.h"
#include "gui/pairstable.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

RequestEditor::RequestEditor(QWidget *parent)
    : QWidget(parent),
      m_method(new QComboBox),
      m_url(new QLineEdit),
      m_send(new QPushButton(tr("Sen&d"))),
      m_tabs(new QTabWidget),
      m_headers(new PairsTable(tr("Header"), tr("Value"))),
      m_bodyType(new QComboBox),
      m_contentType(new QLineEdit),
      m_bodyStack(new QStackedWidget),
      m_body(new QPlainTextEdit),
      m_form(new PairsTable(tr("Field"), tr("Value")))
{
    setObjectName(u"requestEditor"_s);
    m_method->setObjectName(u"methodCombo"_s);
    m_method->addItems({u"GET"_s, u"POST"_s, u"PUT"_s, u"PATCH"_s, u"DELETE"_s, u"HEAD"_s, u"OPTIONS"_s});
    m_method->setEditable(true); // any method name, for testing what an API does with it
    m_method->setInsertPolicy(QComboBox::NoInsert);
    m_url->setObjectName(u"requestLine"_s);
    m_url->setPlaceholderText(tr("/api/path, {{base}}/path or a full URL; Enter sends"));
    m_send->setObjectName(u"sendButton"_s);
    m_send->setToolTip(tr("Send (Enter in the URL, Ctrl+Enter anywhere)"));
    m_tabs->setObjectName(u"requestTabs"_s);
    m_tabs->setDocumentMode(true);
    m_headers->setObjectName(u"requestHeaders"_s);
    m_bodyType->setObjectName(u"bodyTypeCombo"_s);
    m_bodyType->addItem(tr("No body"), int(SavedRequest::BodyType::None));
    m_bodyType->addItem(tr("JSON"), int(SavedRequest::BodyType::Json));
    m_bodyType->addItem(tr("Form (url-encoded)"), int(SavedRequest::BodyType::Form));
    m_bodyType->addItem(tr("Raw text"), int(SavedRequest::BodyType::Raw));
    m_contentType->setObjectName(u"contentTypeLine"_s);
    m_contentType->setPlaceholderText(tr("Content type, e.g. application/xml (text/plain when empty)"));
    m_body->setObjectName(u"requestBody"_s);
    m_body->setTabChangesFocus(true);
    m_body->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_body->setPlaceholderText(tr("The body; {{name}} placeholders are filled in when it is sent."));
    new JsonHighlighter(m_body->document());
    m_form->setObjectName(u"formFields"_s);
    m_bodyStack->setObjectName(u"bodyStack"_s);
    m_bodyStack->addWidget(m_body);
    m_bodyStack->addWidget(m_form);

    auto *line = new QHBoxLayout;
    line->addWidget(m_method);
    line->addWidget(m_url, 1);
    line->addWidget(m_send);

    auto *bodyPage = new QWidget;
    bodyPage->setObjectName(u"bodyPage"_s);
    auto *bodyLayout = new QVBoxLayout(bodyPage);
    bodyLayout->setContentsMargins(0, 4, 0, 0);
    auto *typeRow = new QHBoxLayout;
    auto *typeLabel = new QLabel(tr("Type:"));
    typeLabel->setObjectName(u"bodyTypeLabel"_s);
    typeRow->addWidget(typeLabel);
    typeRow->addWidget(m_bodyType);
    typeRow->addWidget(m_contentType, 1);
    typeRow->addStretch();
    bodyLayout->addLayout(typeRow);
    bodyLayout->addWidget(m_bodyStack, 1);
    m_tabs->addTab(m_headers, tr("H&eaders"));
    m_tabs->addTab(bodyPage, tr("&Body"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(line);
    layout->addWidget(m_tabs, 1);

    connect(m_send, &QPushButton::clicked, this, &RequestEditor::sendRequested);
    connect(m_url, &QLineEdit::returnPressed, this, &RequestEditor::sendRequested);
    connect(m_bodyType, &QComboBox::currentIndexChanged, this, &RequestEditor::showBodyType);
    connect(m_headers, &PairsTable::edited, this, &RequestEditor::countHeaders);
    showBodyType();
}

void RequestEditor::setOptions(QWidget *options)
{
    m_tabs->setCornerWidget(options, Qt::TopRightCorner);
}

void RequestEditor::setSendEnabled(bool enabled)
{
    m_send->setEnabled(enabled);
}

void RequestEditor::showBodyType()
{
    const auto type = SavedRequest::BodyType(m_bodyType->currentData().toInt());
    m_contentType->setVisible(type == SavedRequest::BodyType::Raw);
    m_bodyStack->setVisible(type != SavedRequest::BodyType::None);
    m_bodyStack->setCurrentWidget(type == SavedRequest::BodyType::Form ? static_cast<QWidget *>(m_form) : m_body);
    m_tabs->setTabText(1, type == SavedRequest::BodyType::None ? tr("&Body") : tr("&Body (%1)").arg(m_bodyType->currentText()));
}

void RequestEditor::countHeaders()
{
    const int n = m_headers->filledRows();
    m_tabs->setTabText(0, n ? tr("H&eaders (%1)").arg(n) : tr("H&eaders"));
}

SavedRequest RequestEditor::draft() const
{
    SavedRequest r;
    r.folder = m_folder;
    r.name = m_name;
    r.method = m_method->currentText().trimmed().toUpper();
    r.url = m_url->text().trimmed();
    r.headers = m_headers->pairs();
    r.bodyType = SavedRequest::BodyType(m_bodyType->currentData().toInt());
    if (r.bodyType == SavedRequest::BodyType::Form)
        r.form = m_form->pairs();
    else if (r.bodyType != SavedRequest::BodyType::None)
        r.body = m_body->toPlainText();
    if (r.bodyType == SavedRequest::BodyType::Raw)
        r.contentType = m_contentType->text().trimmed();
    r.withToken = m_withToken;
    return r;
}

void RequestEditor::setDraft(const SavedRequest &r)
{
    m_folder = r.folder;
    m_name = r.name;
    m_withToken = r.withToken;
    m_method->setCurrentText(r.method);
    m_url->setText(r.url);
    m_headers->setPairs(r.headers);
    m_bodyType->setCurrentIndex(m_bodyType->findData(int(r.bodyType)));
    m_body->setPlainText(r.bodyType == SavedRequest::BodyType::Form ? QString() : r.body);
    m_form->setPairs(r.form);
    m_contentType->setText(r.contentType);
    countHeaders();
    showBodyType();
}
