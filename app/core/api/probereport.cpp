#include "api/probereport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QXmlStreamWriter>

using namespace Qt::StringLiterals;

namespace ProbeReport {

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
