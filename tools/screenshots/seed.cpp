// Seeds a fresh confab-server for the screenshots, writes Alice's session as a
// confab-desktop settings file, then stays connected as Bob and Carol (online, Bob
// typing) until it is terminated.
//
//   confab-screenshot-seed ws://127.0.0.1:PORT/ /path/to/confab-desktop.conf

#include "seeder.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLinearGradient>
#include <QPainter>
#include <QRandomGenerator>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

QString roomOf(const QJsonObject &reply) { return reply.value("room"_L1).toObject().value("roomId"_L1).toString(); }

// A design mock-up as Carol would share it: two phone screens on a soft gradient.
QByteArray mockupPng()
{
    QImage image(960, 600, QImage::Format_RGB32);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    QLinearGradient background(0, 0, 960, 600);
    background.setColorAt(0, QColor(0x6D, 0x28, 0xD9));
    background.setColorAt(1, QColor(0x3B, 0x82, 0xF6));
    painter.fillRect(image.rect(), background);
    for (int phone = 0; phone < 2; ++phone) {
        const bool dark = phone == 1;
        const QRectF frame(200 + phone * 330, 60, 240, 480);
        painter.setPen(Qt::NoPen);
        painter.setBrush(dark ? QColor(0x11, 0x18, 0x27) : Qt::white);
        painter.drawRoundedRect(frame, 28, 28);
        const QColor ink = dark ? QColor(0x37, 0x41, 0x51) : QColor(0xE5, 0xE7, 0xEB);
        painter.setBrush(QColor(0x3B, 0x82, 0xF6));
        painter.drawEllipse(QPointF(frame.center().x(), frame.top() + 110), 42, 42);
        painter.setBrush(ink);
        for (int line = 0; line < 3; ++line)
            painter.drawRoundedRect(QRectF(frame.left() + 36, frame.top() + 190 + line * 34,
                                        frame.width() - 72 - line * 30, 16), 8, 8);
        painter.setBrush(QColor(0x3B, 0x82, 0xF6));
        painter.drawRoundedRect(QRectF(frame.left() + 36, frame.bottom() - 90, frame.width() - 72, 44), 22, 22);
    }
    painter.end();
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}

QByteArray pdfLike(qint64 size)
{
    QByteArray data = "%PDF-1.7\n";
    QRandomGenerator generator(7);
    while (data.size() < size)
        data.append(char(generator.bounded(256)));
    return data;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 4) {
        qWarning("usage: confab-screenshot-seed URL SETTINGS_FILE VOICE_OGG");
        return 2;
    }
    QFile voiceFile(QString::fromLocal8Bit(argv[3]));
    if (!voiceFile.open(QIODevice::ReadOnly)) {
        qWarning("cannot read %s", argv[3]);
        return 1;
    }
    const QByteArray voice = voiceFile.readAll();
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
    carol.sendFile(team, mockupPng(), u"onboarding-light-dark.png"_s, u"image/png"_s, u"image"_s);
    alice->read(team, carol.say(team, u"The empty states still need copy though."_s));
    const qint64 answer = alice->say(team, u"Yes, both themes are in. I'll write the empty-state copy today."_s, bobAsk);
    bob.read(team, answer);
    carol.read(team, answer);
    const qint64 spec = alice->sendFile(team, pdfLike(1'240'000), u"onboarding-copy-v2.pdf"_s,
        u"application/pdf"_s, u"file"_s);
    bob.read(team, spec);
    carol.read(team, spec);
    bob.sendFile(team, voice, u"voice.ogg"_s, u"audio/ogg"_s, u"voice"_s, 2459);
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
