// SPDX-License-Identifier: MIT
#include "api/probecases.h"
#include "api/hostiletokens.h"
#include "jose/jwt.h"
#include "jose/privatekey.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace {

using Expect = ProbeCase::Expect;

// Titles, flaws and reasons stay English in the cases (the reports are
// English); the window and the CLI's table translate them when they show them.
DeferredText say(const char *source)
{
    return {"ProbeCases", source};
}

QByteArray bearer(const QByteArray &t)
{
    return "Bearer " + t;
}

ProbeCase refuse(const QString &id, const DeferredText &title, const QByteArray &authorization, const DeferredText &flaw,
                 const QString &error = u"invalid_token"_s)
{
    ProbeCase c;
    c.id = id;
    c.title = title;
    c.authorization = authorization;
    c.expect = Expect::Refuse;
    c.expectedError = error;
    c.flaw = flaw;
    return c;
}

// A request whose Authorization header carries no Bearer token: 400 or 401
// without an error code (RFC 6750 3.1: no error when no token was sent).
ProbeCase notBearer(const QString &id, const DeferredText &title, const QByteArray &authorization, const DeferredText &flaw)
{
    ProbeCase c = refuse(id, title, authorization, flaw, QString());
    c.alsoRefusal = {400};
    return c;
}

ProbeCase notRun(ProbeCase c, const DeferredText &why)
{
    c.notRun = why;
    return c;
}

// The protocol cases: how the token travels.
void addTransportCases(QList<ProbeCase> &out, const ProbeEndpoint &e, const QByteArray &good)
{
    // A prefix as long as "Bearer " that is not it: an API that cuts seven characters accepts it.
    out << notBearer(u"scheme-cut-7"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "the real token under a 7-character scheme that is not Bearer (\"Beaver\")")), "Beaver " + good,
                     say(QT_TRANSLATE_NOOP("ProbeCases", "accepted the token under the scheme \"Beaver\": the API cuts a fixed number of characters instead of parsing the scheme")));
    out << notBearer(u"scheme-jwt"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "the real token under the scheme \"JWT\"")), "JWT " + good,
                     say(QT_TRANSLATE_NOOP("ProbeCases", "accepted the token under the scheme \"JWT\": the API takes whatever follows the first space")));
    out << notBearer(u"scheme-missing"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "the real token with no scheme")), good,
                     say(QT_TRANSLATE_NOOP("ProbeCases", "accepted the token with no scheme: the API does not parse the Authorization header")));
    ProbeCase lower;
    lower.id = u"scheme-lowercase"_s;
    lower.title = say(QT_TRANSLATE_NOOP("ProbeCases", "the real token under \"bearer\" in lowercase"));
    lower.authorization = "bearer " + good;
    lower.expect = Expect::Accept;
    lower.ifWrong = ProbeGrade::Warn;
    lower.flaw = say(QT_TRANSLATE_NOOP("ProbeCases", "refused the scheme written \"bearer\": auth schemes are case-insensitive (RFC 9110 11.1), so clients that write it so are turned away"));
    out << lower;

    ProbeCase query;
    query.id = u"query-parameter"_s;
    query.title = say(QT_TRANSLATE_NOOP("ProbeCases", "the real token as the access_token query parameter, with no header"));
    query.queryToken = good;
    query.expect = Expect::Refuse;
    query.expectedError = QString();
    query.alsoRefusal = {400};
    query.ifWrong = e.headerOnly ? ProbeGrade::Fail : ProbeGrade::Warn;
    query.flaw = e.headerOnly ? say(QT_TRANSLATE_NOOP("ProbeCases", "accepted the token in the URL query, where the plan says the header is the only place"))
                              : say(QT_TRANSLATE_NOOP("ProbeCases", "accepted the token in the URL query: RFC 6750 2.3 allows it but advises against it, since URLs end up in logs and browser history"));
    out << query;

    if (e.method == "POST" || e.method == "PUT" || e.method == "PATCH") {
        ProbeCase form = query;
        form.id = u"form-body"_s;
        form.title = say(QT_TRANSLATE_NOOP("ProbeCases", "the real token as access_token in a form body, with no header"));
        form.queryToken.clear();
        form.formToken = good;
        form.flaw = e.headerOnly ? say(QT_TRANSLATE_NOOP("ProbeCases", "accepted the token in a form body, where the plan says the header is the only place"))
                                 : say(QT_TRANSLATE_NOOP("ProbeCases", "accepted the token in a form body (RFC 6750 2.2 allows it; most APIs take only the header)"));
        out << form;
    }

    ProbeCase both = refuse(u"header-and-query"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "the real token in the header and in the query at once")), bearer(good),
                            say(QT_TRANSLATE_NOOP("ProbeCases", "accepted the token sent two ways at once: RFC 6750 3.1 says such a request is invalid_request")), QString());
    both.queryToken = good;
    both.alsoRefusal = {400};
    both.ifWrong = ProbeGrade::Warn;
    out << both;

    ProbeCase two = refuse(u"two-authorization-headers"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "two Authorization headers: an altered token, then the real one")),
                           bearer(HostileTokens::alteredSignature(good)),
                           say(QT_TRANSLATE_NOOP("ProbeCases", "accepted a request with two Authorization headers (an altered token, then the real one): such a request is malformed (RFC 9110 5.3), and a proxy that checks one of them lets the other through")),
                           QString());
    two.secondAuthorization = bearer(good);
    two.alsoRefusal = {400};
    two.ifWrong = ProbeGrade::Warn;
    out << two;
}

