// SPDX-License-Identifier: MIT
#include "sandbox/rememberedports.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 MaxFileBytes = 4096; // a few dozen bytes when TokenLab wrote it

std::optional<quint16> port(const QJsonObject &o, const QString &name)
{
    const QJsonValue v = o.value(name);
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (d < 1 || d > 65535 || d != double(qint64(d)))
        return std::nullopt;
    return quint16(d);
}

} // namespace

std::optional<RememberedPorts> RememberedPorts::parse(const QByteArray &json)
{
    if (json.size() > MaxFileBytes)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    if (o.value(u"version"_s).toInt() != 1)
        return std::nullopt;
    const auto as = port(o, u"authorization_server_port"_s);
    const auto api = port(o, u"api_port"_s);
    if (!as || !api || *as == *api)
        return std::nullopt;
    return RememberedPorts{*as, *api};
}

QByteArray RememberedPorts::toJson() const
{
    return QJsonDocument(QJsonObject{{u"version"_s, 1},
                                     {u"authorization_server_port"_s, int(authorizationServer)},
                                     {u"api_port"_s, int(api)}})
            .toJson(QJsonDocument::Indented);
}

std::optional<RememberedPorts> RememberedPorts::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return parse(file.read(MaxFileBytes + 1));
}

bool RememberedPorts::save(const QString &path, QString *error) const
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        if (error)
            *error = QObject::tr("Cannot create the folder of %1.").arg(path);
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(toJson()) < 0 || !file.commit()) {
        if (error)
            *error = QObject::tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}
