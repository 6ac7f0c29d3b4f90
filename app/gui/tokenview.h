// SPDX-License-Identifier: MIT
// One token, inspected: what it is, a live expiry countdown, the claims
// table (each registered claim named and explained in a tooltip, times as
// local date and relative time, scope, permissions and aud as lists), the
// checks with their reasons, the pretty, highlighted JSON, and copy
// buttons. Widgets are named by objectName for tests.
#pragma once

#include "oauth/tokenverifier.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;

class TokenView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(TokenView)

public:
    explicit TokenView(const QString &emptyText, QWidget *parent = nullptr);

    // Shows the decoded token at once; checks arrive with setReport().
    void setToken(const QByteArray &token);
    void setReport(const TokenReport &report);
    void clear();
    QByteArray token() const { return m_token; }

private:
    void fillClaims(const DecodedJwt &jwt);
    void updateCountdown();
    QTreeWidgetItem *addClaim(QTreeWidgetItem *group, const QString &name, const QJsonValue &value, bool header);

    QByteArray m_token;
    QString m_emptyText;
    qint64 m_exp = -1;
    QLabel *m_summary;
    QLabel *m_countdown;
    QTreeWidget *m_claims;
    QTreeWidget *m_checks;
    QPlainTextEdit *m_raw;
    QPushButton *m_copyToken;
    QPushButton *m_copyHeader;
    QPushButton *m_copyPayload;
    QTimer *m_tick;
    // Every time claim's row (exp, iat, nbf, auth_time, ...) and its NumericDate: their "(in 5 min)" stays live.
    QList<QPair<QTreeWidgetItem *, qint64>> m_timeItems;
};
