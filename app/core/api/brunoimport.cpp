// SPDX-License-Identifier: MIT
#include "api/brunoimport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>

using namespace Qt::StringLiterals;
using namespace ImportSteps;

namespace {

bool isTextBlock(const QString &name)
{
    return (name.startsWith(u"body") && name != u"body:form-urlencoded" && name != u"body:multipart-form")
           || name == u"docs" || name.startsWith(u"script") || name == u"tests";
}

const BrunoImport::Block *find(const QList<BrunoImport::Block> &blocks, const QString &name)
{
    for (const auto &b : blocks) {
        if (b.name == name)
            return &b;
    }
    return nullptr;
}

QString value(const BrunoImport::Block *b, const QString &key)
{
    if (!b)
        return {};
    for (const auto &p : b->pairs) {
        if (p.first == key)
            return p.second;
    }
    return {};
}

// A relative path inside the folder: no "..", no absolute path, no backslash, no drive.
bool safePath(const QString &path)
{
    if (path.isEmpty() || path.startsWith(u'/') || path.contains(u'\\') || path.contains(u':') || path.contains(QChar(0)))
        return false;
    for (const QString &part : path.split(u'/')) {
        if (part.isEmpty() || part == u"." || part == u"..")
            return false;
    }
    return true;
}

} // namespace

std::optional<QList<BrunoImport::Block>> BrunoImport::parseBru(const QString &text, QString *error)
{
    QList<Block> blocks;
    const QStringList lines = text.split(u'\n');
    auto fail = [error](int line, const QString &why) -> std::optional<QList<Block>> {
        if (error)
            *error = QCoreApplication::translate("BrunoImport", "Line %1: %2").arg(line + 1).arg(why);
        return std::nullopt;
    };
    for (int i = 0; i < lines.size(); ++i) {
        QString line = lines.at(i);
        if (line.endsWith(u'\r'))
            line.chop(1);
        if (line.trimmed().isEmpty())
            continue;
        const QString head = line.trimmed();
        const bool list = head.endsWith(u'[');
        if (!head.endsWith(u'{') && !list)
            return fail(i, QCoreApplication::translate("BrunoImport", "\"%1\" is not the start of a block (\"name {\").").arg(head.left(40)));
        Block b;
        b.name = head.chopped(1).trimmed();
        if (b.name.isEmpty() || b.name.contains(u' '))
            return fail(i, QCoreApplication::translate("BrunoImport", "a block has no name, or a name with a space."));
        const QChar close = list ? u']' : u'}';
        QStringList body;
        bool closed = false;
        for (++i; i < lines.size(); ++i) {
            QString l = lines.at(i);
            if (l.endsWith(u'\r'))
                l.chop(1);
            if (l == QString(close)) {
                closed = true;
                break;
            }
            body << l;
        }
        if (!closed)
            return fail(i - 1, QCoreApplication::translate("BrunoImport", "the block \"%1\" is never closed with \"%2\" on a line of its own.").arg(b.name.left(40), QString(close)));
        if (isTextBlock(b.name)) {
            for (QString &l : body)
                l = l.startsWith(u"  ") ? l.mid(2) : l;
            b.text = body.join(u'\n');
        } else if (list) {
            for (const QString &l : body) {
                for (const QString &item : l.split(u',')) {
                    if (!item.trimmed().isEmpty() && !item.trimmed().startsWith(u'~'))
                        b.pairs.append({item.trimmed(), QString()});
                }
            }
        } else {
            for (const QString &l : body) {
                const QString t = l.trimmed();
                if (t.isEmpty())
                    continue;
                const qsizetype colon = t.indexOf(u':');
                if (colon <= 0)
                    return fail(i, QCoreApplication::translate("BrunoImport", "a line of \"%1\" is not \"key: value\".").arg(b.name.left(40)));
                if (!t.startsWith(u'~'))
                    b.pairs.append({t.left(colon).trimmed(), t.mid(colon + 1).trimmed()});
            }
        }
        blocks.append(b);
    }
    return blocks;
}

