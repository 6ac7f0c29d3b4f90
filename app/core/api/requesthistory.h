// SPDX-License-Identifier: MIT
// A profile's request history, kept across restarts beside the profiles
// file: $XDG_CONFIG_HOME/tokenlab/history/<profile>/ holds index.json (one
// summary per call, newest last, at most MaxEntries) and one <id>.json per
// call with its headers and bodies (HistoryEntry: credentials redacted,
// bodies cut at 64 KiB). The list shows summaries; a call's bodies are read
// from its own file only when it is opened, so a long history costs little
// memory.
//
// append() writes the entry's file, then changes the index under its lock
// (ProfileFile::update: re-read, change, atomic write) and removes the files
// of the entries the bound pushed out. The app and any number of CLI runs
// can append at once. An index that cannot be read is never overwritten:
// append() and summaries() say so in a sentence.
#pragma once

#include "api/historyentry.h"

#include <QCoreApplication>

class RequestHistory
{
    Q_DECLARE_TR_FUNCTIONS(RequestHistory)

public:
    static constexpr int MaxEntries = 500;
    static constexpr qint64 MaxIndexBytes = 4 * 1024 * 1024;
    static constexpr qint64 MaxEntryBytes = 1024 * 1024;

    // directory: where profiles.json lives (ProfileFile::defaultDirectory()).
    // maxEntries: MaxEntries but in tests.
    RequestHistory(const QString &directory, const QString &profile, int maxEntries = MaxEntries);

    QString folder() const { return m_folder; }
    QString indexPath() const;

    bool append(const HistoryEntry &entry, QString *error);
    // Oldest first.
    std::optional<QList<HistorySummary>> summaries(QString *error) const;
    std::optional<HistoryEntry> entry(const QString &id, QString *error) const;

    static std::optional<QList<HistorySummary>> parseIndex(const QByteArray &bytes, QString *error);
    static std::optional<HistoryEntry> parseEntry(const QByteArray &bytes, QString *error);

private:
    QString entryPath(const QString &id) const;

    QString m_folder;
    int m_maxEntries;
};
