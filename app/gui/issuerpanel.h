// SPDX-License-Identifier: MIT
// The Issuer panel: the selected profile's discovery document, read through
// the DiscoveryClient, as a list of endpoints (Ctrl+C copies one), and the
// profile's API URLs beside them. An answer for a profile no longer shown
// is dropped.
#pragma once

#include "storage/profile.h"

#include <QWidget>

class DiscoveryClient;
class QLabel;
class QTreeWidget;
struct DiscoveryResult;

class IssuerPanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(IssuerPanel)

public:
    explicit IssuerPanel(DiscoveryClient *discovery, QWidget *parent = nullptr);

    // Reads the live profile's discovery document again.
    void showProfile(const Profile &live);
    // No issuer to show (a new profile), or why there is none.
    void clear(const QString &why = {});

private:
    void fill(const Profile &live, const DiscoveryResult *result);

    DiscoveryClient *m_discovery;
    quint64 m_shown = 0; // which showProfile() the list belongs to
    QLabel *m_state;
    QTreeWidget *m_endpoints;
};