std::optional<ImportedCollection> BrunoImport::parse(const QMap<QString, QByteArray> &files, QString *error)
{
    auto fail = [error](const QString &sentence) -> std::optional<ImportedCollection> {
        if (error)
            *error = sentence;
        return std::nullopt;
    };
    if (files.size() > MaxFiles)
        return fail(QCoreApplication::translate("BrunoImport", "The folder holds more than %1 files, more than a collection TokenLab reads.").arg(MaxFiles));
    qint64 total = 0;
    for (auto it = files.begin(); it != files.end(); ++it) {
        if (!safePath(it.key()))
            return fail(QCoreApplication::translate("BrunoImport", "The file name \"%1\" is not a plain path inside the collection folder.").arg(it.key().left(100)));
        if (it.key().count(u'/') > ImportedCollection::MaxDepth)
            return fail(QCoreApplication::translate("BrunoImport", "The folders are nested more than %1 deep.").arg(ImportedCollection::MaxDepth));
        if (it->size() > ImportedCollection::MaxBytes)
            return fail(QCoreApplication::translate("BrunoImport", "%1 is larger than %2 MiB.").arg(it.key()).arg(ImportedCollection::MaxBytes / (1024 * 1024)));
        total += it->size();
    }
    if (total > MaxTotalBytes)
        return fail(QCoreApplication::translate("BrunoImport", "The collection's files add up to more than %1 MiB.").arg(MaxTotalBytes / (1024 * 1024)));
    if (!files.contains(u"bruno.json"_s))
        return fail(QCoreApplication::translate("BrunoImport", "The folder has no bruno.json, so it is not a Bruno collection."));
    QJsonParseError pe;
    const QJsonDocument meta = QJsonDocument::fromJson(files.value(u"bruno.json"_s), &pe);
    if (pe.error != QJsonParseError::NoError || !meta.isObject())
        return fail(QCoreApplication::translate("BrunoImport", "bruno.json is not a JSON object."));
    ImportedCollection c;
    c.format = ImportedCollection::Format::Bruno;
    c.title = meta.object().value(u"name").toString();

    auto bru = [&files](const QString &path, QString *why) { return parseBru(QString::fromUtf8(files.value(path)), why); };
    // The first environment (by name) gives the variables.
    bool envUsed = false;
    for (auto it = files.begin(); it != files.end(); ++it) {
        if (!it.key().startsWith(u"environments/") || !it.key().endsWith(u".bru") || it.key().count(u'/') != 1)
            continue;
        const QString envName = it.key().mid(13).chopped(4);
        if (envUsed) {
            c.notes << QCoreApplication::translate("BrunoImport", "The environment \"%1\" was left out: the import takes the first one only.").arg(envName);
            continue;
        }
        envUsed = true;
        QString why;
        const auto blocks = bru(it.key(), &why);
        if (!blocks)
            return fail(QCoreApplication::translate("BrunoImport", "%1: %2").arg(it.key(), why));
        if (const Block *vars = find(*blocks, u"vars"_s)) {
            for (const auto &p : vars->pairs)
                addVariable(&c, p.first, p.second, false, QCoreApplication::translate("BrunoImport", "the environment \"%1\"").arg(envName));
        }
        if (const Block *secrets = find(*blocks, u"vars:secret"_s)) {
            for (const auto &p : secrets->pairs)
                addVariable(&c, p.first, QString(), true, QCoreApplication::translate("BrunoImport", "the environment \"%1\"").arg(envName));
        }
    }
    auto oauth = [&c](const QList<Block> &blocks, const QString &where, bool *withToken) {
        const Block *a = find(blocks, u"auth:oauth2"_s);
        const QString mode = value(find(blocks, u"auth"_s), u"mode"_s);
        if (mode == u"none")
            *withToken = false;
        if (!a)
            return;
        ImportedOAuth o;
        o.grant = value(a, u"grant_type"_s);
        o.pkce = value(a, u"pkce"_s) == u"true";
        o.authorizeUrl = value(a, u"authorization_url"_s);
        o.tokenUrl = value(a, u"access_token_url"_s);
        o.clientId = value(a, u"client_id"_s);
        o.clientSecret = value(a, u"client_secret"_s);
        o.scope = value(a, u"scope"_s);
        o.audience = value(a, u"audience"_s);
        o.resource = value(a, u"resource"_s);
        o.basicAuth = value(a, u"credentials_placement"_s) == u"basic_auth_header";
        o.where = where;
        applyOAuth(&c, o);
    };
    QHash<QString, QString> folderNames; // folder path -> its folder.bru meta name
    bool collectionToken = true;
    for (auto it = files.begin(); it != files.end(); ++it) {
        const bool collection = it.key() == u"collection.bru";
        if (!collection && !it.key().endsWith(u"/folder.bru"))
            continue;
        QString why;
        const auto blocks = bru(it.key(), &why);
        if (!blocks)
            return fail(QCoreApplication::translate("BrunoImport", "%1: %2").arg(it.key(), why));
        bool token = true;
        oauth(*blocks, collection ? QCoreApplication::translate("BrunoImport", "The collection") : QCoreApplication::translate("BrunoImport", "The folder %1").arg(it.key().chopped(11)), &token);
        if (collection)
            collectionToken = token;
        else if (!value(find(*blocks, u"meta"_s), u"name"_s).isEmpty())
            folderNames.insert(it.key().chopped(11), value(find(*blocks, u"meta"_s), u"name"_s));
    }
    static const QStringList methods{u"get"_s, u"post"_s, u"put"_s, u"patch"_s, u"delete"_s, u"head"_s, u"options"_s};
    for (auto it = files.begin(); it != files.end(); ++it) {
        const QString &path = it.key();
        if (!path.endsWith(u".bru") || path.startsWith(u"environments/") || path == u"collection.bru" || path.endsWith(u"/folder.bru")
            || path == u"folder.bru")
            continue;
        QString why;
        const auto blocks = bru(path, &why);
        if (!blocks)
            return fail(QCoreApplication::translate("BrunoImport", "%1: %2").arg(path, why));
        SavedRequest r;
        const Block *meta = find(*blocks, u"meta"_s);
        r.name = value(meta, u"name"_s);
        if (r.name.isEmpty())
            r.name = path.section(u'/', -1).chopped(4);
        const Block *verb = nullptr;
        for (const QString &m : methods) {
            if ((verb = find(*blocks, m)))
                break;
        }
        if (!verb) {
            c.notes << QCoreApplication::translate("BrunoImport", "%1 was skipped: it is not an HTTP request (GraphQL and others are not imported).").arg(path);
            continue;
        }
        r.method = verb->name.toUpper();
        r.url = value(verb, u"url"_s);
        if (r.url.isEmpty()) {
            c.notes << QCoreApplication::translate("BrunoImport", "%1 was skipped: it has no URL.").arg(path);
            continue;
        }
        if (const Block *h = find(*blocks, u"headers"_s))
            r.headers = h->pairs;
        const QString body = value(verb, u"body"_s);
        if (body == u"json" || body == u"text" || body == u"xml") {
            const Block *b = find(*blocks, u"body:"_s + body);
            r.body = b ? b->text : QString();
            r.bodyType = body == u"json" ? SavedRequest::BodyType::Json : SavedRequest::BodyType::Raw;
            if (body != u"json")
                r.contentType = body == u"xml" ? u"application/xml"_s : u"text/plain"_s;
        } else if (body == u"formUrlEncoded" || body == u"form-urlencoded") {
            if (const Block *b = find(*blocks, u"body:form-urlencoded"_s))
                r.form = b->pairs;
            r.bodyType = SavedRequest::BodyType::Form;
        } else if (!body.isEmpty() && body != u"none") {
            c.notes << QCoreApplication::translate("BrunoImport", "The %1 body of %2 was left out: TokenLab sends JSON, form and raw bodies.").arg(body.left(20), path);
        }
        const QString auth = value(verb, u"auth"_s);
        bool token = collectionToken;
        if (auth == u"none")
            token = false;
        else if (auth == u"oauth2")
            oauth(*blocks, QCoreApplication::translate("BrunoImport", "The request %1").arg(path), &token);
        else if (!auth.isEmpty() && auth != u"inherit" && auth != u"bearer")
            c.notes << QCoreApplication::translate("BrunoImport", "%1 uses Bruno's %2 auth, which TokenLab does not import; it sends the profile's token.").arg(path, auth.left(40));
        r.withToken = token;
        QStringList folders;
        const QStringList parts = path.split(u'/').mid(0, path.count(u'/'));
        for (int i = 0; i < parts.size(); ++i)
            folders << folderNames.value(parts.mid(0, i + 1).join(u'/'), parts.at(i));
        addRequest(&c, r, folders);
    }
    settleApiBase(&c);
    return ImportSteps::finish(c, error);
}

