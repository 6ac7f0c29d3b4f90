// SPDX-License-Identifier: MIT
#include "api/importsource.h"
#include "api/brunoimport.h"
#include "api/insomniaimport.h"
#include "api/openapiimport.h"
#include "api/postmanimport.h"
#include "api/secretvariables.h"

#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace {

} // namespace

std::optional<ImportedCollection> ImportSource::read(const QString &path, std::optional<ImportedCollection::Format> format,
                                                     QString *error)
{
    const QFileInfo info(path);
    if (info.isDir() || format == ImportedCollection::Format::Bruno) {
        const auto files = BrunoImport::readFolder(path, error);
        return files ? BrunoImport::parse(*files, error) : std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QCoreApplication::translate("ImportSource", "Cannot read %1: %2.").arg(path, file.errorString());
        return std::nullopt;
    }
    const QByteArray bytes = file.read(ImportedCollection::MaxBytes + 1);
    if (!format)
        format = ImportedCollection::detect(bytes, error);
    if (!format)
        return std::nullopt;
    switch (*format) {
    case ImportedCollection::Format::Postman:
        return PostmanImport::parse(bytes, error);
    case ImportedCollection::Format::Insomnia:
        return InsomniaImport::parse(bytes, error);
    case ImportedCollection::Format::OpenApi:
        return OpenApiImport::parse(bytes, error);
    case ImportedCollection::Format::Bruno:
        break;
    }
    return std::nullopt;
}

QStringList ImportSource::preview(const ImportedCollection &c, const QString &name, bool withSecretsAndNotes)
{
    QStringList lines;
    const Profile &p = c.profile;
    const QString from = c.title.isEmpty() ? ImportedCollection::formatName(c.format) : c.title;
    if (c.hasOAuth) {
        lines << QCoreApplication::translate("ImportSource", "Profile %1 from %2 (%3):").arg(name, from, ImportedCollection::formatName(c.format));
        lines << QCoreApplication::translate("ImportSource", "  grant:     %1").arg(p.isMachineToMachine() ? QCoreApplication::translate("ImportSource", "client credentials") : QCoreApplication::translate("ImportSource", "authorization code with PKCE"));
        if (p.isMachineToMachine())
            lines << QCoreApplication::translate("ImportSource", "  secret:    %1").arg(p.clientAuth == Profile::ClientAuth::Basic ? QCoreApplication::translate("ImportSource", "sent in an HTTP Basic header")
                                                                                       : QCoreApplication::translate("ImportSource", "sent in the request body"));
        lines << QCoreApplication::translate("ImportSource", "  issuer:    %1").arg(p.issuer.isEmpty() ? QCoreApplication::translate("ImportSource", "(none: give one)") : p.issuer.toString());
        lines << QCoreApplication::translate("ImportSource", "  client ID: %1").arg(p.clientId.isEmpty() ? QCoreApplication::translate("ImportSource", "(none: give one)") : p.clientId);
        lines << QCoreApplication::translate("ImportSource", "  scope:     %1").arg(p.scope);
        if (!p.audience.isEmpty())
            lines << QCoreApplication::translate("ImportSource", "  audience:  %1").arg(p.audience);
        if (!p.resource.isEmpty())
            lines << QCoreApplication::translate("ImportSource", "  resource:  %1").arg(p.resource);
    } else {
        lines << QCoreApplication::translate("ImportSource", "Requests and variables from %1 (%2) for the existing profile %3:").arg(from, ImportedCollection::formatName(c.format), name);
    }
    if (!p.apiBase.isEmpty() && c.hasOAuth)
        lines << QCoreApplication::translate("ImportSource", "  API base:  %1").arg(p.apiBase.toString());
    else if (!c.baseVariable.isEmpty())
        lines << QCoreApplication::translate("ImportSource", "  The profile keeps its API base; %1 stays a variable.").arg(c.baseVariable);
    lines << QCoreApplication::translate("ImportSource", "Saved requests (%1):").arg(c.requests.size());
    for (const SavedRequest &r : c.requests.mid(0, 50))
        lines << u"  %1 %2  (%3)"_s.arg(r.method, -7).arg(r.url, r.path());
    if (c.requests.size() > 50)
        lines << QCoreApplication::translate("ImportSource", "  ... and %1 more").arg(c.requests.size() - 50);
    lines << QCoreApplication::translate("ImportSource", "Variables (%1):").arg(c.variables.size());
    for (const SavedVariable &v : c.variables)
        lines << (v.secret ? QCoreApplication::translate("ImportSource", "  %1 (secret)").arg(v.name) : u"  %1 = %2"_s.arg(v.name, v.value));
    if (!withSecretsAndNotes)
        return lines;
    lines << QCoreApplication::translate("ImportSource", "Secrets kept in the keychain, never in TokenLab's files (%1):").arg(c.secrets.size());
    for (const ImportedSecret &s : c.secrets) {
        if (s.value.isEmpty())
            lines << QCoreApplication::translate("ImportSource", "  %1: no value in the file, nothing stored").arg(s.name);
        else if (s.kind == ImportedSecret::Kind::ClientSecret)
            lines << QCoreApplication::translate("ImportSource", "  client secret -> %1:%2").arg(TokenStore::secretPrefix(SecretKind::ClientSecret), name);
        else
            lines << QCoreApplication::translate("ImportSource", "  variable %1 -> %2").arg(s.name, SecretVariablesJob::entryName(name, s.name));
    }
    if (!c.notes.isEmpty()) {
        lines << QCoreApplication::translate("ImportSource", "Notes:");
        for (const QString &n : c.notes)
            lines << u"  - "_s + n;
    }
    return lines;
}
