#include "api/probe.h"
#include "jose/base64url.h"
#include "jose/jwt.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QXmlStreamWriter>

using namespace Qt::StringLiterals;

// ---- plan ---------------------------------------------------------------

ProbePlan ProbePlan::quickstart(const Profile &profile)
{
    ProbePlan plan;
    plan.endpoints = {{"GET", profile.publicPath, ProbeEndpoint::Need::Public, {}},
                      {"GET", profile.privatePath, ProbeEndpoint::Need::AnyToken, {}},
                      {"GET", profile.scopedPath, ProbeEndpoint::Need::Scopes, {u"read:messages"_s}}};
    return plan;
}

std::optional<ProbePlan> ProbePlan::fromJson(const QByteArray &json, QString *error)
{
    auto fail = [error](const QString &why) -> std::optional<ProbePlan> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return fail(u"The plan is not a JSON object (%1)."_s.arg(pe.errorString()));
    const QJsonValue list = doc.object().value(u"endpoints");
    if (!list.isArray() || list.toArray().isEmpty())
        return fail(u"The plan has no \"endpoints\" array."_s);
    ProbePlan plan;
    int index = 0;
    for (const QJsonValue &v : list.toArray()) {
        ++index;
        const QJsonObject o = v.toObject();
        ProbeEndpoint e;
        e.method = o.value(u"method").toString(u"GET"_s).toUpper().toLatin1();
        e.path = o.value(u"path").toString();
        if (!e.path.startsWith(u'/'))
            return fail(u"Endpoint %1: \"path\" must start with a slash."_s.arg(index));
        const QString need = o.value(u"expect").toString(u"token"_s);
        if (need == u"public") {
            e.need = ProbeEndpoint::Need::Public;
        } else if (need == u"token") {
            e.need = ProbeEndpoint::Need::AnyToken;
        } else if (need == u"scopes") {
            e.need = ProbeEndpoint::Need::Scopes;
            for (const QJsonValue &s : o.value(u"scopes").toArray())
                e.scopes << s.toString();
            if (e.scopes.isEmpty())
                return fail(u"Endpoint %1 expects scopes but lists none in \"scopes\"."_s.arg(index));
        } else {
            return fail(u"Endpoint %1: \"expect\" is public, token or scopes, not \"%2\"."_s.arg(index).arg(need));
        }
        plan.endpoints << e;
    }
    return plan;
}

QByteArray ProbePlan::toJson() const
{
    QJsonArray list;
    for (const ProbeEndpoint &e : endpoints) {
        QJsonObject o{{u"method"_s, QString::fromLatin1(e.method)}, {u"path"_s, e.path}};
        o.insert(u"expect"_s, e.need == ProbeEndpoint::Need::Public ? u"public"_s : e.need == ProbeEndpoint::Need::AnyToken ? u"token"_s : u"scopes"_s);
        if (e.need == ProbeEndpoint::Need::Scopes)
            o.insert(u"scopes"_s, QJsonArray::fromStringList(e.scopes));
        list.append(o);
    }
    return QJsonDocument(QJsonObject{{u"endpoints"_s, list}}).toJson(QJsonDocument::Indented);
}

// ---- cases ---------------------------------------------------------------

