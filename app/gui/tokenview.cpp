// SPDX-License-Identifier: MIT
#include "gui/tokenview.h"
#include "jose/claiminfo.h"
#include "gui/jsonhighlighter.h"
#include "gui/semanticcolors.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QString scalarText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isBool())
        return v.toBool() ? u"true"_s : u"false"_s;
    if (v.isNull())
        return u"null"_s;
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 17);
    return QString::fromUtf8(QJsonDocument(v.isArray() ? QJsonDocument(v.toArray()) : QJsonDocument(v.toObject())).toJson(QJsonDocument::Compact));
}

QString timeText(qint64 secs, const QDateTime &now)
{
    const QDateTime when = QDateTime::fromSecsSinceEpoch(secs, Qt::UTC);
    return when.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s) + u"  ("_s
            + TokenChecks::relativeTime(when, now, now.secsTo(when) > 0, {}) + u')';
}

} // namespace

TokenView::TokenView(const QString &emptyText, QWidget *parent)
    : QWidget(parent),
      m_emptyText(emptyText),
      m_summary(new QLabel(emptyText)),
      m_countdown(new QLabel),
      m_claims(new QTreeWidget),
      m_checks(new QTreeWidget),
      m_raw(new QPlainTextEdit),
      m_copyToken(new QPushButton(tr("Cop&y token"))),
      m_copyHeader(new QPushButton(tr("Copy head&er"))),
      m_copyPayload(new QPushButton(tr("Copy payloa&d"))),
      m_tick(new QTimer(this))
{
    m_summary->setObjectName(u"tokenSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_countdown->setObjectName(u"tokenCountdown"_s);
    QFont bold = m_countdown->font();
    bold.setBold(true);
    m_countdown->setFont(bold);

    m_claims->setObjectName(u"claimsTable"_s);
    m_claims->setHeaderLabels({tr("Claim"), tr("Value"), tr("Meaning")});
    m_claims->setAlternatingRowColors(true);
    m_claims->setUniformRowHeights(true);
    m_claims->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_claims->header()->setSectionResizeMode(1, QHeaderView::Interactive);
    m_claims->setColumnWidth(1, 330);
    m_claims->setSelectionMode(QAbstractItemView::ExtendedSelection);
    auto *copyClaim = new QAction(tr("Copy"), m_claims);
    copyClaim->setShortcut(QKeySequence::Copy);
    copyClaim->setShortcutContext(Qt::WidgetShortcut);
    connect(copyClaim, &QAction::triggered, this, [this] {
        QStringList lines;
        for (QTreeWidgetItem *item : m_claims->selectedItems())
            lines << item->text(0) + u": "_s + item->data(1, Qt::UserRole).toString();
        QGuiApplication::clipboard()->setText(lines.join(u'\n'));
    });
    m_claims->addAction(copyClaim);
    m_claims->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_checks->setObjectName(u"checksList"_s);
    m_checks->setHeaderLabels({tr("Check"), tr("Result"), tr("Why")});
    m_checks->setRootIsDecorated(false);
    m_checks->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_checks->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);

    m_raw->setObjectName(u"rawJson"_s);
    m_raw->setReadOnly(true);
    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    new JsonHighlighter(m_raw->document());

    m_copyToken->setObjectName(u"copyTokenButton"_s);
    m_copyHeader->setObjectName(u"copyHeaderButton"_s);
    m_copyPayload->setObjectName(u"copyPayloadButton"_s);
    auto copyPart = [this](int part) {
        const QList<QByteArray> parts = m_token.split('.');
        if (part < 0) {
            QGuiApplication::clipboard()->setText(QString::fromLatin1(m_token));
            return;
        }
        const DecodedJwt jwt = Jwt::decode(m_token);
        const QJsonObject o = part == 0 ? jwt.header : jwt.payload;
        QGuiApplication::clipboard()->setText(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented)));
    };
    connect(m_copyToken, &QPushButton::clicked, this, [copyPart] { copyPart(-1); });
    connect(m_copyHeader, &QPushButton::clicked, this, [copyPart] { copyPart(0); });
    connect(m_copyPayload, &QPushButton::clicked, this, [copyPart] { copyPart(1); });

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_countdown);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_copyToken);
    buttons->addWidget(m_copyHeader);
    buttons->addWidget(m_copyPayload);
    buttons->addStretch();

    auto *lower = new QSplitter(Qt::Horizontal);
    lower->addWidget(m_checks);
    lower->addWidget(m_raw);
    lower->setStretchFactor(0, 3);
    lower->setStretchFactor(1, 2);
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(m_claims);
    split->addWidget(lower);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    layout->addLayout(buttons);

    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, this, &TokenView::updateCountdown);
    clear();
}

