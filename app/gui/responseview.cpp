// SPDX-License-Identifier: MIT
#include "gui/responseview.h"
#include "jose/dpopproof.h"
#include "api/redaction.h"
#include "api/responsebody.h"
#include "gui/jsonhighlighter.h"
#include "gui/semanticcolors.h"

#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ResponseView::ResponseView(QWidget *parent)
    : QWidget(parent),
      m_status(new QLabel),
      m_explanation(new QLabel),
      m_loginForScope(new QPushButton),
      m_notes(new QLabel),
      m_tabs(new QTabWidget),
      m_bodySummary(new QLabel),
      m_saveBody(new QPushButton(tr("Save the body…"))),
      m_body(new QPlainTextEdit),
      m_headers(new QTreeWidget),
      m_requestView(new QPlainTextEdit),
      m_reveal(new QCheckBox(tr("&Reveal the token"))),
      m_copyCurl(new QPushButton(tr("Copy as c&url"))),
      m_copyWithToken(new QPushButton(tr("Copy with the to&ken")))
{
    setObjectName(u"responseView"_s);
    m_status->setObjectName(u"apiStatus"_s);
    m_status->setWordWrap(true);
    m_explanation->setObjectName(u"apiExplanation"_s);
    m_explanation->setWordWrap(true);
    m_explanation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_loginForScope->setObjectName(u"loginForScopeButton"_s);
    m_loginForScope->hide();
    m_notes->setObjectName(u"apiNotes"_s);
    m_notes->setWordWrap(true);
    m_tabs->setObjectName(u"responseTabs"_s);
    m_tabs->setDocumentMode(true);
    m_bodySummary->setObjectName(u"bodySummary"_s);
    m_saveBody->setObjectName(u"saveBodyButton"_s);
    m_saveBody->setToolTip(tr("Save the whole body to a file"));
    m_body->setObjectName(u"responseBody"_s);
    m_body->setReadOnly(true);
    m_body->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    new JsonHighlighter(m_body->document());
    m_headers->setObjectName(u"responseHeaders"_s);
    m_headers->setHeaderLabels({tr("Header"), tr("Value")});
    m_headers->setRootIsDecorated(false);
    m_headers->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_requestView->setObjectName(u"requestView"_s);
    m_requestView->setReadOnly(true);
    m_requestView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_reveal->setObjectName(u"revealTokenCheck"_s);
    m_copyCurl->setObjectName(u"copyCurlButton"_s);
    m_copyCurl->setToolTip(tr("A curl command that asks tokenlab-cli for the token when it runs"));
    m_copyWithToken->setObjectName(u"copyCurlWithTokenButton"_s);
    m_copyWithToken->setToolTip(tr("A curl command with the access token itself in it: keep it to yourself"));

    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_copyCurl);
    statusRow->addWidget(m_copyWithToken);
    auto *againRow = new QHBoxLayout;
    againRow->addWidget(m_loginForScope);
    againRow->addStretch();

    auto *bodyPage = new QWidget;
    auto *bodyLayout = new QVBoxLayout(bodyPage);
    bodyLayout->setContentsMargins(0, 4, 0, 0);
    auto *summaryRow = new QHBoxLayout;
    summaryRow->addWidget(m_bodySummary, 1);
    summaryRow->addWidget(m_saveBody);
    bodyLayout->addLayout(summaryRow);
    bodyLayout->addWidget(m_body, 1);
    auto *requestPage = new QWidget;
    auto *requestLayout = new QVBoxLayout(requestPage);
    requestLayout->setContentsMargins(0, 4, 0, 0);
    requestLayout->addWidget(m_requestView, 1);
    requestLayout->addWidget(m_reveal);
    m_tabs->addTab(bodyPage, tr("Response body"));
    m_tabs->addTab(m_headers, tr("Response headers"));
    m_tabs->addTab(requestPage, tr("Request as sent"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(statusRow);
    layout->addWidget(m_explanation);
    layout->addLayout(againRow);
    layout->addWidget(m_notes);
    layout->addWidget(m_tabs, 1);

    connect(m_reveal, &QCheckBox::toggled, this, &ResponseView::showRequest);
    connect(m_loginForScope, &QPushButton::clicked, this, [this] {
        if (m_exchange)
            Q_EMIT loginWithScopeRequested(m_exchange->missingScope);
    });
    connect(m_copyCurl, &QPushButton::clicked, this, [this] { Q_EMIT copyRequested(false); });
    connect(m_copyWithToken, &QPushButton::clicked, this, [this] { Q_EMIT copyRequested(true); });
    connect(m_saveBody, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save the response body"));
        if (path.isEmpty())
            return;
        QString error;
        if (!saveBody(path, &error))
            m_bodySummary->setText(error);
        else
            m_bodySummary->setText(tr("Saved %1 to %2.").arg(ResponseBody::size(m_exchange->body.size()), QDir::toNativeSeparators(path)));
    });
    clearAnswer();
}

void ResponseView::clearAnswer()
{
    m_exchange.reset();
    m_explanation->clear();
    m_explanation->hide();
    m_loginForScope->hide();
    m_notes->hide();
    m_body->clear();
    m_bodySummary->clear();
    m_saveBody->hide();
    m_headers->clear();
    m_requestView->clear();
    m_copyCurl->setEnabled(false);
    m_copyWithToken->setEnabled(false);
}

void ResponseView::setStatusFont(bool strong)
{
    QFont f = font();
    if (strong) {
        f.setPointSizeF(f.pointSizeF() * 1.2);
        f.setBold(true);
    }
    m_status->setFont(f);
}