namespace {

QByteArray bearer(const QByteArray &t)
{
    return "Bearer " + t;
}

// The token with one character of its signature changed.
QByteArray alterSignature(const QByteArray &token)
{
    const QList<QByteArray> p = token.split('.');
    if (p.size() != 3 || p.at(2).size() < 8)
        return token + "x";
    QByteArray sig = Base64Url::decode(p.at(2)).value_or(QByteArray());
    if (sig.isEmpty())
        return token + "x";
    sig[sig.size() / 2] = char(sig.at(sig.size() / 2) ^ 0x5a);
    return p.at(0) + '.' + p.at(1) + '.' + Base64Url::encode(sig);
}

// The token with a payload claim changed (sub), its signature kept.
QByteArray alterPayload(const QByteArray &token)
{
    const DecodedJwt jwt = Jwt::decode(token);
    const QList<QByteArray> p = token.split('.');
    if (!jwt.ok() || jwt.kind != JwtKind::Jws)
        return token;
    QJsonObject claims = jwt.payload;
    claims.insert(u"sub"_s, QString(claims.value(u"sub").toString() + u"-altered"_s));
    claims.insert(u"scope"_s, QString(claims.value(u"scope").toString() + u" admin"_s));
    return p.at(0) + '.' + Base64Url::encode(QJsonDocument(claims).toJson(QJsonDocument::Compact)) + '.' + p.at(2);
}

// The same claims under alg "none" and an empty signature.
QByteArray algNone(const QByteArray &token)
{
    const QList<QByteArray> p = token.split('.');
    if (p.size() != 3)
        return token;
    return Base64Url::encode(R"({"alg":"none","typ":"JWT"})") + '.' + p.at(1) + '.';
}

} // namespace

namespace ProbeCases {

QList<ProbeCase> generate(const ProbeEndpoint &endpoint, const ProbeTokens &tokens)
{
    QList<ProbeCase> out;
    if (endpoint.need == ProbeEndpoint::Need::Public) {
        out.append({u"no-token"_s, u"no Authorization header"_s, {}, {200}, {},
                    u"a public endpoint refused a request without a token"_s});
        if (!tokens.good.isEmpty())
            out.append({u"valid-token"_s, u"the real token"_s, bearer(tokens.good), {200}, {},
                        u"a public endpoint refused a valid token"_s});
        return out;
    }
    const QList<int> unauthorized{401};
    out.append({u"no-token"_s, u"no Authorization header"_s, {}, unauthorized, {},
                u"answered without any token: the endpoint is not protected"_s});
    // RFC 6750 3.1: a malformed request may be 400 (invalid_request) or answered as no token.
    out.append({u"basic-scheme"_s, u"a Basic (non-Bearer) Authorization header"_s, "Basic dG9rZW5sYWI6cHJvYmU=", {400, 401}, {},
                u"accepted Basic credentials where a Bearer token was required"_s});
    out.append({u"malformed-token"_s, u"a malformed token"_s, "Bearer not-a-jwt.%%%", unauthorized, u"invalid_token"_s,
                u"accepted a malformed token: the API does not parse tokens"_s});
    if (tokens.good.isEmpty())
        return out;
    out.append({u"signature-altered"_s, u"the real token with its signature altered"_s, bearer(alterSignature(tokens.good)), unauthorized,
                u"invalid_token"_s, u"accepted a token whose signature was altered: the API does not verify signatures"_s});
    out.append({u"payload-altered"_s, u"the real token with a claim altered (signature now invalid)"_s, bearer(alterPayload(tokens.good)),
                unauthorized, u"invalid_token"_s, u"accepted a token whose claims were altered after signing: the API does not verify signatures"_s});
    out.append({u"alg-none"_s, u"the same claims with alg \"none\" and no signature"_s, bearer(algNone(tokens.good)), unauthorized,
                u"invalid_token"_s, u"accepted an unsigned token (alg none): the API takes the algorithm from the token"_s});
    out.append({u"valid-token"_s, u"the real token"_s, bearer(tokens.good), {200}, {},
                u"refused a valid token with the needed scopes"_s});
    if (!tokens.narrow.isEmpty() && endpoint.need == ProbeEndpoint::Need::Scopes)
        out.append({u"missing-scope"_s, u"a valid token without %1"_s.arg(endpoint.scopes.join(u' ')), bearer(tokens.narrow), {403},
                    u"insufficient_scope"_s, u"accepted a token without %1: the API does not check scopes"_s.arg(endpoint.scopes.join(u' '))});
    if (!tokens.otherAudience.isEmpty())
        out.append({u"other-audience"_s, u"a valid token for another audience"_s, bearer(tokens.otherAudience), unauthorized,
                    u"invalid_token"_s, u"accepted a token issued for another audience: the API does not check aud"_s});
    if (!tokens.expired.isEmpty())
        out.append({u"expired"_s, u"an expired token"_s, bearer(tokens.expired), unauthorized, u"invalid_token"_s,
                    u"accepted an expired token: the API does not check exp"_s});
    return out;
}

void judge(ProbeCell &cell)
{
    const ApiExchange &x = cell.exchange;
    const ProbeCase &c = cell.probe;
    if (x.status == 0 || x.outcome == ApiOutcome::TransportError) {
        // No answer, or a status line and then the answer broke off: nothing to judge.
        cell.passed = false;
        cell.verdict = x.status ? x.explanation
                                : u"No answer: "_s + (x.explanation.isEmpty() ? x.transportError : x.explanation);
        return;
    }
    const bool statusOk = c.expectedStatus.contains(x.status);
    const AuthChallenge *b = x.challenges.find(u"Bearer"_s);
    const QString error = b ? b->param(u"error"_s) : QString();
    const bool errorOk = c.expectedError.isEmpty() || x.status == 400 || error == c.expectedError;
    cell.passed = statusOk && errorOk;
    if (cell.passed) {
        cell.verdict.clear();
        return;
    }
    QStringList expected;
    for (int s : c.expectedStatus)
        expected << QString::number(s);
    if (x.status >= 200 && x.status < 300 && !c.expectedStatus.contains(200))
        cell.verdict = u"Answered %1 to %2: %3. A secure API answers %4%5."_s.arg(x.status).arg(c.title, c.flaw, expected.join(u" or "_s),
                                                                                   c.expectedError.isEmpty() ? QString() : u" with error=\"%1\""_s.arg(c.expectedError));
    else if (!statusOk)
        cell.verdict = u"Answered %1 to %2, where %3 was expected%4."_s.arg(x.status).arg(c.title, expected.join(u" or "_s),
                                                                            x.status == 401 && c.expectedStatus.contains(403)
                                                                                    ? u": a missing scope is 403 insufficient_scope (RFC 6750 3.1), not 401"_s
                                                                                    : x.status == 403 && c.expectedStatus.contains(401)
                                                                                            ? u": a bad token is 401 invalid_token (RFC 6750 3.1), not 403"_s
                                                                                            : QString());
    else
        cell.verdict = u"Answered %1 as expected, but its WWW-Authenticate error is \"%2\", not \"%3\" (RFC 6750 3.1)."_s.arg(x.status).arg(error, c.expectedError);
}

} // namespace ProbeCases

