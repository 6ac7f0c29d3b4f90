// SPDX-License-Identifier: MIT
#include "api/probereport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QXmlStreamWriter>

using namespace Qt::StringLiterals;

namespace {

using Expect = ProbeCase::Expect;

// Verdicts stay English in the cells (the reports are English); the window
// and the CLI's table translate them when they show them.
DeferredText say(const char *source)
{
    return {"ProbeReport", source};
}

// "401", "401 or 400", "401 or 400 or 413"
DeferredText statuses(const QList<int> &list)
{
    DeferredText out = list.isEmpty() ? DeferredText() : DeferredText(QString::number(list.first()));
    for (qsizetype i = 1; i < list.size(); ++i)
        out = say(QT_TRANSLATE_NOOP("ProbeReport", "%1 or %2")).arg(out, QString::number(list.at(i)));
    return out;
}

QString bearerError(const ApiExchange &x)
{
    const AuthChallenge *b = x.challenges.find(u"Bearer"_s);
    return b ? b->param(u"error"_s) : QString();
}

// What is wrong with the challenge of a refusal in the right direction; empty when nothing is.
DeferredText challengeProblem(const ApiExchange &x, const ProbeCase &c)
{
    // A DPoP-bound token's cases are answered by a DPoP challenge (RFC 9449 7.1), or a Bearer one.
    const bool dpop = c.proof != ProbeCase::Proof::None;
    const AuthChallenge *b = x.challenges.find(u"Bearer"_s);
    const AuthChallenge *d = dpop ? x.challenges.find(u"DPoP"_s) : nullptr;
    if (d && (!b || !d->param(u"error"_s).isEmpty()))
        b = d;
    const QString scheme = b == d && d ? u"DPoP"_s : u"Bearer"_s;
    const QString rfc = b == d && d ? u"RFC 9449 7.1"_s : u"RFC 6750 3.1"_s;
    if (!b && x.challenges.challenges.isEmpty())
        return say(QT_TRANSLATE_NOOP("ProbeReport", "without a WWW-Authenticate challenge (RFC 9110 11.6.1 requires one with a 401; RFC 6750 3 gives the Bearer form)"));
    if (!b)
        return dpop ? say(QT_TRANSLATE_NOOP("ProbeReport", "without a DPoP or Bearer challenge (RFC 9449 7.1)")) : say(QT_TRANSLATE_NOOP("ProbeReport", "without a Bearer challenge (RFC 6750 3)"));
    const QString error = b->param(u"error"_s);
    if (c.expectedError.isEmpty() || error == c.expectedError)
        return {};
    if (error.isEmpty())
        return say(QT_TRANSLATE_NOOP("ProbeReport", "with a %1 challenge that has no error; %2 says error=\"%3\" here")).arg(scheme, rfc, c.expectedError);
    return say(QT_TRANSLATE_NOOP("ProbeReport", "with error=\"%1\" where %2 says error=\"%3\"")).arg(error, rfc, c.expectedError);
}

// The API's own words may echo what it was sent: no token reaches a report.
QString redacted(const QString &text)
{
    // A JWT, or the start of one cut short by the quote's length limit.
    static const QRegularExpression jwt(u"eyJ[A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]*){0,2}|[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}(\\.[A-Za-z0-9_-]*)?"_s);
    QString out = text;
    return out.replace(jwt, u"[token]"_s);
}

void grade(ProbeCell &cell, ProbeGrade g, const DeferredText &verdict)
{
    cell.grade = g;
    cell.verdict = g == ProbeGrade::Pass ? DeferredText() : verdict.mapVerbatim(redacted);
}

void judgeRefusal(ProbeCell &cell)
{
    const ApiExchange &x = cell.exchange;
    const ProbeCase &c = cell.probe;
    const int s = x.status;
    const DeferredText expected = c.expect == Expect::Forbid ? say(QT_TRANSLATE_NOOP("ProbeReport", "403 with error=\"insufficient_scope\""))
            : c.expectedError.isEmpty()                ? statuses(c.expectedStatus())
                                                       : say(QT_TRANSLATE_NOOP("ProbeReport", "401 with error=\"%1\"")).arg(c.expectedError);
    if (s >= 200 && s < 300)
        return grade(cell, c.ifWrong, say(QT_TRANSLATE_NOOP("ProbeReport", "Answered %1 to %2: %3. A secure API answers %4.")).arg(s).arg(c.title, c.flaw, expected));
    if (c.expect == Expect::Forbid) {
        if (s == 403) {
            const DeferredText problem = bearerError(x) == u"insufficient_scope"
                    ? DeferredText()
                    : say(QT_TRANSLATE_NOOP("ProbeReport", "Answered 403 as expected, but without error=\"insufficient_scope\" in a Bearer challenge (RFC 6750 3.1), so a client cannot tell which scope to ask for."));
            return grade(cell, problem.isEmpty() ? ProbeGrade::Pass : ProbeGrade::Warn, problem);
        }
        if (s == 401)
            return grade(cell, ProbeGrade::Warn,
                         say(QT_TRANSLATE_NOOP("ProbeReport", "Answered 401 to %1: a refusal, but a valid token without the scope is 403 insufficient_scope (RFC 6750 3.1); a 401 sends clients to log in again in vain.")).arg(c.title));
    } else if (s == 401 || c.alsoRefusal.contains(s)) {
        const DeferredText problem = s == 401 ? challengeProblem(x, c) : DeferredText();
        return grade(cell, problem.isEmpty() ? ProbeGrade::Pass : ProbeGrade::Warn, say(QT_TRANSLATE_NOOP("ProbeReport", "Answered %1 as expected, but %2.")).arg(s).arg(problem));
    } else if (s == 400) {
        return grade(cell, ProbeGrade::Warn,
                     say(QT_TRANSLATE_NOOP("ProbeReport", "Answered 400 to %1: a refusal, but 401 with error=\"invalid_token\" is usual; 400 is for a malformed request (RFC 6750 3.1).")).arg(c.title));
    } else if (s == 403) {
        return grade(cell, ProbeGrade::Warn,
                     say(QT_TRANSLATE_NOOP("ProbeReport", "Answered 403 to %1: a refusal, but a token that fails validation is 401 invalid_token (RFC 6750 3.1); 403 means a valid token without the scope.")).arg(c.title));
    }
    if (s >= 500)
        return grade(cell, ProbeGrade::Warn,
                     say(QT_TRANSLATE_NOOP("ProbeReport", "Answered %1 to %2: the API failed instead of refusing; the token reached code that did not expect it. A secure API answers %3.")).arg(s).arg(c.title, expected));
    grade(cell, ProbeGrade::Warn, say(QT_TRANSLATE_NOOP("ProbeReport", "Answered %1 to %2, where %3 was expected.")).arg(s).arg(c.title, expected));
}

} // namespace

