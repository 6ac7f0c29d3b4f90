// SPDX-License-Identifier: MIT
#include "cli/exitstatus.h"

int exitStatus(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Success:
    case Outcome::ChecksPassed:
    case Outcome::HttpSuccess:
    case Outcome::AllCellsMatch:
        return 0;
    case Outcome::Failed:
    case Outcome::CheckFailed:
    case Outcome::HttpErrorStatus:
    case Outcome::CellMismatch:
        return 1;
    case Outcome::UsageError:
    case Outcome::Malformed:
    case Outcome::TransportError:
    case Outcome::ProbeCouldNotRun:
        return 2;
    case Outcome::Interrupted:
        return 130; // 128 + SIGINT, as shells report Ctrl+C
    }
    return 1;
}
