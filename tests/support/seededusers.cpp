#include "seededusers.h"

#include "testdatabase.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

QStringList seedUsers(const QString &databaseUrl, const QString &prefix, int count)
{
    const QString connection = u"seed-"_s + QUuid::createUuid().toString(QUuid::Id128);
    QStringList ids;
    {
        QSqlDatabase db = TestDatabase::open(databaseUrl, connection);
        if (!db.isValid() || !db.transaction()) {
            qWarning("cannot write to %s", qPrintable(databaseUrl));
            return {};
        }
        QSqlQuery insert(db);
        insert.prepare(u"INSERT INTO users (id, username, display_name, password_hash, disabled,"
                       " created_at) VALUES (?, ?, ?, 'not a hash', 0, ?)"_s);
        for (int i = 0; i < count; ++i) {
            const QString id = QUuid::createUuid().toString(QUuid::Id128);
            const QString name = prefix + u'_' + QString::number(i);
            insert.addBindValue(id);
            insert.addBindValue(name);
            insert.addBindValue(name);
            insert.addBindValue(QDateTime::currentMSecsSinceEpoch());
            if (!insert.exec()) {
                qWarning("cannot seed a user: %s", qPrintable(insert.lastError().text()));
                return {};
            }
            ids.append(id);
        }
        if (!db.commit()) {
            qWarning("cannot commit the seeded users: %s", qPrintable(db.lastError().text()));
            return {};
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return ids;
}
