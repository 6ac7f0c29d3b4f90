// SPDX-License-Identifier: MIT
// The chain from an API URL to a profile over real HTTP on 127.0.0.1: an
// API and an authorization server served by this test, honest or hostile.
// Every hostile case ends in one finished() with a sentence and no profile;
// registration happens only with consent and only at the issuer's origin.
#include "api/profilediscovery.h"
#include "http/localhttpserver.h"
#include "oauth/discoveryclient.h"
#include "storage/profilestore.h"
#include "storage/tokenstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// One API and one authorization server; each row bends them.
struct World
{
    QString challenge = u"default"_s; // "default": Bearer with resource_metadata; "none": no header
    QJsonObject resourceMetadata;     // empty: made from the servers' URLs
    QByteArray resourceBody;          // non-empty: served as it is
    QJsonObject asMetadata;           // empty: made from the servers' URLs
    bool oidcOnly = false;            // no RFC 8414 document, only OpenID discovery
    QString registrationOrigin;       // non-empty: the registration endpoint's origin
    int registrationStatus = 201;
    QByteArray registrationBody;      // non-empty: served as it is
    QList<QByteArray> seen;           // paths asked for, in order
    QByteArray registrationRequest;
};

} // namespace

class TestProfileDiscovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void chain_data();
    void chain();
    void readsTheChallenge_data();
    void readsTheChallenge();
    void followsLoopbackOnlyFromLoopback_data();
    void followsLoopbackOnlyFromLoopback();
    void asksBeforeRegistering();
    void declinedConsentRegistersNothing();
    void savesTheTokenInTheKeychainOnly();
    void refusesToReplaceAProfile();

private:
    QUrl apiUrl(const QString &path = u"/api/private"_s) const;
    QUrl issuer() const;
    HttpResponse serveApi(const HttpRequest &r);
    HttpResponse serveAs(const HttpRequest &r);
    ProfileDiscovery *run(ProfileDiscovery::Registration registration, const QString &clientId = {});

    World m_world;
    std::unique_ptr<LocalHttpServer> m_api;
    std::unique_ptr<LocalHttpServer> m_as;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<DiscoveryClient> m_discovery;
};

QUrl TestProfileDiscovery::apiUrl(const QString &path) const
{
    return QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_api->port()).arg(path));
}

QUrl TestProfileDiscovery::issuer() const
{
    return QUrl(u"http://127.0.0.1:%1/tenant"_s.arg(m_as->port()));
}

void TestProfileDiscovery::init()
{
    m_world = World();
    m_api = std::make_unique<LocalHttpServer>([this](const HttpRequest &r) { return serveApi(r); });
    m_as = std::make_unique<LocalHttpServer>([this](const HttpRequest &r) { return serveAs(r); });
    QVERIFY(m_api->listen(QHostAddress::LocalHost));
    QVERIFY(m_as->listen(QHostAddress::LocalHost));
    m_network = std::make_unique<QNetworkAccessManager>();
    m_discovery = std::make_unique<DiscoveryClient>(m_network.get());
}

void TestProfileDiscovery::cleanup()
{
    m_discovery.reset();
    m_network.reset();
    m_api.reset();
    m_as.reset();
}

HttpResponse TestProfileDiscovery::serveApi(const HttpRequest &r)
{
    m_world.seen << r.path;
    const QByteArray metadataUrl = apiUrl(u"/.well-known/oauth-protected-resource/api/private"_s).toEncoded();
    if (r.path == "/api/private") {
        HttpResponse response = HttpResponse::json(401, R"({"message":"Unauthorized"})");
        if (m_world.challenge == u"default")
            response.setHeader("WWW-Authenticate", "Bearer realm=\"api\", resource_metadata=\"" + metadataUrl + '"');
        else if (m_world.challenge != u"none")
            response.setHeader("WWW-Authenticate", m_world.challenge.toUtf8());
        return response;
    }
    if (r.path == "/.well-known/oauth-protected-resource/api/private") {
        if (!m_world.resourceBody.isEmpty())
            return HttpResponse::json(200, m_world.resourceBody);
        if (!m_world.resourceMetadata.isEmpty())
            return HttpResponse::json(200, json(m_world.resourceMetadata));
        return HttpResponse::json(200, json({{u"resource"_s, apiUrl(u"/api"_s).toString()},
                                              {u"authorization_servers"_s, QJsonArray{issuer().toString()}},
                                              {u"scopes_supported"_s, QJsonArray{u"read:things"_s}}}));
    }
    return HttpResponse::json(404, R"({"message":"Not found"})");
}

