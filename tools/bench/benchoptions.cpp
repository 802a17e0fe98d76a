#include "benchoptions.h"

#include <QCommandLineParser>
#include <QHostAddress>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace {

// One numeric option with its allowed range, so every value is checked the same way.
struct NumberOption {
    QString name;
    QString help;
    double min;
    double max;
    double *asDouble = nullptr;
    int *asInt = nullptr;
    qint64 *asInt64 = nullptr;
};

QString defaultText(const NumberOption &o)
{
    if (o.asInt)
        return QString::number(*o.asInt);
    if (o.asInt64)
        return QString::number(*o.asInt64);
    return QString::number(*o.asDouble);
}

} // namespace

BenchOptions BenchOptions::parse(const QStringList &arguments, QString *error)
{
    BenchOptions o;
    const QList<NumberOption> numbers {
        { u"threads"_s, u"Worker threads, each with its own event loop."_s, 1, 64, nullptr,
            &o.threads },
        { u"server-pid"_s, u"Server process, for its CPU and RSS."_s, 0, 4194304, nullptr, nullptr,
            &o.serverPid },
        { u"setup-concurrency"_s, u"Connections being set up at once per thread."_s, 1, 1000,
            nullptr, &o.setupConcurrency },
        { u"clients"_s, u"groups: simulated users."_s, 2, 20000, nullptr, &o.clients },
        { u"group-size"_s, u"groups: members per group room."_s, 2, 1000, nullptr, &o.groupSize },
        { u"rate"_s, u"groups: messages per second sent by each client."_s, 0.01, 1000, &o.rate },
        { u"duration"_s, u"Seconds measured."_s, 1, 600, &o.durationS },
        { u"warmup"_s, u"groups: seconds of traffic before measuring."_s, 0, 120, &o.warmupS },
        { u"drain"_s, u"groups: seconds to wait for stragglers after the last send."_s, 0, 120,
            &o.drainS },
        { u"receipts"_s, u"groups: every MS ms, markDelivered per room that advanced (0: off)."_s,
            0, 60000, nullptr, &o.receiptsMs },
        { u"tick-ms"_s,
            u"groups: send what is due every MS ms (0: each on time, latency from the schedule)."_s,
            0, 100, nullptr, &o.tickMs },
        { u"payload-bytes"_s, u"groups/history: message text length."_s, 40, 16000, nullptr,
            &o.payloadBytes },
        { u"connections"_s, u"idle: signed-in connections to open."_s, 1, 50000, nullptr,
            &o.connections },
        { u"idle-baseline"_s, u"idle: RSS baseline taken after the first N0."_s, 1, 50000, nullptr,
            &o.idleBaseline },
        { u"settle"_s, u"idle: seconds before each RSS reading."_s, 0, 60, &o.settleS },
        { u"events"_s, u"history: events to seed the room with."_s, 1, 100000000, nullptr, nullptr,
            &o.events },
        { u"rooms"_s, u"history: rooms of the listRooms user."_s, 1, 20000, nullptr, &o.rooms },
        { u"seed-senders"_s, u"history: connections seeding the room."_s, 1, 64, nullptr,
            &o.seedSenders },
        { u"seed-window"_s, u"history: unacknowledged sends per seeder."_s, 1, 10000, nullptr,
            &o.seedWindow },
        { u"readers"_s, u"history: connections reading pages at once."_s, 1, 64, nullptr,
            &o.readers },
        { u"logins"_s, u"login: users to log in."_s, 1, 100000, nullptr, &o.logins },
    };
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Load generator for confab-server (scenarios groups, idle, history, login)."_s);
    parser.addHelpOption();
    const QCommandLineOption scenario(
        u"scenario"_s, u"groups, idle, history or login."_s, u"NAME"_s, o.scenario);
    const QCommandLineOption url(
        u"url"_s, u"Server URL (loopback only)."_s, u"URL"_s, o.url.toString());
    const QCommandLineOption label(
        u"label"_s, u"Name of the system under test, copied to the output."_s, u"TEXT"_s);
    const QCommandLineOption jsonOnly(u"json-only"_s, u"Print only the JSON line."_s);
    const QCommandLineOption prefix(
        u"user-prefix"_s, u"User names are PREFIX + index (reuse to log in again)."_s, u"P"_s);
    const QCommandLineOption password(
        u"password"_s, u"Password of every simulated user."_s, u"PW"_s, o.password);
    const QCommandLineOption reuseRoom(u"reuse-room"_s,
        u"history: top up the room of an earlier run with the same --user-prefix."_s);
    parser.addOptions({ scenario, url, label, jsonOnly, prefix, password, reuseRoom });
    for (const NumberOption &n : numbers)
        parser.addOption(QCommandLineOption(n.name, n.help, u"N"_s, defaultText(n)));
    parser.process(arguments);

    o.scenario = parser.value(scenario);
    o.url = QUrl(parser.value(url));
    o.label = parser.value(label);
    o.jsonOnly = parser.isSet(jsonOnly);
    o.password = parser.value(password);
    o.reuseRoom = parser.isSet(reuseRoom);
    o.userPrefix = parser.isSet(prefix)
        ? parser.value(prefix)
        : u"cb"_s + QString::number(QRandomGenerator::global()->bounded(1u << 30), 36) + u'_';
    for (const NumberOption &n : numbers) {
        bool ok = false;
        const double value = parser.value(n.name).toDouble(&ok);
        if (!ok || value < n.min || value > n.max) {
            *error = u"--%1 must be a number from %2 to %3"_s.arg(n.name).arg(n.min).arg(n.max);
            return o;
        }
        if (n.asInt)
            *n.asInt = int(value);
        else if (n.asInt64)
            *n.asInt64 = qint64(value);
        else
            *n.asDouble = value;
    }
    const QStringList scenarios { u"groups"_s, u"idle"_s, u"history"_s, u"login"_s };
    const QHostAddress host(o.url.host());
    if (!scenarios.contains(o.scenario))
        *error = u"--scenario must be groups, idle, history or login"_s;
    else if (o.url.scheme() != "ws"_L1)
        *error = u"--url must be ws://HOST:PORT/"_s;
    else if (!host.isLoopback() && o.url.host() != "localhost"_L1)
        *error = u"traffic goes to loopback only (127.0.0.0/8, localhost, ::1)"_s;
    else if (o.scenario == "groups"_L1 && o.clients % o.groupSize != 0)
        *error = u"--clients must be a multiple of --group-size"_s;
    else if (o.reuseRoom && !parser.isSet(prefix))
        *error = u"--reuse-room needs the --user-prefix of the run that made the room"_s;
    return o;
}
