// SPDX-License-Identifier: MIT
#include "api/savedrequests.h"
#include "storage/profilefile.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

int editDistance(const QString &a, const QString &b)
{
    QList<int> row(b.size() + 1);
    for (int j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (int i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = i;
        for (int j = 1; j <= b.size(); ++j) {
            const int up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1].toLower() == b[j - 1].toLower() ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

} // namespace

std::optional<SavedCollection> SavedCollection::parse(const QByteArray &bytes, QString *error)
{
    auto fail = [error](const QString &sentence) -> std::optional<SavedCollection> {
        if (error)
            *error = sentence;
        return std::nullopt;
    };
    SavedCollection c;
    if (bytes.trimmed().isEmpty())
        return c;
    if (bytes.size() > MaxFileBytes)
        return fail(tr("it is larger than %1 MiB.").arg(MaxFileBytes / (1024 * 1024)));
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &pe);
    if (pe.error != QJsonParseError::NoError)
        return fail(tr("it is not valid JSON (%1 at byte %2).").arg(pe.errorString()).arg(pe.offset));
    if (!doc.isObject())
        return fail(tr("it is JSON but not an object."));
    const QJsonObject root = doc.object();
    for (const char *key : {"requests", "variables"}) {
        const QJsonValue v = root.value(QLatin1StringView(key));
        if (!v.isUndefined() && !v.isArray())
            return fail(tr("\"%1\" is not a list.").arg(QLatin1StringView(key)));
    }
    for (const QJsonValue &v : root.value(u"requests").toArray()) {
        if (!v.isObject())
            return fail(tr("an entry of \"requests\" is not an object."));
        QString why;
        auto r = SavedRequest::fromJson(v.toObject(), &why);
        if (!r)
            return fail(why);
        if (c.indexOf(r->path()) >= 0)
            return fail(tr("two requests are both named \"%1\".").arg(r->path()));
        c.requests.append(*r);
    }
    for (const QJsonValue &v : root.value(u"variables").toArray()) {
        const QJsonObject o = v.toObject();
        SavedVariable var;
        var.name = o.value(u"name").toString();
        QString why;
        if (!v.isObject() || !RequestVariables::isValidName(var.name, &why))
            return fail(tr("a variable cannot be used: %1").arg(why.isEmpty() ? tr("it is not an object with a name.") : why));
        if (!o.value(u"value").isUndefined() && !o.value(u"value").isString())
            return fail(tr("the value of the variable %1 is not text.").arg(var.name));
        var.secret = o.value(u"secret").toBool();
        var.value = var.secret ? QString() : o.value(u"value").toString();
        if (std::any_of(c.variables.cbegin(), c.variables.cend(), [&var](const SavedVariable &known) { return known.name == var.name; }))
            return fail(tr("the variable %1 is defined twice.").arg(var.name));
        c.variables.append(var);
    }
    return c;
}

QByteArray SavedCollection::toJson() const
{
    QJsonArray vars;
    for (const SavedVariable &v : variables) {
        QJsonObject o{{u"name"_s, v.name}};
        if (v.secret)
            o.insert(u"secret"_s, true); // the value is in the keychain, never here
        else
            o.insert(u"value"_s, v.value);
        vars.append(o);
    }
    QJsonArray list;
    for (const SavedRequest &r : requests)
        list.append(r.toJson());
    return QJsonDocument(QJsonObject{{u"version"_s, 1}, {u"variables"_s, vars}, {u"requests"_s, list}}).toJson(QJsonDocument::Indented);
}

int SavedCollection::indexOf(const QString &path) const
{
    for (int i = 0; i < requests.size(); ++i) {
        if (requests.at(i).path() == path)
            return i;
    }
    return -1;
}

QStringList SavedCollection::closestPaths(const QString &name, int count) const
{
    QList<QPair<int, QString>> scored;
    for (const SavedRequest &r : requests)
        scored.append({std::min(editDistance(name, r.path()), editDistance(name, r.name)), r.path()});
    std::sort(scored.begin(), scored.end());
    QStringList out;
    for (const auto &s : scored) {
        if (out.size() == count || s.first > std::max<qsizetype>(3, name.size() / 2))
            break;
        out.append(s.second);
    }
    return out;
}

const SavedRequest *SavedCollection::find(const QString &name, QString *error) const
{
    const int exact = indexOf(name);
    if (exact >= 0)
        return &requests.at(exact);
    QList<const SavedRequest *> byName;
    for (const SavedRequest &r : requests) {
        if (r.name == name)
            byName.append(&r);
    }
    if (byName.size() == 1)
        return byName.first();
    if (error) {
        if (byName.size() > 1) {
            QStringList paths;
            for (const SavedRequest *r : byName)
                paths.append(u'"' + r->path() + u'"');
            *error = tr("Several saved requests are named \"%1\": %2; give the folder too.").arg(name, paths.join(u", "_s));
        } else if (requests.isEmpty()) {
            *error = tr("There is no saved request \"%1\": this profile has no saved requests yet.").arg(name);
        } else {
            const QStringList close = closestPaths(name);
            *error = close.isEmpty() ? tr("There is no saved request \"%1\".").arg(name)
                                     : tr("There is no saved request \"%1\"; did you mean %2?").arg(name, u'"' + close.join(u"\", \""_s) + u'"');
        }
    }
    return nullptr;
}

SavedRequests::SavedRequests(const QString &directory, const QString &profile)
    : m_path(ProfileFile::path(directory, u"requests"_s, profile, u".json"_s))
{
}

std::optional<SavedCollection> SavedRequests::load(QString *error) const
{
    const auto bytes = ProfileFile::read(m_path, SavedCollection::MaxFileBytes, error);
    if (!bytes)
        return std::nullopt;
    QString why;
    auto c = SavedCollection::parse(*bytes, &why);
    if (!c && error)
        *error = tr("TokenLab cannot read the saved requests in %1: %2 Fix or remove the file; until then nothing is saved there.")
                         .arg(QDir::toNativeSeparators(m_path), why);
    return c;
}

bool SavedRequests::change(const std::function<bool(SavedCollection &, QString *)> &apply, QString *error)
{
    return ProfileFile::update(m_path, SavedCollection::MaxFileBytes, [&](const QByteArray &current, QString *why) -> std::optional<QByteArray> {
        QString problem;
        auto c = SavedCollection::parse(current, &problem);
        if (!c) {
            if (why)
                *why = tr("TokenLab cannot read the saved requests in %1: %2 Fix or remove the file; until then nothing is saved there.")
                               .arg(QDir::toNativeSeparators(m_path), problem);
            return std::nullopt;
        }
        if (!apply(*c, why))
            return std::nullopt;
        return c->toJson();
    }, error);
}

bool SavedRequests::save(const SavedRequest &request, const QString &replacing, QString *error)
{
    QString why;
    if (!SavedRequest::isValidName(request.name, &why)) {
        if (error)
            *error = why;
        return false;
    }
    for (const QString &part : request.folder.split(u'/', Qt::SkipEmptyParts)) {
        if (!SavedRequest::isValidName(part, &why)) {
            if (error)
                *error = why;
            return false;
        }
    }
    SavedRequest r = request;
    r.folder = request.folder.split(u'/', Qt::SkipEmptyParts).join(u'/');
    return change([&](SavedCollection &c, QString *e) {
        const int existing = c.indexOf(r.path());
        const int old = replacing.isEmpty() ? -1 : c.indexOf(replacing);
        if (existing >= 0 && existing != old) {
            if (e)
                *e = tr("A saved request is already named \"%1\"; choose another name.").arg(r.path());
            return false;
        }
        if (old >= 0)
            c.requests[old] = r;
        else
            c.requests.append(r);
        return true;
    }, error);
}

bool SavedRequests::remove(const QString &path, QString *error)
{
    return change([&](SavedCollection &c, QString *e) {
        const int i = c.indexOf(path);
        if (i < 0) {
            if (e)
                *e = tr("There is no saved request \"%1\" any more.").arg(path);
            return false;
        }
        c.requests.removeAt(i);
        return true;
    }, error);
}

bool SavedRequests::renameFolder(const QString &from, const QString &to, QString *error)
{
    for (const QString &part : to.split(u'/', Qt::SkipEmptyParts)) {
        if (!SavedRequest::isValidName(part, error))
            return false;
    }
    const QString target = to.split(u'/', Qt::SkipEmptyParts).join(u'/');
    return change([&](SavedCollection &c, QString *e) {
        for (SavedRequest &r : c.requests) {
            if (r.folder == from || r.folder.startsWith(from + u'/'))
                r.folder = target + r.folder.mid(from.size());
            while (r.folder.startsWith(u'/'))
                r.folder.remove(0, 1);
        }
        for (int i = 0; i < c.requests.size(); ++i) {
            if (c.indexOf(c.requests.at(i).path()) != i) {
                if (e)
                    *e = tr("Moving the folder would give two requests the name \"%1\".").arg(c.requests.at(i).path());
                return false;
            }
        }
        return true;
    }, error);
}

bool SavedRequests::setVariables(const QList<SavedVariable> &variables, QString *error)
{
    QStringList seen;
    for (const SavedVariable &v : variables) {
        if (!RequestVariables::isValidName(v.name, error))
            return false;
        if (seen.contains(v.name)) {
            if (error)
                *error = tr("The variable %1 is defined twice.").arg(v.name);
            return false;
        }
        seen.append(v.name);
    }
    return change([&](SavedCollection &c, QString *) {
        c.variables = variables;
        for (SavedVariable &v : c.variables) {
            if (v.secret)
                v.value.clear();
        }
        return true;
    }, error);
}

bool SavedRequests::merge(const SavedCollection &added, QString *error)
{
    // Both halves go through parse() again: what merge() writes, load() reads.
    QString why;
    if (!SavedCollection::parse(added.toJson(), &why)) {
        if (error)
            *error = tr("The imported requests cannot be saved: %1").arg(why);
        return false;
    }
    return change([&](SavedCollection &c, QString *e) {
        for (const SavedRequest &r : added.requests) {
            if (c.indexOf(r.path()) >= 0) {
                if (e)
                    *e = tr("A saved request is already named \"%1\"; nothing was imported.").arg(r.path());
                return false;
            }
        }
        for (const SavedVariable &v : added.variables) {
            if (std::any_of(c.variables.cbegin(), c.variables.cend(), [&v](const SavedVariable &known) { return known.name == v.name; })) {
                if (e)
                    *e = tr("The profile already has a variable %1; nothing was imported.").arg(v.name);
                return false;
            }
        }
        c.requests += added.requests;
        for (SavedVariable v : added.variables) {
            if (v.secret)
                v.value.clear();
            c.variables.append(v);
        }
        return true;
    }, error);
}

bool SavedRequests::unmerge(const SavedCollection &added, QString *error)
{
    return change([&](SavedCollection &c, QString *) {
        for (const SavedRequest &r : added.requests) {
            const int at = c.indexOf(r.path());
            if (at >= 0)
                c.requests.removeAt(at);
        }
        for (const SavedVariable &v : added.variables) {
            c.variables.removeIf([&v](const SavedVariable &known) { return known.name == v.name; });
        }
        return true;
    }, error);
}
