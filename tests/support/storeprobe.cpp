#include "storeprobe.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

qint64 countRows(const QString &databaseFile, const QString &sql, const QVariantList &values)
{
    const QString connection = u"probe-"_s + QUuid::createUuid().toString(QUuid::Id128);
    qint64 count = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        db.setDatabaseName(databaseFile);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=10000;QSQLITE_OPEN_READONLY"_s);
        QSqlQuery query(db);
        if (!db.open() || !query.prepare(sql)) {
            qWarning(
                "cannot read %s: %s", qPrintable(databaseFile), qPrintable(db.lastError().text()));
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
