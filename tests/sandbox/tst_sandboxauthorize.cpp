// SPDX-License-Identifier: MIT
// /authorize over real HTTP: the errors RFC 6749 4.1.2.1 sends back to a
// valid redirect URI, the ones it must show as a page instead, and the
// login and consent pages a user goes through in the browser.
#include "oauth/pkce.h"
#include "support/sandboxfixture.h"

#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

class TestSandboxAuthorize : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void errorPage_data();
    void errorPage();
    void errorRedirect_data();
    void errorRedirect();
    void autoApproveIssuesCode();
    void resourceIndicatorAccepted();
    void pagesLoginAndConsent();
    void consentWithheldScope();
    void cancelAndDeny_data();
    void cancelAndDeny();
    void promptNoneAndSession();

private:
    static QString formField(const QByteArray &html, const QString &name);
};

namespace {
const QByteArray challenge = Pkce::challengeS256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

FormData with(const FormData &base, const QString &key, const QString &value, bool remove = false)
{
    FormData out;
    bool replaced = false;
    for (const auto &p : base.pairs()) {
        if (p.first == key) {
            if (!remove && !replaced)
                out.add(key, value);
            replaced = true;
        } else {
            out.add(p.first, p.second);
        }
    }
    if (!replaced && !remove)
        out.add(key, value);
    return out;
}
} // namespace

QString TestSandboxAuthorize::formField(const QByteArray &html, const QString &name)
{
    const QRegularExpression re(u"name=\"%1\" value=\"([^\"]*)\""_s.arg(name));
    return re.match(QString::fromUtf8(html)).captured(1);
}

void TestSandboxAuthorize::errorPage_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("remove");
    QTest::addColumn<QString>("words");

    QTest::newRow("unknown-client") << u"client_id"_s << u"nobody"_s << false << u"Unknown client"_s;
    QTest::newRow("no-client") << u"client_id"_s << QString() << true << u"Missing client_id"_s;
    QTest::newRow("m2m-client") << u"client_id"_s << u"tokenlab-m2m"_s << false << u"machine-to-machine"_s;
    QTest::newRow("no-redirect") << u"redirect_uri"_s << QString() << true << u"Missing redirect_uri"_s;
    QTest::newRow("https-redirect-elsewhere") << u"redirect_uri"_s << u"https://evil.example/cb"_s << false << u"not a loopback"_s;
    QTest::newRow("localhost-name") << u"redirect_uri"_s << u"http://localhost:5000/cb"_s << false << u"not a loopback"_s;
    QTest::newRow("no-port") << u"redirect_uri"_s << u"http://127.0.0.1/cb"_s << false << u"not a loopback"_s;
    QTest::newRow("fragment") << u"redirect_uri"_s << u"http://127.0.0.1:5000/cb#x"_s << false << u"not a loopback"_s;
    QTest::newRow("userinfo-trick") << u"redirect_uri"_s << u"http://127.0.0.1:80@evil.example:5000/cb"_s << false << u"not a loopback"_s;
    QTest::newRow("custom-scheme") << u"redirect_uri"_s << u"com.example:/cb"_s << false << u"not a loopback"_s;
}

void TestSandboxAuthorize::errorPage()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(bool, remove);
    QFETCH(QString, words);
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    const HttpResult r = sandbox.authorize(with(sandbox.authorizeParams(challenge), key, value, remove));
    QCOMPARE(r.status, 400);
    QVERIFY2(r.header("Location").isEmpty(), "an unchecked redirect URI is never redirected to");
    QVERIFY(r.header("Content-Type").startsWith("text/html"));
    QVERIFY2(QString::fromUtf8(r.body).contains(words), r.body.constData());
}

void TestSandboxAuthorize::errorRedirect_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("remove");
    QTest::addColumn<QString>("error");

    QTest::newRow("no-pkce") << u"code_challenge"_s << QString() << true << u"invalid_request"_s;
    QTest::newRow("pkce-plain") << u"code_challenge_method"_s << u"plain"_s << false << u"invalid_request"_s;
    QTest::newRow("pkce-method-missing") << u"code_challenge_method"_s << QString() << true << u"invalid_request"_s;
    QTest::newRow("pkce-short-challenge") << u"code_challenge"_s << u"abc"_s << false << u"invalid_request"_s;
    QTest::newRow("response-type-token") << u"response_type"_s << u"token"_s << false << u"unsupported_response_type"_s;
    QTest::newRow("response-type-missing") << u"response_type"_s << QString() << true << u"unsupported_response_type"_s;
    QTest::newRow("unknown-audience") << u"audience"_s << u"https://other.example/"_s << false << u"access_denied"_s;
    QTest::newRow("unknown-resource") << u"resource"_s << u"https://other.example/"_s << false << u"invalid_target"_s;
    QTest::newRow("bad-prompt") << u"prompt"_s << u"sometimes"_s << false << u"invalid_request"_s;
    QTest::newRow("prompt-none-mixed") << u"prompt"_s << u"none login"_s << false << u"invalid_request"_s;
    QTest::newRow("bad-max-age") << u"max_age"_s << u"-5"_s << false << u"invalid_request"_s;
}

