// SPDX-License-Identifier: MIT
// An Insomnia export (JSON or YAML) the user imports, read by InsomniaImport.
#include "fuzzsupport.h"
#include "importcheck.h"
#include "api/insomniaimport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QString error;
    const auto c = InsomniaImport::parse(Fuzz::bytes(data, size), &error);
    Fuzz::checkImport(c, error);
    return 0;
}
