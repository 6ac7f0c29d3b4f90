// SPDX-License-Identifier: MIT
#include "gui/introspectionview.h"
#include "gui/semanticcolors.h"
#include "jose/jwt.h"
#include "session/tokenintrospection.h"
#include "util/timeformat.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QString when(const QDateTime &t)
{
    if (!t.isValid())
        return {};
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString relative = TimeFormat::relative(now.secsTo(t), false);
    return u"%1 (%2)"_s.arg(t.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s), relative);
}

QString listText(const QJsonValue &v)
{
    if (v.isArray()) {
        QStringList items;
        for (const QJsonValue &e : v.toArray())
            items << (e.isString() ? e.toString() : QString::number(e.toDouble()));
        return items.join(u' ');
    }
    return v.isString() ? v.toString() : QString();
}

QString dateText(const QJsonValue &v)
{
    const auto secs = Jwt::numericDate(v);
    return secs ? when(QDateTime::fromSecsSinceEpoch(*secs, Qt::UTC)) : QString();
}

} // namespace

IntrospectionView::IntrospectionView(const QString &hint, QNetworkAccessManager *network, DiscoveryClient *discovery, QWidget *parent)
    : QWidget(parent),
      m_hint(hint),
      m_network(network),
      m_discovery(discovery),
      m_ask(new QPushButton(tr("Ask the iss&uer (introspection)"))),
      m_status(new QLabel),
      m_table(new QTreeWidget)
{
    const QString prefix = hint == u"refresh_token" ? u"refresh"_s : u"access"_s;
    setObjectName(prefix + u"Introspection"_s);
    m_ask->setObjectName(prefix + u"IntrospectButton"_s);
    m_ask->setToolTip(tr("Send the token to the issuer's introspection endpoint (RFC 7662), the client authenticated as at "
                         "its token endpoint, and show what the issuer says of it"));
    m_status->setObjectName(prefix + u"IntrospectStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table->setObjectName(prefix + u"IntrospectTable"_s);
    m_table->setHeaderLabels({tr("Member"), tr("The issuer says"), tr("The token says")});
    m_table->setRootIsDecorated(false);
    m_table->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->setAccessibleName(tr("What the issuer says of the token"));
    m_table->hide();

    auto *title = new QLabel(tr("What the issuer says (introspection, RFC 7662)"));
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    title->setWordWrap(true); // beside the button on two lines in a narrow window
    auto *row = new QHBoxLayout;
    row->addWidget(title, 1);
    row->addWidget(m_ask);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_status);
    layout->addWidget(m_table, 1);
    connect(m_ask, &QPushButton::clicked, this, &IntrospectionView::ask);
    clear();
}

void IntrospectionView::clear()
{
    if (m_job)
        m_job->disconnect(this);
    m_job = nullptr;
    m_token.clear();
    m_askWhenShown = false;
    m_table->clear();
    m_table->hide();
    m_ask->setEnabled(false);
    setStatus(tr("No token to ask about."), int(Tone::Plain));
}

void IntrospectionView::setToken(const Profile &profile, const QString &token)
{
    if (token == m_token && profile.name == m_profile.name && profile.issuer == m_profile.issuer)
        return;
    clear();
    m_profile = profile;
    m_token = token;
    if (token.isEmpty())
        return;
    m_ask->setEnabled(true);
    const DecodedJwt jwt = Jwt::decode(token.toLatin1());
    if (jwt.ok() && jwt.kind == JwtKind::Jws) {
        setStatus(tr("The token says what it is itself; ask the issuer whether it still takes it."), int(Tone::Plain));
        return;
    }
    // Opaque (or encrypted): only the issuer can say what it is. Asked once the view is on screen.
    if (isVisible())
        return ask();
    m_askWhenShown = true;
    setStatus(tr("An opaque token: the issuer is asked when this page is shown."), int(Tone::Plain));
}

void IntrospectionView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_askWhenShown) {
        m_askWhenShown = false;
        ask();
    }
}

void IntrospectionView::ask()
{
    m_askWhenShown = false;
    if (m_token.isEmpty())
        return;
    if (!m_store)
        return setStatus(tr("The issuer cannot be asked: this window has no keychain for the client's credentials."), int(Tone::Error));
    if (m_job)
        m_job->disconnect(this);
    m_table->hide();
    m_ask->setEnabled(false);
    setStatus(tr("Reading the issuer's metadata…"), int(Tone::Plain));
    m_job = TokenIntrospectionJob::start(m_profile, m_token, m_hint, m_network, m_discovery, m_store, this);
    connect(m_job, &TokenIntrospectionJob::asking, this, [this](const QUrl &endpoint, const QString &method) {
        setStatus(tr("Asking %1 (client authentication: %2)…").arg(endpoint.toString(), method), int(Tone::Plain));
    });
    connect(m_job, &TokenIntrospectionJob::finished, this, &IntrospectionView::showAnswer);
}

