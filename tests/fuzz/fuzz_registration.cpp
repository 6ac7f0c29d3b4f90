// SPDX-License-Identifier: MIT
// The sandbox's dynamic client registration (RFC 7591): the body of a
// POST /oidc/register from anyone on the machine, and the registered-clients
// file ($XDG_DATA_HOME/tokenlab/sandbox-clients.json) that any program may
// have left. The first byte picks which. What parses must survive a round
// trip unchanged and never hold private key material.
#include "fuzzsupport.h"
#include "sandbox/registeredclient.h"

#include <QJsonObject>

namespace {

bool holdsPrivateMembers(const RegisteredClient &c)
{
    for (const QJsonValue &k : c.keys) {
        for (const char *m : {"d", "p", "q", "dp", "dq", "qi", "oth", "k"}) {
            if (k.toObject().contains(QLatin1String(m)))
                return true;
        }
    }
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray input = Fuzz::bytes(data, size);
    if (Fuzz::takeByte(input) % 2 == 0) {
        RegisteredClient::Refusal refusal;
        const auto client = RegisteredClient::fromMetadata(input, &refusal);
        if (!client) {
            if (refusal.error.isEmpty() || refusal.description.isEmpty())
                __builtin_trap(); // every refusal names its error and says why
            return 0;
        }
        if (holdsPrivateMembers(*client) || (!client->isPublic() && client->keys.isEmpty()))
            __builtin_trap();
        const auto again = RegisteredClient::fromMetadata(client->toJson(), nullptr);
        if (!again || again->toJson() != client->toJson())
            __builtin_trap();
        return 0;
    }
    const QList<RegisteredClient> clients = ClientRegistry::parseFile(input);
    if (clients.size() > ClientRegistry::MaxClients)
        __builtin_trap();
    for (const RegisteredClient &c : clients) {
        if (c.clientId.isEmpty() || holdsPrivateMembers(c))
            __builtin_trap();
    }
    if (ClientRegistry::parseFile(ClientRegistry::toFile(clients)).size() != clients.size())
        __builtin_trap();
    return 0;
}
