// SPDX-License-Identifier: MIT
#include "storage/profilestore.h"

#include <QCoreApplication>
#include <algorithm>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 MaxFileBytes = 4 * 1024 * 1024;

Profile defaultSandbox()
{
    // URLs are filled in from the running tenant.
    return Profile::sandbox(QUrl(), QUrl(), QString(), QString());
}

} // namespace

ProfileStore::ProfileStore(QString path) : m_path(std::move(path))
{
    m_profiles = {defaultSandbox()};
}

QString ProfileStore::defaultPath()
{
    // One file for the GUI and the CLI, whatever their application names.
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + u"/tokenlab/profiles.json"_s;
}

std::optional<Profile> ProfileStore::profile(const QString &name) const
{
    for (const Profile &p : m_profiles) {
        if (p.name == name)
            return p;
    }
    return std::nullopt;
}

bool ProfileStore::read(Contents *contents, QString *error, bool *fatal) const
{
    contents->profiles = {defaultSandbox()};
    contents->unreadable = {};
    contents->active = QString::fromLatin1(Profile::SandboxName);
    *fatal = false;
    QFile file(m_path);
    if (!file.exists())
        return true;
    auto unreadable = [this, error, fatal](const QString &why) {
        *fatal = true;
        if (error)
            *error = QCoreApplication::translate("ProfileStore", "TokenLab cannot read its profiles from %1: %2 Fix or remove the file; until then only the sandbox profile is available and profile changes are not saved.")
                             .arg(QDir::toNativeSeparators(m_path), why);
        return false;
    };
    if (!file.open(QIODevice::ReadOnly))
        return unreadable(file.errorString() + u'.');
    if (file.size() > MaxFileBytes)
        return unreadable(QCoreApplication::translate("ProfileStore", "the file is larger than 4 MiB."));
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return unreadable(QCoreApplication::translate("ProfileStore", "it is not a JSON object (%1).").arg(pe.errorString()));
    const QJsonObject root = doc.object();
    QStringList problems;
    for (const QJsonValue &v : root.value(u"profiles").toArray()) {
        QString why;
        auto p = Profile::fromJson(v.toObject(), &why);
        if (!p) {
            problems << why;
            contents->unreadable.append(v);
            continue;
        }
        if (p->isSandbox()) {
            // Keep the user's sandbox settings (scope, extra parameters), not its URLs.
            p->name = QString::fromLatin1(Profile::SandboxName);
            contents->profiles[0] = *p;
        } else if (std::none_of(contents->profiles.cbegin(), contents->profiles.cend(),
                                [&p](const Profile &known) { return known.name == p->name; })) {
            contents->profiles.append(*p);
        }
    }
    const QString active = root.value(u"active").toString();
    if (std::any_of(contents->profiles.cbegin(), contents->profiles.cend(), [&active](const Profile &known) { return known.name == active; }))
        contents->active = active;
    if (!problems.isEmpty()) {
        if (error)
            *error = QCoreApplication::translate("ProfileStore", "Some profiles in %1 were skipped (they are kept in the file as they are): %2").arg(
                    QDir::toNativeSeparators(m_path), problems.join(u' '));
        return false;
    }
    return true;
}

bool ProfileStore::load(QString *error)
{
    Contents contents;
    bool fatal = false;
    const bool ok = read(&contents, error, &fatal);
    m_unreadable = fatal;
    m_pending.clear();
    m_profiles = contents.profiles;
    m_skipped = contents.unreadable;
    m_active = contents.active;
    return ok;
}

void ProfileStore::apply(Contents *contents, const Change &change)
{
    QList<Profile> &list = contents->profiles;
    const bool adds = change.kind == Change::Kind::Upsert || change.kind == Change::Kind::Insert;
    const QString name = adds ? change.profile.name : change.name;
    const auto it = std::find_if(list.begin(), list.end(), [&name](const Profile &p) { return p.name == name; });
    switch (change.kind) {
    case Change::Kind::Upsert:
    case Change::Kind::Insert: // save() made sure the name was free
        if (it != list.end())
            *it = change.profile;
        else
            list.append(change.profile);
        break;
    case Change::Kind::Remove:
        if (it != list.end())
            list.erase(it);
        if (contents->active == name)
            contents->active = QString::fromLatin1(Profile::SandboxName);
        break;
    case Change::Kind::Activate:
        if (it != list.end())
            contents->active = name;
        break;
    }
}

