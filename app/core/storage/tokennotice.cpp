// SPDX-License-Identifier: MIT
#include "storage/tokennotice.h"
#include "storage/profilelock.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 MaxNoticeBytes = 4096;

QString noticeDirectory()
{
    return ProfileLock::directory() + u"/notices"_s;
}

QString noticeName(const QString &scope, const QString &profile)
{
    // The session lock's name with its own ending: one hash per scope and profile.
    QString name = ProfileLock::fileName(scope, profile, ProfileLock::Kind::Session);
    name.chop(int(qstrlen(".session.lock")));
    return name + u".notice"_s;
}

} // namespace

void TokenNotice::post(const QString &scope, const QString &profile)
{
    static quint64 serial = 0;
    const QString dir = noticeDirectory();
    if (!QDir().mkpath(dir))
        return;
    QSaveFile file(dir + u'/' + noticeName(scope, profile));
    if (!file.open(QIODevice::WriteOnly))
        return;
    file.write(QJsonDocument(QJsonObject{{u"scope"_s, scope},
                                         {u"profile"_s, profile},
                                         {u"pid"_s, QCoreApplication::applicationPid()},
                                         {u"serial"_s, QString::number(++serial)}})
                       .toJson(QJsonDocument::Compact));
    file.commit();
}

TokenNoticeWatcher::TokenNoticeWatcher(QString scope, QObject *parent)
    : QObject(parent), m_scope(std::move(scope)), m_directory(noticeDirectory())
{
    QDir().mkpath(m_directory);
    m_settle.setSingleShot(true);
    m_settle.setInterval(50);
    connect(&m_settle, &QTimer::timeout, this, [this] { scan(true); });
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] { m_settle.start(); });
    m_watcher.addPath(m_directory);
    scan(false);
}

void TokenNoticeWatcher::scan(bool announce)
{
    const QStringList names = QDir(m_directory).entryList({u"*.notice"_s}, QDir::Files);
    for (const QString &name : names) {
        QFile file(m_directory + u'/' + name);
        if (!file.open(QIODevice::ReadOnly) || file.size() > MaxNoticeBytes)
            continue;
        const QByteArray content = file.readAll();
        if (m_seen.value(name) == content)
            continue;
        m_seen.insert(name, content);
        const QJsonObject notice = QJsonDocument::fromJson(content).object();
        if (!announce || notice.value(u"scope").toString() != m_scope)
            continue;
        if (notice.value(u"pid").toInteger() == QCoreApplication::applicationPid())
            continue; // this process knows what it wrote
        const QString profile = notice.value(u"profile").toString();
        if (!profile.isEmpty() && noticeName(m_scope, profile) == name)
            Q_EMIT changed(profile);
    }
}