void TokenView::clear()
{
    m_token.clear();
    m_exp = -1;
    m_timeItems.clear();
    m_tick->stop();
    m_summary->setText(m_emptyText);
    m_countdown->clear();
    m_claims->clear();
    m_checks->clear();
    m_raw->clear();
    for (QPushButton *b : {m_copyToken, m_copyHeader, m_copyPayload})
        b->setEnabled(false);
}

void TokenView::setToken(const QByteArray &token)
{
    clear();
    m_token = token.trimmed();
    if (m_token.isEmpty())
        return;
    const DecodedJwt jwt = Jwt::decode(m_token);
    m_copyToken->setEnabled(true);
    if (!jwt.ok()) {
        m_summary->setText(u"<span style='color:%1'>%2</span>"_s.arg(SemanticColors::hex(Tone::Error, palette()), jwt.errorText.toHtmlEscaped()));
        return;
    }
    if (jwt.kind == JwtKind::Opaque) {
        m_summary->setText(tr("An opaque token (not a JWT), %1 characters: only its issuer can say what it means. "
                           "Refresh tokens are usually opaque.").arg(m_token.size()));
        return;
    }
    if (jwt.kind == JwtKind::Jwe) {
        m_summary->setText(tr("An encrypted token (JWE): its claims are readable only by the API it is meant for. Its header is shown."));
        fillClaims(jwt);
        return;
    }
    m_copyHeader->setEnabled(true);
    m_copyPayload->setEnabled(true);
    if (jwt.signatureProblem.isEmpty())
        m_summary->setText(tr("A signed JWT (%1). Checking…").arg(jwt.header.value(u"alg").toString().toHtmlEscaped()));
    else
        m_summary->setText(tr("A signed JWT (%1) whose signature part was altered: its claims are shown, and no key can verify it.").arg(
                jwt.header.value(u"alg").toString().toHtmlEscaped()));
    fillClaims(jwt);
    const QJsonDocument pretty(QJsonObject{{u"header"_s, jwt.header}, {u"payload"_s, jwt.payload}});
    m_raw->setPlainText(QString::fromUtf8(pretty.toJson(QJsonDocument::Indented)));
    if (const std::optional<qint64> exp = Jwt::numericDate(jwt.payload.value(u"exp")))
        m_exp = *exp;
    if (m_exp >= 0 || !m_timeItems.isEmpty())
        m_tick->start();
    updateCountdown();
}

QTreeWidgetItem *TokenView::addClaim(QTreeWidgetItem *group, const QString &name, const QJsonValue &value, bool header)
{
    const ClaimInfo::Description d = header ? ClaimInfo::header(name) : ClaimInfo::claim(name);
    auto *item = new QTreeWidgetItem(group);
    item->setText(0, name);
    item->setText(2, d.label);
    item->setToolTip(0, d.meaning);
    item->setToolTip(2, d.meaning);
    item->setData(1, Qt::UserRole, scalarText(value));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const std::optional<qint64> seconds = Jwt::numericDate(value);
    if (d.isTime && seconds) {
        item->setText(1, timeText(*seconds, now));
        item->setToolTip(1, tr("%1 seconds since 1970 (UTC)").arg(*seconds));
        m_timeItems.append({item, *seconds});
        return item;
    }
    // scope (space-separated), permissions and aud (arrays) as lists.
    QStringList list;
    if (name == u"scope" && value.isString())
        list = value.toString().split(u' ', Qt::SkipEmptyParts);
    else if (value.isArray())
        for (const QJsonValue &e : value.toArray())
            list << scalarText(e);
    if (!list.isEmpty() && (name == u"scope" || name == u"permissions" || name == u"aud" || value.isArray())) {
        item->setText(1, list.size() == 1 ? tr("1 item") : tr("%1 items").arg(list.size()));
        for (const QString &entry : list) {
            auto *child = new QTreeWidgetItem(item, {QString(), entry});
            child->setData(1, Qt::UserRole, entry);
        }
        item->setExpanded(true);
        return item;
    }
    const QString text = scalarText(value);
    item->setText(1, text.size() > 300 ? text.left(300) + u"…"_s : text);
    item->setToolTip(1, text.size() > 300 ? tr("%1 characters; copy to see all").arg(text.size()) : text);
    return item;
}

