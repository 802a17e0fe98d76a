#pragma once

#include <QString>

namespace Confab::Server {

// Reads one line from standard input; on a terminal, prompts and hides what is typed.
class PasswordPrompt {
public:
    static QString read(const QString &prompt);
};

} // namespace Confab::Server
