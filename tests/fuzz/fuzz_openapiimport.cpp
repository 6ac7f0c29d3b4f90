// SPDX-License-Identifier: MIT
// An OpenAPI document (JSON or YAML) the user imports, read by OpenApiImport.
#include "fuzzsupport.h"
#include "importcheck.h"
#include "api/openapiimport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QString error;
    const auto c = OpenApiImport::parse(Fuzz::bytes(data, size), &error);
    Fuzz::checkImport(c, error);
    return 0;
}
