// SPDX-License-Identifier: MIT
// Log hygiene: a whole session through tokenlab-cli against a sandbox of its
// own, with every logging category on (QT_LOGGING_RULES="*.debug=true"):
// login, refresh, API calls, switch user, logout with end session, a
// machine-to-machine profile with a client secret, a DPoP-bound login and a
// private_key_jwt client with DPoP (registered at the sandbox with the key
// TokenLab printed). Every byte the processes
// printed (TokenLab's and the sandbox's) and every file under HOME is then
// searched for each credential that passed through: access, refresh and id
// tokens, the authorization codes, the client secret and the PKCE
// verifiers, the private halves of the DPoP and client keys (read back from
// the keychain), and any DPoP proof or client assertion (any JWT whose
// header says dpop+jwt or whose iss and sub are a client). Only
// `tokenlab-cli token`, whose job is to print a token, is left out of the search.
#include "support/keyringtest.h"
#include "jose/jwt.h"
#include "oauth/pkce.h"
#include "storage/keychainsecret.h"
#include "storage/keychaintokenstore.h"
#include "support/processes.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

class TestLogHygiene : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void wholeSessionLeaksNoCredential();

private:
    RunResult cli(const QStringList &args, const QByteArray &stdinData = {}, const QStringList &env = {});
    QByteArray secretOf(const QStringList &args); // `token`: kept out of the haystack

    QTemporaryDir m_scratch; // under /tmp, outside HOME
    QByteArray m_printed;    // everything the session printed
};

// Whether text holds a PKCE verifier (43 to 128 of [A-Za-z0-9._~-]) whose
// S256 challenge is one of challenges, anywhere inside a longer run too.
static bool holdsVerifierFor(const QByteArray &text, const QList<QByteArray> &challenges)
{
    static const QRegularExpression run(u"[A-Za-z0-9._~-]{43,}"_s);
    for (auto m = run.globalMatch(QString::fromLatin1(text)); m.hasNext();) {
        const QByteArray candidate = m.next().captured().toLatin1();
        for (int len = 43; len <= qMin<int>(128, candidate.size()); ++len) {
            for (int at = 0; at + len <= candidate.size(); ++at) {
                if (challenges.contains(Pkce::challengeS256(candidate.mid(at, len))))
                    return true;
            }
        }
    }
    return false;
}

void TestLogHygiene::initTestCase()
{
    TOKENLAB_REQUIRE_KEYRING();
    QVERIFY(m_scratch.isValid());
    QVERIFY(!m_scratch.path().startsWith(QDir::homePath()));
    // Inherited by every process this test starts.
    qputenv("QT_LOGGING_RULES", "*.debug=true");
}

RunResult TestLogHygiene::cli(const QStringList &args, const QByteArray &stdinData, const QStringList &env)
{
    const QStringList browser{u"BROWSER="_s + qEnvironmentVariable("TOKENLAB_TEST_BROWSER"),
                              u"TOKENLAB_TEST_BROWSER_LOG="_s + m_scratch.filePath(u"visited.txt"_s)};
    const RunResult r = runProcess(u"tokenlab-cli"_s, args, 30000, browser + env, stdinData);
    m_printed += r.out + r.err;
    return r;
}

QByteArray TestLogHygiene::secretOf(const QStringList &args)
{
    const RunResult r = runProcess(u"tokenlab-cli"_s, QStringList{u"token"_s} + args);
    m_printed += r.err; // its stderr is searched too
    return r.out.trimmed();
}

