// confab-bench: sizes a confab-server deployment. Scenarios: groups (open-loop message
// traffic in group rooms), idle (memory per signed-in connection), history (page reads in
// a large room, listRooms of a busy user), login (sign-ins per second). A short table goes
// to stdout, then one JSON line with every figure. See README.md beside this file.

#include "benchoptions.h"
#include "groupsscenario.h"
#include "historyscenario.h"
#include "idlescenario.h"
#include "loginscenario.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTextStream>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

Scenario *makeScenario(const BenchOptions &options, QObject *parent)
{
    if (options.scenario == "idle"_L1)
        return new IdleScenario(options, parent);
    if (options.scenario == "history"_L1)
        return new HistoryScenario(options, parent);
    if (options.scenario == "login"_L1)
        return new LoginScenario(options, parent);
    return new GroupsScenario(options, parent);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"confab-bench"_s);
    QString error;
    const BenchOptions options = BenchOptions::parse(QCoreApplication::arguments(), &error);
    if (!error.isEmpty()) {
        QTextStream(stderr) << "confab-bench: " << error << Qt::endl;
        return 2;
    }
    Scenario *scenario = makeScenario(options, nullptr);
    int exitCode = 0;
    QObject::connect(scenario, &Scenario::finished, &app,
        [&](const QJsonObject &result, const QStringList &summary, bool completed) {
            QTextStream out(stdout);
            if (!options.jsonOnly) {
                for (const QString &line : summary)
                    out << line << '\n';
            }
            out << QJsonDocument(result).toJson(QJsonDocument::Compact) << Qt::endl;
            exitCode = completed ? 0 : 1;
            app.quit();
        });
    // Every run is bounded, as in the shared generator.
    QTimer::singleShot(900 * 1000, &app, [&] {
        QTextStream(stderr) << "confab-bench: run took longer than 900 s, giving up" << Qt::endl;
        exitCode = 3;
        app.quit();
    });
    QTimer::singleShot(0, scenario, &Scenario::start);
    app.exec();
    delete scenario; // stops the worker threads before the application goes
    return exitCode;
}
