// The probe's results: a cell of the grid (one endpoint by one case, with
// the API's answer), the verdict sentence for a cell whose answer is not
// what a secure API gives (RFC 6750 3.1), and the reports written from the
// cells: JSON, and JUnit XML (the format CI systems read: one testsuite per
// endpoint, one testcase per cell, a failure element with the verdict for
// red cells).
//
// Contract: pure functions of the cells. Reports carry statuses, errors
// and verdicts, never the Authorization header a case sent.
#pragma once

#include "api/apiclient.h"
#include "api/probecases.h"

struct ProbeCell
{
    ProbeEndpoint endpoint;
    ProbeCase probe;
    ApiExchange exchange;
    bool passed = false;
    QString verdict;            // for a failed cell: what a secure API answers, and why
};

namespace ProbeReport {

// Judges the cell's answer against its case: sets passed and the verdict.
void judge(ProbeCell &cell);

QByteArray junit(const QList<ProbeCell> &cells, const QString &suiteName);
QByteArray json(const QList<ProbeCell> &cells);

} // namespace ProbeReport