HttpResponse TestProfileDiscovery::serveAs(const HttpRequest &r)
{
    m_world.seen << r.path;
    QUrl registration = issuer();
    registration.setPath(u"/tenant/register"_s);
    if (!m_world.registrationOrigin.isEmpty())
        registration = QUrl(m_world.registrationOrigin + u"/register"_s);
    QJsonObject metadata = m_world.asMetadata;
    if (metadata.isEmpty()) {
        const QString base = issuer().toString();
        metadata = QJsonObject{{u"issuer"_s, base},
                    {u"authorization_endpoint"_s, QString(base + u"/authorize"_s)},
                    {u"token_endpoint"_s, QString(base + u"/token"_s)},
                    {u"jwks_uri"_s, QString(base + u"/jwks"_s)},
                    {u"registration_endpoint"_s, registration.toString()},
                    {u"scopes_supported"_s, QJsonArray{u"openid"_s, u"read:things"_s}}};
    }
    if (r.path == "/.well-known/oauth-authorization-server/tenant" && !m_world.oidcOnly)
        return HttpResponse::json(200, json(metadata));
    if (r.path == "/tenant/.well-known/openid-configuration")
        return HttpResponse::json(200, json(metadata));
    if (r.path == "/tenant/register" && r.method == "POST") {
        m_world.registrationRequest = r.body;
        if (!m_world.registrationBody.isEmpty())
            return HttpResponse::json(m_world.registrationStatus, m_world.registrationBody);
        return HttpResponse::json(201, R"({"client_id":"dyn-1","token_endpoint_auth_method":"none","registration_access_token":"rat-secret"})");
    }
    return HttpResponse::json(404, R"({"error":"not_found"})");
}

ProfileDiscovery *TestProfileDiscovery::run(ProfileDiscovery::Registration registration, const QString &clientId)
{
    auto *job = new ProfileDiscovery(m_network.get(), m_discovery.get(), this);
    job->setTimeout(std::chrono::seconds(10));
    job->start({u"found"_s, apiUrl(), registration, clientId, std::nullopt, QUrl()});
    return job;
}

void TestProfileDiscovery::chain_data()
{
    QTest::addColumn<QString>("bend");
    QTest::addColumn<QString>("words"); // empty: succeeds
    QTest::newRow("honest") << u"honest"_s << QString();
    QTest::newRow("identical-resource") << u"identical"_s << QString();
    QTest::newRow("oidc-only") << u"oidc-only"_s << QString();
    QTest::newRow("no-challenge-well-known") << u"no-challenge"_s << QString();
    QTest::newRow("wrong-resource") << u"wrong-resource"_s << u"which is not the API at"_s;
    QTest::newRow("as-not-in-list") << u"as-not-in-list"_s << u"names the issuer"_s;
    QTest::newRow("registration-other-origin") << u"registration-other-origin"_s << u"names a registration endpoint on another origin"_s;
    QTest::newRow("registration-remote-http") << u"registration-remote-http"_s << u"offers no dynamic client registration"_s;
    QTest::newRow("no-registration") << u"no-registration"_s << u"offers no dynamic client registration"_s;
    QTest::newRow("oversized-metadata") << u"oversized"_s << u"more than 65536 bytes"_s;
    QTest::newRow("non-json-metadata") << u"non-json"_s << u"is not valid JSON"_s;
    QTest::newRow("servers-wrong-type") << u"servers-string"_s << u"is not an array of strings"_s;
    QTest::newRow("challenge-remote-http") << u"challenge-http"_s << u"is not an https URL"_s;
    QTest::newRow("registration-refused") << u"registration-refused"_s << u"refused TokenLab (HTTP 400, invalid_redirect_uri)"_s;
    QTest::newRow("registration-secret") << u"registration-secret"_s << u"holds a client_secret"_s;
}

