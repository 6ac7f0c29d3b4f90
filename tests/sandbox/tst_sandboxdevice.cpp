// SPDX-License-Identifier: MIT
// The device authorization grant (RFC 8628) at the sandbox, over real HTTP
// on 127.0.0.1 with a clock the test moves: discovery, auto-approval, the
// /device page through sign-in and consent, denial, expiry, slow_down, and
// hostile requests.
#include "hardenedsandbox.h"

#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

class TestSandboxDevice : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void discovery();
    void autoApproved();
    void throughThePages();
    void denied();
    void expired();
    void slowDown();
    void hostile();
};

namespace {

const QString Scope = u"openid profile offline_access read:messages"_s;

QJsonObject deviceCode(HardenedSandbox &s, const QString &clientId = {})
{
    FormData form;
    form.add(u"client_id"_s, clientId.isEmpty() ? s.tenant().clientId() : clientId);
    form.add(u"scope"_s, Scope);
    form.add(u"audience"_s, s.tenant().audience());
    const HttpResult r = s.postForm(u"/oauth/device/code"_s, form);
    return r.status == 200 ? r.json() : QJsonObject{{u"status"_s, r.status}, {u"body"_s, r.json()}};
}

HttpResult poll(HardenedSandbox &s, const QJsonObject &code, const QString &clientId = {})
{
    FormData form;
    form.add(u"grant_type"_s, u"urn:ietf:params:oauth:grant-type:device_code"_s);
    form.add(u"device_code"_s, code.value(u"device_code").toString());
    form.add(u"client_id"_s, clientId.isEmpty() ? s.tenant().clientId() : clientId);
    return s.postForm(u"/oauth/token"_s, form);
}

QString errorOf(const HttpResult &r)
{
    return r.json().value(u"error").toString();
}

QString txnOf(const QByteArray &html)
{
    const auto m = QRegularExpression(u"name=\"txn\" value=\"([^\"]+)\""_s).match(QString::fromUtf8(html));
    return m.hasMatch() ? m.captured(1) : QString();
}

// Opens /device with the user code as typed and signs in as alice: the consent page's txn.
QString signInOnPage(HardenedSandbox &s, const QString &typed)
{
    QUrl url = s.url(u"/device"_s);
    url.setQuery(u"user_code="_s + typed);
    const HttpResult page = s.http().get(url);
    if (page.status != 200)
        return {};
    const QString txn = txnOf(page.body);
    FormData login;
    login.add(u"txn"_s, txn);
    login.add(u"user"_s, u"alice"_s);
    const HttpResult chosen = s.postForm(u"/authorize/login"_s, login);
    return chosen.status == 303 ? txn : QString();
}

HttpResult decide(HardenedSandbox &s, const QString &txn, const QString &action)
{
    FormData consent;
    consent.add(u"txn"_s, txn);
    consent.add(u"action"_s, action);
    for (const QString &scope : Scope.split(u' '))
        consent.add(u"scope"_s, scope);
    return s.postForm(u"/authorize/consent"_s, consent);
}

std::function<void(SandboxConfig &)> manual()
{
    return [](SandboxConfig &c) { c.autoApprove.reset(); };
}

} // namespace

void TestSandboxDevice::discovery()
{
    HardenedSandbox s;
    QVERIFY(s.started());
    const QJsonObject d = s.http().get(s.url(u"/.well-known/openid-configuration"_s)).json();
    QCOMPARE(d.value(u"device_authorization_endpoint").toString(), s.url(u"/oauth/device/code"_s).toString());
    QVERIFY(d.value(u"grant_types_supported").toVariant().toStringList().contains(u"urn:ietf:params:oauth:grant-type:device_code"_s));
}

void TestSandboxDevice::autoApproved()
{
    HardenedSandbox s;
    QVERIFY(s.started());
    const QJsonObject code = deviceCode(s);
    QVERIFY2(code.contains(u"device_code"), QJsonDocument(code).toJson().constData());
    QVERIFY(QRegularExpression(u"^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$"_s).match(code.value(u"user_code").toString()).hasMatch());
    QCOMPARE(code.value(u"verification_uri").toString(), s.url(u"/device"_s).toString());
    QVERIFY(code.value(u"verification_uri_complete").toString().endsWith(u"?user_code="_s + code.value(u"user_code").toString()));
    QCOMPARE(code.value(u"expires_in").toInt(), 600);
    QCOMPARE(code.value(u"interval").toInt(), 5);

    s.clock().advance(5);
    const HttpResult t = poll(s, code);
    QCOMPARE(t.status, 200);
    QVERIFY(!t.json().value(u"id_token").toString().isEmpty());
    QVERIFY(!t.json().value(u"refresh_token").toString().isEmpty());
    QCOMPARE(t.json().value(u"scope").toString(), Scope);
    // RFC 8628 3.5 with RFC 6749 4.1.2's spirit: a device code gives tokens once.
    s.clock().advance(5);
    QCOMPARE(errorOf(poll(s, code)), u"invalid_grant"_s);
}

