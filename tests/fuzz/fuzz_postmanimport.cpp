// SPDX-License-Identifier: MIT
// A Postman collection or environment the user imports, read by PostmanImport.
#include "fuzzsupport.h"
#include "importcheck.h"
#include "api/postmanimport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QString error;
    const auto c = PostmanImport::parse(Fuzz::bytes(data, size), &error);
    Fuzz::checkImport(c, error);
    return 0;
}