void TestLogHygiene::wholeSessionLeaksNoCredential()
{
    ChildProcess sandbox;
    QVERIFY(sandbox.start(u"tokenlab-sandbox"_s, {}, true));
    const QJsonObject info = sandbox.firstLineJson();
    const QByteArray clientSecret = info.value(u"m2m_client_secret").toString().toLatin1();
    QVERIFY(clientSecret.size() >= 16);
    QList<QByteArray> secrets{clientSecret};
    auto keepToken = [&secrets](const QByteArray &token) {
        QVERIFY2(token.size() >= 32, token.constData());
        secrets << token;
        const QList<QByteArray> parts = token.split('.');
        if (parts.size() == 3)
            secrets << parts.at(2); // the signature alone is enough to count as a leak
    };

    QCOMPARE(cli({u"profile"_s, u"add"_s, u"user"_s, u"--issuer"_s, info.value(u"issuer").toString(), u"--client-id"_s,
                  info.value(u"client_id").toString(), u"--audience"_s, info.value(u"audience").toString(), u"--scope"_s,
                  u"openid profile offline_access read:messages"_s, u"--api-base"_s, info.value(u"api_base_url").toString()})
                     .exitCode,
             0);
    const QStringList user{u"--profile"_s, u"user"_s};

    // Log in, look, refresh, call, switch user, log out with end session.
    QCOMPARE(cli(QStringList{u"login"_s} + user).exitCode, 0);
    keepToken(secretOf(user));
    keepToken(secretOf(user + QStringList{u"--field"_s, u"id_token"_s}));
    keepToken(secretOf(user + QStringList{u"--field"_s, u"refresh_token"_s}));
    QCOMPARE(cli(QStringList{u"status"_s}).exitCode, 0);
    QTest::qWait(1100); // a new iat, so a new access token
    QCOMPARE(cli(QStringList{u"refresh"_s} + user).exitCode, 0);
    keepToken(secretOf(user));
    keepToken(secretOf(user + QStringList{u"--field"_s, u"refresh_token"_s}));
    QCOMPARE(cli(QStringList{u"call"_s, u"/api/public"_s} + user).exitCode, 0);
    QCOMPARE(cli(QStringList{u"call"_s, u"/api/private"_s} + user).exitCode, 0);
    QCOMPARE(cli(QStringList{u"call"_s, u"/api/private-scoped"_s} + user).exitCode, 0);
    QCOMPARE(cli(QStringList{u"login"_s, u"--switch-user"_s} + user, {}, {u"TOKENLAB_TEST_USER=bob"_s}).exitCode, 0);
    keepToken(secretOf(user));
    keepToken(secretOf(user + QStringList{u"--field"_s, u"refresh_token"_s}));
    QCOMPARE(cli(QStringList{u"logout"_s, u"--end-session"_s} + user).exitCode, 0);

    // A machine-to-machine profile: its secret arrives on stdin.
    const QStringList m2m{u"--profile"_s, u"m2m"_s};
    QCOMPARE(cli({u"profile"_s, u"add"_s, u"m2m"_s, u"--grant"_s, u"client-credentials"_s, u"--issuer"_s,
                  info.value(u"issuer").toString(), u"--client-id"_s, info.value(u"m2m_client_id").toString(), u"--audience"_s,
                  info.value(u"audience").toString(), u"--api-base"_s, info.value(u"api_base_url").toString(),
                  u"--client-secret-stdin"_s},
                 clientSecret + '\n')
                     .exitCode,
             0);
    QCOMPARE(cli(QStringList{u"login"_s} + m2m).exitCode, 0);
    keepToken(secretOf(m2m));
    QCOMPARE(cli(QStringList{u"call"_s, u"/api/private-scoped"_s} + m2m).exitCode, 0);
    QCOMPARE(cli(QStringList{u"logout"_s} + m2m).exitCode, 0);
    QCOMPARE(cli({u"profile"_s, u"show"_s, u"m2m"_s}).exitCode, 0);

    // DPoP: a bound login, a call with proofs, a refresh with a proof.
    const QStringList dpop{u"--profile"_s, u"dpop"_s};
    QCOMPARE(cli({u"profile"_s, u"add"_s, u"dpop"_s, u"--issuer"_s, info.value(u"issuer").toString(), u"--client-id"_s,
                  info.value(u"client_id").toString(), u"--audience"_s, info.value(u"audience").toString(), u"--scope"_s,
                  u"openid offline_access read:messages"_s, u"--api-base"_s, info.value(u"api_base_url").toString(), u"--dpop"_s})
                     .exitCode,
             0);
    QCOMPARE(cli(QStringList{u"login"_s} + dpop).exitCode, 0);
    keepToken(secretOf(dpop));
    keepToken(secretOf(dpop + QStringList{u"--field"_s, u"refresh_token"_s}));
    QCOMPARE(cli(QStringList{u"call"_s, u"/api/private"_s} + dpop).exitCode, 0);
    QCOMPARE(cli(QStringList{u"refresh"_s} + dpop).exitCode, 0);
    keepToken(secretOf(dpop));
    QCOMPARE(cli({u"profile"_s, u"key"_s, u"dpop"_s, u"--dpop"_s}).exitCode, 0);

    // private_key_jwt with DPoP: the printed public key registered at the sandbox.
    const QStringList jwt{u"--profile"_s, u"jwt"_s};
    const QStringList jwtArgs{u"--grant"_s, u"client-credentials"_s, u"--issuer"_s, info.value(u"issuer").toString(),
                              u"--client-auth"_s, u"private_key_jwt"_s, u"--dpop"_s, u"--audience"_s, info.value(u"audience").toString(),
                              u"--api-base"_s, info.value(u"api_base_url").toString()};
    const RunResult made = cli(QStringList{u"profile"_s, u"add"_s, u"jwt"_s, u"--client-id"_s, u"pending"_s} + jwtArgs);
    QCOMPARE(made.exitCode, 0);
    const QJsonObject publicJwk = QJsonDocument::fromJson(made.out).object();
    QVERIFY(!publicJwk.isEmpty() && !publicJwk.contains(u"d"_s));
    QNetworkAccessManager network;
    QNetworkRequest registration(QUrl(info.value(u"registration_endpoint").toString()));
    registration.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const QJsonObject client{{u"token_endpoint_auth_method"_s, u"private_key_jwt"_s},
                             {u"grant_types"_s, QJsonArray{u"client_credentials"_s}},
                             {u"jwks"_s, QJsonObject{{u"keys"_s, QJsonArray{publicJwk}}}}};
    QNetworkReply *registered = network.post(registration, QJsonDocument(client).toJson());
    QSignalSpy answered(registered, &QNetworkReply::finished);
    QVERIFY(answered.wait(10000));
    const QString jwtClientId = QJsonDocument::fromJson(registered->readAll()).object().value(u"client_id").toString();
    registered->deleteLater();
    QVERIFY(!jwtClientId.isEmpty());
    QCOMPARE(cli(QStringList{u"profile"_s, u"add"_s, u"jwt"_s, u"--client-id"_s, jwtClientId} + jwtArgs).exitCode, 0);
    QCOMPARE(cli(QStringList{u"login"_s} + jwt).exitCode, 0);
    keepToken(secretOf(jwt));
    QCOMPARE(cli(QStringList{u"call"_s, u"/api/private-scoped"_s} + jwt).exitCode, 0);
    QCOMPARE(cli(QStringList{u"refresh"_s} + jwt).exitCode, 0);
    keepToken(secretOf(jwt));

    // The private keys, read back from the keychain: neither the PEM nor any line of it may appear anywhere.
    for (const QString &entry : {u"dpop-key:dpop"_s, u"client-key:jwt"_s, u"dpop-key:jwt"_s}) {
        KeychainSecret *read = KeychainSecret::read(QString::fromLatin1(KeychainTokenStore::ServiceName), entry);
        QSignalSpy done(read, &KeychainSecret::finished);
        read->start();
        QVERIFY(done.count() || done.wait(10000));
        QVERIFY2(read->error() == TokenStoreError::None, qPrintable(entry + u": "_s + read->errorString()));
        for (const QByteArray &line : read->secret().split('\n')) {
            if (line.size() >= 40 && !line.startsWith("-----"))
                secrets << line;
        }
        read->deleteLater();
    }

    QCOMPARE(sandbox.stop(), 0);
    m_printed += sandbox.process().readAllStandardOutput() + sandbox.process().readAllStandardError();

    // What went through the browser: the codes, and the challenges that name the verifiers.
    QFile visited(m_scratch.filePath(u"visited.txt"_s));
    QVERIFY(visited.open(QIODevice::ReadOnly));
    QList<QByteArray> challenges;
    int codes = 0;
    for (const QByteArray &line : visited.readAll().split('\n')) {
        const QUrlQuery query(QUrl::fromEncoded(line));
        if (query.hasQueryItem(u"code_challenge"_s))
            challenges << query.queryItemValue(u"code_challenge"_s, QUrl::FullyDecoded).toLatin1();
        if (query.hasQueryItem(u"code"_s) && QUrl::fromEncoded(line).path() == u"/callback") {
            secrets << query.queryItemValue(u"code"_s, QUrl::FullyDecoded).toLatin1();
            ++codes;
        }
    }
    QCOMPARE(challenges.size(), 3); // three logins in a browser: alice, bob, and the DPoP login
    QCOMPARE(codes, 3);

    // The debug categories were really on: TokenLab's own and Qt's spoke.
    QVERIFY2(m_printed.contains("tokenlab.session: ") && m_printed.contains("qt.network."), m_printed.constData());

    for (const QByteArray &secret : std::as_const(secrets)) {
        QVERIFY2(!m_printed.contains(secret), QByteArray("printed: " + secret.left(12) + "...").constData());
        const QStringList files = KeyringTest::filesContaining(QDir::homePath(), secret);
        QVERIFY2(files.isEmpty(), qPrintable(files.join(u", "_s)));
    }
    // A verifier is known only by its challenge: hash every word that could be one.
    QByteArray everything = m_printed;
    QDirIterator it(QDir::homePath(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly))
            everything += '\n' + f.readAll();
    }
    // No DPoP proof and no client assertion anywhere: both are made, sent and forgotten.
    static const QRegularExpression anyJwt(u"eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*"_s);
    for (auto m = anyJwt.globalMatch(QString::fromLatin1(everything)); m.hasNext();) {
        const DecodedJwt found = Jwt::decode(m.next().captured().toLatin1());
        QVERIFY2(found.header.value(u"typ").toString() != u"dpop+jwt", "a DPoP proof was printed or written under HOME");
        const QString iss = found.payload.value(u"iss").toString();
        QVERIFY2(iss.isEmpty() || iss != found.payload.value(u"sub").toString() || iss != jwtClientId,
                 "a client assertion was printed or written under HOME");
    }
    const QByteArray probe = Pkce::generateVerifier(); // the search finds one it is shown
    QVERIFY(holdsVerifierFor("code_verifier=" + probe + "&x", {Pkce::challengeS256(probe)}));
    QVERIFY2(!holdsVerifierFor(everything, challenges), "a PKCE verifier was printed or written under HOME");
    qInfo("searched %lld bytes for %lld credentials and %lld verifiers", qint64(everything.size()), qint64(secrets.size()),
          qint64(challenges.size()));
}

QTEST_GUILESS_MAIN(TestLogHygiene)
#include "tst_loghygiene.moc"
