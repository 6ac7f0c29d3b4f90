// SPDX-License-Identifier: MIT
// A Bruno collection folder read into an ImportedCollection. Bruno keeps
// one request per .bru file: blocks such as `meta { name: ... }`,
// `get { url: ... body: json auth: oauth2 }`, `headers { ... }`,
// `body:json { ... }`, `body:form-urlencoded { ... }`, `auth:oauth2 {
// grant_type access_token_url authorization_url client_id client_secret
// scope pkce }`; collection.bru and folder.bru hold the collection's and a
// folder's auth; environments/<name>.bru hold `vars { }` and
// `vars:secret [ ]` (names only: Bruno keeps secret values out of the files).
//
// parse() never touches the disk: it takes the files as relative path ->
// bytes (readFolder() collects them, bounded). A path that is absolute or
// climbs out with ".." is refused.
#pragma once

#include "api/importedcollection.h"

#include <QMap>

namespace BrunoImport {

constexpr int MaxFiles = 2000;
constexpr qint64 MaxTotalBytes = 32 * 1024 * 1024;

// One .bru file: its blocks by name, each a list of key/value lines or its text.
struct Block
{
    QString name;
    QList<QPair<QString, QString>> pairs; // dictionary and list blocks ("~key" is disabled and left out)
    QString text;                         // text blocks (body:json, docs, script:...)
};
std::optional<QList<Block>> parseBru(const QString &text, QString *error);

std::optional<ImportedCollection> parse(const QMap<QString, QByteArray> &files, QString *error);

// The folder's bruno.json, collection.bru, environments/*.bru and every
// .bru below it (no symbolic links, no node_modules or dot folders),
// bounded by MaxFiles, ImportedCollection::MaxBytes each and MaxTotalBytes.
std::optional<QMap<QString, QByteArray>> readFolder(const QString &path, QString *error);

} // namespace BrunoImport
