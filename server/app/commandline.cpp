#include "app/commandline.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace Confab::Server {

using namespace Qt::StringLiterals;

CommandLine CommandLine::parse(const QStringList &arguments)
{
    CommandLine result;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Confab chat server. Without a command it serves; `user ...` administers users."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption config(u"config"_s, u"INI configuration file."_s, u"FILE"_s);
    const QCommandLineOption listen(u"listen"_s, u"Address to listen on (default 127.0.0.1:8080)."_s, u"HOST:PORT"_s);
    const QCommandLineOption database(u"database"_s, u"Database URL (default sqlite://DATA_DIR/confab.db)."_s, u"URL"_s);
    const QCommandLineOption redis(u"redis"_s, u"Redis that carries events between nodes sharing a PostgreSQL database."_s, u"redis://HOST[:PORT]"_s);
    const QCommandLineOption nodeId(u"node-id"_s, u"This node's name among nodes (default: host name and a random suffix)."_s, u"NAME"_s);
    const QCommandLineOption dataDir(u"data-dir"_s, u"Data directory (default ./var)."_s, u"DIR"_s);
    const QCommandLineOption registration(u"registration"_s, u"open or closed."_s, u"MODE"_s);
    const QCommandLineOption tlsCert(u"tls-cert"_s, u"PEM certificate (chain) for wss://."_s, u"FILE"_s);
    const QCommandLineOption tlsKey(u"tls-key"_s, u"PEM private key for wss://."_s, u"FILE"_s);
    const QCommandLineOption logLevel(u"log-level"_s, u"debug, info, warning or error."_s, u"LEVEL"_s);
    const QCommandLineOption displayName(u"display-name"_s, u"Display name for `user add`."_s, u"NAME"_s);
    parser.addOptions({ config, listen, database, redis, nodeId, dataDir, registration, tlsCert, tlsKey, logLevel, displayName });
    parser.addPositionalArgument(u"command"_s, u"user add NAME | user passwd NAME | user disable NAME | user enable NAME | user list"_s);
    parser.process(arguments);

    ServerConfig &cfg = result.config;
    if (parser.isSet(config)) {
        result.error = cfg.loadIni(parser.value(config));
        if (!result.error.isEmpty())
            return result;
    }
    if (parser.isSet(listen)) {
        const QString value = parser.value(listen);
        const qsizetype colon = value.lastIndexOf(u':');
        bool portOk = false;
        const uint port = value.mid(colon + 1).toUInt(&portOk);
        if (colon <= 0 || !portOk || port > 65535) {
            result.error = u"--listen takes HOST:PORT"_s;
            return result;
        }
        cfg.listenHost = value.left(colon);
        cfg.listenPort = quint16(port);
    }
    if (parser.isSet(database))
        cfg.databaseUrl = parser.value(database);
    if (parser.isSet(redis))
        cfg.redisUrl = parser.value(redis);
    if (parser.isSet(nodeId))
        cfg.nodeId = parser.value(nodeId);
    if (parser.isSet(dataDir))
        cfg.dataDir = parser.value(dataDir);
    if (parser.isSet(registration)) {
        const QString mode = parser.value(registration);
        if (mode != "open"_L1 && mode != "closed"_L1) {
            result.error = u"--registration takes open or closed"_s;
            return result;
        }
        cfg.registrationOpen = mode == "open"_L1;
    }
    if (parser.isSet(tlsCert))
        cfg.tlsCertFile = parser.value(tlsCert);
    if (parser.isSet(tlsKey))
        cfg.tlsKeyFile = parser.value(tlsKey);
    if (cfg.tlsCertFile.isEmpty() != cfg.tlsKeyFile.isEmpty()) {
        result.error = u"--tls-cert and --tls-key go together"_s;
        return result;
    }
    if (parser.isSet(logLevel))
        cfg.logLevel = parser.value(logLevel);
    result.displayName = parser.value(displayName);
    result.adminArgs = parser.positionalArguments();
    return result;
}

} // namespace Confab::Server
