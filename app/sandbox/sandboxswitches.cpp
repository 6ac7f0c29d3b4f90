// SPDX-License-Identifier: MIT
#include "sandbox/sandboxswitches.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 MaxFileBytes = 64 * 1024;
}

std::optional<ApiDpopMode> parseApiDpopMode(const QString &text, QString *error)
{
    if (text == u"allowed")
        return ApiDpopMode::Allowed;
    if (text == u"required")
        return ApiDpopMode::Required;
    if (error)
        *error = QCoreApplication::translate("SandboxSwitches", "--api-dpop must be \"allowed\" or \"required\", not \"%1\".").arg(text);
    return std::nullopt;
}

QString apiDpopModeName(ApiDpopMode mode)
{
    return mode == ApiDpopMode::Required ? u"required"_s : u"allowed"_s;
}

QString SandboxSwitches::describe() const
{
    if (isLenient())
        return QCoreApplication::translate("SandboxSwitches", "none: PAR, DPoP nonces and DPoP at the API are optional");
    QStringList on;
    if (requirePar)
        on << QCoreApplication::translate("SandboxSwitches", "PAR required");
    if (dpopNonce)
        on << QCoreApplication::translate("SandboxSwitches", "DPoP nonces demanded");
    if (apiDpop == ApiDpopMode::Required)
        on << QCoreApplication::translate("SandboxSwitches", "the API requires DPoP");
    return on.join(u", "_s);
}

std::optional<SandboxSwitches> SandboxSwitches::parse(const QByteArray &json, QString *error)
{
    auto fail = [error](const QString &why) -> std::optional<SandboxSwitches> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(QCoreApplication::translate("SandboxSwitches", "it is not JSON (%1 at byte %2)").arg(parseError.errorString()).arg(parseError.offset));
    if (!doc.isObject())
        return fail(QCoreApplication::translate("SandboxSwitches", "it is not a JSON object"));
    const QJsonObject o = doc.object();
    if (o.value(u"version"_s).toInt() != 1)
        return fail(QCoreApplication::translate("SandboxSwitches", "its \"version\" is not 1"));
    SandboxSwitches s;
    for (const auto &[key, flag] : {std::pair{u"require_par"_s, &s.requirePar}, std::pair{u"dpop_nonce"_s, &s.dpopNonce}}) {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            continue;
        if (!v.isBool())
            return fail(QCoreApplication::translate("SandboxSwitches", "\"%1\" is not true or false").arg(key));
        *flag = v.toBool();
    }
    const QJsonValue mode = o.value(u"api_dpop"_s);
    if (!mode.isUndefined()) {
        QString why;
        const std::optional<ApiDpopMode> m = parseApiDpopMode(mode.toString(), &why);
        if (!mode.isString() || !m)
            return fail(QCoreApplication::translate("SandboxSwitches", "\"api_dpop\" is not \"allowed\" or \"required\""));
        s.apiDpop = *m;
    }
    return s;
}

QByteArray SandboxSwitches::toJson() const
{
    const QJsonObject o{{u"version"_s, 1},
                        {u"require_par"_s, requirePar},
                        {u"dpop_nonce"_s, dpopNonce},
                        {u"api_dpop"_s, apiDpopModeName(apiDpop)}};
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

SandboxSwitches SandboxSwitches::load(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.exists())
        return {};
    auto fail = [&](const QString &why) {
        if (error)
            *error = QCoreApplication::translate("SandboxSwitches", "The sandbox switches in %1 are ignored (all off): %2.").arg(QDir::toNativeSeparators(path), why);
        return SandboxSwitches();
    };
    if (file.size() > MaxFileBytes)
        return fail(QCoreApplication::translate("SandboxSwitches", "the file is larger than %1 bytes").arg(MaxFileBytes));
    if (!file.open(QIODevice::ReadOnly))
        return fail(file.errorString());
    QString why;
    const std::optional<SandboxSwitches> s = parse(file.read(MaxFileBytes), &why);
    return s ? *s : fail(why);
}

bool SandboxSwitches::save(const QString &path, QString *error) const
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(toJson()) >= 0 && file.commit())
        return true;
    if (error)
        *error = QCoreApplication::translate("SandboxSwitches", "The sandbox switches could not be saved to %1: %2.").arg(QDir::toNativeSeparators(path), file.errorString());
    return false;
}