void TestSandboxAuthorize::errorRedirect()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(bool, remove);
    QFETCH(QString, error);
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    const HttpResult r = sandbox.authorize(with(sandbox.authorizeParams(challenge), key, value, remove));
    QCOMPARE(r.status, 302);
    QVERIFY(r.location().toString().startsWith(SandboxFixture::redirectUri()));
    QCOMPARE(r.locationParam(u"error"_s), error);
    QVERIFY(!r.locationParam(u"error_description"_s).isEmpty());
    QCOMPARE(r.locationParam(u"state"_s), u"state-123"_s);
    QCOMPARE(r.locationParam(u"iss"_s), sandbox.tenant().issuer().toString());
    QVERIFY(r.locationParam(u"code"_s).isEmpty());
}

void TestSandboxAuthorize::autoApproveIssuesCode()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    FormData params = with(sandbox.authorizeParams(challenge), u"state"_s, u"a+b &c=d"_s);
    const HttpResult r = sandbox.authorize(params);
    QCOMPARE(r.status, 302);
    QCOMPARE(r.locationParam(u"state"_s), u"a+b &c=d"_s); // returned exactly, encoding and all
    QCOMPARE(r.locationParam(u"code"_s).size(), 43);
    QCOMPARE(r.locationParam(u"iss"_s), sandbox.tenant().issuer().toString()); // RFC 9207
}

void TestSandboxAuthorize::resourceIndicatorAccepted()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    FormData params = with(sandbox.authorizeParams(challenge), u"audience"_s, {}, true);
    params.add(u"resource"_s, sandbox.tenant().audience());
    const HttpResult r = sandbox.authorize(params);
    QCOMPARE(r.status, 302);
    QVERIFY2(!r.locationParam(u"code"_s).isEmpty(), r.header("Location").constData());
}

void TestSandboxAuthorize::pagesLoginAndConsent()
{
    SandboxFixture sandbox(std::nullopt);
    QVERIFY(sandbox.started());
    FormData params = sandbox.authorizeParams(challenge);
    params.add(u"login_hint"_s, u"bob"_s);
    const HttpResult login = sandbox.authorize(params);
    QCOMPARE(login.status, 200);
    QVERIFY(login.body.contains("Alice Admin"));
    QVERIFY(login.body.contains("Bob Basic"));
    QVERIFY2(login.body.contains("value=\"bob\" id=\"user-bob\" autofocus"), "login_hint preselects the user");
    QVERIFY(login.header("Content-Security-Policy").contains("default-src 'none'"));
    const QString txn = formField(login.body, u"txn"_s);
    QVERIFY(!txn.isEmpty());

    FormData choose;
    choose.add(u"txn"_s, txn);
    choose.add(u"user"_s, u"alice"_s);
    const HttpResult chosen = sandbox.http().post(sandbox.url(u"/authorize/login"_s), choose.encode());
    QCOMPARE(chosen.status, 303);
    QVERIFY(chosen.header("Set-Cookie").contains("HttpOnly"));
    const HttpResult consent = sandbox.http().get(sandbox.url(QString::fromLatin1(chosen.header("Location"))));
    QCOMPARE(consent.status, 200);
    for (const char *scope : {"openid", "profile", "email", "offline_access", "read:messages"})
        QVERIFY2(consent.body.contains(QByteArray(QByteArray("id=\"scope-") + scope + '"')), scope);

    FormData allow;
    allow.add(u"txn"_s, txn);
    for (const QString &s : {u"openid"_s, u"profile"_s, u"read:messages"_s})
        allow.add(u"scope"_s, s);
    allow.add(u"action"_s, u"allow"_s);
    const HttpResult done = sandbox.http().post(sandbox.url(u"/authorize/consent"_s), allow.encode());
    QCOMPARE(done.status, 303);
    QCOMPARE(done.locationParam(u"state"_s), u"state-123"_s);
    QVERIFY(!done.locationParam(u"code"_s).isEmpty());

    // The transaction is finished: replaying the form changes nothing.
    const HttpResult replay = sandbox.http().post(sandbox.url(u"/authorize/consent"_s), allow.encode());
    QCOMPARE(replay.status, 400);
}

