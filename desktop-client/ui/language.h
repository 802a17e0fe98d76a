#pragma once

#include <QLocale>
#include <QString>

class QCoreApplication;

namespace Confab::Language {

// Installs the translations for `language` ("de", "zh_CN"; empty: the system locale) from
// the embedded :/i18n/confab_*.qm files, plus Qt's own where installed. Returns true when
// a Confab translation was loaded (English needs none).
bool install(QCoreApplication &app, const QString &language);
// The translations shipped with this build, e.g. {"de", "zh_CN"}.
QStringList available();

}
