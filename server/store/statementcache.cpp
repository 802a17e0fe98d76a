#include "store/statementcache.h"

#include "store/sqlquery.h"
#include "store/storeerror.h"

#include <QSqlError>

#include <memory>
#include <unordered_map>
#include <vector>

namespace Confab::Server {

using namespace Qt::StringLiterals;

namespace {

// A connection's statements by SQL text, held by pointer so that one still being read keeps
// its address while others are added, and those used since the last resetAll().
struct Statement {
    std::unique_ptr<QSqlQuery> query;
    bool used = false; // listed in Statements::used
};
struct Statements {
    std::unordered_map<QString, Statement> bySql;
    std::vector<Statement *> used; // each at most once: bounded by the number of statements
};
// By connection name.
thread_local std::unordered_map<QString, Statements> t_statements;

} // namespace

QSqlQuery &StatementCache::statement(const QSqlDatabase &db, const QString &sql)
{
    Statements &statements = t_statements[db.connectionName()];
    auto it = statements.bySql.find(sql);
    if (it == statements.bySql.end()) {
        auto query = std::make_unique<QSqlQuery>(db);
        query->setForwardOnly(streamsRows(db));
        if (!query->prepare(sql))
            throw StoreError::fromQuery(u"prepare failed: "_s, query->lastError(), sql);
        it = statements.bySql.emplace(sql, Statement { std::move(query) }).first;
    } else {
        it->second.query->finish();
    }
    Statement &statement = it->second;
    if (!statement.used) {
        statement.used = true;
        statements.used.push_back(&statement);
    }
    return *statement.query;
}

void StatementCache::resetAll(const QSqlDatabase &db)
{
    const auto connection = t_statements.find(db.connectionName());
    if (connection == t_statements.end())
        return;
    for (Statement *statement : connection->second.used) {
        statement->query->finish();
        statement->used = false;
    }
    connection->second.used.clear();
}

void StatementCache::forget(const QSqlDatabase &db)
{
    t_statements.erase(db.connectionName());
}

} // namespace Confab::Server
