// SPDX-License-Identifier: MIT
#include "api/requesthistory.h"
#include "storage/profilefile.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

RequestHistory::RequestHistory(const QString &directory, const QString &profile, int maxEntries)
    : m_folder(ProfileFile::path(directory, u"history"_s, profile, QString())), m_maxEntries(maxEntries)
{
}

QString RequestHistory::indexPath() const
{
    return m_folder + u"/index.json"_s;
}

QString RequestHistory::entryPath(const QString &id) const
{
    return m_folder + u'/' + id + u".json"_s;
}

std::optional<QList<HistorySummary>> RequestHistory::parseIndex(const QByteArray &bytes, QString *error)
{
    if (bytes.trimmed().isEmpty())
        return QList<HistorySummary>();
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        if (error)
            *error = tr("it is not a JSON object (%1 at byte %2).").arg(pe.errorString()).arg(pe.offset);
        return std::nullopt;
    }
    const QJsonValue entries = doc.object().value(u"entries");
    if (!entries.isArray()) {
        if (error)
            *error = tr("it has no list of entries.");
        return std::nullopt;
    }
    // Entries this version cannot read are dropped from the list (their files stay until the bound removes them).
    QList<HistorySummary> out;
    for (const QJsonValue &v : entries.toArray()) {
        if (auto s = HistorySummary::fromJson(v.toObject(), nullptr))
            out.append(*s);
    }
    return out;
}

std::optional<HistoryEntry> RequestHistory::parseEntry(const QByteArray &bytes, QString *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        if (error)
            *error = tr("it is not a JSON object (%1 at byte %2).").arg(pe.errorString()).arg(pe.offset);
        return std::nullopt;
    }
    return HistoryEntry::fromJson(doc.object(), error);
}

bool RequestHistory::append(const HistoryEntry &entry, QString *error)
{
    if (!ProfileFile::write(entryPath(entry.summary.id), QJsonDocument(entry.toJson()).toJson(QJsonDocument::Indented), error))
        return false;
    QStringList dropped;
    const QString index = indexPath();
    const bool ok = ProfileFile::update(index, MaxIndexBytes, [&](const QByteArray &current, QString *why) -> std::optional<QByteArray> {
        QString problem;
        auto list = parseIndex(current, &problem);
        if (!list) {
            if (why)
                *why = tr("TokenLab cannot read the history in %1: %2 Move the file away or remove it to keep a history again.")
                               .arg(QDir::toNativeSeparators(index), problem);
            return std::nullopt;
        }
        list->append(entry.summary);
        while (list->size() > m_maxEntries)
            dropped.append(list->takeFirst().id);
        QJsonArray entries;
        for (const HistorySummary &s : std::as_const(*list))
            entries.append(s.toJson());
        return QJsonDocument(QJsonObject{{u"version"_s, 1}, {u"entries"_s, entries}}).toJson(QJsonDocument::Indented);
    }, error);
    if (!ok) {
        QFile::remove(entryPath(entry.summary.id));
        return false;
    }
    for (const QString &id : std::as_const(dropped))
        QFile::remove(entryPath(id));
    return true;
}

std::optional<QList<HistorySummary>> RequestHistory::summaries(QString *error) const
{
    const auto bytes = ProfileFile::read(indexPath(), MaxIndexBytes, error);
    if (!bytes)
        return std::nullopt;
    QString problem;
    auto list = parseIndex(*bytes, &problem);
    if (!list && error)
        *error = tr("TokenLab cannot read the history in %1: %2").arg(QDir::toNativeSeparators(indexPath()), problem);
    return list;
}

std::optional<HistoryEntry> RequestHistory::entry(const QString &id, QString *error) const
{
    if (!HistoryEntry::isValidId(id)) {
        if (error)
            *error = tr("There is no history entry \"%1\".").arg(id);
        return std::nullopt;
    }
    const QString path = entryPath(id);
    if (!QFile::exists(path)) {
        if (error)
            *error = tr("This call's details are no longer kept (%1 is gone).").arg(QDir::toNativeSeparators(path));
        return std::nullopt;
    }
    const auto bytes = ProfileFile::read(path, MaxEntryBytes, error);
    if (!bytes)
        return std::nullopt;
    QString problem;
    auto e = parseEntry(*bytes, &problem);
    if (!e && error)
        *error = tr("TokenLab cannot read the call in %1: %2").arg(QDir::toNativeSeparators(path), problem);
    return e;
}