void TestProfileDiscovery::chain()
{
    QFETCH(QString, bend);
    QFETCH(QString, words);
    const QString asOrigin = u"http://127.0.0.1:%1"_s.arg(m_as->port());
    if (bend == u"oidc-only")
        m_world.oidcOnly = true;
    if (bend == u"no-challenge")
        m_world.challenge = u"none"_s;
    if (bend == u"identical")
        m_world.resourceMetadata = QJsonObject{{u"resource"_s, apiUrl().toString()}, {u"authorization_servers"_s, QJsonArray{issuer().toString()}},
                                               {u"scopes_supported"_s, QJsonArray{u"read:things"_s}}};
    if (bend == u"wrong-resource")
        m_world.resourceMetadata = QJsonObject{{u"resource"_s, u"http://127.0.0.1:1/elsewhere"_s}, {u"authorization_servers"_s, QJsonArray{issuer().toString()}}};
    if (bend == u"as-not-in-list") {
        // The document at the listed issuer's address claims to be another issuer (a mix-up).
        m_world.asMetadata = QJsonObject{{u"issuer"_s, QString(asOrigin + u"/other"_s)}, {u"authorization_endpoint"_s, QString(asOrigin + u"/authorize"_s)},
                              {u"token_endpoint"_s, QString(asOrigin + u"/token"_s)}, {u"jwks_uri"_s, QString(asOrigin + u"/jwks"_s)}};
    }
    if (bend == u"registration-other-origin")
        m_world.registrationOrigin = u"http://127.0.0.2:%1"_s.arg(m_as->port());
    if (bend == u"registration-remote-http")
        m_world.registrationOrigin = u"http://registration.example"_s;
    if (bend == u"no-registration") {
        const QString base = issuer().toString();
        m_world.asMetadata = QJsonObject{{u"issuer"_s, base}, {u"authorization_endpoint"_s, QString(base + u"/authorize"_s)},
                              {u"token_endpoint"_s, QString(base + u"/token"_s)}, {u"jwks_uri"_s, QString(base + u"/jwks"_s)}};
    }
    if (bend == u"oversized")
        m_world.resourceBody = "{\"pad\":\"" + QByteArray(200 * 1024, 'a') + "\"}";
    if (bend == u"non-json")
        m_world.resourceBody = "<html>Sign in</html>";
    if (bend == u"servers-string")
        m_world.resourceMetadata = QJsonObject{{u"resource"_s, apiUrl(u"/api"_s).toString()}, {u"authorization_servers"_s, issuer().toString()}};
    if (bend == u"challenge-http")
        m_world.challenge = u"Bearer resource_metadata=\"http://metadata.example/x\""_s;
    if (bend == u"registration-refused") {
        m_world.registrationStatus = 400;
        m_world.registrationBody = R"({"error":"invalid_redirect_uri","error_description":"no"})";
    }
    if (bend == u"registration-secret")
        m_world.registrationBody = R"({"client_id":"dyn-1","client_secret":"s"})";

    ProfileDiscovery *job = run(ProfileDiscovery::Registration::Register);
    QSignalSpy finished(job, &ProfileDiscovery::finished);
    QSignalSpy steps(job, &ProfileDiscovery::step);
    QVERIFY(finished.wait(20000));
    QTest::qWait(50);
    QCOMPARE(finished.count(), 1);
    QVERIFY(steps.count() >= 1);
    if (!words.isEmpty()) {
        QVERIFY(!job->profile());
        QCOMPARE(job->state(), ProfileDiscovery::State::Failed);
        QVERIFY2(job->errorString().contains(words), qPrintable(job->errorString()));
        if (bend == u"registration-other-origin" || bend == u"registration-remote-http" || bend == u"as-not-in-list")
            QVERIFY(m_world.registrationRequest.isEmpty());
        return;
    }
    QVERIFY2(job->profile(), qPrintable(job->errorString()));
    const Profile p = *job->profile();
    QCOMPARE(p.issuer, issuer());
    QCOMPARE(p.clientId, u"dyn-1"_s);
    QCOMPARE(p.resource, apiUrl(bend == u"identical" ? u"/api/private"_s : u"/api"_s).toString());
    QCOMPARE(p.scope, u"openid read:things"_s);
    // RFC 9728 3.3 asks for the very URL that was called; a path prefix is used, and said.
    QStringList said;
    for (const QList<QVariant> &step : std::as_const(steps))
        said << step.at(0).toString();
    const bool warned = said.join(u'\n').contains(u"wider than the API at %1; RFC 9728 3.3"_s.arg(apiUrl().toString()));
    QVERIFY2(warned == (bend != u"identical"), qPrintable(said.join(u'\n')));
    QCOMPARE(p.apiBase, QUrl(u"http://127.0.0.1:%1"_s.arg(m_api->port())));
    QCOMPARE(p.privatePath, u"/api/private"_s);
    QCOMPARE(job->registration()->registrationAccessToken, u"rat-secret"_s);
    const QJsonObject sent = QJsonDocument::fromJson(m_world.registrationRequest).object();
    QCOMPARE(sent.value(u"token_endpoint_auth_method").toString(), u"none"_s);
    QCOMPARE(sent.value(u"redirect_uris").toArray(), QJsonArray{u"http://127.0.0.1/callback"_s});
    if (bend == u"honest")
        QVERIFY(m_world.seen.indexOf("/.well-known/oauth-authorization-server/tenant") >= 0);
    if (bend == u"no-challenge")
        QVERIFY(m_world.seen.contains("/.well-known/oauth-protected-resource/api/private"));
}