void TokenView::fillClaims(const DecodedJwt &jwt)
{
    m_claims->clear();
    m_timeItems.clear();
    auto *header = new QTreeWidgetItem(m_claims, {tr("Header")});
    for (auto it = jwt.header.begin(); it != jwt.header.end(); ++it)
        addClaim(header, it.key(), it.value(), true);
    header->setExpanded(true);
    if (jwt.kind != JwtKind::Jws)
        return;
    auto *payload = new QTreeWidgetItem(m_claims, {tr("Payload")});
    for (auto it = jwt.payload.begin(); it != jwt.payload.end(); ++it)
        addClaim(payload, it.key(), it.value(), false);
    payload->setExpanded(true);
    QFont bold = header->font(0);
    bold.setBold(true);
    header->setFont(0, bold);
    payload->setFont(0, bold);
}

void TokenView::updateCountdown()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const auto &[item, seconds] : std::as_const(m_timeItems))
        item->setText(1, timeText(seconds, now));
    if (m_exp < 0) {
        m_countdown->setText(m_token.isEmpty() || Jwt::decode(m_token).kind != JwtKind::Jws ? QString() : tr("No expiry"));
        return;
    }
    const QDateTime exp = QDateTime::fromSecsSinceEpoch(m_exp, Qt::UTC);
    const bool expired = now >= exp;
    m_countdown->setText(expired ? tr("Expired %1").arg(TokenChecks::relativeTime(exp, now, false, {}))
                                 : tr("Expires %1").arg(TokenChecks::relativeTime(exp, now, true, {})));
    SemanticColors::apply(m_countdown, expired ? Tone::Error : now.secsTo(exp) < 60 ? Tone::Warning : Tone::Ok);
}

void TokenView::setReport(const TokenReport &report)
{
    if (report.token != m_token)
        return; // a report for a token no longer shown
    m_checks->clear();
    for (const ClaimCheck &c : report.checks) {
        const QString word = c.result == ClaimCheck::Result::Passed ? tr("✔ passed")
                             : c.result == ClaimCheck::Result::Failed ? tr("✘ failed") : tr("– not checked");
        auto *item = new QTreeWidgetItem(m_checks, {c.name, word, c.detail});
        item->setToolTip(2, c.detail);
        const QColor colour = c.result == ClaimCheck::Result::Passed ? SemanticColors::color(Tone::Ok, palette())
                              : c.result == ClaimCheck::Result::Failed ? SemanticColors::color(Tone::Error, palette())
                                                                       : palette().color(QPalette::PlaceholderText);
        item->setForeground(1, colour);
    }
    if (report.jwt.kind != JwtKind::Jws)
        return;
    const QString kind = report.kind == TokenKind::Access ? tr("an access token") : report.kind == TokenKind::Id ? tr("an id_token") : tr("a token");
    const QString alg = report.jwt.header.value(u"alg").toString().toHtmlEscaped();
    QString summary;
    if (report.signatureVerified)
        summary = tr("A signed JWT (%1), %2: <span style='color:%4'><b>signature verified</b></span> with the key <code>%3</code>.")
                          .arg(alg, kind, report.verifiedKid.toHtmlEscaped(), SemanticColors::hex(Tone::Ok, palette()));
    else
        summary = tr("A signed JWT (%1), %2: <span style='color:%3'><b>signature not verified</b></span>.").arg(alg, kind, SemanticColors::hex(Tone::Error, palette()));
    if (!report.passed())
        summary += tr(" <span style='color:%1'>%2</span>").arg(SemanticColors::hex(Tone::Error, palette()), report.firstFailure().toHtmlEscaped());
    m_summary->setText(summary);
}
