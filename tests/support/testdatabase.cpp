#include "testdatabase.h"

#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {
const QString kNameFile = u"postgres-database"_s;

QUrl maintenanceUrl()
{
    return QUrl(qEnvironmentVariable("CONFAB_TEST_POSTGRES"));
}

QString nameFileOf(const QString &dataDir)
{
    return QDir(dataDir).absoluteFilePath(kNameFile);
}

// Runs one statement on the maintenance database.
bool runOnCluster(const QString &sql)
{
    const QString name = u"cluster-"_s + QUuid::createUuid().toString(QUuid::Id128);
    bool ok = false;
    {
        QSqlDatabase db = TestDatabase::open(maintenanceUrl().toString(), name);
        if (db.isValid()) {
            QSqlQuery query(db);
            ok = query.exec(sql);
            if (!ok)
                qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        }
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}
} // namespace

bool TestDatabase::usesPostgres()
{
    return qEnvironmentVariableIsSet("CONFAB_TEST_POSTGRES");
}

QString TestDatabase::urlFor(const QString &dataDir)
{
    if (!usesPostgres())
        return u"sqlite://"_s + QDir(dataDir).absoluteFilePath(u"confab.db"_s);
    QDir().mkpath(dataDir);
    QFile nameFile(nameFileOf(dataDir));
    QString database;
    if (nameFile.open(QIODevice::ReadOnly)) {
        database = QString::fromUtf8(nameFile.readAll()).trimmed();
    } else {
        database = u"confab_"_s + QUuid::createUuid().toString(QUuid::Id128);
        if (!runOnCluster(u"CREATE DATABASE "_s + database))
            return {};
        if (!nameFile.open(QIODevice::WriteOnly) || nameFile.write(database.toUtf8()) <= 0)
            qWarning("cannot record the database name in %s", qPrintable(dataDir));
    }
    QUrl url = maintenanceUrl();
    url.setPath(u'/' + database);
    return url.toString();
}

void TestDatabase::dropFor(const QString &dataDir)
{
    QFile nameFile(nameFileOf(dataDir));
    if (!usesPostgres() || !nameFile.open(QIODevice::ReadOnly))
        return;
    const QString database = QString::fromUtf8(nameFile.readAll()).trimmed();
    runOnCluster(u"DROP DATABASE IF EXISTS "_s + database + u" WITH (FORCE)"_s);
}

QSqlDatabase TestDatabase::open(const QString &url, const QString &name)
{
    QSqlDatabase db;
    if (url.startsWith("sqlite://"_L1)) {
        db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(url.mid(9));
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=10000"_s);
    } else {
        const QUrl parsed(url);
        db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
        db.setHostName(parsed.host());
        db.setPort(parsed.port(5432));
        db.setUserName(parsed.userName());
        db.setPassword(parsed.password());
        db.setDatabaseName(parsed.path().mid(1));
    }
    if (!db.open()) {
        qWarning("cannot open %s: %s", qPrintable(url), qPrintable(db.lastError().text()));
        return {};
    }
    return db;
}