void TestProfileDiscovery::readsTheChallenge_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("refused");
    QTest::newRow("bearer") << QByteArray(R"(Bearer realm="api", resource_metadata="https://api.example/.well-known/oauth-protected-resource")")
                            << u"https://api.example/.well-known/oauth-protected-resource"_s << false;
    QTest::newRow("dpop-second") << QByteArray(R"(Bearer realm="api", DPoP algs="ES256", resource_metadata="https://a.example/m")")
                                 << u"https://a.example/m"_s << false;
    QTest::newRow("none") << QByteArray(R"(Bearer realm="api", error="invalid_token")") << QString() << false;
    QTest::newRow("remote-http") << QByteArray(R"(Bearer resource_metadata="http://a.example/m")") << QString() << true;
    QTest::newRow("javascript") << QByteArray(R"x(Bearer resource_metadata="javascript:alert(1)")x") << QString() << true;
    QTest::newRow("garbage") << QByteArray("\"\"\",,,=") << QString() << false;
}

void TestProfileDiscovery::readsTheChallenge()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, url);
    QFETCH(bool, refused);
    QString error;
    QCOMPARE(ProfileDiscovery::resourceMetadataUrl(header, &error), QUrl(url));
    QCOMPARE(!error.isEmpty(), refused);
}

// A remote API must not make TokenLab call services on the user's machine:
// a loopback target (metadata, authorization server) only for a loopback API.
void TestProfileDiscovery::followsLoopbackOnlyFromLoopback_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("api");
    QTest::addColumn<bool>("follows");
    QTest::newRow("remote-to-remote") << u"https://as.example/"_s << u"https://api.example/v1"_s << true;
    QTest::newRow("loopback-to-loopback") << u"http://127.0.0.1:9000/"_s << u"http://127.0.0.1:8080/api"_s << true;
    QTest::newRow("localhost-to-loopback") << u"http://localhost:9000/"_s << u"http://[::1]:8080/api"_s << true;
    QTest::newRow("loopback-to-remote") << u"https://api.example/v1"_s << u"http://127.0.0.1:8080/api"_s << true;
    QTest::newRow("remote-to-127") << u"http://127.0.0.1:9000/"_s << u"https://api.example/v1"_s << false;
    QTest::newRow("remote-to-127-other") << u"https://127.8.9.10/"_s << u"https://api.example/v1"_s << false;
    QTest::newRow("remote-to-localhost") << u"https://LOCALHOST:9000/"_s << u"https://api.example/v1"_s << false;
    QTest::newRow("remote-to-v6") << u"http://[::1]:9000/"_s << u"https://api.example/v1"_s << false;
    QTest::newRow("remote-to-unspecified") << u"https://0.0.0.0:9000/"_s << u"https://api.example/v1"_s << false;
    QTest::newRow("remote-to-unspecified-v6") << u"https://[::]:9000/"_s << u"https://api.example/v1"_s << false;
    QTest::newRow("remote-to-mapped") << u"https://[::ffff:127.0.0.1]:9000/"_s << u"https://api.example/v1"_s << false;
    QTest::newRow("remote-to-localhost-dot") << u"https://localhost.:9000/"_s << u"https://api.example/v1"_s << false;
    QTest::newRow("remote-to-sub-localhost") << u"https://app.localhost/"_s << u"https://api.example/v1"_s << false;
    QTest::newRow("remote-to-lookalike") << u"https://localhost.example/"_s << u"https://api.example/v1"_s << true;
}

void TestProfileDiscovery::followsLoopbackOnlyFromLoopback()
{
    QFETCH(QString, target);
    QFETCH(QString, api);
    QFETCH(bool, follows);
    QCOMPARE(ProfileDiscovery::mayFollow(QUrl(target), QUrl(api)), follows);
}

void TestProfileDiscovery::asksBeforeRegistering()
{
    ProfileDiscovery *job = run(ProfileDiscovery::Registration::Ask);
    QSignalSpy asked(job, &ProfileDiscovery::registrationConsentNeeded);
    QSignalSpy finished(job, &ProfileDiscovery::finished);
    QVERIFY(asked.wait(20000));
    QCOMPARE(job->state(), ProfileDiscovery::State::WaitingForConsent);
    QVERIFY(m_world.registrationRequest.isEmpty());
    QCOMPARE(finished.count(), 0);
    job->consent(true);
    QVERIFY(finished.wait(20000));
    QVERIFY2(job->profile(), qPrintable(job->errorString()));
    QCOMPARE(job->profile()->clientId, u"dyn-1"_s);
}