void ResponseView::showMessage(const QString &sentence, bool problem)
{
    if (!problem)
        clearAnswer();
    setStatusFont(problem); // a sentence reads as one, an answer's status line stands out
    m_status->setText(problem ? tr("Not sent") : sentence);
    SemanticColors::apply(m_status, problem ? Tone::Error : Tone::Plain);
    if (problem) {
        m_explanation->setText(sentence);
        m_explanation->show();
        SemanticColors::apply(m_explanation, Tone::Error);
        m_loginForScope->hide();
        m_notes->hide();
    }
}

void ResponseView::setBusyText(const QString &sentence)
{
    setStatusFont(false);
    m_status->setText(sentence);
    SemanticColors::apply(m_status, Tone::Plain);
}

void ResponseView::showExchange(const ApiExchange &x, bool live, const QList<QByteArray> &secrets)
{
    m_exchange = x;
    m_live = live;
    m_secrets = secrets;
    setStatusFont(true);
    const bool ok = x.outcome == ApiOutcome::Success;
    if (x.status) {
        m_status->setText(tr("%1 %2 · %3 ms · %4%5")
                                  .arg(x.status)
                                  .arg(QString::fromLatin1(x.reason))
                                  .arg(x.elapsedMs)
                                  .arg(ResponseBody::size(x.bodySize))
                                  .arg(x.bodyTruncated && live ? tr(" (cut at 4 MiB)") : QString()));
    } else {
        m_status->setText(x.outcome == ApiOutcome::TokenExpired ? tr("Not sent") : tr("No answer"));
    }
    SemanticColors::apply(m_status, ok ? Tone::Ok : Tone::Error);
    m_explanation->setText(ok ? tr("The API accepted the request.") : x.explanation.text());
    m_explanation->show();
    SemanticColors::apply(m_explanation, ok ? Tone::Plain : Tone::Error);
    QFont f = m_explanation->font();
    f.setBold(!ok);
    m_explanation->setFont(f);
    m_loginForScope->setText(tr("Log in again asking for %1").arg(x.missingScope));
    m_loginForScope->setMinimumWidth(m_loginForScope->sizeHint().width());
    m_loginForScope->updateGeometry();
    m_loginForScope->setVisible(!x.missingScope.isEmpty());
    m_notes->setText(x.notes.join(u'\n'));
    m_notes->setVisible(!x.notes.isEmpty());

    const FormattedBody body = ResponseBody::format(x.body, firstHeader(x.responseHeaders, "content-type"), x.bodySize);
    QString summary = body.summary;
    if (body.cut)
        summary += live ? tr("; the start is shown, save the body for all of it") : tr("; the history keeps the first 64 KiB");
    m_bodySummary->setText(summary);
    m_saveBody->setVisible(live && !x.body.isEmpty());
    m_body->setPlainText(body.text);
    m_headers->clear();
    for (const auto &h : x.responseHeaders)
        new QTreeWidgetItem(m_headers, {QString::fromLatin1(h.first), QString::fromLatin1(h.second)});
    m_copyCurl->setEnabled(true);
    m_copyWithToken->setEnabled(x.tokenSent);
    m_reveal->setEnabled(live && x.tokenSent);
    m_reveal->setToolTip(live ? QString() : tr("The history keeps no tokens."));
    showRequest();
}

void ResponseView::showRequest()
{
    if (!m_exchange)
        return;
    const ApiExchange &x = *m_exchange;
    const bool reveal = m_reveal->isChecked() && m_live;
    QString text = QString::fromLatin1(x.request.method) + u' ' + x.request.url.toString() + u'\n';
    for (const auto &h : x.sentHeaders) {
        QString value = QString::fromLatin1(h.second);
        if (h.first.compare("Authorization", Qt::CaseInsensitive) == 0 && !reveal && !value.endsWith(QLatin1StringView(Redaction::Marker))) {
            const qsizetype space = qMax<qsizetype>(value.indexOf(u' '), 0);
            value = tr("%1 ••••••••  (%2 characters; tick Reveal the token to see it)").arg(value.left(space)).arg(value.size() - space - 1);
        } else if (h.first.compare("DPoP", Qt::CaseInsensitive) == 0 && !value.endsWith(QLatin1StringView(Redaction::Marker))) {
            // The proof decoded: it is signed for this method and URL only, and only for a minute or so.
            value = (reveal ? value : tr("proof")) + u"  ("_s + DpopProof::summary(h.second) + u')';
        }
        text += QString::fromLatin1(h.first) + u": "_s + value + u'\n';
    }
    if (!x.tokenSent && x.request.withToken && x.outcome != ApiOutcome::TokenExpired)
        text += tr("(no Authorization header: see the note above)") + u'\n';
    if (!x.request.body.isEmpty())
        text += u'\n' + QString::fromUtf8(x.request.body.left(ResponseBody::DefaultShown));
    if (!reveal) {
        // A {{token}} in the URL or body is the token too.
        const QByteArray scrubbed = Redaction::scrub(text.toUtf8(), Redaction::credentialsIn(x.sentHeaders));
        text = QString::fromUtf8(scrubbed);
    }
    // Secret variables stay hidden even with the token revealed: only the keychain shows them.
    if (!m_secrets.isEmpty())
        text = QString::fromUtf8(Redaction::scrubValues(text.toUtf8(), m_secrets));
    m_requestView->setPlainText(text);
}

bool ResponseView::saveBody(const QString &path, QString *error) const
{
    if (!m_exchange)
        return false;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_exchange->body) != m_exchange->body.size() || !file.commit()) {
        if (error)
            *error = tr("TokenLab cannot write %1: %2.").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}
