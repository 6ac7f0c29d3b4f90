// SPDX-License-Identifier: MIT
// A file that belongs to one profile (its request history, its saved
// requests) beside the profiles file, shared by every TokenLab process.
//
// update() is the one way to change such a file: it takes the file's lock
// (a QLockFile beside it, recovered when its holder died), reads the file
// again, lets the caller change what is there now, and writes the result
// atomically (QSaveFile). So the app and any number of CLI runs can add to
// the same file at once and none loses the others' changes; a reader never
// sees half a file.
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <functional>
#include <optional>

class ProfileFile
{
    Q_DECLARE_TR_FUNCTIONS(ProfileFile)

public:
    // The directory of the profiles file ($XDG_CONFIG_HOME/tokenlab).
    static QString defaultDirectory();
    // <directory>/<kind>/<profile name made safe for a file name>; no name
    // can leave <kind> (every character but letters, digits, '-' and '_' is
    // percent-encoded, '.' included).
    static QString path(const QString &directory, const QString &kind, const QString &profile, const QString &suffix);

    // The file's bytes; an empty array when there is no file. nullopt and
    // *error when it cannot be read or is larger than maxBytes.
    static std::optional<QByteArray> read(const QString &path, qint64 maxBytes, QString *error);

    // change() gets the current bytes (empty when there is no file) and
    // returns the new ones, or nullopt with *error to write nothing.
    using Change = std::function<std::optional<QByteArray>(const QByteArray &current, QString *error)>;
    static bool update(const QString &path, qint64 maxBytes, const Change &change, QString *error);
    // Writes bytes atomically, without the lock (a file only one writer ever creates).
    static bool write(const QString &path, const QByteArray &bytes, QString *error);

    static constexpr int LockTimeoutMs = 10000;
};
