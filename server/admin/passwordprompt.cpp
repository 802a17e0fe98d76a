#include "admin/passwordprompt.h"

#include <QTextStream>

#include <cstdio>
#ifdef Q_OS_UNIX
#include <termios.h>
#include <unistd.h>
#endif

namespace Confab::Server {

QString PasswordPrompt::read(const QString &prompt)
{
    QTextStream in(stdin);
#ifdef Q_OS_UNIX
    if (isatty(STDIN_FILENO)) {
        QTextStream(stderr) << prompt << Qt::flush;
        termios saved {};
        tcgetattr(STDIN_FILENO, &saved);
        termios silent = saved;
        silent.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &silent);
        const QString line = in.readLine();
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        QTextStream(stderr) << '\n';
        return line;
    }
#else
    Q_UNUSED(prompt)
#endif
    return in.readLine();
}

} // namespace Confab::Server