// The JWT cases: what a careless library accepts.
void addSignatureCases(QList<ProbeCase> &out, int endpointIndex, const ProbeMaterial &m)
{
    const QByteArray &good = m.tokens.good;
    const DecodedJwt jwt = Jwt::decode(good);
    const bool isJws = jwt.ok() && jwt.kind == JwtKind::Jws;
    const QString alg = jwt.header.value(u"alg").toString();
    const DeferredText notJws = say(QT_TRANSLATE_NOOP("ProbeCases", "the token is not a signed JWT"));

    out << refuse(u"signature-altered"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "the real token with its signature altered")), bearer(HostileTokens::alteredSignature(good)),
                  say(QT_TRANSLATE_NOOP("ProbeCases", "accepted a token whose signature was altered: the API does not verify signatures")));
    out << refuse(u"payload-altered"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "the real token with a claim altered (signature now invalid)")), bearer(HostileTokens::alteredPayload(good)),
                  say(QT_TRANSLATE_NOOP("ProbeCases", "accepted a token whose claims were altered after signing: the API does not verify signatures")));
    for (const QString &none : {u"none"_s, u"None"_s, u"NONE"_s, u"nOnE"_s}) {
        ProbeCase c = refuse(u"alg-"_s + none, say(QT_TRANSLATE_NOOP("ProbeCases", "the same claims with alg \"%1\" and no signature")).arg(none), bearer(HostileTokens::algNone(good, none)),
                             say(QT_TRANSLATE_NOOP("ProbeCases", "accepted an unsigned token (alg \"%1\"): the API takes the algorithm from the token")).arg(none));
        out << (isJws ? c : notRun(c, notJws));
    }
    ProbeCase empty = refuse(u"signature-empty"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "the real header and claims with an empty signature")), bearer(HostileTokens::emptySignature(good)),
                             say(QT_TRANSLATE_NOOP("ProbeCases", "accepted a token with an empty signature: the API does not verify signatures")));
    out << (isJws ? empty : notRun(empty, notJws));

    ProbeCase hs = refuse(u"hs256-public-key"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "the same claims as HS256, keyed with the issuer's public key")),
                          bearer(HostileTokens::hmacSigned(good, m.issuerKeyPem)),
                          say(QT_TRANSLATE_NOOP("ProbeCases", "accepted an HS256 token keyed with the issuer's public key: algorithm confusion, anyone can forge tokens")));
    out << (!isJws ? notRun(hs, notJws) : m.issuerKeyPem.isEmpty() ? notRun(hs, m.issuerKeyProblem) : hs);

    const DeferredText keyProblem = !isJws ? notJws : !m.freshKey ? say(QT_TRANSLATE_NOOP("ProbeCases", "no key of the token's kind could be made")) : DeferredText();
    auto keyCase = [&](const QString &id, const DeferredText &title, const QJsonObject &header, const DeferredText &flaw, const QString &path = {}) {
        ProbeCase c = refuse(id, title, QByteArray(), flaw);
        if (!keyProblem.isEmpty())
            return notRun(c, keyProblem);
        // The jku and x5u cases name a key URL of their own endpoint; the others are the same everywhere.
        if (path.isEmpty() && m.resigned) {
            auto cached = m.resigned->constFind(id);
            if (cached == m.resigned->cend())
                cached = m.resigned->insert(id, bearer(HostileTokens::resigned(good, *m.freshKey, header)));
            c.authorization = *cached;
        } else {
            c.authorization = bearer(HostileTokens::resigned(good, *m.freshKey, header));
        }
        c.keyPath = path;
        return c;
    };
    const QString kid = jwt.header.value(u"kid").toString();
    const QString prefix = u"/probe/e%1/"_s.arg(endpointIndex);
    out << keyCase(u"fresh-key-same-kid"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "the same claims signed by a fresh key under the issuer's kid")),
                   {{u"kid"_s, kid.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(kid)}},
                   say(QT_TRANSLATE_NOOP("ProbeCases", "accepted a token signed by a key the issuer never had: the API does not verify signatures against the issuer's keys")));
    if (m.freshKey)
        out << keyCase(u"embedded-jwk"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "the same claims signed by a fresh key embedded as the jwk header")),
                       {{u"jwk"_s, m.freshKey->publicJwk()}, {u"kid"_s, m.freshKey->kid()}},
                       say(QT_TRANSLATE_NOOP("ProbeCases", "accepted a token that carries its own verification key (jwk header): anyone can forge tokens")));
    else
        out << notRun(refuse(u"embedded-jwk"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "the same claims signed by a fresh key embedded as the jwk header")), {}, {}), keyProblem);
    const DeferredText serve = m.keyServer.isValid() ? DeferredText() : say(QT_TRANSLATE_NOOP("ProbeCases", "TokenLab's key server did not start"));
    for (const auto &[id, file, what] : {std::tuple{u"jku"_s, u"jwks.json"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "a JWK Set URL (jku)"))},
                                          std::tuple{u"x5u"_s, u"cert.pem"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "an X.509 certificate URL (x5u)"))}}) {
        const QString path = prefix + file;
        const QString url = m.keyServer.resolved(QUrl(path)).toString();
        ProbeCase c = keyCase(id, say(QT_TRANSLATE_NOOP("ProbeCases", "the same claims signed by a fresh key, with %1 pointing at TokenLab's key server")).arg(what),
                              {{id, url}, {u"kid"_s, m.freshKey ? m.freshKey->kid() : QString()}},
                              say(QT_TRANSLATE_NOOP("ProbeCases", "accepted a token whose %1 header names the key to trust: anyone can forge tokens")).arg(id), path);
        out << (serve.isEmpty() || !c.notRun.isEmpty() ? c : notRun(c, serve));
    }
    ProbeCase kidPath = refuse(u"kid-path"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "HS256 with an empty key and a kid naming /dev/null")),
                               bearer(HostileTokens::hmacSigned(good, QByteArray(), {{u"kid"_s, u"../../../../../../../dev/null"_s}})),
                               say(QT_TRANSLATE_NOOP("ProbeCases", "accepted a token whose kid is a file path: the API reads its key from where the token says")));
    out << (isJws ? kidPath : notRun(kidPath, notJws));
    ProbeCase kidQuotes = refuse(u"kid-quotes"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "HS256 keyed with \"key\" and a kid carrying quotes")),
                                 bearer(HostileTokens::hmacSigned(good, "key", {{u"kid"_s, u"x' UNION SELECT 'key"_s}})),
                                 say(QT_TRANSLATE_NOOP("ProbeCases", "accepted a token whose kid carries an SQL fragment: the API builds a query from the kid")));
    out << (isJws ? kidQuotes : notRun(kidQuotes, notJws));
    if (isJws && alg.startsWith(u"ES"))
        out << refuse(u"es-zero-signature"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "the real claims with an all-zero ECDSA signature")), bearer(HostileTokens::zeroEcdsaSignature(good, alg)),
                      say(QT_TRANSLATE_NOOP("ProbeCases", "accepted an ECDSA signature of zeros (CVE-2022-21449): anyone can forge tokens")));
}

