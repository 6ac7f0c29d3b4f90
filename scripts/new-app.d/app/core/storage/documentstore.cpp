// SPDX-License-Identifier: MIT
#include "storage/documentstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

DocumentStore::DocumentStore(QString path) : m_path(std::move(path)) {}

QString DocumentStore::defaultPath()
{
    // AppDataLocation is <data home>/<organisation>/<application>.
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/document.txt"_s;
}

std::optional<QString> DocumentStore::load(QString *error) const
{
    QFile file(m_path);
    if (!file.exists())
        return QString();
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QCoreApplication::translate("DocumentStore", "The document %1 cannot be read: %2.")
                             .arg(QDir::toNativeSeparators(m_path), file.errorString());
        return std::nullopt;
    }
    return QString::fromUtf8(file.readAll());
}

bool DocumentStore::save(const QString &text, QString *error) const
{
    const auto fail = [this, error](const QString &reason) {
        if (error)
            *error = QCoreApplication::translate("DocumentStore", "The document %1 cannot be saved: %2.")
                             .arg(QDir::toNativeSeparators(m_path), reason);
        return false;
    };
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
        return fail(QCoreApplication::translate("DocumentStore", "its folder cannot be created"));
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(file.errorString());
    file.write(text.toUtf8());
    if (!file.commit())
        return fail(file.errorString());
    return true;
}
