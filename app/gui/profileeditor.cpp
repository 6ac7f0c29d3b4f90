// SPDX-License-Identifier: MIT
#include "gui/profileeditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QPushButton>
#include <QVBoxLayout>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>

using namespace Qt::StringLiterals;

namespace {

QLineEdit *line(const QString &objectName, const QString &placeholder)
{
    auto *e = new QLineEdit;
    e->setObjectName(objectName);
    e->setPlaceholderText(placeholder);
    e->setClearButtonEnabled(true);
    return e;
}

} // namespace

ProfileEditor::ProfileEditor(QWidget *parent)
    : QWidget(parent),
      m_name(line(u"profileName"_s, u"e.g. auth0-dev"_s)),
      m_issuer(line(u"profileIssuer"_s, u"https://YOUR_DOMAIN/ or just the Auth0 domain"_s)),
      m_clientId(line(u"profileClientId"_s, tr("the Native application's Client ID"))),
      m_audience(line(u"profileAudience"_s, tr("API identifier (Auth0 audience)"))),
      m_resource(line(u"profileResource"_s, tr("resource indicator (RFC 8707), optional"))),
      m_scope(line(u"profileScope"_s, QString::fromLatin1(Profile::DefaultScope))),
      m_extra(new QPlainTextEdit),
      m_redirectHost(new QComboBox),
      m_redirectPort(new QSpinBox),
      m_redirectPath(line(u"profileRedirectPath"_s, u"/callback"_s)),
      m_apiBase(line(u"profileApiBase"_s, u"http://localhost:3010"_s)),
      m_publicPath(line(u"profilePublicPath"_s, u"/api/public"_s)),
      m_privatePath(line(u"profilePrivatePath"_s, u"/api/private"_s)),
      m_scopedPath(line(u"profileScopedPath"_s, u"/api/private-scoped"_s)),
      m_algorithms(line(u"profileAlgorithms"_s, tr("what the issuer advertises, e.g. RS256 ES256"))),
      m_grant(new QComboBox),
      m_secret(line(u"profileClientSecret"_s, tr("kept in the keychain only; leave empty to keep the stored one"))),
      m_clientAuth(new QComboBox),
      m_assertionAudience(new QComboBox),
      m_clientKey(new QPushButton(tr("Copy public key"))),
      m_importKey(new QPushButton(tr("Import key…"))),
      m_dpop(new QCheckBox(tr("Bind tokens to a proof key (DPoP, RFC 9449)"))),
      m_par(new QCheckBox(tr("Always push the authorization request (PAR, RFC 9126)"))),
      m_device(new QCheckBox(tr("Log in on another device (device flow, RFC 8628)"))),
      m_refreshBefore(new QSpinBox)
{
    m_extra->setObjectName(u"profileExtraParams"_s);
    m_extra->setPlaceholderText(tr("one KEY=VALUE per line, e.g. connection=Username-Password-Authentication"));
    m_extra->setTabChangesFocus(true);
    m_extra->setFixedHeight(m_extra->fontMetrics().lineSpacing() * 3 + 12);
    m_redirectHost->setObjectName(u"profileRedirectHost"_s);
    m_redirectHost->addItems({u"127.0.0.1"_s, u"::1"_s, u"localhost"_s});
    m_redirectPort->setObjectName(u"profileRedirectPort"_s);
    m_redirectPort->setRange(0, 65535);
    m_redirectPort->setSpecialValueText(tr("any free port"));
    m_redirectPort->setToolTip(tr("Auth0 needs the exact callback URL: pick a fixed port and register http://127.0.0.1:PORT/callback"));

    auto *redirect = new QHBoxLayout;
    redirect->addWidget(m_redirectHost);
    redirect->addWidget(m_redirectPort);
    redirect->addWidget(m_redirectPath, 1);
    auto *paths = new QVBoxLayout; // one under the other: the form fits half of a 1024-pixel window
    paths->addWidget(m_publicPath);
    paths->addWidget(m_privatePath);
    paths->addWidget(m_scopedPath);

    m_grant->setObjectName(u"profileGrant"_s);
    m_grant->addItem(tr("Authorization code + PKCE (a user signs in)"));
    m_grant->addItem(tr("Client credentials (machine to machine)"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_clientAuth->setObjectName(u"profileClientAuth"_s);
    m_clientAuth->addItems({u"client_secret_post"_s, u"client_secret_basic"_s, u"private_key_jwt"_s});
    m_clientAuth->setToolTip(tr("How the client proves who it is at the token endpoint. private_key_jwt signs each request with a key "
                                "kept in the keychain; with the authorization code grant it makes the profile a confidential client."));
    m_assertionAudience->setObjectName(u"profileAssertionAudience"_s);
    m_assertionAudience->addItem(tr("aud: the issuer"));
    m_assertionAudience->addItem(tr("aud: the token endpoint"));
    m_assertionAudience->setToolTip(tr("The audience of each client assertion: the issuer identifier (Auth0, RFC 7523bis) or the token endpoint URL (Okta)."));
    m_clientKey->setObjectName(u"profileClientKey"_s);
    m_clientKey->setToolTip(tr("Copy the public JWK of the profile's client key (made on first use, kept in the keychain) to register it at the issuer."));
    connect(m_clientKey, &QPushButton::clicked, this, &ProfileEditor::clientKeyRequested);
    m_importKey->setObjectName(u"profileImportClientKey"_s);
    m_importKey->setToolTip(tr("Keep an existing private key (PKCS#8 PEM, RSA or EC) as the profile's client key, for a client already "
                               "registered at the issuer with its public half. The file is read once; the key lives in the keychain only."));
    connect(m_importKey, &QPushButton::clicked, this, &ProfileEditor::clientKeyImportRequested);
    m_dpop->setObjectName(u"profileDpop"_s);
    m_dpop->setToolTip(tr("Every token request and API call carries a proof signed by a key only this profile holds (in the keychain); "
                          "a stolen token is useless without it."));
    m_par->setObjectName(u"profilePar"_s);
    m_par->setToolTip(tr("POST the authorization parameters to the issuer first; the browser gets only client_id and request_uri. "
                         "Used anyway when the issuer requires it."));
    connect(m_dpop, &QCheckBox::toggled, this, &ProfileEditor::edited);
    connect(m_par, &QCheckBox::toggled, this, &ProfileEditor::edited);
    m_device->setObjectName(u"profileDevice"_s);
    m_device->setToolTip(tr("Log in shows a code to enter on a phone or another computer instead of opening a browser here; "
                            "for machines without one. The issuer must offer the device flow."));
    connect(m_device, &QCheckBox::toggled, this, &ProfileEditor::edited);
    connect(m_assertionAudience, &QComboBox::currentIndexChanged, this, &ProfileEditor::edited);
    m_refreshBefore->setObjectName(u"profileRefreshBefore"_s);
    m_refreshBefore->setRange(0, 3600);
    m_refreshBefore->setSuffix(tr(" s before expiry"));
    m_refreshBefore->setToolTip(tr("TokenLab renews the tokens this long before they expire (at most half their lifetime)."));
    auto *grantRow = new QHBoxLayout;
    grantRow->addWidget(m_grant, 1);
    grantRow->addWidget(m_clientAuth);
    connect(m_grant, &QComboBox::currentIndexChanged, this, [this] {
        updateGrantFields();
        Q_EMIT edited();
    });
    connect(m_clientAuth, &QComboBox::currentIndexChanged, this, [this] {
        updateGrantFields();
        Q_EMIT edited();
    });
    connect(m_refreshBefore, &QSpinBox::valueChanged, this, &ProfileEditor::edited);

    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Na&me:"), m_name);
    form->addRow(tr("Grant:"), grantRow);
    form->addRow(tr("&Issuer:"), m_issuer);
    form->addRow(tr("Client I&D:"), m_clientId);
    form->addRow(tr("Client s&ecret:"), m_secret);
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_assertionAudience, 1);
    keyRow->addWidget(m_clientKey);
    keyRow->addWidget(m_importKey);
    form->addRow(tr("Client key:"), keyRow);
    auto *hardening = new QVBoxLayout;
    hardening->addWidget(m_dpop);
    hardening->addWidget(m_par);
    form->addRow(tr("Hardening:"), hardening);
    form->addRow(tr("Sign-in:"), m_device);
    form->addRow(tr("A&udience:"), m_audience);
    form->addRow(tr("&Resource:"), m_resource);
    form->addRow(tr("S&cope:"), m_scope);
    form->addRow(tr("E&xtra parameters:"), m_extra);
    form->addRow(tr("Redirect:"), redirect);
    form->addRow(tr("API &base URL:"), m_apiBase);
    form->addRow(tr("API paths:"), paths);
    form->addRow(tr("Allowed al&gorithms:"), m_algorithms);
    form->addRow(tr("Renew to&kens:"), m_refreshBefore);
    m_algorithms->setToolTip(tr("Signature algorithms the token inspector accepts; empty: those the issuer advertises. none and HS* are never accepted."));

    for (QLineEdit *e : findChildren<QLineEdit *>())
        connect(e, &QLineEdit::textEdited, this, &ProfileEditor::edited);
    // Combo boxes as narrow as their field allows, so the form fits half of a small window.
    for (QComboBox *c : findChildren<QComboBox *>()) {
        c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        c->setMinimumContentsLength(6);
    }
    connect(m_extra, &QPlainTextEdit::textChanged, this, &ProfileEditor::edited);
    connect(m_redirectPort, &QSpinBox::valueChanged, this, &ProfileEditor::edited);
    connect(m_redirectHost, &QComboBox::currentIndexChanged, this, &ProfileEditor::edited);
}

void ProfileEditor::setProfile(const Profile &p)
{
    const QSignalBlocker blocker(this);
    m_original = p;
    m_name->setText(p.name);
    m_issuer->setText(p.issuer.toString());
    m_clientId->setText(p.clientId);
    m_audience->setText(p.audience);
    m_resource->setText(p.resource);
    m_scope->setText(p.scope);
    QStringList extra;
    for (const auto &kv : p.extraParams)
        extra << kv.first + u'=' + kv.second;
    m_extra->setPlainText(extra.join(u'\n'));
    m_redirectHost->setCurrentText(p.redirectHost);
    m_redirectPort->setValue(p.redirectPort);
    m_redirectPath->setText(p.redirectPath);
    m_apiBase->setText(p.apiBase.toString());
    m_publicPath->setText(p.publicPath);
    m_privatePath->setText(p.privatePath);
    m_scopedPath->setText(p.scopedPath);
    m_algorithms->setText(p.allowedAlgorithms.join(u' '));
    m_grant->setCurrentIndex(p.isMachineToMachine() ? 1 : 0);
    m_clientAuth->setCurrentIndex(p.clientAuth == Profile::ClientAuth::Basic ? 1 : p.usesClientKey() ? 2 : 0);
    m_assertionAudience->setCurrentIndex(p.assertionAudience == Profile::AssertionAudience::TokenEndpoint ? 1 : 0);
    m_dpop->setChecked(p.dpop);
    m_par->setChecked(p.par);
    m_device->setChecked(p.device);
    m_refreshBefore->setValue(p.refreshBeforeSeconds);
    m_secret->clear();
    m_grant->setEnabled(!p.isSandbox());
    updateGrantFields();
    for (QLineEdit *e : findChildren<QLineEdit *>())
        e->setCursorPosition(0); // show the start of long URLs
    // The sandbox's identity comes from the running tenant.
    for (QLineEdit *e : {m_name, m_issuer, m_clientId, m_apiBase})
        e->setReadOnly(p.isSandbox());
}

Profile ProfileEditor::profile() const
{
    Profile p = m_original;
    p.name = m_name->text().trimmed();
    const QString issuer = m_issuer->text().trimmed();
    if (!issuer.isEmpty() && !issuer.contains(u"://"_s)) {
        // An Auth0 domain typed on its own.
        if (const auto url = Profile::issuerFromDomain(issuer, nullptr))
            p.issuer = *url;
        else
            p.issuer = QUrl(issuer);
    } else {
        p.issuer = QUrl(issuer, QUrl::StrictMode);
    }
    p.clientId = m_clientId->text().trimmed();
    p.audience = m_audience->text().trimmed();
    p.resource = m_resource->text().trimmed();
    p.scope = m_scope->text().simplified();
    p.extraParams.clear();
    for (const QString &l : m_extra->toPlainText().split(u'\n', Qt::SkipEmptyParts)) {
        const qsizetype eq = l.indexOf(u'=');
        p.extraParams.append(eq < 0 ? qMakePair(l.trimmed(), QString()) : qMakePair(l.left(eq).trimmed(), l.mid(eq + 1)));
    }
    p.redirectHost = m_redirectHost->currentText();
    p.redirectPort = quint16(m_redirectPort->value());
    p.redirectPath = m_redirectPath->text().trimmed();
    p.apiBase = m_apiBase->text().trimmed().isEmpty() ? QUrl() : QUrl(m_apiBase->text().trimmed(), QUrl::StrictMode);
    p.publicPath = m_publicPath->text().trimmed();
    p.privatePath = m_privatePath->text().trimmed();
    p.scopedPath = m_scopedPath->text().trimmed();
    p.allowedAlgorithms = m_algorithms->text().split(u' ', Qt::SkipEmptyParts);
    p.grant = m_grant->currentIndex() == 1 ? Profile::Grant::ClientCredentials : Profile::Grant::AuthorizationCode;
    p.clientAuth = m_clientAuth->currentIndex() == 1 ? Profile::ClientAuth::Basic
                   : m_clientAuth->currentIndex() == 2 ? Profile::ClientAuth::PrivateKeyJwt
                                                       : Profile::ClientAuth::Post;
    if (!p.isMachineToMachine() && !p.usesClientKey())
        p.clientAuth = Profile::ClientAuth::Post; // a public client: nothing to authenticate with
    p.assertionAudience = m_assertionAudience->currentIndex() == 1 ? Profile::AssertionAudience::TokenEndpoint
                                                                   : Profile::AssertionAudience::Issuer;
    p.dpop = m_dpop->isChecked();
    p.par = m_par->isChecked();
    p.device = m_device->isChecked();
    p.refreshBeforeSeconds = m_refreshBefore->value();
    return p;
}

QString ProfileEditor::clientSecret() const
{
    return m_grant->currentIndex() == 1 && m_clientAuth->currentIndex() != 2 ? m_secret->text() : QString();
}

void ProfileEditor::clearClientSecret()
{
    m_secret->clear();
}

void ProfileEditor::updateGrantFields()
{
    const bool m2m = m_grant->currentIndex() == 1;
    const bool key = m_clientAuth->currentIndex() == 2;
    // A code-flow profile is a public client, or a confidential one with private_key_jwt.
    m_secret->setEnabled(m2m && !key);
    m_clientAuth->setEnabled(!m_original.isSandbox());
    m_assertionAudience->setEnabled(key);
    m_clientKey->setEnabled(key && !m_name->text().trimmed().isEmpty());
    m_importKey->setEnabled(m_clientKey->isEnabled());
    for (QWidget *w : std::initializer_list<QWidget *>{m_redirectHost, m_redirectPort, m_redirectPath, m_extra, m_device})
        w->setEnabled(!m2m);
}
