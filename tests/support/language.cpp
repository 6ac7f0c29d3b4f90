// SPDX-License-Identifier: MIT
#include "support/language.h"

#include "util/translations.h"

#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

TestLanguage::TestLanguage(const QLocale &locale)
{
    m_loaded = Translations::install(Translations::directoryBeside(qEnvironmentVariable("TOKENLAB_BIN_DIR")), locale);
}

TestLanguage::~TestLanguage()
{
    // Translations::install() parents its translators to the application.
    for (QTranslator *t : QCoreApplication::instance()->findChildren<QTranslator *>(Qt::FindDirectChildrenOnly)) {
        QCoreApplication::removeTranslator(t);
        delete t;
    }
}

QHash<QString, QString> TestLanguage::shippedPairs(const QString &language)
{
    QHash<QString, QString> pairs;
    QFile file(qEnvironmentVariable("TOKENLAB_SOURCE_DIR") + u"/resources/translations/tokenlab_"_s + language + u".ts"_s);
    if (!file.open(QIODevice::ReadOnly))
        return pairs;
    QXmlStreamReader xml(&file);
    QString source;
    while (!xml.atEnd()) {
        if (!xml.readNextStartElement())
            continue;
        if (xml.name() == u"source") {
            source = xml.readElementText();
        } else if (xml.name() == u"translation") {
            const QStringView type = xml.attributes().value(u"type"_s);
            if (type == u"unfinished" || type == u"vanished" || type == u"obsolete") {
                xml.skipCurrentElement();
                continue;
            }
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (!text.isEmpty())
                pairs.insert(source, text);
        }
    }
    return pairs;
}
