#pragma once

#include <QString>
#include <QVariantList>

// Reads a server's database (ServerProcess::databaseUrl()) from the test, on a connection of its
// own: for what the protocol does not show (tokens that should have been revoked). -1, with a
// warning, on error.
qint64 countRows(const QString &databaseUrl, const QString &sql, const QVariantList &values = {});