QString ProbeTally::summary() const
{
    // Only ever shown (stderr, the Probe tab), so translated here.
    QStringList parts{QCoreApplication::translate("ProbeReport", "%1 passed").arg(pass)};
    if (warn)
        parts << (warn == 1 ? QCoreApplication::translate("ProbeReport", "1 warning") : QCoreApplication::translate("ProbeReport", "%1 warnings").arg(warn));
    parts << QCoreApplication::translate("ProbeReport", "%1 failed").arg(fail);
    if (notRun)
        parts << QCoreApplication::translate("ProbeReport", "%1 not run").arg(notRun);
    return parts.join(u", "_s);
}

namespace ProbeReport {

void skip(ProbeCell &cell, const DeferredText &why)
{
    cell.grade = ProbeGrade::NotRun;
    cell.verdict = why;
}

void judge(ProbeCell &cell)
{
    const ApiExchange &x = cell.exchange;
    const ProbeCase &c = cell.probe;
    cell.note = {};
    if (x.status == 0 || x.outcome == ApiOutcome::TransportError) {
        const DeferredText why = x.status || !x.explanation.isEmpty() ? x.explanation : x.transportError;
        // A connection closed on an oversized request is a refusal, the way servers give it; a timeout is not.
        if (c.expect == Expect::Refuse && c.alsoRefusal.contains(431) && x.closedByServer)
            return grade(cell, ProbeGrade::Pass, {});
        if (c.expect == Expect::Accept)
            return grade(cell, c.ifWrong, say(QT_TRANSLATE_NOOP("ProbeReport", "No answer to %1: %2")).arg(c.title, why));
        if (c.expect == Expect::Either)
            return grade(cell, ProbeGrade::Warn, say(QT_TRANSLATE_NOOP("ProbeReport", "No answer to %1: %2")).arg(c.title, why));
        return grade(cell, ProbeGrade::Warn, say(QT_TRANSLATE_NOOP("ProbeReport", "No answer to %1 (%2): a refusal of sorts, but a secure API answers %3.")).arg(c.title, why, statuses(c.expectedStatus())));
    }
    const int s = x.status;
    switch (c.expect) {
    case Expect::Either:
        cell.note = s >= 200 && s < 300 ? say(QT_TRANSLATE_NOOP("ProbeReport", "Answered %1: %2.")).arg(s).arg(c.flaw) : say(QT_TRANSLATE_NOOP("ProbeReport", "Answered %1: the API does not take this claim as scopes.")).arg(s);
        return grade(cell, ProbeGrade::Pass, {});
    case Expect::Accept:
        if (s >= 200 && s < 300)
            return grade(cell, ProbeGrade::Pass, {});
        return grade(cell, c.ifWrong, say(QT_TRANSLATE_NOOP("ProbeReport", "Answered %1 to %2: %3.%4")).arg(s).arg(c.title, c.flaw, x.explanation.isEmpty() ? DeferredText() : DeferredText::joined({DeferredText(u" "_s), x.explanation}, QString())));
    case Expect::Refuse:
    case Expect::Forbid:
        return judgeRefusal(cell);
    }
}

ProbeTally tally(const QList<ProbeCell> &cells)
{
    ProbeTally t;
    for (const ProbeCell &c : cells) {
        switch (c.grade) {
        case ProbeGrade::Pass: ++t.pass; break;
        case ProbeGrade::Warn: ++t.warn; break;
        case ProbeGrade::Fail: ++t.fail; break;
        case ProbeGrade::NotRun: ++t.notRun; break;
        }
    }
    return t;
}

QString gradeName(ProbeGrade grade)
{
    switch (grade) {
    case ProbeGrade::Pass: return u"pass"_s;
    case ProbeGrade::Warn: return u"warn"_s;
    case ProbeGrade::Fail: return u"fail"_s;
    case ProbeGrade::NotRun: break;
    }
    return u"not-run"_s;
}

QByteArray junit(const QList<ProbeCell> &cells, const QString &suiteName, bool strict)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    auto failing = [strict](const ProbeCell &c) { return c.grade == ProbeGrade::Fail || (strict && c.grade == ProbeGrade::Warn); };
    QStringList order;
    QHash<QString, QList<const ProbeCell *>> byEndpoint;
    for (const ProbeCell &c : cells) {
        const QString key = QString::fromLatin1(c.endpoint.method) + u' ' + c.endpoint.path;
        if (!byEndpoint.contains(key))
            order << key;
        byEndpoint[key] << &c;
    }
    int failures = 0;
    int skipped = 0;
    for (const ProbeCell &c : cells) {
        failures += failing(c) ? 1 : 0;
        skipped += c.grade == ProbeGrade::NotRun ? 1 : 0;
    }
    xml.writeStartElement(u"testsuites"_s);
    xml.writeAttribute(u"name"_s, suiteName);
    xml.writeAttribute(u"tests"_s, QString::number(cells.size()));
    xml.writeAttribute(u"failures"_s, QString::number(failures));
    xml.writeAttribute(u"skipped"_s, QString::number(skipped));
    for (const QString &key : order) {
        const QList<const ProbeCell *> &mine = byEndpoint.value(key);
        int failed = 0;
        int notRun = 0;
        for (const ProbeCell *c : mine) {
            failed += failing(*c) ? 1 : 0;
            notRun += c->grade == ProbeGrade::NotRun ? 1 : 0;
        }
        xml.writeStartElement(u"testsuite"_s);
        xml.writeAttribute(u"name"_s, key);
        xml.writeAttribute(u"tests"_s, QString::number(mine.size()));
        xml.writeAttribute(u"failures"_s, QString::number(failed));
        xml.writeAttribute(u"skipped"_s, QString::number(notRun));
        for (const ProbeCell *c : mine) {
            xml.writeStartElement(u"testcase"_s);
            xml.writeAttribute(u"classname"_s, key);
            xml.writeAttribute(u"name"_s, c->probe.id);
            xml.writeAttribute(u"time"_s, QString::number(c->exchange.elapsedMs / 1000.0, 'f', 3));
            if (failing(*c)) {
                xml.writeStartElement(u"failure"_s);
                xml.writeAttribute(u"type"_s, gradeName(c->grade));
                xml.writeAttribute(u"message"_s, c->verdict.english());
                xml.writeCharacters(u"%1: answered %2"_s.arg(c->probe.title.english()).arg(c->exchange.status));
                xml.writeEndElement();
            } else if (c->grade == ProbeGrade::NotRun) {
                xml.writeStartElement(u"skipped"_s);
                xml.writeAttribute(u"message"_s, c->verdict.english());
                xml.writeEndElement();
            }
            const QString said = c->grade == ProbeGrade::Warn ? u"warning: "_s + c->verdict.english() : c->note.english();
            if (!said.isEmpty() && !failing(*c))
                xml.writeTextElement(u"system-out"_s, said);
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndDocument();
    return out;
}

QByteArray json(const QList<ProbeCell> &cells, bool strict)
{
    QJsonArray list;
    for (const ProbeCell &c : cells) {
        QJsonArray expected;
        for (int s : c.probe.expectedStatus())
            expected.append(s);
        list.append(QJsonObject{{u"method"_s, QString::fromLatin1(c.endpoint.method)},
                                {u"path"_s, c.endpoint.path},
                                {u"case"_s, c.probe.id},
                                {u"title"_s, c.probe.title.english()},
                                {u"expected_status"_s, expected},
                                {u"expected_error"_s, c.probe.expectedError},
                                {u"status"_s, c.exchange.status},
                                {u"error"_s, bearerError(c.exchange)},
                                {u"grade"_s, gradeName(c.grade)},
                                {u"passed"_s, c.grade == ProbeGrade::Pass || (!strict && c.grade == ProbeGrade::Warn)},
                                {u"verdict"_s, c.verdict.english()},
                                {u"note"_s, c.note.english()}});
    }
    const ProbeTally t = tally(cells);
    const QJsonObject summary{{u"pass"_s, t.pass}, {u"warn"_s, t.warn}, {u"fail"_s, t.fail}, {u"not_run"_s, t.notRun}};
    return QJsonDocument(QJsonObject{{u"cells"_s, list}, {u"summary"_s, summary}}).toJson(QJsonDocument::Indented);
}

QByteArray csv(const QList<ProbeCell> &cells)
{
    // RFC 4180: every field quoted, quotes doubled, CRLF line ends.
    auto field = [](const QString &s) {
        QString v = s;
        // A leading =, +, - or @ makes spreadsheets run a formula: the API's words are data.
        if (!v.isEmpty() && QStringView(u"=+-@").contains(v.front()))
            v.prepend(u'\'');
        v.replace(u'"', u"\"\""_s);
        return QString(u"\""_s + v + u"\""_s);
    };
    QString out = u"method,path,case,expected,status,error,grade,verdict,note\r\n"_s;
    for (const ProbeCell &c : cells) {
        QStringList expected;
        for (int s : c.probe.expectedStatus())
            expected << QString::number(s);
        out += QStringList{field(QString::fromLatin1(c.endpoint.method)), field(c.endpoint.path), field(c.probe.id), field(expected.join(u'/')),
                           field(QString::number(c.exchange.status)), field(bearerError(c.exchange)), field(gradeName(c.grade)),
                           field(c.verdict.english()), field(c.note.english())}
                       .join(u',')
                + u"\r\n"_s;
    }
    return out.toUtf8();
}

} // namespace ProbeReport
