// SPDX-License-Identifier: MIT
// HTML pages shown in the user's browser (sandbox login and consent, the
// loopback receiver's result page) are files under resources/pages compiled
// in as Qt resources. "{{name}}" is replaced by an HTML-escaped value and
// "{{{name}}}" by trusted markup built by TokenLab itself; a placeholder
// without a value becomes empty, so a page never shows template syntax.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

namespace PageTemplate {

QByteArray render(const QString &resourcePath, const QHash<QString, QString> &text,
                  const QHash<QString, QString> &markup = {});

} // namespace PageTemplate
