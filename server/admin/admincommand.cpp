#include "admin/admincommand.h"

#include "admin/passwordprompt.h"
#include "auth/passwordhasher.h"
#include "config/serverconfig.h"
#include "protocol/ids.h"
#include "protocol/limits.h"
#include "protocol/username.h"
#include "store/database.h"
#include "store/migrations.h"
#include "store/repositories.h"
#include "store/storeerror.h"

#include <QDateTime>
#include <QTextStream>

namespace Confab::Server {

using namespace Qt::StringLiterals;

namespace {

int usage(QTextStream &err)
{
    err << "usage: confab-server user add NAME [--display-name D]\n"
           "       confab-server user passwd NAME\n"
           "       confab-server user disable NAME\n"
           "       confab-server user enable NAME\n"
           "       confab-server user list\n";
    return 2;
}

// Reads and checks a new password; empty when it is not acceptable.
QString newPassword(QTextStream &err)
{
    const QString password = PasswordPrompt::read(u"Password: "_s);
    const qsizetype bytes = password.toUtf8().size();
    if (bytes < Limits::MinPasswordBytes || bytes > Limits::MaxPasswordBytes) {
        err << "a password has 8 to 1024 bytes\n";
        return {};
    }
    return password;
}

int runUserCommand(Repositories &repos, const QStringList &args, const QString &displayName,
    QTextStream &out, QTextStream &err)
{
    const QString verb = args.value(1);
    static const QStringList verbs { u"add"_s, u"passwd"_s, u"disable"_s, u"enable"_s, u"list"_s };
    if (!verbs.contains(verb))
        return usage(err);
    if (verb == "list"_L1) {
        for (const UserRow &user : repos.users.all()) {
            out << user.username << '\t' << user.displayName << '\t'
                << (user.disabled ? "disabled" : "active") << '\t' << user.id << '\n';
        }
        return 0;
    }
    if (args.size() != 3)
        return usage(err);
    const QString username = normalizedUsername(args.at(2));
    if (verb == "add"_L1) {
        if (!isValidUsername(username)) {
            err << "a username has 3 to 32 characters: a-z, 0-9, _ . -\n";
            return 1;
        }
        if (repos.users.findByName(username)) {
            err << "user " << username << " exists already\n";
            return 1;
        }
        const QString password = newPassword(err);
        if (password.isEmpty())
            return 1;
        const QString name = displayName.trimmed().isEmpty() ? username : displayName.trimmed();
        repos.users.insert(
            { newRandomId(), username, name, PasswordHasher::hash(password), false, 0 },
            QDateTime::currentMSecsSinceEpoch());
        out << "added " << username << '\n';
        return 0;
    }
    const std::optional<UserRow> user = repos.users.findByName(username);
    if (!user) {
        err << "no user " << username << '\n';
        return 1;
    }
    if (verb == "passwd"_L1) {
        const QString password = newPassword(err);
        if (password.isEmpty())
            return 1;
        repos.users.setPasswordHash(username, PasswordHasher::hash(password));
        repos.tokens.revokeAllOf(user->id, QDateTime::currentMSecsSinceEpoch());
        out << "password changed; " << username << "'s sessions must sign in again\n";
        return 0;
    }
    if (verb == "disable"_L1 || verb == "enable"_L1) {
        const bool disable = verb == "disable"_L1;
        repos.users.setDisabled(username, disable);
        if (disable)
            repos.tokens.revokeAllOf(user->id, QDateTime::currentMSecsSinceEpoch());
        out << username << (disable ? " disabled\n" : " enabled\n");
        return 0;
    }
    return usage(err);
}

} // namespace

int runAdminCommand(const QStringList &args, const QString &displayName, const ServerConfig &config)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (args.value(0) != "user"_L1)
        return usage(err);
    QString urlError;
    const DatabaseUrl url = DatabaseUrl::parse(config.effectiveDatabaseUrl(), &urlError);
    if (!urlError.isEmpty()) {
        err << urlError << '\n';
        return 1;
    }
    Database::configure(url);
    try {
        QSqlDatabase db = Database::open(u"confab-admin"_s);
        Migrations::apply(db);
        Repositories repos(db);
        return runUserCommand(repos, args, displayName, out, err);
    } catch (const StoreError &error) {
        err << "database error: " << error.what() << '\n';
        return 1;
    }
}

} // namespace Confab::Server
