// SPDX-License-Identifier: MIT
// The probe's results: a cell of the grid (one endpoint by one case, with
// the API's answer), its grade and the verdict sentence, and the reports
// written from the cells: JSON, CSV, and JUnit XML (the format CI systems
// read: one testsuite per endpoint, one testcase per cell).
//
// Grades: fail when the API accepted what it must refuse or refused what
// it must accept (a security or correctness defect); warn when the
// direction is right but the answer breaks a convention (no or a wrong RFC
// 6750 challenge, 400 or 403 where 401 is usual); pass; not run when the
// case had no fitting token. In JUnit a warning is a passing testcase with
// its reason as system-out, or a failure under strict; a cell not run is
// skipped with its reason.
//
// Contract: pure functions of the cells. Reports carry statuses, errors
// and verdicts, never the Authorization header a case sent; a verdict that
// quotes the API has anything shaped like a JWT replaced by "[token]".
#pragma once

#include "api/apiclient.h"
#include "api/probecases.h"

struct ProbeCell
{
    ProbeEndpoint endpoint;
    ProbeCase probe;
    ApiExchange exchange;
    ProbeGrade grade = ProbeGrade::NotRun;
    // English in the reports (english()), translated on screen (text()).
    DeferredText verdict;       // for a warn or fail: what a secure API answers, and why; for not run: why
    DeferredText note;          // what else was seen (a key set fetched, the claim an API reads)
};

struct ProbeTally
{
    int pass = 0;
    int warn = 0;
    int fail = 0;
    int notRun = 0;
    // Whether the run shows a defect: a fail, or under strict a warning.
    bool defective(bool strict) const { return fail > 0 || (strict && warn > 0); }
    QString summary() const;    // "12 passed, 3 warnings, 1 failed, 2 not run"
};

namespace ProbeReport {

// Grades the cell's answer against its case: sets grade, verdict and note.
void judge(ProbeCell &cell);
// Marks the cell not run, with the reason.
void skip(ProbeCell &cell, const DeferredText &why);
ProbeTally tally(const QList<ProbeCell> &cells);
QString gradeName(ProbeGrade grade); // "pass", "warn", "fail", "not-run"

QByteArray junit(const QList<ProbeCell> &cells, const QString &suiteName, bool strict);
// "passed" per cell: pass, or warn unless strict.
QByteArray json(const QList<ProbeCell> &cells, bool strict = false);
QByteArray csv(const QList<ProbeCell> &cells);

} // namespace ProbeReport
