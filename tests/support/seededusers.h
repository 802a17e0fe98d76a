#pragma once

#include <QString>
#include <QStringList>

// Users written straight into a server's database (ServerProcess::databaseUrl()), for tests
// that need more accounts than registering through argon2 could make in time. They cannot
// sign in; they exist, with names PREFIX_0, PREFIX_1, ... Returns their ids, or an empty list (with
// a warning) on failure.
QStringList seedUsers(const QString &databaseUrl, const QString &prefix, int count);
