#include "storeprobe.h"

#include "testdatabase.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

qint64 countRows(const QString &databaseUrl, const QString &sql, const QVariantList &values)
{
    const QString connection = u"probe-"_s + QUuid::createUuid().toString(QUuid::Id128);
    qint64 count = -1;
    {
        QSqlDatabase db = TestDatabase::open(databaseUrl, connection);
        QSqlQuery query(db);
        if (!db.isValid() || !query.prepare(sql)) {
            qWarning(
                "cannot read %s: %s", qPrintable(databaseUrl), qPrintable(db.lastError().text()));
        } else {
            for (const QVariant &value : values)
                query.addBindValue(value);
            if (query.exec() && query.next())
                count = query.value(0).toLongLong();
            else
                qWarning("cannot count: %s", qPrintable(query.lastError().text()));
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return count;
}