// ---- runner ---------------------------------------------------------------

ProbeRunner::ProbeRunner(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), m_client(new ApiClient(network, systemClock(), this))
{
}

void ProbeRunner::start(const Profile &profile, const ProbePlan &plan, const ProbeTokens &tokens)
{
    m_profile = profile;
    m_cells.clear();
    m_queue.clear();
    m_inFlight = 0;
    m_done = 0;
    m_running = true;
    // The cases carry their own Authorization header; ApiClient adds none.
    m_client->setCredentials(profile.apiBase, std::nullopt);
    for (const ProbeEndpoint &e : plan.endpoints) {
        for (const ProbeCase &c : ProbeCases::generate(e, tokens)) {
            ProbeCell cell;
            cell.endpoint = e;
            cell.probe = c;
            m_queue.enqueue(int(m_cells.size()));
            m_cells << cell;
        }
    }
    Q_EMIT progress(0, int(m_cells.size()));
    if (m_cells.isEmpty()) {
        m_running = false;
        QTimer::singleShot(0, this, [this] { Q_EMIT finished(m_cells); });
        return;
    }
    pump();
}

void ProbeRunner::pump()
{
    while (m_inFlight < m_maxInFlight && !m_queue.isEmpty()) {
        const int index = m_queue.dequeue();
        const ProbeCell &cell = m_cells.at(index);
        ApiRequest request;
        request.method = cell.endpoint.method;
        request.url = m_profile.apiUrl(cell.endpoint.path);
        request.withToken = false;
        if (!cell.probe.authorization.isEmpty())
            request.headers.append({"Authorization", cell.probe.authorization});
        request.timeout = std::chrono::seconds(15);
        ++m_inFlight;
        connect(m_client->send(request), &ApiCall::finished, this, [this, index](const ApiExchange &x) {
            --m_inFlight;
            ++m_done;
            ProbeCell &c = m_cells[index];
            c.exchange = x;
            ProbeCases::judge(c);
            Q_EMIT cellFinished(index, c);
            Q_EMIT progress(m_done, int(m_cells.size()));
            if (m_done == m_cells.size()) {
                m_running = false;
                Q_EMIT finished(m_cells);
                return;
            }
            pump();
        });
    }
}

