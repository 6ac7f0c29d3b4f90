// SPDX-License-Identifier: MIT
// A profile's saved requests and variables, kept beside the profiles file
// in $XDG_CONFIG_HOME/tokenlab/requests/<profile>.json:
//
//   {"version": 1,
//    "variables": [{"name": "user", "value": "42"}, {"name": "apikey", "secret": true}],
//    "requests": [{"folder": "users", "name": "get one", "method": "GET",
//                  "url": "{{base}}/users/{{user}}", "headers": [["Accept", "application/json"]],
//                  "body": {"type": "json", "text": "{}"}}]}
//
// A variable marked secret keeps only its name here: its value lives in the
// OS keychain (SecretVariables). Requests are found by path ("users/get
// one"), or by name alone when only one has it. Every change goes through
// ProfileFile::update (lock, re-read, change, atomic write), so the app and
// CLI runs never lose each other's changes. A file that cannot be read is
// never overwritten; each problem is a sentence.
#pragma once

#include "api/savedrequest.h"

#include <QCoreApplication>

struct SavedVariable
{
    QString name;
    QString value; // empty for a secret one: the value is in the keychain
    bool secret = false;
    bool operator==(const SavedVariable &o) const { return name == o.name && value == o.value && secret == o.secret; }
};

struct SavedCollection
{
    Q_DECLARE_TR_FUNCTIONS(SavedCollection)

public:
    QList<SavedRequest> requests;
    QList<SavedVariable> variables;

    static constexpr qint64 MaxFileBytes = 8 * 1024 * 1024;
    static std::optional<SavedCollection> parse(const QByteArray &bytes, QString *error);
    QByteArray toJson() const;

    int indexOf(const QString &path) const;
    // The request a user means by `name`: its path, or its name when only one
    // request has that name. Otherwise nullptr and a sentence that lists the
    // closest names.
    const SavedRequest *find(const QString &name, QString *error) const;
    QStringList closestPaths(const QString &name, int count = 3) const;
};

class SavedRequests
{
    Q_DECLARE_TR_FUNCTIONS(SavedRequests)

public:
    SavedRequests(const QString &directory, const QString &profile);
    QString path() const { return m_path; }

    std::optional<SavedCollection> load(QString *error) const;
    // Saves request; replacing names the path it had before (a rename), if any.
    // A request with the same path as another is refused unless it replaces it.
    bool save(const SavedRequest &request, const QString &replacing, QString *error);
    bool remove(const QString &path, QString *error);
    // Renames a folder: every request under it moves.
    bool renameFolder(const QString &from, const QString &to, QString *error);
    bool setVariables(const QList<SavedVariable> &variables, QString *error);
    // Adds an import's requests and variables in one write, or nothing: a
    // path or variable name the file already has is refused with a sentence.
    bool merge(const SavedCollection &added, QString *error);
    // Takes back what merge() added (the paths and variable names in added).
    bool unmerge(const SavedCollection &added, QString *error);

private:
    bool change(const std::function<bool(SavedCollection &, QString *)> &apply, QString *error);
    QString m_path;
};
