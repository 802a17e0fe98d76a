#include "store/sqldialect.h"

#include <QRegularExpression>

namespace Confab::Server {

using namespace Qt::StringLiterals;

bool SqlDialect::isPostgres(const QSqlDatabase &db)
{
    return db.driverName() == "QPSQL"_L1;
}

QString SqlDialect::jsonListTable(const QSqlDatabase &db)
{
    if (!isPostgres(db))
        return u"json_each(?)"_s;
    return u"(SELECT ordinal - 1 AS key, value FROM json_array_elements_text(CAST(? AS json))"
           " WITH ORDINALITY AS list(value, ordinal)) AS items"_s;
}

QString SqlDialect::jsonObjectNumber(const QSqlDatabase &db, const QString &keyExpression)
{
    if (!isPostgres(db))
        return u"json_extract(?, '$.\"' || "_s + keyExpression + u" || '\"')"_s;
    return u"CAST(CAST(? AS jsonb) ->> ("_s + keyExpression + u") AS BIGINT)"_s;
}

QString SqlDialect::schemaStatement(const QSqlDatabase &db, const QString &statement)
{
    if (!isPostgres(db))
        return statement;
    static const QRegularExpression fixedWidth(u"\\bCHAR\\("_s);
    return QString(statement).replace(fixedWidth, u"VARCHAR("_s);
}

} // namespace Confab::Server
