#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

#include <initializer_list>

namespace Confab::Server {

// Prepares, binds and executes in one call; throws StoreError with the statement and the
// driver's message when anything fails, so no failed exec() goes unnoticed.
QSqlQuery runQuery(const QSqlDatabase &db, const QString &sql,
    std::initializer_list<QVariant> values = {});

// Runs `sql` and returns the first column of the first row, or `fallback` with no row.
QVariant queryValue(const QSqlDatabase &db, const QString &sql,
    std::initializer_list<QVariant> values = {}, const QVariant &fallback = {});

} // namespace Confab::Server