// The cases that need a key the API trusts.
void addMintedCases(QList<ProbeCase> &out, const ProbeEndpoint &e, int endpointIndex, const ProbeMaterial &m)
{
    const PrivateKey &key = *m.tokens.mintKey;
    QJsonObject base = m.mintClaims;
    base.insert(u"iat"_s, m.now);
    base.insert(u"exp"_s, m.now + 600);
    base.remove(u"nbf"_s);
    QStringList scopes = base.value(u"scope").toString().split(u' ', Qt::SkipEmptyParts);
    for (const QString &s : e.scopes) {
        if (!scopes.contains(s))
            scopes << s;
    }
    base.insert(u"scope"_s, scopes.join(u' '));
    const QString needed = e.scopes.value(0);
    auto mint = [&](const QString &id, QJsonObject claims) {
        claims.insert(u"jti"_s, u"tokenlab-probe-%1-%2"_s.arg(id).arg(endpointIndex));
        return bearer(HostileTokens::minted(key, claims, m.mintTyp));
    };
    auto with = [&](std::initializer_list<std::pair<QString, QJsonValue>> changes) {
        QJsonObject c = base;
        for (const auto &[k, v] : changes) {
            if (v.isNull())
                c.remove(k);
            else
                c.insert(k, v);
        }
        return c;
    };

    ProbeCase valid;
    valid.id = u"mint-valid"_s;
    valid.title = say(QT_TRANSLATE_NOOP("ProbeCases", "a valid token minted with the sandbox key"));
    valid.authorization = mint(valid.id, base);
    valid.expect = Expect::Accept;
    valid.flaw = say(QT_TRANSLATE_NOOP("ProbeCases", "refused a valid token signed by the sandbox key: the API does not trust the issuer %1, so the minted cases say nothing")).arg(base.value(u"iss").toString());
    out << valid;

    auto minted = [&](const QString &id, const DeferredText &title, const QJsonObject &claims, const DeferredText &flaw,
                      ProbeGrade grade = ProbeGrade::Fail) {
        ProbeCase c = refuse(id, title, mint(id, claims), flaw);
        c.ifWrong = grade;
        return c;
    };
    const QString otherIssuer = u"https://issuer.invalid/"_s;
    out << minted(u"mint-no-exp"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "a minted token without exp")), with({{u"exp"_s, QJsonValue::Null}}),
                  say(QT_TRANSLATE_NOOP("ProbeCases", "accepted a token without exp: it never expires (RFC 9068 2.2 requires exp)")));
    out << minted(u"mint-expired"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "a minted token that expired an hour ago")), with({{u"iat"_s, m.now - 7200}, {u"exp"_s, m.now - 3600}}),
                  say(QT_TRANSLATE_NOOP("ProbeCases", "accepted a token that expired an hour ago: the API does not check exp")));
    out << minted(u"mint-nbf-future"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "a minted token not valid before an hour from now")), with({{u"nbf"_s, m.now + 3600}}),
                  say(QT_TRANSLATE_NOOP("ProbeCases", "accepted a token that is not valid yet (nbf an hour ahead): the API does not check nbf")));
    out << minted(u"mint-iat-future"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "a minted token issued an hour in the future")), with({{u"iat"_s, m.now + 3600}, {u"exp"_s, m.now + 7200}}),
                  say(QT_TRANSLATE_NOOP("ProbeCases", "accepted a token issued an hour from now: no issuer does that, the API does not check iat")), ProbeGrade::Warn);
    out << minted(u"mint-other-issuer"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "a minted token claiming another issuer")), with({{u"iss"_s, otherIssuer}}),
                  say(QT_TRANSLATE_NOOP("ProbeCases", "accepted a token whose iss is another issuer: the API does not check iss")));
    out << minted(u"mint-other-audience"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "a minted token for another audience")), with({{u"aud"_s, u"https://other-api.invalid/"_s}}),
                  say(QT_TRANSLATE_NOOP("ProbeCases", "accepted a token for another audience: the API does not check aud")));
    ProbeCase array;
    array.id = u"mint-audience-array"_s;
    array.title = say(QT_TRANSLATE_NOOP("ProbeCases", "a minted token whose aud is an array holding this API and another"));
    QJsonArray audiences = base.value(u"aud").isArray() ? base.value(u"aud").toArray() : QJsonArray{base.value(u"aud")};
    audiences.append(u"https://other-api.invalid/"_s);
    array.authorization = mint(array.id, with({{u"aud"_s, audiences}}));
    array.expect = Expect::Accept;
    array.ifWrong = ProbeGrade::Warn;
    array.flaw = say(QT_TRANSLATE_NOOP("ProbeCases", "refused a token whose aud array includes this API: RFC 7519 4.1.3 allows aud to be an array"));
    out << array;
    out << minted(u"mint-no-sub"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "a minted token without sub")), with({{u"sub"_s, QJsonValue::Null}}),
                  say(QT_TRANSLATE_NOOP("ProbeCases", "accepted a token without sub: RFC 9068 2.2 requires it, and the API cannot tell whose request it is")), ProbeGrade::Warn);
    if (e.need == ProbeEndpoint::Need::Scopes) {
        auto forbid = [&](const QString &id, const DeferredText &title, const QJsonValue &scope, const DeferredText &flaw, ProbeGrade grade) {
            ProbeCase c = minted(id, title, with({{u"scope"_s, scope}}), flaw, grade);
            c.expect = Expect::Forbid;
            c.expectedError = u"insufficient_scope"_s;
            return c;
        };
        // The other needed scopes stay, so only the first one's match is tested.
        auto replacingFirst = [&](const QString &first) {
            QStringList s = e.scopes.mid(1);
            s.prepend(first);
            return s.join(u' ');
        };
        out << forbid(u"mint-scope-substring"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "a minted token whose scope contains %1 only inside another scope")).arg(needed), replacingFirst(u"x%1x"_s.arg(needed)),
                      say(QT_TRANSLATE_NOOP("ProbeCases", "accepted the scope \"x%1x\" as %1: the API searches the scope string instead of splitting it")).arg(needed), ProbeGrade::Fail);
        out << forbid(u"mint-scope-prefix"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "a minted token whose scope only starts with %1")).arg(needed), replacingFirst(needed + u"2"_s),
                      say(QT_TRANSLATE_NOOP("ProbeCases", "accepted the scope \"%1\" as %2: the API compares prefixes instead of whole scopes")).arg(QString(needed + u"2"_s), needed), ProbeGrade::Fail);
        out << forbid(u"mint-scope-array"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "a minted token whose scope is a JSON array")), QJsonArray::fromStringList(scopes),
                      say(QT_TRANSLATE_NOOP("ProbeCases", "accepted scope as an array: RFC 9068 and RFC 8693 make it a space-separated string")), ProbeGrade::Warn);
        for (const auto &[id, claim] : {std::pair{u"mint-scp"_s, u"scp"_s}, std::pair{u"mint-permissions"_s, u"permissions"_s}}) {
            ProbeCase c;
            c.id = id;
            c.title = say(QT_TRANSLATE_NOOP("ProbeCases", "a minted token carrying the scopes as %1 instead of scope")).arg(claim);
            c.authorization = mint(id, with({{u"scope"_s, QJsonValue::Null}, {claim, QJsonArray::fromStringList(scopes)}}));
            c.expect = Expect::Either;
            c.flaw = say(QT_TRANSLATE_NOOP("ProbeCases", "the API reads %1 as scopes")).arg(claim);
            out << c;
        }
    }
    ProbeCase big = minted(u"mint-oversized"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "a minted token of about 100 KB")), with({{u"padding"_s, QString(100 * 1024, u'a')}}),
                           say(QT_TRANSLATE_NOOP("ProbeCases", "accepted a 100 KB token: the API reads headers without a bound")), ProbeGrade::Warn);
    big.alsoRefusal = {400, 413, 431, 494};
    out << big;
}

} // namespace

