// SPDX-License-Identifier: MIT
// ImportSteps::loadDocument: JSON or YAML into QJsonValue, so each importer
// walks one kind of tree.
#include "api/importedcollection.h"
#include "api/yamldocument.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace {

QJsonValue toJson(const YAML::Node &node, int depth)
{
    if (depth > 200)
        return QJsonValue();
    switch (node.Type()) {
    case YAML::NodeType::Map: {
        QJsonObject o;
        for (const auto &kv : node)
            o.insert(YamlDocument::scalar(kv.first), toJson(kv.second, depth + 1));
        return o;
    }
    case YAML::NodeType::Sequence: {
        QJsonArray a;
        for (const auto &e : node)
            a.append(toJson(e, depth + 1));
        return a;
    }
    case YAML::NodeType::Scalar: {
        const QString s = YamlDocument::scalar(node);
        if (node.Tag() == "?") { // a plain scalar: YAML 1.2's core schema types
            if (s == u"true" || s == u"false")
                return s == u"true";
            if (s == u"null" || s == u"~")
                return QJsonValue();
            bool ok = false;
            const double d = s.toDouble(&ok);
            if (ok && !s.isEmpty() && (s.at(0).isDigit() || s.at(0) == u'-'))
                return d;
        }
        return s;
    }
    default:
        return QJsonValue();
    }
}

} // namespace

std::optional<QJsonValue> ImportSteps::loadDocument(const QByteArray &bytes, QString *error)
{
    if (tooBig(bytes, error))
        return std::nullopt;
    const QByteArray start = bytes.trimmed().left(1);
    if (start == "{" || start == "[") {
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &pe);
        if (pe.error != QJsonParseError::NoError) {
            if (error)
                *error = ImportedCollection::tr("The file is not valid JSON (%1 at byte %2).").arg(pe.errorString()).arg(pe.offset);
            return std::nullopt;
        }
        return doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
    }
    const auto root = YamlDocument::load(bytes, error);
    if (!root)
        return std::nullopt;
    return toJson(*root, 0);
}