bool ProfileStore::save(QString *error)
{
    if (m_unreadable) {
        if (error)
            *error = QCoreApplication::translate("ProfileStore", "Profiles are not saved while %1 cannot be read; fix or remove that file first.").arg(QDir::toNativeSeparators(m_path));
        return false;
    }
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QLockFile lock(m_path + u".lock"_s);
    lock.setStaleLockTime(LockTimeoutMs * 3); // a save takes milliseconds; a lock this old is abandoned
    if (!lock.tryLock(LockTimeoutMs)) {
        if (error)
            *error = QCoreApplication::translate("ProfileStore", "Another TokenLab process has been saving %1 for %2 s; try again.").arg(QDir::toNativeSeparators(m_path))
                             .arg(LockTimeoutMs / 1000);
        return false;
    }
    // What is on disk now, with this process's changes on top.
    Contents contents;
    bool fatal = false;
    QString readError;
    read(&contents, &readError, &fatal);
    if (fatal) {
        m_unreadable = true;
        if (error)
            *error = readError;
        return false;
    }
    for (const Change &change : std::as_const(m_pending)) {
        if (change.kind != Change::Kind::Insert)
            continue;
        const QString &name = change.profile.name;
        const bool taken = std::any_of(contents.profiles.cbegin(), contents.profiles.cend(), [&name](const Profile &p) { return p.name == name; })
                || std::any_of(contents.unreadable.cbegin(), contents.unreadable.cend(),
                               [&name](const QJsonValue &v) { return v.toObject().value(u"name").toString() == name; });
        if (taken) {
            if (error)
                *error = QCoreApplication::translate("ProfileStore", "Another TokenLab process added a profile named %1 meanwhile; "
                                                                     "nothing was saved. Choose another name.")
                                 .arg(name);
            // This copy becomes the file's, as after load(): its refused changes are dropped.
            m_pending.clear();
            m_profiles = contents.profiles;
            m_skipped = contents.unreadable;
            m_active = contents.active;
            return false;
        }
    }
    for (const Change &change : std::as_const(m_pending))
        apply(&contents, change);

    QJsonArray list;
    for (const Profile &p : std::as_const(contents.profiles))
        list.append(p.toJson());
    for (const QJsonValue &v : std::as_const(contents.unreadable))
        list.append(v);
    const QJsonObject root{{u"version"_s, 1}, {u"active"_s, contents.active}, {u"profiles"_s, list}};
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QCoreApplication::translate("ProfileStore", "TokenLab cannot write %1: %2").arg(QDir::toNativeSeparators(m_path), file.errorString());
        return false;
    }
    file.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        if (error)
            *error = QCoreApplication::translate("ProfileStore", "TokenLab cannot write %1: %2").arg(QDir::toNativeSeparators(m_path), file.errorString());
        return false;
    }
    m_pending.clear();
    m_profiles = contents.profiles;
    m_skipped = contents.unreadable;
    m_active = contents.active;
    return true;
}

bool ProfileStore::upsert(const Profile &p, QString *error)
{
    if (p.name == QString::fromLatin1(Profile::SandboxName) && !p.isSandbox()) {
        if (error)
            *error = QCoreApplication::translate("ProfileStore", "Name: \"sandbox\" is the built-in sandbox profile; choose another name.");
        return false;
    }
    if (!p.isSandbox()) {
        const QStringList problems = p.validate();
        if (!problems.isEmpty()) {
            if (error)
                *error = problems.join(u' ');
            return false;
        }
    }
    m_pending.append({Change::Kind::Upsert, p, {}});
    for (Profile &existing : m_profiles) {
        if (existing.name == p.name) {
            existing = p;
            return true;
        }
    }
    m_profiles.append(p);
    return true;
}

