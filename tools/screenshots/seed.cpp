// Seeds a fresh confab-server for the screenshots, writes Alice's session as a
// confab-desktop settings file, then stays connected as Bob and Carol (online, Bob
// typing) until it is terminated.
//
//   confab-screenshot-seed ws://127.0.0.1:PORT/ /path/to/confab-desktop.conf

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QWebSocket>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

class Seeder {
public:
    explicit Seeder(const QUrl &url)
    {
        QObject::connect(&m_socket, &QWebSocket::textMessageReceived, [this](const QString &t) {
            const QJsonObject frame = QJsonDocument::fromJson(t.toUtf8()).object();
            if (frame.value("id"_L1).toString() == m_waiting) {
                m_reply = frame;
                m_loop.quit();
            }
        });
        QObject::connect(&m_socket, &QWebSocket::connected, &m_loop, &QEventLoop::quit);
        m_socket.open(url);
        QTimer::singleShot(10000, &m_loop, &QEventLoop::quit);
        m_loop.exec();
    }

    QJsonObject request(const QString &type, QJsonObject fields = {})
    {
        m_waiting = u"s"_s + QString::number(++m_next);
        fields.insert("type"_L1, type);
        fields.insert("id"_L1, m_waiting);
        m_reply = {};
        m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(fields).toJson(QJsonDocument::Compact)));
        QTimer::singleShot(10000, &m_loop, &QEventLoop::quit);
        m_loop.exec();
        if (m_reply.value("type"_L1).toString() == "error"_L1)
            qWarning("%s failed: %s", qPrintable(type), qPrintable(m_reply.value("code"_L1).toString()));
        return m_reply;
    }

    QJsonObject signUp(const QString &username, const QString &displayName)
    {
        QJsonObject auth = request(u"register"_s, { { "username"_L1, username },
            { "password"_L1, u"correct horse"_s }, { "displayName"_L1, displayName } });
        m_userId = auth.value("userId"_L1).toString();
        return auth;
    }

    qint64 say(const QString &roomId, const QString &text, qint64 replyTo = 0)
    {
        QJsonObject fields { { "roomId"_L1, roomId }, { "text"_L1, text },
            { "clientMsgId"_L1, QString(u"seed-"_s + m_userId + QString::number(++m_next)) } };
        if (replyTo > 0)
            fields.insert("replyTo"_L1, replyTo);
        return request(u"send"_s, fields).value("seq"_L1).toInteger();
    }

    void read(const QString &roomId, qint64 seq)
    {
        request(u"markRead"_s, { { "roomId"_L1, roomId }, { "seq"_L1, seq } });
    }

    QString userId() const { return m_userId; }
    QWebSocket &socket() { return m_socket; }

private:
    QWebSocket m_socket;
    QEventLoop m_loop;
    QJsonObject m_reply;
    QString m_waiting;
    QString m_userId;
    int m_next = 0;
};

QString roomOf(const QJsonObject &reply) { return reply.value("room"_L1).toObject().value("roomId"_L1).toString(); }

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 3) {
        qWarning("usage: confab-screenshot-seed URL SETTINGS_FILE");
        return 2;
    }
    const QUrl url(QString::fromLocal8Bit(argv[1]));
    auto alice = std::make_unique<Seeder>(url);
    Seeder bob(url), carol(url), dave(url), erin(url);
    const QJsonObject aliceAuth = alice->signUp(u"alice"_s, u"Alice Martin"_s);
    bob.signUp(u"bob"_s, u"Bob Stone"_s);
    carol.signUp(u"carol"_s, u"Carol Wu"_s);
    dave.signUp(u"dave"_s, u"Dave Kim"_s);
    erin.signUp(u"erin"_s, u"Erin Novak"_s);

    const QString trip = roomOf(erin.request(u"createGroup"_s, { { "name"_L1, u"Weekend trip"_s },
        { "members"_L1, QJsonArray { alice->userId(), dave.userId() } } }));
    erin.say(trip, u"Cabin is booked for Saturday!"_s);
    dave.say(trip, u"Great, I'll bring the board games"_s);
    alice->read(trip, dave.say(trip, u"Who drives?"_s));
    erin.say(trip, u"I can take four people"_s);
    dave.say(trip, u"Count me in!"_s);

    const QString withCarol = roomOf(alice->request(u"openDirect"_s, { { "userId"_L1, carol.userId() } }));
    carol.say(withCarol, u"Did you get the slides?"_s);
    const qint64 thanks = alice->say(withCarol, u"Yes, thanks! Looking at them now."_s);
    alice->read(withCarol, thanks);
    carol.read(withCarol, thanks);

    const QString team = roomOf(alice->request(u"createGroup"_s, { { "name"_L1, u"Design Team"_s },
        { "members"_L1, QJsonArray { bob.userId(), carol.userId(), dave.userId() } } }));
    const qint64 kickoff = alice->say(team, u"Morning all! The new onboarding flow is ready for review."_s);
    bob.read(team, kickoff);
    const qint64 bobAsk = bob.say(team, u"Nice. Is the dark mode variant in there too?"_s);
    carol.say(team, u"I added it yesterday, page 4 of the prototype."_s);
    alice->read(team, carol.say(team, u"The empty states still need copy though."_s));
    const qint64 answer = alice->say(team, u"Yes, both themes are in. I'll write the empty-state copy today."_s, bobAsk);
    bob.read(team, answer);
    carol.read(team, answer);
    const qint64 last = alice->say(team, u"Can we review on Thursday at 10?"_s);
    bob.read(team, last);
    carol.read(team, last);
    dave.read(team, kickoff);

    const QString withBob = roomOf(bob.request(u"openDirect"_s, { { "userId"_L1, alice->userId() } }));
    bob.say(withBob, u"Lunch today?"_s);
    bob.say(withBob, u"The new place on 5th street has great ramen"_s);

    QFile settings(QString::fromLocal8Bit(argv[2]));
    if (!settings.open(QIODevice::WriteOnly)) {
        qWarning("cannot write %s", argv[2]);
        return 1;
    }
    settings.write("[session]\n");
    settings.write("server=" + url.toString().toUtf8() + "\n");
    settings.write("username=alice\n");
    settings.write("displayName=Alice Martin\n");
    settings.write("userId=" + aliceAuth.value("userId"_L1).toString().toUtf8() + "\n");
    settings.write("token=" + aliceAuth.value("token"_L1).toString().toUtf8() + "\n");
    settings.write("tokenInKeychain=false\n");
    settings.close();
    alice.reset(); // Alice's own session is the desktop client's
    dave.socket().close();
    erin.socket().close();

    // Bob keeps typing in the team room while the screenshots are taken.
    QTimer typing;
    QObject::connect(&typing, &QTimer::timeout, [&bob, team] {
        bob.socket().sendTextMessage(QString::fromUtf8(QJsonDocument(QJsonObject {
            { "type"_L1, u"typing"_s }, { "roomId"_L1, team }, { "typing"_L1, true } })
                                                          .toJson(QJsonDocument::Compact)));
    });
    typing.start(1500);
    return app.exec();
}
