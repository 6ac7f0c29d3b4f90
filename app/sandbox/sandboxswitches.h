// SPDX-License-Identifier: MIT
// The three switches that make a sandbox tenant stricter than its lenient
// default, so DPoP and PAR can be tried against it offline:
//   require PAR     /authorize takes only pushed requests (RFC 9126 5)
//   DPoP nonces     the token endpoint and the API demand server nonces (RFC 9449 8, 9)
//   API DPoP mode   "required" refuses Bearer tokens at the sample API (RFC 9449 7)
// tokenlab-sandbox takes them as flags. The app's and the CLI's tenant keep
// them in a small JSON file beside the remembered ports
// ({"version":1,"require_par":true,"dpop_nonce":false,"api_dpop":"required"}),
// set from the window's File ▸ Sandbox tenant menu (tokenlab-cli login reads them). A missing
// file means all off; a damaged one too, with a sentence for the caller.
#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

// How the sample API treats DPoP (RFC 9449 7): "allowed" takes Bearer and
// DPoP tokens alike, "required" refuses Bearer.
enum class ApiDpopMode { Allowed, Required };

// "allowed" or "required"; nullopt with a sentence in *error.
std::optional<ApiDpopMode> parseApiDpopMode(const QString &text, QString *error);
QString apiDpopModeName(ApiDpopMode mode);

struct SandboxSwitches
{
    bool requirePar = false;
    bool dpopNonce = false;
    ApiDpopMode apiDpop = ApiDpopMode::Allowed;

    friend bool operator==(const SandboxSwitches &a, const SandboxSwitches &b)
    {
        return a.requirePar == b.requirePar && a.dpopNonce == b.dpopNonce && a.apiDpop == b.apiDpop;
    }
    friend bool operator!=(const SandboxSwitches &a, const SandboxSwitches &b) { return !(a == b); }

    bool isLenient() const { return *this == SandboxSwitches(); }
    // "PAR required, DPoP nonces demanded, the API requires DPoP", or
    // "none: PAR, DPoP nonces and DPoP at the API are optional", in the
    // user's language: it is only ever shown (the window's log, the CLI).
    // What the tenant sends over HTTP (error_description, its pages) stays
    // English: that is protocol text for whatever client asks.
    QString describe() const;

    // nullopt with a sentence in *error unless it is such an object; keys
    // left out are off, unknown keys are ignored (a later version's).
    static std::optional<SandboxSwitches> parse(const QByteArray &json, QString *error);
    QByteArray toJson() const;

    // All off when the file does not exist; all off and a sentence in *error
    // when it cannot be read or parsed.
    static SandboxSwitches load(const QString &path, QString *error = nullptr);
    // Atomic (QSaveFile); false with a sentence in *error.
    bool save(const QString &path, QString *error = nullptr) const;
};
