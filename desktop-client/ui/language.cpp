#include "ui/language.h"

#include "net/clientlogging.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QTranslator>

namespace Confab::Language {

using namespace Qt::StringLiterals;

QStringList available()
{
    QStringList out;
    const QStringList files = QDir(u":/i18n"_s).entryList({ u"confab_*.qm"_s });
    for (const QString &file : files)
        out.append(file.mid(7, file.size() - 10));
    return out;
}

bool install(QCoreApplication &app, const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    if (!language.isEmpty())
        QLocale::setDefault(locale);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    auto *own = new QTranslator(&app);
    if (own->load(locale, u"confab"_s, u"_"_s, u":/i18n"_s)) {
        QCoreApplication::installTranslator(own);
        qCInfo(lcClientApp) << "using translation" << own->language();
        return true;
    }
    delete own;
    return false;
}

}