QList<int> ProbeCase::expectedStatus() const
{
    switch (expect) {
    case Expect::Accept:
        return {200};
    case Expect::Forbid:
        return {403};
    case Expect::Either:
        return {};
    case Expect::Refuse:
        break;
    }
    QList<int> s = alsoRefusal;
    s.prepend(401);
    return s;
}

namespace {

// RFC 9449 7: the same requests under the DPoP scheme, each with a valid
// proof, then the proof's own cases.
void addDpopCases(QList<ProbeCase> &out, const QByteArray &good, bool validRuns, bool otherKey)
{
    for (ProbeCase &c : out) {
        if (c.authorization.isEmpty() || c.authorization.startsWith("Basic "))
            continue;
        if (c.authorization.startsWith("Bearer "))
            c.authorization = "DPoP " + c.authorization.mid(7);
        else if (c.authorization.startsWith("bearer "))
            c.authorization = "dpop " + c.authorization.mid(7);
        c.proof = ProbeCase::Proof::Valid;
        if (c.id == u"scheme-lowercase") {
            c.title = say(QT_TRANSLATE_NOOP("ProbeCases", "the real token under \"dpop\" in lowercase, with its proof"));
            c.flaw = say(QT_TRANSLATE_NOOP("ProbeCases", "refused the scheme \"dpop\" in lowercase: auth schemes are case-insensitive (RFC 9110 11.1)"));
        }
        if (!c.secondAuthorization.isEmpty() && c.secondAuthorization.startsWith("Bearer "))
            c.secondAuthorization = "DPoP " + c.secondAuthorization.mid(7);
    }
    auto proofCase = [&](const QString &id, const DeferredText &title, const QByteArray &authorization, ProbeCase::Proof proof,
                         const DeferredText &flaw, const QString &error = u"invalid_dpop_proof"_s) {
        ProbeCase c = refuse(id, title, authorization, flaw, error);
        c.proof = proof;
        c.alsoRefusal = {400};
        if (!validRuns)
            c.notRun = say(QT_TRANSLATE_NOOP("ProbeCases", "the probed token is no valid token on this endpoint, so a refusal would prove nothing"));
        out << c;
    };
    const QByteArray dpop = "DPoP " + good;
    proofCase(u"dpop-no-proof"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "the DPoP-bound token without a proof")), dpop, ProbeCase::Proof::None,
              say(QT_TRANSLATE_NOOP("ProbeCases", "accepted a DPoP-bound token without a proof: a stolen token works on its own")), QString());
    proofCase(u"dpop-as-bearer"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "the DPoP-bound token as a Bearer token")), "Bearer " + good, ProbeCase::Proof::None,
              say(QT_TRANSLATE_NOOP("ProbeCases", "accepted a DPoP-bound token as Bearer: the binding (cnf.jkt) is not checked (RFC 9449 7.2)")), u"invalid_token"_s);
    proofCase(u"dpop-wrong-method"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "a proof made for another method")), dpop, ProbeCase::Proof::WrongMethod,
              say(QT_TRANSLATE_NOOP("ProbeCases", "accepted a proof made for another method: htm is not checked")));
    proofCase(u"dpop-wrong-url"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "a proof made for another URL")), dpop, ProbeCase::Proof::WrongUrl,
              say(QT_TRANSLATE_NOOP("ProbeCases", "accepted a proof made for another URL: htu is not checked")));
    proofCase(u"dpop-wrong-ath"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "a proof carrying another token's hash (ath)")), dpop, ProbeCase::Proof::WrongAth,
              say(QT_TRANSLATE_NOOP("ProbeCases", "accepted a proof made for another token: ath is not checked")));
    proofCase(u"dpop-other-key"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "a proof signed by another key than the token is bound to")), dpop, ProbeCase::Proof::OtherKey,
              say(QT_TRANSLATE_NOOP("ProbeCases", "accepted a proof from a key the token is not bound to: cnf.jkt is not compared")));
    if (!otherKey)
        out.last().notRun = say(QT_TRANSLATE_NOOP("ProbeCases", "TokenLab had no second key to sign with (the probed token is not a signed JWT)"));
    proofCase(u"dpop-stale"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "a proof made an hour ago")), dpop, ProbeCase::Proof::Stale,
              say(QT_TRANSLATE_NOOP("ProbeCases", "accepted a proof made an hour ago: iat is not checked, so a captured proof works for ever")));
    proofCase(u"dpop-replayed"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "a proof sent a second time (the same jti)")), dpop, ProbeCase::Proof::Replayed,
              say(QT_TRANSLATE_NOOP("ProbeCases", "accepted a proof it had seen before: jti is not remembered, so a captured request can be replayed within the proof's lifetime (RFC 9449 11.1)")));
    out.last().ifWrong = ProbeGrade::Warn; // replay checks need state; many APIs rely on the short iat window instead
}

} // namespace