std::optional<QMap<QString, QByteArray>> BrunoImport::readFolder(const QString &path, QString *error)
{
    auto fail = [error](const QString &sentence) -> std::optional<QMap<QString, QByteArray>> {
        if (error)
            *error = sentence;
        return std::nullopt;
    };
    const QDir root(path);
    if (!QFileInfo(root.filePath(u"bruno.json"_s)).isFile())
        return fail(QCoreApplication::translate("BrunoImport", "%1 has no bruno.json, so it is not a Bruno collection folder.").arg(path));
    QMap<QString, QByteArray> files;
    qint64 total = 0;
    QDirIterator it(root.absolutePath(), {u"*.bru"_s, u"bruno.json"_s}, QDir::Files | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString rel = root.relativeFilePath(file);
        if (rel.startsWith(u"node_modules/") || rel.startsWith(u'.') || rel.contains(u"/."_s) || it.fileInfo().isSymLink())
            continue;
        if (files.size() >= BrunoImport::MaxFiles)
            return fail(QCoreApplication::translate("BrunoImport", "%1 holds more than %2 .bru files, more than a collection TokenLab reads.").arg(path).arg(BrunoImport::MaxFiles));
        if (it.fileInfo().size() > ImportedCollection::MaxBytes)
            return fail(QCoreApplication::translate("BrunoImport", "%1 is larger than %2 MiB.").arg(rel).arg(ImportedCollection::MaxBytes / (1024 * 1024)));
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly))
            return fail(QCoreApplication::translate("BrunoImport", "Cannot read %1: %2").arg(rel, f.errorString()));
        const QByteArray bytes = f.read(ImportedCollection::MaxBytes + 1);
        total += bytes.size();
        if (total > BrunoImport::MaxTotalBytes)
            return fail(QCoreApplication::translate("BrunoImport", "The collection's files add up to more than %1 MiB.").arg(BrunoImport::MaxTotalBytes / (1024 * 1024)));
        files.insert(rel, bytes);
    }
    return files;
}
