#include "admin/admincommand.h"
#include "app/commandline.h"
#include "app/serverapp.h"
#include "app/signalwatcher.h"
#include "auth/passwordhasher.h"
#include "logging.h"

#include <QCoreApplication>
#include <QTextStream>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

using namespace Confab::Server;
using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
#if defined(__GLIBC__)
    // Each I/O thread allocates and frees its batches' buffers at the top of its heap; with
    // glibc's threshold of 128 KiB it handed those pages back to the kernel and took them
    // again hundreds of times a second (madvise, mprotect).
    mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
#endif
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"confab-server"_s);
    QCoreApplication::setApplicationVersion(u"0.1.0"_s);
    QTextStream err(stderr);

    const CommandLine commandLine = CommandLine::parse(QCoreApplication::arguments());
    if (!commandLine.error.isEmpty()) {
        err << "confab-server: " << commandLine.error << '\n';
        return 2;
    }
    if (!setupLogging(commandLine.config.logLevel)) {
        err << "confab-server: unknown log level " << commandLine.config.logLevel << '\n';
        return 2;
    }
    if (!PasswordHasher::initialize()) {
        err << "confab-server: libsodium failed to initialise\n";
        return 1;
    }
    if (!commandLine.adminArgs.isEmpty())
        return runAdminCommand(commandLine.adminArgs, commandLine.displayName, commandLine.config);

    ServerApp server(commandLine.config);
    QString error;
    if (!server.start(&error)) {
        err << "confab-server: " << error << '\n';
        return 1;
    }
    // A line for scripts and tests to wait for.
    QTextStream(stdout) << "listening " << server.listenUrl() << Qt::endl;

    SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &SignalWatcher::terminationRequested, &server, &ServerApp::shutdown);
    QObject::connect(&server, &ServerApp::stopped, &app, &QCoreApplication::quit);
    return app.exec();
}