void TestProfileDiscovery::declinedConsentRegistersNothing()
{
    ProfileDiscovery *job = run(ProfileDiscovery::Registration::Ask);
    QSignalSpy asked(job, &ProfileDiscovery::registrationConsentNeeded);
    QSignalSpy finished(job, &ProfileDiscovery::finished);
    QVERIFY(asked.wait(20000));
    job->consent(false);
    QCOMPARE(finished.count(), 1);
    QVERIFY(!job->profile());
    QVERIFY(job->errorString().contains(u"because you declined"_s));
    QVERIFY(m_world.registrationRequest.isEmpty());

    // With a client ID nothing is registered and nothing is asked.
    ProfileDiscovery *own = run(ProfileDiscovery::Registration::UseClientId, u"mine"_s);
    QSignalSpy ownAsked(own, &ProfileDiscovery::registrationConsentNeeded);
    QSignalSpy ownFinished(own, &ProfileDiscovery::finished);
    QVERIFY(ownFinished.wait(20000));
    QCOMPARE(ownAsked.count(), 0);
    QCOMPARE(own->profile()->clientId, u"mine"_s);
    QVERIFY(m_world.registrationRequest.isEmpty());
}

void TestProfileDiscovery::savesTheTokenInTheKeychainOnly()
{
    QTemporaryDir dir;
    ProfileStore profiles(dir.filePath(u"profiles.json"_s));
    MemoryTokenStore tokens;
    ProfileDiscovery *job = run(ProfileDiscovery::Registration::Register);
    QSignalSpy finished(job, &ProfileDiscovery::finished);
    QVERIFY(finished.wait(20000));
    QVERIFY2(job->profile(), qPrintable(job->errorString()));
    auto *save = DiscoveredProfileSave::save(*job->profile(), job->registration()->registrationAccessToken, profiles, &tokens, this);
    QSignalSpy saved(save, &DiscoveredProfileSave::finished);
    QVERIFY(saved.wait(5000));
    QVERIFY2(save->ok(), qPrintable(save->errorString()));
    QFile file(dir.filePath(u"profiles.json"_s));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray written = file.readAll();
    QVERIFY(written.contains("dyn-1"));
    QVERIFY(!written.contains("rat-secret"));
    TokenStoreJob *load = tokens.loadSecret(u"found"_s, SecretKind::RegistrationAccessToken);
    QSignalSpy loaded(load, &TokenStoreJob::finished);
    QVERIFY(loaded.wait(5000));
    QCOMPARE(load->secret(), u"rat-secret"_s);
}

void TestProfileDiscovery::refusesToReplaceAProfile()
{
    QTemporaryDir dir;
    ProfileStore profiles(dir.filePath(u"profiles.json"_s));
    MemoryTokenStore tokens;
    Profile existing;
    existing.name = u"found"_s;
    existing.issuer = QUrl(u"https://as.example/"_s);
    existing.clientId = u"old"_s;
    QString error;
    QVERIFY(profiles.upsert(existing, &error) && profiles.save(&error));
    ProfileDiscovery *job = run(ProfileDiscovery::Registration::UseClientId, u"new"_s);
    QSignalSpy finished(job, &ProfileDiscovery::finished);
    QVERIFY(finished.wait(20000));
    auto *save = DiscoveredProfileSave::save(*job->profile(), u"token"_s, profiles, &tokens, this);
    QSignalSpy saved(save, &DiscoveredProfileSave::finished);
    QVERIFY(saved.wait(5000));
    QVERIFY(!save->ok());
    QVERIFY(save->errorString().contains(u"exists already"_s));
    QVERIFY(profiles.load(&error));
    QCOMPARE(profiles.profile(u"found"_s)->clientId, u"old"_s);
    TokenStoreJob *load = tokens.loadSecret(u"found"_s, SecretKind::RegistrationAccessToken);
    QSignalSpy loaded(load, &TokenStoreJob::finished);
    QVERIFY(loaded.wait(5000));
    QCOMPARE(load->error(), TokenStoreError::NotFound);
}

QTEST_GUILESS_MAIN(TestProfileDiscovery)
#include "tst_profilediscovery.moc"
