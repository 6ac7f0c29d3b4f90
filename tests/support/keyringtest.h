// SPDX-License-Identifier: MIT
// Helpers for tests that need the real Secret Service started by
// tests/keyring/with-keyring. Outside it, such tests skip with a sentence,
// except in CI (CI=true), where they fail: keychain tests must run there.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace KeyringTest {

// "" when the keyring is there; else the reason to skip (or fail in CI).
QString unavailableReason();
qint64 daemonPid();
// secret-tool search --all server TokenLab: the attributes and secrets it shows.
QByteArray secretToolSearch(const QString &service = QStringLiteral("TokenLab"));
// Every file below dir whose content contains needle (binary-safe).
QStringList filesContaining(const QString &dir, const QByteArray &needle);

} // namespace KeyringTest

#define TOKENLAB_REQUIRE_KEYRING()                                                                   \
    do {                                                                                             \
        const QString reason = KeyringTest::unavailableReason();                                     \
        if (!reason.isEmpty()) {                                                                     \
            if (qEnvironmentVariableIsSet("CI"))                                                     \
                QFAIL(qPrintable(QStringLiteral("keychain tests must run in CI: ") + reason));       \
            QSKIP(qPrintable(reason));                                                               \
        }                                                                                            \
    } while (false)
