// SPDX-License-Identifier: MIT
// File ▸ Sandbox tenant: the switches that make the embedded tenant stricter
// (SandboxSwitches), one checkable action each, so DPoP and PAR can be
// tried offline. A choice is handed to the sink (which saves it and applies
// it to the running tenant) and said in the activity log.
#pragma once

#include "sandbox/sandboxswitches.h"

#include <QMenu>
#include <functional>

class SandboxMenu : public QMenu
{
    Q_OBJECT
    Q_DISABLE_COPY(SandboxMenu)

public:
    explicit SandboxMenu(QWidget *parent = nullptr);

    void setSwitches(const SandboxSwitches &switches);
    SandboxSwitches switches() const;

Q_SIGNALS:
    // The user ticked or cleared one of the switches.
    void switchesChosen(const SandboxSwitches &switches);

private:
    QAction *m_requirePar;
    QAction *m_dpopNonce;
    QAction *m_apiDpop;
};
