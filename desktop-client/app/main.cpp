// confab-desktop: parses the options and wires the objects; everything else lives in
// confab-client-core (net/, models/) and confab-desktop-ui (ui/).
#include "app/appcontroller.h"
#include "ui/language.h"
#include "ui/theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"Confab"_s);
    QApplication::setApplicationName(u"confab-desktop"_s);
    QApplication::setApplicationDisplayName(u"Confab"_s);
    QApplication::setApplicationVersion(u"0.1.0"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Confab desktop client"_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption language(u"language"_s,
        u"Use this language (de, zh_CN, en) instead of the system's."_s, u"code"_s);
    const QCommandLineOption noKeychain(u"no-keychain"_s,
        u"Keep the session token in the settings file, not in the OS keychain."_s);
    const QCommandLineOption screenshot(u"screenshot"_s,
        u"Save a PNG of the window after a delay, then quit."_s, u"file"_s);
    const QCommandLineOption delay(u"screenshot-delay"_s,
        u"Milliseconds to wait before the screenshot (default 2500)."_s, u"ms"_s, u"2500"_s);
    const QCommandLineOption openRoom(u"open-room"_s, u"Open the room with this name."_s,
        u"name"_s);
    parser.addOptions({ language, noKeychain, screenshot, delay, openRoom });
    parser.process(app);

    const QString chosen = parser.isSet(language) ? parser.value(language)
                                                  : QSettings().value("language"_L1).toString();
    Confab::Language::install(app, chosen);
    Confab::Theme::apply(app);

    Confab::AppController::Options options;
    options.useKeychain = !parser.isSet(noKeychain);
    options.screenshotPath = parser.value(screenshot);
    options.screenshotDelayMs = parser.value(delay).toInt();
    options.openRoom = parser.value(openRoom);
    Confab::AppController controller(options);
    controller.start();
    return app.exec();
}
