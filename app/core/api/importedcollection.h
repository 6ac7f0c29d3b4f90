// SPDX-License-Identifier: MIT
// What an import from another tool (Postman, Insomnia, Bruno, OpenAPI)
// found, before anything is saved: a profile candidate from its OAuth 2.0
// settings, saved requests, profile variables, the secrets, and notes.
//
// Contract: the parsers (PostmanImport, InsomniaImport, BrunoImport,
// OpenApiImport) are pure functions from bytes to an ImportedCollection or
// one sentence. Secrets (a client secret, secret variables' values) are
// kept only in `secrets`, never in `profile`, `requests` or `variables`,
// which are what goes to TokenLab's files; ImportApplyJob sends secrets to
// the keychain. Every skipped or changed thing is a note, one sentence.
#pragma once

#include "api/savedrequests.h"
#include "storage/profile.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QSet>
#include <QUrl>
#include <optional>

struct ImportedSecret
{
    enum class Kind { ClientSecret, Variable };
    Kind kind = Kind::Variable;
    QString name;  // the variable's name; "client secret" for the client's
    QString value; // empty when the source names a secret without its value
};

struct ImportedCollection
{
    Q_DECLARE_TR_FUNCTIONS(ImportedCollection)

public:
    enum class Format { Postman, Insomnia, Bruno, OpenApi };

    static constexpr qint64 MaxBytes = 4 * 1024 * 1024; // one file
    static constexpr int MaxDepth = 32;                  // folders in folders
    static constexpr int MaxRequests = 2000;
    static constexpr int MaxVariables = 1000;

    Format format = Format::Postman;
    QString title;         // the collection's own name, a default for the profile's
    bool hasOAuth = false; // OAuth 2.0 settings were found: the import makes a profile
    Profile profile;       // name empty until the user confirms one
    QUrl tokenUrl;
    QUrl authorizeUrl;
    QList<SavedRequest> requests;
    QList<SavedVariable> variables; // secret ones without their values
    QList<ImportedSecret> secrets;  // never written to TokenLab's files
    QStringList notes;
    QString baseVariable; // the variable that became the API base and {{base}}, if any
    int overLimit = 0;    // requests past MaxRequests: finish() refuses the import
    QSet<QString> paths;  // the requests' paths, so that each name is made unique in one look-up

    static QString formatName(Format format);
    static std::optional<Format> formatFromName(const QString &name);
    // Postman, Insomnia or OpenAPI by content; nullopt with a sentence otherwise.
    static std::optional<Format> detect(const QByteArray &bytes, QString *error);
    // The issuer of a token or authorization endpoint, from the shapes the
    // big providers use (Auth0, Okta, Keycloak, Entra ID), otherwise its origin.
    static QUrl issuerFor(const QUrl &endpoint);
};

// The OAuth 2.0 settings the tools share, as each of them spells them.
struct ImportedOAuth
{
    QString grant; // "authorization_code", "client_credentials", "password", ...
    bool pkce = false;
    QString authorizeUrl;
    QString tokenUrl;
    QString clientId;
    QString clientSecret;
    QString scope;
    QString audience;
    QString resource;
    bool basicAuth = false; // the client authenticates with an Authorization: Basic header (RFC 6749 2.3.1)
    QString where; // "the collection", "the folder \"x\"", for notes
};

// Steps the parsers share; each records what it did as notes.
namespace ImportSteps {

// Fills c->profile from settings (variables resolved from c->variables and
// secrets), the client secret into c->secrets.
void applyOAuth(ImportedCollection *c, const ImportedOAuth &oauth);
// Adds a variable, secret or not (a secret's value goes to c->secrets); a
// name TokenLab cannot use is a note. Names that look like secrets
// (secret, password, token, key) are kept as secrets.
void addVariable(ImportedCollection *c, const QString &name, const QString &value, bool secret, const QString &source);
// Adds a request: a name and folder TokenLab can use, a unique path, an
// upper-case method. False (with a note) when it is skipped.
bool addRequest(ImportedCollection *c, SavedRequest request, const QStringList &folders);
// The API base: a variable named base, baseUrl, base_url, host, url or
// apiUrl that holds an http(s) URL becomes the profile's API base and
// {{it}} becomes {{base}}; otherwise the origin all absolute URLs share.
void settleApiBase(ImportedCollection *c);
// The end of every parser: nullopt with a sentence when the file held more
// than MaxRequests requests, else c.
std::optional<ImportedCollection> finish(ImportedCollection c, QString *error);
// The value of a variable, if the import has one (plain, or a secret's).
std::optional<QString> variable(const ImportedCollection &c, const QString &name);
// {{name}} replaced by known values, the rest left as it is.
QString resolve(const ImportedCollection &c, const QString &text);
// A file over MaxBytes: a sentence.
bool tooBig(const QByteArray &bytes, QString *error);
// A JSON document, or a YAML one read through YamlDocument (bounded) and
// turned into the same JSON values; nullopt and one sentence.
std::optional<QJsonValue> loadDocument(const QByteArray &bytes, QString *error);
// A JSON object's text member, or empty.
QString text(const QJsonObject &o, const char *key);

} // namespace ImportSteps