void IntrospectionView::setStatus(const QString &sentence, int tone)
{
    m_status->setText(sentence);
    SemanticColors::apply(m_status, Tone(tone));
}

void IntrospectionView::showAnswer(const TokenIntrospection &result)
{
    m_job = nullptr;
    m_ask->setEnabled(!m_token.isEmpty());
    if (!result.answered())
        return setStatus(result.error, int(result.outcome == TokenIntrospection::Outcome::NoEndpoint ? Tone::Plain : Tone::Error));
    const Introspection &said = result.introspection;
    setStatus(said.active ? tr("Active: the issuer %1 takes this token.").arg(m_profile.issuer.toString())
                          : tr("Not active: the issuer does not take this token (revoked, expired, or unknown to it)."),
              int(said.active ? Tone::Ok : Tone::Error));

    // Beside each member, what a JWT says of itself; a difference is marked.
    const DecodedJwt jwt = Jwt::decode(m_token.toLatin1());
    const bool selfContained = jwt.ok() && jwt.kind == JwtKind::Jws;
    auto tokenSays = [&](const QString &claim) -> QString {
        if (!selfContained)
            return {};
        const QJsonValue v = jwt.payload.value(claim);
        if (claim == u"exp" || claim == u"iat")
            return dateText(v);
        return listText(v);
    };
    m_table->clear();
    const QString opaque = selfContained ? QString() : tr("(opaque: nothing)");
    struct Row { QString member; QString issuer; QString claim; };
    const QList<Row> rows = {
        {u"active"_s, said.active ? tr("yes") : tr("no"), {}},
        {u"scope"_s, said.scope, u"scope"_s},
        {u"client_id"_s, said.clientId, u"client_id"_s},
        {u"sub"_s, said.subject, u"sub"_s},
        {u"username"_s, said.username, {}},
        {u"aud"_s, said.audience.join(u' '), u"aud"_s},
        {u"iss"_s, said.issuer, u"iss"_s},
        {u"token_type"_s, said.tokenType, {}},
        {u"exp"_s, when(said.expiresAt), u"exp"_s},
        {u"iat"_s, when(said.issuedAt), u"iat"_s},
    };
    QStringList shown;
    for (const Row &r : rows) {
        QString own = r.claim.isEmpty() ? QString() : tokenSays(r.claim);
        if (r.claim == u"client_id" && own.isEmpty())
            own = tokenSays(u"azp"_s);
        if (r.issuer.isEmpty() && own.isEmpty())
            continue;
        auto *item = new QTreeWidgetItem(m_table, {r.member, r.issuer, own.isEmpty() && r.member == u"active" ? opaque : own});
        shown << r.member;
        // Only where both say something: a member the issuer leaves out is no contradiction.
        // Scope and aud are sets (RFC 6749 3.3), times are compared as the seconds they are.
        bool differs = false;
        if (!r.issuer.isEmpty() && !own.isEmpty()) {
            if (r.member == u"scope" || r.member == u"aud") {
                const QStringList a = r.issuer.split(u' ', Qt::SkipEmptyParts), b = own.split(u' ', Qt::SkipEmptyParts);
                differs = QSet<QString>(a.cbegin(), a.cend()) != QSet<QString>(b.cbegin(), b.cend());
            } else if (r.member == u"exp" || r.member == u"iat") {
                const QDateTime issuerSays = r.member == u"exp" ? said.expiresAt : said.issuedAt;
                differs = issuerSays.toSecsSinceEpoch() != Jwt::numericDate(jwt.payload.value(r.member)).value_or(-1);
            } else {
                differs = r.issuer != own;
            }
        }
        if (differs) {
            for (int c = 0; c < 3; ++c)
                item->setForeground(c, SemanticColors::color(Tone::Warning, m_table->palette()));
            item->setToolTip(0, tr("The issuer and the token disagree on %1.").arg(r.member));
        }
    }
    // Whatever else the issuer sent, as it sent it.
    for (auto it = said.raw.begin(); it != said.raw.end(); ++it) {
        if (shown.contains(it.key()) || it.key() == u"username" || it.key() == u"token_type")
            continue;
        const QJsonValue v = it.value();
        const QString text = v.isString() ? v.toString()
                : v.isBool()              ? (v.toBool() ? u"true"_s : u"false"_s)
                : v.isDouble()            ? QString::number(v.toDouble(), 'g', 15)
                : v.isArray()             ? listText(v)
                                          : QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
        const bool date = it.key() == u"nbf" && v.isDouble();
        new QTreeWidgetItem(m_table, {it.key(), date ? dateText(v) : text.left(500), date ? dateText(jwt.payload.value(it.key())) : tokenSays(it.key())});
    }
    // The issuer's column as wide as it needs, up to half the table: the token's column gets the rest.
    m_table->resizeColumnToContents(1);
    m_table->setColumnWidth(1, qMin(m_table->columnWidth(1), qMax(120, m_table->viewport()->width() / 2)));
    m_table->show();
}
