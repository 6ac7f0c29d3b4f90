// SPDX-License-Identifier: MIT
// A profile's request history files: index.json and an entry's <id>.json
// (RequestHistory::parseIndex, parseEntry). Mode byte bit 0 picks the
// entry parser. Checked: every summary's id can only name a file in its
// folder, sizes are never negative, and what parses writes back and
// parses again to the same summary.
#include "api/requesthistory.h"
#include "fuzzsupport.h"

#include <QJsonDocument>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray input = Fuzz::bytes(data, size);
    const quint8 mode = Fuzz::takeByte(input);
    QString error;
    if (mode & 1) {
        const auto e = RequestHistory::parseEntry(input, &error);
        if (!e) {
            if (error.isEmpty())
                __builtin_trap(); // a refusal always says why
            return 0;
        }
        if (!HistoryEntry::isValidId(e->summary.id) || e->bodySize < 0 || e->responseSize < 0 || e->summary.elapsedMs < 0
            || e->responseBody.size() > HistoryEntry::MaxBodyBytes || e->body.size() > HistoryEntry::MaxBodyBytes)
            __builtin_trap();
        const auto again = RequestHistory::parseEntry(QJsonDocument(e->toJson()).toJson(), &error);
        if (!again || again->summary.id != e->summary.id || again->responseBody != e->responseBody)
            __builtin_trap();
        return 0;
    }
    const auto list = RequestHistory::parseIndex(input, &error);
    if (!list) {
        if (error.isEmpty())
            __builtin_trap();
        return 0;
    }
    for (const HistorySummary &s : *list) {
        if (!HistoryEntry::isValidId(s.id) || s.id.contains(u'/') || s.id.contains(u'.') || s.status < 0 || s.elapsedMs < 0)
            __builtin_trap();
    }
    return 0;
}
