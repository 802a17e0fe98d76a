#pragma once

#include <QString>
#include <QVariantList>

// Reads a server's SQLite file from the test, on a connection of its own: for what the
// protocol does not show (tokens that should have been revoked). -1, with a warning, on error.
qint64 countRows(const QString &databaseFile, const QString &sql, const QVariantList &values = {});
