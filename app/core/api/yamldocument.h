// SPDX-License-Identifier: MIT
// Bounded loading of a YAML 1.2 or JSON document (JSON is YAML's flow
// style) into a yaml-cpp node tree whose every node keeps its line and
// column, for the importers of outside documents (OpenAPI).
//
// Contract: load() never hands out a tree bigger than maxNodes, counted
// with every alias expanded, so a "billion laughs" document of a few
// hundred bytes is refused before anything walks it; nesting is bounded
// (yaml-cpp refuses more than 2,000 levels, QJsonDocument fewer). Input that
// starts with '{' or '[' is read as JSON first, so a JSON mistake (a
// trailing comma YAML would forgive) is named as one. Every refusal is one
// sentence that starts with "Line L, column C:" where a position is known.
// Only the api layer's .cpp files include this header: yaml-cpp stays a
// private dependency of tokenlab_api.
#pragma once

#include <QByteArray>
#include <QString>
#include <optional>
#include <yaml-cpp/yaml.h>

namespace YamlDocument {

// Nodes, aliases expanded. A 2 MiB OpenAPI document has about 100,000.
constexpr qint64 maxNodes = 250'000;

// The document's root, or nullopt with one sentence in *error.
std::optional<YAML::Node> load(const QByteArray &bytes, QString *error);

// "Line 3, column 7" (yaml-cpp counts from 0, people from 1); empty for a
// node that has no position.
QString at(const YAML::Mark &mark);

// One sentence about a place: "Line 3, column 7: " and why, with a full
// stop; why alone, capitalised, where there is no position.
QString sentence(const YAML::Mark &mark, const QString &why);

// The text of a scalar as UTF-8; empty for anything else.
QString scalar(const YAML::Node &node);

// "a map", "a list", "a string" ... for sentences that say what was found.
QString kind(const YAML::Node &node);

} // namespace YamlDocument
