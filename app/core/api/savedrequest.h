// SPDX-License-Identifier: MIT
// A request as the user composes it in the API tab or saves it: method, a
// URL and headers that may hold {{placeholders}}, and a body of one type
// (JSON, form fields, or raw text with its content type). toApiRequest()
// resolves the placeholders (RequestVariables) and builds what ApiClient
// sends; every problem is a sentence that names the field.
#pragma once

#include "api/apiclient.h"
#include "api/requestvariables.h"

#include <QCoreApplication>
#include <QJsonObject>

struct SavedRequest
{
    Q_DECLARE_TR_FUNCTIONS(SavedRequest)

public:
    enum class BodyType { None, Json, Form, Raw };
    using Pairs = QList<QPair<QString, QString>>;

    QString folder; // "team/users": '/'-separated, may be empty
    QString name;
    QString method = QStringLiteral("GET");
    QString url;    // "/api/path", "{{base}}/api/path" or a full URL
    Pairs headers;
    BodyType bodyType = BodyType::None;
    QString body;   // Json and Raw
    Pairs form;     // Form
    QString contentType; // Raw; text/plain when empty
    bool withToken = true;

    // "folder/name", or the name alone at the top.
    QString path() const;
    bool operator==(const SavedRequest &other) const;

    // Every {{name}} the URL, headers and body use.
    QStringList placeholderNames() const;
    // A relative URL is joined to apiBase ({{base}} too).
    std::optional<ApiRequest> toApiRequest(const RequestVariables &variables, const QUrl &apiBase, QString *error) const;
    // What a history entry asked, to edit or send again.
    static SavedRequest fromApiRequest(const ApiRequest &request, const QUrl &apiBase);

    QJsonObject toJson() const;
    static std::optional<SavedRequest> fromJson(const QJsonObject &o, QString *error);
    static QString bodyTypeName(BodyType type);
    // A folder or name part: not empty, no '/', no control characters, at most 200 characters.
    static bool isValidName(const QString &name, QString *error);
};
