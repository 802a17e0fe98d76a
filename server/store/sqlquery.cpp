#include "store/sqlquery.h"

#include "store/sqldialect.h"
#include "store/statementcache.h"
#include "store/storeerror.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>

namespace Confab::Server {

using namespace Qt::StringLiterals;

QSqlQuery runQuery(
    const QSqlDatabase &db, const QString &sql, std::initializer_list<QVariant> values)
{
    return runQuery(db, sql, QVariantList(values));
}

QSqlQuery runQuery(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    QSqlQuery query(db);
    query.setForwardOnly(streamsRows(db));
    if (values.size() == 0) {
        if (!query.exec(sql))
            throw StoreError::fromQuery(u"query failed: "_s, query.lastError(), sql);
        return query;
    }
    if (!query.prepare(sql))
        throw StoreError::fromQuery(u"prepare failed: "_s, query.lastError(), sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        throw StoreError::fromQuery(u"query failed: "_s, query.lastError(), sql);
    return query;
}

void runStatement(const QSqlDatabase &db, const QString &sql)
{
    runQuery(db, sql, QVariantList());
}

void runControl(const QSqlDatabase &db, const QString &sql)
{
    if (SqlDialect::isPostgres(db))
        runStatement(db, sql);
    else
        runCached(db, sql);
}

bool streamsRows(const QSqlDatabase &db)
{
    return !SqlDialect::isPostgres(db);
}

QSqlQuery &runCached(
    const QSqlDatabase &db, const QString &sql, std::initializer_list<QVariant> values)
{
    QSqlQuery &query = StatementCache::statement(db, sql);
    int position = 0;
    for (const QVariant &value : values)
        query.bindValue(position++, value);
    if (!query.exec())
        throw StoreError::fromQuery(u"query failed: "_s, query.lastError(), sql);
    return query;
}

QVariant cachedValue(const QSqlDatabase &db, const QString &sql,
    std::initializer_list<QVariant> values, const QVariant &fallback)
{
    QSqlQuery &query = runCached(db, sql, values);
    const QVariant value = query.next() ? query.value(0) : fallback;
    query.finish();
    return value;
}

QString jsonList(const QStringList &values)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(values)).toJson(QJsonDocument::Compact));
}

QVariant queryValue(const QSqlDatabase &db, const QString &sql,
    std::initializer_list<QVariant> values, const QVariant &fallback)
{
    QSqlQuery query = runQuery(db, sql, values);
    return query.next() ? query.value(0) : fallback;
}

} // namespace Confab::Server