namespace ProbeCases {

QList<ProbeCase> generate(const ProbeEndpoint &endpoint, int endpointIndex, const ProbeMaterial &material)
{
    QList<ProbeCase> out;
    const ProbeTokens &tokens = material.tokens;
    if (endpoint.need == ProbeEndpoint::Need::Public) {
        ProbeCase c;
        c.id = u"no-token"_s;
        c.title = say(QT_TRANSLATE_NOOP("ProbeCases", "no Authorization header"));
        c.expect = Expect::Accept;
        c.flaw = say(QT_TRANSLATE_NOOP("ProbeCases", "a public endpoint refused a request without a token"));
        out << c;
        if (!tokens.good.isEmpty()) {
            c.id = u"valid-token"_s;
            c.title = say(QT_TRANSLATE_NOOP("ProbeCases", "the real token"));
            c.authorization = bearer(tokens.good);
            c.flaw = say(QT_TRANSLATE_NOOP("ProbeCases", "a public endpoint refused a valid token"));
            out << c;
        }
        return out;
    }
    out << refuse(u"no-token"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "no Authorization header")), {}, say(QT_TRANSLATE_NOOP("ProbeCases", "answered without any token: the endpoint is not protected")), QString());
    out << notBearer(u"basic-scheme"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "a Basic (non-Bearer) Authorization header")), "Basic dG9rZW5sYWI6cHJvYmU=",
                     say(QT_TRANSLATE_NOOP("ProbeCases", "accepted Basic credentials where a Bearer token was required")));
    out << refuse(u"malformed-token"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "a malformed token")), "Bearer not-a-jwt.%%%", say(QT_TRANSLATE_NOOP("ProbeCases", "accepted a malformed token: the API does not parse tokens")));
    if (tokens.good.isEmpty())
        return out;
    const qsizetype firstTokenCase = out.size();
    addSignatureCases(out, endpointIndex, material);
    addTransportCases(out, endpoint, tokens.good);

    ProbeCase valid;
    valid.id = u"valid-token"_s;
    valid.title = say(QT_TRANSLATE_NOOP("ProbeCases", "the real token"));
    valid.authorization = bearer(tokens.good);
    valid.expect = Expect::Accept;
    valid.flaw = say(QT_TRANSLATE_NOOP("ProbeCases", "refused a valid token with the needed scopes"));
    // A probed token without the endpoint's scopes is no valid token there; the API's 403 is right.
    const QJsonValue goodScope = Jwt::decode(tokens.good).payload.value(u"scope");
    QStringList lacking;
    if (endpoint.need == ProbeEndpoint::Need::Scopes && goodScope.isString()) {
        const QStringList granted = goodScope.toString().split(u' ', Qt::SkipEmptyParts);
        for (const QString &s : endpoint.scopes) {
            if (!granted.contains(s))
                lacking << s;
        }
    }
    out << (lacking.isEmpty() ? valid
                              : notRun(valid, say(QT_TRANSLATE_NOOP("ProbeCases", "the probed token lacks %1, which this endpoint needs; log in again asking for it")).arg(lacking.join(u' '))));

    if (endpoint.need == ProbeEndpoint::Need::Scopes) {
        const QString needed = endpoint.scopes.join(u' ');
        ProbeCase c = refuse(u"missing-scope"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "a valid token without %1")).arg(needed), bearer(tokens.narrow),
                             say(QT_TRANSLATE_NOOP("ProbeCases", "accepted a token without %1: the API does not check scopes")).arg(needed), u"insufficient_scope"_s);
        c.expect = Expect::Forbid;
        const QStringList narrowScopes = Jwt::decode(tokens.narrow).payload.value(u"scope").toString().split(u' ', Qt::SkipEmptyParts);
        bool lacks = false;
        for (const QString &s : endpoint.scopes)
            lacks = lacks || !narrowScopes.contains(s);
        if (tokens.narrow.isEmpty())
            out << notRun(c, material.unfit.value(u"narrow"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "no narrow token was given"))));
        else if (!lacks)
            out << notRun(c, say(QT_TRANSLATE_NOOP("ProbeCases", "the narrow token carries %1, which this endpoint needs")).arg(needed));
        else
            out << c;
    }
    ProbeCase other = refuse(u"other-audience"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "a valid token for another audience")), bearer(tokens.otherAudience),
                             say(QT_TRANSLATE_NOOP("ProbeCases", "accepted a token issued for another audience: the API does not check aud")));
    if (!tokens.otherAudience.isEmpty())
        out << other;
    else if (material.unfit.contains(u"other-audience"_s))
        out << notRun(other, material.unfit.value(u"other-audience"_s));
    ProbeCase expired = refuse(u"expired"_s, say(QT_TRANSLATE_NOOP("ProbeCases", "an expired token")), bearer(tokens.expired), say(QT_TRANSLATE_NOOP("ProbeCases", "accepted an expired token: the API does not check exp")));
    if (!tokens.expired.isEmpty() && material.expiredSecondsAgo < 300) {
        // Within a few minutes of exp, acceptance may be a deliberate clock-skew leeway.
        expired.ifWrong = ProbeGrade::Warn;
        expired.flaw = say(QT_TRANSLATE_NOOP("ProbeCases", "accepted a token that expired %1 seconds ago: perhaps a clock-skew leeway; a token expired longer ago tells more")).arg(material.expiredSecondsAgo);
    }
    if (!tokens.expired.isEmpty())
        out << expired;
    else if (material.unfit.contains(u"expired"_s))
        out << notRun(expired, material.unfit.value(u"expired"_s));
    if (tokens.mintKey && !material.mintClaims.isEmpty())
        addMintedCases(out, endpoint, endpointIndex, material);
    if (tokens.dpop)
        addDpopCases(out, tokens.good, valid.notRun.isEmpty() && lacking.isEmpty(), bool(material.freshKey));
    if (!material.goodProblem.isEmpty()) {
        for (qsizetype i = firstTokenCase; i < out.size(); ++i) {
            if (out[i].notRun.isEmpty())
                out[i].notRun = material.goodProblem;
        }
    }
    return out;
}

} // namespace ProbeCases
