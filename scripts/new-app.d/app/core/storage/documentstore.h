// SPDX-License-Identifier: MIT
// DocumentStore: the user's one text document, a file in the app's data
// folder (~/.local/share/ORGANISATION/%Name%/document.txt on Linux), read again
// before every use and saved atomically, so two processes never see half a file.
#pragma once

#include <QString>
#include <optional>

class DocumentStore
{
public:
    explicit DocumentStore(QString path = defaultPath());

    static QString defaultPath();
    QString path() const { return m_path; }

    // The document's text; empty when it was never saved; nullopt with a
    // sentence in *error when it exists and cannot be read.
    std::optional<QString> load(QString *error) const;
    bool save(const QString &text, QString *error) const;

private:
    QString m_path;
};
