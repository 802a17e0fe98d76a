// confab-bench: a load generator for confab-server. It signs up `--clients` users, puts
// them into groups of `--group-size`, has everyone send `--messages` messages with up to
// `--window` unacknowledged, and prints throughput and latency percentiles.
// Run the server with tools/bench/bench.ini so that the rate limits do not throttle it.

#include "benchclient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTextStream>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

QString percentiles(QList<qint64> values)
{
    if (values.isEmpty())
        return u"n/a"_s;
    std::sort(values.begin(), values.end());
    auto at = [&values](double p) {
        return QString::number(double(values.at(qsizetype(p * double(values.size() - 1)))) / 1000.0, 'f', 2);
    };
    return u"p50 "_s + at(0.50) + u" ms, p95 "_s + at(0.95) + u" ms, p99 "_s + at(0.99) + u" ms, max "_s
        + at(1.0) + u" ms"_s;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Load generator for confab-server."_s);
    parser.addHelpOption();
    const QCommandLineOption urlOption(u"url"_s, u"Server URL."_s, u"URL"_s, u"ws://127.0.0.1:8080/"_s);
    const QCommandLineOption clientsOption(u"clients"_s, u"Simulated users."_s, u"N"_s, u"20"_s);
    const QCommandLineOption groupOption(u"group-size"_s, u"Members per group room."_s, u"N"_s, u"5"_s);
    const QCommandLineOption messagesOption(u"messages"_s, u"Messages per user."_s, u"N"_s, u"200"_s);
    const QCommandLineOption windowOption(u"window"_s, u"Unacknowledged sends per user."_s, u"N"_s, u"4"_s);
    parser.addOptions({ urlOption, clientsOption, groupOption, messagesOption, windowOption });
    parser.process(app);

    const QUrl url(parser.value(urlOption));
    const int clientCount = qMax(2, parser.value(clientsOption).toInt());
    const int groupSize = qBound(2, parser.value(groupOption).toInt(), clientCount);
    const int messages = qMax(1, parser.value(messagesOption).toInt());
    const int window = qMax(1, parser.value(windowOption).toInt());

    QElapsedTimer clock;
    clock.start();
    const QString prefix = u"b"_s + QString::number(QRandomGenerator::global()->bounded(1u << 30), 36);
    QList<BenchClient *> clients;
    for (int i = 0; i < clientCount; ++i)
        clients.append(new BenchClient(clock, prefix + u'-' + QString::number(i), &app));

    int registered = 0;
    int roomsReady = 0;
    int finished = 0;
    qint64 sendStartUs = 0;
    const int groups = (clientCount + groupSize - 1) / groupSize;
    QTextStream out(stdout);

    for (int i = 0; i < clientCount; ++i) {
        BenchClient *client = clients.at(i);
        QObject::connect(client, &BenchClient::registered, &app, [&] {
            if (++registered < clientCount)
                return;
            out << "registered " << clientCount << " users in " << clock.elapsed() << " ms" << Qt::endl;
            for (int g = 0; g < groups; ++g) {
                QStringList others;
                for (int m = g * groupSize + 1; m < qMin(clientCount, (g + 1) * groupSize); ++m)
                    others.append(clients.at(m)->userId());
                clients.at(g * groupSize)->createGroup(others);
            }
        });
        QObject::connect(client, &BenchClient::roomReady, &app, [&, client](const QString &roomId) {
            client->setProperty("roomId", roomId);
            if (++roomsReady < clientCount)
                return;
            sendStartUs = clock.nsecsElapsed() / 1000;
            for (BenchClient *sender : std::as_const(clients))
                sender->startSending(sender->property("roomId").toString(), messages, window);
        });
        QObject::connect(client, &BenchClient::finishedSending, &app, [&] {
            if (++finished < clientCount)
                return;
            // Let the last deliveries arrive before reporting.
            QTimer::singleShot(500, &app, [&] {
                const double seconds = double(clock.nsecsElapsed() / 1000 - sendStartUs - 500000) / 1e6;
                QList<qint64> acks, deliveries;
                int errors = 0;
                for (BenchClient *c : std::as_const(clients)) {
                    acks += c->ackLatenciesUs();
                    deliveries += c->deliveryLatenciesUs();
                    errors += c->errors();
                }
                out << "sent " << acks.size() << " messages in " << QString::number(seconds, 'f', 2)
                    << " s: " << QString::number(double(acks.size()) / seconds, 'f', 0) << " msg/s, "
                    << deliveries.size() << " deliveries, " << errors << " errors" << Qt::endl;
                out << "send -> sent:  " << percentiles(acks) << Qt::endl;
                out << "send -> event: " << percentiles(deliveries) << Qt::endl;
                app.exit(errors == 0 ? 0 : 1);
            });
        });
        client->open(url);
    }
    QTimer::singleShot(600000, &app, [&] {
        out << "timed out" << Qt::endl;
        app.exit(2);
    });
    return app.exec();
}
