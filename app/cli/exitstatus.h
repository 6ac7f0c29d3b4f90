// SPDX-License-Identifier: MIT
// The one place where tokenlab-cli turns what happened into an exit status.
// Commands finish with an Outcome, never with a number, so that a script
// sees the same status for the same kind of failure in every command.
//
//   every command   0 success, 1 the operation failed, 2 bad usage, 130 interrupted
//   decode          0 every check asked for passed, 1 a check failed, 2 malformed input
//   call            0 a 2xx answer, 1 an HTTP error status, 2 a transport or usage error
//   probe           0 every cell matched, 1 a cell did not, 2 the probe could not run
#pragma once

enum class Outcome {
    Success,
    Failed,
    UsageError,
    Interrupted,
    // decode
    ChecksPassed,
    CheckFailed,
    Malformed,
    // call
    HttpSuccess,
    HttpErrorStatus,
    TransportError,
    // probe
    AllCellsMatch,
    CellMismatch,
    ProbeCouldNotRun,
};

int exitStatus(Outcome outcome);