// ---- reports ---------------------------------------------------------------

namespace ProbeReport {

QByteArray junit(const QList<ProbeCell> &cells, const QString &suiteName)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    int failures = 0;
    for (const ProbeCell &c : cells)
        failures += c.passed ? 0 : 1;
    xml.writeStartElement(u"testsuites"_s);
    xml.writeAttribute(u"name"_s, suiteName);
    xml.writeAttribute(u"tests"_s, QString::number(cells.size()));
    xml.writeAttribute(u"failures"_s, QString::number(failures));
    QStringList order;
    for (const ProbeCell &c : cells) {
        const QString key = QString::fromLatin1(c.endpoint.method) + u' ' + c.endpoint.path;
        if (!order.contains(key))
            order << key;
    }
    for (const QString &key : order) {
        QList<const ProbeCell *> mine;
        int failed = 0;
        for (const ProbeCell &c : cells) {
            if (QString::fromLatin1(c.endpoint.method) + u' ' + c.endpoint.path == key) {
                mine << &c;
                failed += c.passed ? 0 : 1;
            }
        }
        xml.writeStartElement(u"testsuite"_s);
        xml.writeAttribute(u"name"_s, key);
        xml.writeAttribute(u"tests"_s, QString::number(mine.size()));
        xml.writeAttribute(u"failures"_s, QString::number(failed));
        for (const ProbeCell *c : mine) {
            xml.writeStartElement(u"testcase"_s);
            xml.writeAttribute(u"classname"_s, key);
            xml.writeAttribute(u"name"_s, c->probe.id);
            xml.writeAttribute(u"time"_s, QString::number(c->exchange.elapsedMs / 1000.0, 'f', 3));
            if (!c->passed) {
                xml.writeStartElement(u"failure"_s);
                xml.writeAttribute(u"message"_s, c->verdict);
                xml.writeCharacters(u"%1: answered %2"_s.arg(c->probe.title).arg(c->exchange.status));
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndDocument();
    return out;
}

QByteArray json(const QList<ProbeCell> &cells)
{
    QJsonArray list;
    for (const ProbeCell &c : cells) {
        QJsonArray expected;
        for (int s : c.probe.expectedStatus)
            expected.append(s);
        const AuthChallenge *b = c.exchange.challenges.find(u"Bearer"_s);
        list.append(QJsonObject{{u"method"_s, QString::fromLatin1(c.endpoint.method)},
                                {u"path"_s, c.endpoint.path},
                                {u"case"_s, c.probe.id},
                                {u"expected_status"_s, expected},
                                {u"expected_error"_s, c.probe.expectedError},
                                {u"status"_s, c.exchange.status},
                                {u"error"_s, b ? b->param(u"error"_s) : QString()},
                                {u"passed"_s, c.passed},
                                {u"verdict"_s, c.verdict}});
    }
    return QJsonDocument(QJsonObject{{u"cells"_s, list}}).toJson(QJsonDocument::Indented);
}

} // namespace ProbeReport