bool ProfileStore::insert(const Profile &p, QString *error)
{
    if (profile(p.name)) {
        if (error)
            *error = QCoreApplication::translate("ProfileStore", "A profile named %1 exists already; choose another name.").arg(p.name);
        return false;
    }
    if (!upsert(p, error))
        return false;
    m_pending.last().kind = Change::Kind::Insert;
    return true;
}

bool ProfileStore::remove(const QString &name, QString *error)
{
    if (name == QString::fromLatin1(Profile::SandboxName)) {
        if (error)
            *error = QCoreApplication::translate("ProfileStore", "The sandbox profile is built in and cannot be removed.");
        return false;
    }
    for (qsizetype i = 0; i < m_profiles.size(); ++i) {
        if (m_profiles.at(i).name == name) {
            m_profiles.removeAt(i);
            if (m_active == name)
                m_active = QString::fromLatin1(Profile::SandboxName);
            m_pending.append({Change::Kind::Remove, {}, name});
            return true;
        }
    }
    if (error)
        *error = QCoreApplication::translate("ProfileStore", "There is no profile named \"%1\".").arg(name);
    return false;
}

bool ProfileStore::setActive(const QString &name, QString *error)
{
    if (!profile(name)) {
        if (error)
            *error = QCoreApplication::translate("ProfileStore", "There is no profile named \"%1\".").arg(name);
        return false;
    }
    m_active = name;
    m_pending.append({Change::Kind::Activate, {}, name});
    return true;
}

std::optional<Profile> ProfileStore::fromAuth0Config(const QByteArray &json, const QString &name, QString *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        if (error)
            *error = QCoreApplication::translate("ProfileStore", "auth_config.json is not a JSON object (%1).").arg(pe.errorString());
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    for (const char16_t *key : {u"domain", u"clientId"}) {
        if (!o.value(QString::fromUtf16(key)).isString() || o.value(QString::fromUtf16(key)).toString().isEmpty()) {
            if (error)
                *error = QCoreApplication::translate("ProfileStore", "auth_config.json has no \"%1\".").arg(QString::fromUtf16(key));
            return std::nullopt;
        }
    }
    Profile p;
    p.name = name;
    const auto issuer = Profile::issuerFromDomain(o.value(u"domain").toString(), error);
    if (!issuer)
        return std::nullopt;
    p.issuer = *issuer;
    p.clientId = o.value(u"clientId").toString();
    p.audience = o.value(u"audience").toString();
    // The samples ship "YOUR_API_IDENTIFIER" until the user fills it in.
    if (p.audience.startsWith(u"YOUR_") || p.audience.startsWith(u"{"))
        p.audience.clear();
    if (o.contains(u"apiUri"))
        p.apiBase = QUrl(o.value(u"apiUri").toString(), QUrl::StrictMode);
    const QStringList problems = p.validate();
    if (!problems.isEmpty()) {
        if (error)
            *error = problems.join(u' ');
        return std::nullopt;
    }
    return p;
}

std::optional<Profile> ProfileStore::fromEnvironment(const QProcessEnvironment &env, const QString &name, QString *error)
{
    if (env.value(u"AUTH0_DOMAIN"_s).isEmpty() || env.value(u"AUTH0_CLIENT_ID"_s).isEmpty()) {
        if (error)
            *error = QCoreApplication::translate("ProfileStore", "Set AUTH0_DOMAIN and AUTH0_CLIENT_ID (and optionally AUTH0_AUDIENCE) to import from the environment.");
        return std::nullopt;
    }
    Profile p;
    p.name = name;
    const auto issuer = Profile::issuerFromDomain(env.value(u"AUTH0_DOMAIN"_s), error);
    if (!issuer)
        return std::nullopt;
    p.issuer = *issuer;
    p.clientId = env.value(u"AUTH0_CLIENT_ID"_s);
    p.audience = env.value(u"AUTH0_AUDIENCE"_s);
    if (!env.value(u"AUTH0_API_URI"_s).isEmpty())
        p.apiBase = QUrl(env.value(u"AUTH0_API_URI"_s), QUrl::StrictMode);
    const QStringList problems = p.validate();
    if (!problems.isEmpty()) {
        if (error)
            *error = problems.join(u' ');
        return std::nullopt;
    }
    return p;
}