void TestSandboxAuthorize::consentWithheldScope()
{
    SandboxFixture sandbox(std::nullopt);
    QVERIFY(sandbox.started());
    const QByteArray verifier = Pkce::generateVerifier();
    const HttpResult login = sandbox.authorize(sandbox.authorizeParams(Pkce::challengeS256(verifier)));
    const QString txn = formField(login.body, u"txn"_s);
    FormData choose;
    choose.add(u"txn"_s, txn);
    choose.add(u"user"_s, u"alice"_s);
    QCOMPARE(sandbox.http().post(sandbox.url(u"/authorize/login"_s), choose.encode()).status, 303);
    FormData allow;
    allow.add(u"txn"_s, txn);
    allow.add(u"scope"_s, u"openid"_s);
    allow.add(u"scope"_s, u"offline_access"_s);
    allow.add(u"action"_s, u"allow"_s);
    const HttpResult done = sandbox.http().post(sandbox.url(u"/authorize/consent"_s), allow.encode());
    const FormData form = sandbox.codeExchangeForm(done.locationParam(u"code"_s), verifier);
    const HttpResult tokens = sandbox.token(form);
    QCOMPARE(tokens.status, 200);
    QCOMPARE(tokens.json().value(u"scope").toString(), u"openid offline_access"_s);
}

void TestSandboxAuthorize::cancelAndDeny_data()
{
    QTest::addColumn<QString>("where");
    QTest::newRow("cancel-at-login") << u"login"_s;
    QTest::newRow("deny-at-consent") << u"consent"_s;
}

void TestSandboxAuthorize::cancelAndDeny()
{
    QFETCH(QString, where);
    SandboxFixture sandbox(std::nullopt);
    QVERIFY(sandbox.started());
    const HttpResult login = sandbox.authorize(sandbox.authorizeParams(challenge));
    const QString txn = formField(login.body, u"txn"_s);
    FormData f;
    f.add(u"txn"_s, txn);
    HttpResult r;
    if (where == u"login") {
        f.add(u"action"_s, u"cancel"_s);
        r = sandbox.http().post(sandbox.url(u"/authorize/login"_s), f.encode());
    } else {
        FormData choose = f;
        choose.add(u"user"_s, u"bob"_s);
        sandbox.http().post(sandbox.url(u"/authorize/login"_s), choose.encode());
        f.add(u"action"_s, u"deny"_s);
        r = sandbox.http().post(sandbox.url(u"/authorize/consent"_s), f.encode());
    }
    QVERIFY(r.status == 302 || r.status == 303);
    QCOMPARE(r.locationParam(u"error"_s), u"access_denied"_s);
    QCOMPARE(r.locationParam(u"state"_s), u"state-123"_s);
    QVERIFY(r.locationParam(u"code"_s).isEmpty());
}

void TestSandboxAuthorize::promptNoneAndSession()
{
    SandboxFixture sandbox(std::nullopt);
    QVERIFY(sandbox.started());
    const HttpResult none = sandbox.authorize(with(sandbox.authorizeParams(challenge), u"prompt"_s, u"none"_s));
    QCOMPARE(none.locationParam(u"error"_s), u"login_required"_s);

    // Bob signs in and consents; the session cookie then allows prompt=none.
    const HttpResult login = sandbox.authorize(sandbox.authorizeParams(challenge));
    const QString txn = formField(login.body, u"txn"_s);
    FormData choose;
    choose.add(u"txn"_s, txn);
    choose.add(u"user"_s, u"bob"_s);
    const HttpResult chosen = sandbox.http().post(sandbox.url(u"/authorize/login"_s), choose.encode());
    const QByteArray cookie = chosen.header("Set-Cookie").split(';').first();
    FormData allow;
    allow.add(u"txn"_s, txn);
    for (const QString &s : {u"openid"_s, u"profile"_s, u"email"_s, u"offline_access"_s})
        allow.add(u"scope"_s, s);
    allow.add(u"action"_s, u"allow"_s);
    sandbox.http().post(sandbox.url(u"/authorize/consent"_s), allow.encode());

    QUrl url = sandbox.url(u"/authorize"_s);
    url.setQuery(QString::fromLatin1(with(sandbox.authorizeParams(challenge), u"prompt"_s, u"none"_s).encode()), QUrl::StrictMode);
    const HttpResult silent = sandbox.http().get(url, {{"Cookie", cookie}});
    QCOMPARE(silent.status, 302);
    QVERIFY2(!silent.locationParam(u"code"_s).isEmpty(), silent.header("Location").constData());

    // prompt=login shows the user chooser again despite the session.
    url.setQuery(QString::fromLatin1(with(sandbox.authorizeParams(challenge), u"prompt"_s, u"login"_s).encode()), QUrl::StrictMode);
    const HttpResult again = sandbox.http().get(url, {{"Cookie", cookie}});
    QCOMPARE(again.status, 200);
    QVERIFY(again.body.contains("Choose a demo user"));
}

QTEST_GUILESS_MAIN(TestSandboxAuthorize)
#include "tst_sandboxauthorize.moc"
