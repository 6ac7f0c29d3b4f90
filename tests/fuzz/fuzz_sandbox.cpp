// SPDX-License-Identifier: MIT
// The sandbox tenant's request handlers: bytes from any local process,
// parsed with the tenant's HTTP limits and handed to the authorization
// server and the sample API. That covers query strings (/authorize,
// /oidc/logout), form bodies (/oauth/token, /oauth/revoke, the login and
// consent pages), Basic client credentials and Bearer headers. The first
// byte picks the handler, how the bytes arrive, and whether the form
// decoder also gets the raw bytes on their own.
#include "sandbox/accesstokenverifier.h"
#include "sandbox/authorizationserver.h"
#include "http/formencoding.h"
#include "fuzzsupport.h"
#include "http/httpmessage.h"
#include "sandbox/sampleapi.h"
#include "sandbox/sandboxdirectory.h"
#include "sandbox/signingkey.h"
#include "sandbox/tenantkey.h"

namespace {

struct Tenant
{
    SandboxConfig config;
    TenantKey key{std::make_shared<const SigningKey>()};
    AuthorizationServer *server = nullptr;
    SampleApi *api = nullptr;
};

Tenant *tenant = nullptr;

} // namespace

void Fuzz::initializeTarget()
{
    tenant = new Tenant;
    tenant->config.clock = [] { return Fuzz::fixedNow(); };
    tenant->server = new AuthorizationServer(tenant->config, tenant->key);
    tenant->api = new SampleApi(tenant->config, tenant->key, tenant->server->issuer().toString(),
                                QString::fromLatin1(SandboxDirectory::ApiAudience));
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray input = Fuzz::bytes(data, size);
    const quint8 mode = Fuzz::takeByte(input);

    if (mode & 0x80) {
        QString error;
        const auto form = FormData::parse(input, &error);
        if (!form && error.isEmpty())
            __builtin_trap(); // a refused body always says why
        if (form) {
            const auto again = FormData::parse(form->encode());
            if (!again || again->pairs() != form->pairs())
                __builtin_trap(); // what TokenLab encodes, it reads back the same
        }
        return 0;
    }

    HttpRequestParser parser; // the tenant's limits: 16 KiB head, 64 KiB body
    const int piece = (mode >> 1) & 0x3f ? (mode >> 1) & 0x3f : int(input.size()) + 1;
    for (qsizetype at = 0; at < input.size(); at += piece) {
        HttpRequestParser::Result r = parser.feed(input.mid(at, piece));
        while (r == HttpRequestParser::Result::Complete) {
            const HttpRequest request = parser.take();
            const HttpResponse response = (mode & 1) ? tenant->api->handle(request) : tenant->server->handle(request);
            if (response.status < 200 || response.status > 599)
                __builtin_trap();
            (void)response.serialize(false);
            r = parser.feed({});
        }
        if (r == HttpRequestParser::Result::Error)
            break;
    }
    return 0;
}
