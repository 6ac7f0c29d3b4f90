// SPDX-License-Identifier: MIT
#include "gui/variableseditor.h"
#include "api/secretvariables.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
enum Column { Name, Value, Secret };
constexpr int KnownSecretRole = Qt::UserRole + 1;
}

VariablesEditor::VariablesEditor(QWidget *parent)
    : QWidget(parent), m_table(new QTableWidget(0, 3)), m_builtins(new QLabel), m_apply(new QPushButton(tr("Apply")))
{
    setObjectName(u"variablesEditor"_s);
    m_table->setObjectName(u"variablesTable"_s);
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Value"), tr("Secret")});
    m_table->horizontalHeader()->setSectionResizeMode(Value, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(Secret, QHeaderView::ResizeToContents);
    m_table->verticalHeader()->hide();
    m_table->setTabKeyNavigation(false);
    m_builtins->setObjectName(u"variablesBuiltins"_s);
    m_builtins->setWordWrap(true);
    m_builtins->setText(tr("Use them as {{name}} in the URL, headers and body. {{base}} is the profile's API base URL and "
                           "{{token}} its access token. A secret value is kept in the keychain, never in a file."));
    m_apply->setObjectName(u"variablesApplyButton"_s);
    auto *row = new QHBoxLayout;
    row->addStretch();
    row->addWidget(m_apply);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_builtins);
    layout->addLayout(row);
    connect(m_apply, &QPushButton::clicked, this, &VariablesEditor::apply);
    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        const int last = m_table->rowCount() - 1;
        if (last < 0 || (m_table->item(last, Name) && !m_table->item(last, Name)->text().isEmpty())) {
            const QSignalBlocker blocker(m_table);
            const int r = m_table->rowCount();
            m_table->insertRow(r);
            auto *secret = new QTableWidgetItem;
            secret->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            secret->setCheckState(Qt::Unchecked);
            m_table->setItem(r, Secret, secret);
        }
    });
    fill();
}

void VariablesEditor::setStore(std::optional<SavedRequests> store, const QString &profile, const QString &service)
{
    m_store = std::move(store);
    m_profile = profile;
    m_service = service;
    reload();
}

void VariablesEditor::reload()
{
    m_saved.clear();
    QString error;
    if (m_store) {
        if (const auto c = m_store->load(&error))
            m_saved = c->variables;
    }
    m_apply->setEnabled(m_store && error.isEmpty());
    fill();
}

void VariablesEditor::fill()
{
    const QSignalBlocker blocker(m_table);
    m_table->setRowCount(0);
    auto add = [this](const SavedVariable &v) {
        const int r = m_table->rowCount();
        m_table->insertRow(r);
        m_table->setItem(r, Name, new QTableWidgetItem(v.name));
        auto *value = new QTableWidgetItem(v.value);
        if (v.secret) {
            value->setToolTip(tr("Kept in the keychain; type a new value to replace it."));
            value->setData(Qt::DisplayRole, QString());
            value->setData(KnownSecretRole, true);
        }
        m_table->setItem(r, Value, value);
        auto *secret = new QTableWidgetItem;
        secret->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        secret->setCheckState(v.secret ? Qt::Checked : Qt::Unchecked);
        m_table->setItem(r, Secret, secret);
    };
    for (const SavedVariable &v : std::as_const(m_saved))
        add(v);
    add({});
}

bool VariablesEditor::apply()
{
    if (!m_store)
        return false;
    QList<SavedVariable> list;
    QList<QPair<QString, QString>> newSecrets;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        SavedVariable v;
        v.name = m_table->item(r, Name) ? m_table->item(r, Name)->text().trimmed() : QString();
        const QString value = m_table->item(r, Value) ? m_table->item(r, Value)->text() : QString();
        v.secret = m_table->item(r, Secret) && m_table->item(r, Secret)->checkState() == Qt::Checked;
        if (v.name.isEmpty() && value.isEmpty())
            continue;
        if (v.secret) {
            const bool known = m_table->item(r, Value) && m_table->item(r, Value)->data(KnownSecretRole).toBool();
            if (!value.isEmpty())
                newSecrets.append({v.name, value});
            else if (!known) {
                Q_EMIT message(tr("The secret variable %1 needs a value.").arg(v.name), true);
                return false;
            }
        } else {
            v.value = value;
        }
        list.append(v);
    }
    QString error;
    if (!m_store->setVariables(list, &error)) {
        Q_EMIT message(error, true);
        return false;
    }
    for (const auto &secret : std::as_const(newSecrets)) {
        const QString name = secret.first; // a structured binding cannot be captured by the lambda below (C++17)
        KeychainSecret *job = SecretVariablesJob::write(m_service, m_profile, name, secret.second, this);
        connect(job, &KeychainSecret::finished, this, [this, name](KeychainSecret *done) {
            done->deleteLater();
            if (done->error() != TokenStoreError::None)
                Q_EMIT message(tr("The secret variable %1 could not be kept in the keychain: %2").arg(name, done->errorString()), true);
        });
        job->start();
    }
    m_saved = list;
    fill();
    Q_EMIT message(list.size() == 1 ? tr("Saved 1 variable.") : tr("Saved %1 variables.").arg(list.size()), false);
    return true;
}