void TestSandboxDevice::throughThePages()
{
    HardenedSandbox s(manual());
    QVERIFY(s.started());
    const QJsonObject code = deviceCode(s);
    s.clock().advance(5);
    QCOMPARE(errorOf(poll(s, code)), u"authorization_pending"_s);

    // RFC 8628 6.1: case and the dash do not matter.
    const QString typed = code.value(u"user_code").toString().remove(u'-').toLower();
    const QString txn = signInOnPage(s, typed);
    QVERIFY(!txn.isEmpty());
    const HttpResult done = decide(s, txn, u"allow"_s);
    QCOMPARE(done.status, 200);
    QVERIFY(done.body.contains("The device is signed in"));

    s.clock().advance(5);
    const HttpResult t = poll(s, code);
    QCOMPARE(t.status, 200);
    QVERIFY(t.json().value(u"scope").toString().contains(u"read:messages"_s));
    // The same code cannot be entered again.
    QUrl again = s.url(u"/device"_s);
    again.setQuery(u"user_code="_s + typed);
    QCOMPARE(s.http().get(again).status, 400);
}

void TestSandboxDevice::denied()
{
    HardenedSandbox s(manual());
    QVERIFY(s.started());
    const QJsonObject code = deviceCode(s);
    const QString txn = signInOnPage(s, code.value(u"user_code").toString());
    QVERIFY(!txn.isEmpty());
    const HttpResult page = decide(s, txn, u"deny"_s);
    QCOMPARE(page.status, 200);
    QVERIFY(page.body.contains("Access denied"));
    s.clock().advance(5);
    QCOMPARE(errorOf(poll(s, code)), u"access_denied"_s);
}

void TestSandboxDevice::expired()
{
    HardenedSandbox s([](SandboxConfig &c) {
        c.autoApprove.reset();
        c.deviceCodeLifetimeSeconds = 30;
    });
    QVERIFY(s.started());
    const QJsonObject code = deviceCode(s);
    QCOMPARE(code.value(u"expires_in").toInt(), 30);
    s.clock().advance(31);
    QCOMPARE(errorOf(poll(s, code)), u"expired_token"_s);
    QUrl url = s.url(u"/device"_s);
    url.setQuery(u"user_code="_s + code.value(u"user_code").toString());
    const HttpResult page = s.http().get(url);
    QCOMPARE(page.status, 400);
    QVERIFY(page.body.contains("has expired"));
}

void TestSandboxDevice::slowDown()
{
    HardenedSandbox s(manual());
    QVERIFY(s.started());
    const QJsonObject code = deviceCode(s);
    // RFC 8628 3.5: too soon, and each slow_down adds 5 s for good.
    HttpResult r = poll(s, code);
    QCOMPARE(errorOf(r), u"slow_down"_s);
    QVERIFY(r.json().value(u"error_description").toString().contains(u"10 seconds"_s));
    s.clock().advance(5);
    QCOMPARE(errorOf(poll(s, code)), u"slow_down"_s);
    s.clock().advance(15);
    QCOMPARE(errorOf(poll(s, code)), u"authorization_pending"_s);
    s.clock().advance(14);
    QCOMPARE(errorOf(poll(s, code)), u"slow_down"_s);
}

void TestSandboxDevice::hostile()
{
    HardenedSandbox s(manual());
    QVERIFY(s.started());
    // A client the tenant does not know, and one that may not use the grant.
    QCOMPARE(deviceCode(s, u"nobody"_s).value(u"status").toInt() / 100, 4);
    const QJsonObject m2m = deviceCode(s, s.tenant().m2mClientId());
    QCOMPARE(m2m.value(u"status").toInt() / 100, 4);
    // An API the tenant does not serve.
    FormData form;
    form.add(u"client_id"_s, s.tenant().clientId());
    form.add(u"audience"_s, u"https://elsewhere.example/"_s);
    QCOMPARE(errorOf(s.postForm(u"/oauth/device/code"_s, form)), u"invalid_target"_s);
    QCOMPARE(s.http().get(s.url(u"/oauth/device/code"_s)).status, 405);
    // A made-up device code, and a real one in another client's name.
    QCOMPARE(errorOf(poll(s, QJsonObject{{u"device_code"_s, u"made-up"_s}})), u"invalid_grant"_s);
    const QJsonObject code = deviceCode(s);
    s.clock().advance(5);
    QCOMPARE(errorOf(poll(s, code, u"nobody"_s)).isEmpty(), false);
    QCOMPARE(errorOf(poll(s, code)), u"authorization_pending"_s);
    // A guessed user code, markup in what was typed.
    QUrl url = s.url(u"/device"_s);
    url.setQuery(u"user_code=<script>alert(1)</script>"_s);
    const HttpResult page = s.http().get(url);
    QCOMPARE(page.status, 400);
    QVERIFY(!page.body.contains("<script>"));
    QVERIFY(page.body.contains("not known"));
}

QTEST_GUILESS_MAIN(TestSandboxDevice)
#include "tst_sandboxdevice.moc"
