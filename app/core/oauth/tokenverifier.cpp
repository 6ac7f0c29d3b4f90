// SPDX-License-Identifier: MIT
#include "oauth/tokenverifier.h"
#include "oauth/discoveryclient.h"
#include "oauth/jwksclient.h"

#include <QCoreApplication>
#include <QTimer>

using namespace Qt::StringLiterals;

bool TokenReport::passed() const
{
    if (!jwt.ok())
        return false;
    for (const ClaimCheck &c : checks) {
        if (c.result == ClaimCheck::Result::Failed)
            return false;
    }
    return true;
}

QString TokenReport::firstFailure() const
{
    if (!jwt.ok())
        return jwt.errorText;
    for (const ClaimCheck &c : checks) {
        if (c.result == ClaimCheck::Result::Failed)
            return c.name + u": "_s + c.detail;
    }
    return {};
}

TokenVerifier::TokenVerifier(DiscoveryClient *discovery, JwksClient *jwks, Clock clock, QObject *parent)
    : QObject(parent), m_discovery(discovery), m_jwks(jwks), m_clock(std::move(clock))
{
}

int TokenVerifier::verify(const QByteArray &token, const TokenExpectations &expected, const KeySource &source)
{
    const int id = m_nextId++;
    Job job;
    job.report.token = token.trimmed();
    job.report.jwt = Jwt::decode(token);
    job.report.kind = job.report.jwt.ok() && job.report.jwt.kind == JwtKind::Jws ? TokenChecks::guessKind(job.report.jwt, expected)
                                                                                 : TokenKind::Unknown;
    job.expected = expected;
    job.source = source;
    m_jobs.insert(id, job);
    const bool readable = job.report.jwt.ok() && job.report.jwt.kind == JwtKind::Jws;
    // A token whose algorithm is refused anyway (none, HS*, unknown) or whose
    // signature part was altered fetches nothing.
    const bool algorithmRefused = readable
            && (!job.report.jwt.signatureProblem.isEmpty()
                || TokenChecks::algorithm(job.report.jwt, expected.allowedAlgorithms).result == ClaimCheck::Result::Failed);
    if (!readable || algorithmRefused || source.kind == KeySource::Kind::None || source.kind == KeySource::Kind::Pem) {
        QTimer::singleShot(0, this, [this, id] {
            const Job &j = m_jobs[id];
            if (j.source.kind == KeySource::Kind::Pem && j.report.jwt.ok() && j.report.jwt.kind == JwtKind::Jws) {
                if (!m_pemKeys || m_pem != j.source.pem) {
                    QString why;
                    auto key = PublicKey::fromPem(j.source.pem, &why);
                    if (!key)
                        return complete(id, nullptr, QCoreApplication::translate("TokenVerifier", "The PEM key cannot be used: ") + why);
                    m_pem = j.source.pem;
                    m_pemKeys = KeySet::fromKey(std::make_shared<const PublicKey>(std::move(*key)), QString());
                }
                m_jobs[id].report.keySource = QCoreApplication::translate("TokenVerifier", "the PEM key given");
                const KeySet keys = *m_pemKeys;
                return complete(id, &keys, {});
            }
            complete(id, nullptr, {});
        });
        return id;
    }
    if (source.kind == KeySource::Kind::JwksUrl) {
        m_jobs[id].jwksUri = source.url;
        m_jobs[id].report.keySource = source.url.toString();
        fetchKeys(id, source.url, false);
    } else {
        connect(m_discovery->discover(source.url), &DiscoveryJob::finished, this,
                [this, id](const DiscoveryResult &result) { onDiscovered(id, result); });
    }
    return id;
}

void TokenVerifier::onDiscovered(int id, const DiscoveryResult &result)
{
    if (!m_jobs.contains(id))
        return;
    Job &j = m_jobs[id];
    if (!result.metadata)
        return complete(id, nullptr, result.error);
    j.jwksUri = result.metadata->jwksUri;
    j.issuerAlgorithms = result.metadata->idTokenSigningAlgs;
    j.report.keySource = QCoreApplication::translate("TokenVerifier", "the issuer's JWKS");
    fetchKeys(id, j.jwksUri, false);
}

void TokenVerifier::fetchKeys(int id, const QUrl &uri, bool refresh)
{
    connect(m_jwks->keys(uri, refresh), &JwksJob::finished, this,
            [this, id](const std::optional<KeySet> &keys, const QString &error) { onKeys(id, keys, error); });
}

void TokenVerifier::onKeys(int id, const std::optional<KeySet> &keys, const QString &error)
{
    if (!m_jobs.contains(id))
        return;
    Job &j = m_jobs[id];
    if (!keys)
        return complete(id, nullptr, error);
    const QString kid = j.report.jwt.header.value(u"kid").toString();
    if (!kid.isEmpty() && !keys->hasKid(kid) && !j.refreshed) {
        // The issuer may have rotated its keys since the set was cached.
        j.refreshed = true;
        return fetchKeys(id, j.jwksUri, true);
    }
    complete(id, &*keys, {});
}

void TokenVerifier::complete(int id, const KeySet *keys, const QString &keyError)
{
    if (!m_jobs.contains(id))
        return;
    Job job = m_jobs.take(id);
    TokenReport &r = job.report;
    if (r.jwt.ok() && r.jwt.kind == JwtKind::Jws) {
        QStringList allowed = job.expected.allowedAlgorithms;
        if (allowed.isEmpty() && !job.issuerAlgorithms.isEmpty() && keys) {
            // Default allow-list: what the issuer advertises, plus what its keys declare.
            allowed = job.issuerAlgorithms;
            for (const JwksKey &k : keys->keys()) {
                if (!k.alg.isEmpty() && !allowed.contains(k.alg))
                    allowed << k.alg;
            }
        }
        if (!r.jwt.signatureProblem.isEmpty()) {
            // Fails whether keys were asked for or not: no key can verify an altered part.
            r.checks.append({u"signature"_s, ClaimCheck::Result::Failed, r.jwt.signatureProblem});
        } else if (keys) {
            const SignatureCheck sig = TokenChecks::signature(r.jwt, *keys, allowed, r.keySource);
            r.checks.append(sig.check);
            r.signatureVerified = sig.verified;
            r.verifiedKid = sig.kid;
        } else if (!keyError.isEmpty()) {
            r.checks.append({u"signature"_s, ClaimCheck::Result::Failed, QCoreApplication::translate("TokenVerifier", "Not verified: ") + keyError});
        } else {
            const ClaimCheck alg = TokenChecks::algorithm(r.jwt, allowed);
            r.checks.append(alg.result == ClaimCheck::Result::Failed
                                    ? ClaimCheck{u"signature"_s, ClaimCheck::Result::Failed, alg.detail}
                                    : ClaimCheck{u"signature"_s, ClaimCheck::Result::NotChecked, QCoreApplication::translate("TokenVerifier", "Not verified: no keys were given.")});
        }
        r.checks += TokenChecks::claims(r.jwt, job.expected, m_clock());
    }
    Q_EMIT finished(id, r);
}
