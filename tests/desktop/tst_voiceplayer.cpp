// VoicePlayer and AudioProbe on a real voice message, through the default Qt Multimedia
// backend and whatever audio the machine has. On CI machines that is no sound card at all:
// the GStreamer backend of Qt 6.4 then plays silently in real time, so every check here holds
// with and without speakers.
//
// fixtures/voice.ogg: Ogg/Opus, mono, 16 kbit/s, espeak-ng saying "Hello, this is a Confab
// voice message"; opusinfo measures "Playback length: 0m:02.459s", i.e. 2459 ms.

#include "media/audioprobe.h"
#include "media/voiceplayer.h"
#include "media/voicerecorder.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#ifdef CONFAB_HAVE_MULTIMEDIA
#include <QAudioDevice>
#include <QMediaDevices>
#endif

using namespace Confab;
using namespace Qt::StringLiterals;

namespace {
constexpr qint64 kFixtureMs = CONFAB_VOICE_FIXTURE_MS;
constexpr qint64 kDurationToleranceMs = 100;
// Loading, playing the whole fixture and reporting the end, with room for a slow machine.
constexpr int kPlayTimeoutMs = 15000;

// A VoicePlayer that keeps what each of its signals reported.
class SpiedPlayer : public VoicePlayer {
public:
    QSignalSpy states { this, &VoicePlayer::stateChanged };
    QSignalSpy progress { this, &VoicePlayer::progressed };
    QSignalSpy finishes { this, &VoicePlayer::finished };
    QSignalSpy failures { this, &VoicePlayer::failed };
};
}

class TestVoicePlayer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void availability();
    void recorderReasonMatchesDevices();
    void probeReadsDuration();
    void probeAnswersInOrder();
    void probeFails_data();
    void probeFails();
    void playAdvances();
    void pauseHoldsPosition();
    void otherKeyStopsFirst();
    void finishesAtEnd();
    void seekThenFinish();
    void stopUnloads();
    void playFails_data();
    void playFails();
    void playsAfterFailure();

private:
    QString brokenFile(const QString &kind) const;

    QTemporaryDir m_dir;
    QString m_voice;
};

void TestVoicePlayer::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // A copy of our own: some checks delete or damage files next to it.
    m_voice = m_dir.filePath(u"voice.ogg"_s);
    QVERIFY(QFile::copy(QStringLiteral(CONFAB_VOICE_FIXTURE), m_voice));
}

void TestVoicePlayer::init()
{
    // All but these two play or probe audio, which a build without Qt Multimedia cannot.
    const QByteArray test = QTest::currentTestFunction();
    if (!VoicePlayer::isAvailable() && test != "availability"
        && test != "recorderReasonMatchesDevices")
        QSKIP("built without Qt Multimedia");
}

// "empty", "garbage" (text with an .ogg name), "missing" or "directory".
QString TestVoicePlayer::brokenFile(const QString &kind) const
{
    const QString path = m_dir.filePath(kind + u".ogg"_s);
    if (kind == "missing"_L1)
        return path;
    if (kind == "directory"_L1)
        return QDir(m_dir.path()).mkpath(path) ? path : QString();
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    if (kind == "garbage"_L1) {
        for (int i = 0; i < 400; ++i)
            file.write("This is not a voice message. ");
    }
    return path;
}

void TestVoicePlayer::availability()
{
#ifdef CONFAB_HAVE_MULTIMEDIA
    QVERIFY(VoicePlayer::isAvailable());
    QVERIFY(VoicePlayer::unavailableReason().isEmpty());
#else
    QVERIFY(!VoicePlayer::isAvailable());
    QCOMPARE(VoicePlayer::unavailableReason(), u"This build has no audio support"_s);
    QCOMPARE(VoiceRecorder::unavailableReason(), u"This build has no audio support"_s);
    VoicePlayer player;
    QSignalSpy failed(&player, &VoicePlayer::failed);
    player.toggle(u"a1"_s, m_voice);
    QCOMPARE(failed.size(), 1);
    QVERIFY(!player.isPlaying());
    VoiceRecorder recorder;
    QSignalSpy recorderFailed(&recorder, &VoiceRecorder::failed);
    recorder.start(m_dir.path());
    QTRY_COMPARE(recorderFailed.size(), 1);
    QVERIFY(!recorder.isRecording());
    AudioProbe probe;
    QSignalSpy probeFailed(&probe, &AudioProbe::failed);
    probe.readDuration(m_voice);
    QTRY_COMPARE(probeFailed.size(), 1);
#endif
}

void TestVoicePlayer::recorderReasonMatchesDevices()
{
#ifdef CONFAB_HAVE_MULTIMEDIA
    const QString reason = VoiceRecorder::unavailableReason();
    if (QMediaDevices::audioInputs().isEmpty()) {
        QCOMPARE(reason, u"No microphone found"_s);
        VoiceRecorder recorder;
        QSignalSpy failed(&recorder, &VoiceRecorder::failed);
        recorder.start(m_dir.path());
        QCOMPARE(failed.size(), 0); // reported after start() returned
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed.at(0).at(0).toString(), reason);
        QVERIFY(!recorder.isRecording());
        QCOMPARE(QDir(m_dir.path()).entryList({ u"voice-*"_s }), QStringList());
    } else {
        // A microphone, so only the format can be missing (tst_voicerecorder records).
        QVERIFY2(reason.isEmpty() || reason == u"Recording voice messages is not supported here"_s,
            qPrintable(reason));
    }
#else
    QSKIP("built without Qt Multimedia");
#endif
}

void TestVoicePlayer::probeReadsDuration()
{
    AudioProbe probe;
    QSignalSpy read(&probe, &AudioProbe::durationRead);
    QSignalSpy failed(&probe, &AudioProbe::failed);
    probe.readDuration(m_voice);
    QVERIFY(probe.isBusy());
    QTRY_COMPARE_WITH_TIMEOUT(read.size() + failed.size(), 1, kPlayTimeoutMs);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(read.at(0).at(0).toString(), m_voice);
    const qint64 durationMs = read.at(0).at(1).toLongLong();
    QVERIFY2(qAbs(durationMs - kFixtureMs) <= kDurationToleranceMs,
        qPrintable(u"read %1 ms"_s.arg(durationMs)));
    QVERIFY(!probe.isBusy());
}

void TestVoicePlayer::probeAnswersInOrder()
{
    AudioProbe probe;
    QSignalSpy read(&probe, &AudioProbe::durationRead);
    QSignalSpy failed(&probe, &AudioProbe::failed);
    const QString missing = brokenFile(u"missing"_s);
    probe.readDuration(m_voice);
    probe.readDuration(missing);
    probe.readDuration(m_voice); // the same file again is read again
    QTRY_COMPARE_WITH_TIMEOUT(read.size() + failed.size(), 3, kPlayTimeoutMs);
    QCOMPARE(read.size(), 2);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(0).toString(), missing);
    QCOMPARE(read.at(0).at(1).toLongLong(), read.at(1).at(1).toLongLong());
}

void TestVoicePlayer::probeFails_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("missing") << u"missing"_s;
    QTest::newRow("empty") << u"empty"_s;
    QTest::newRow("garbage") << u"garbage"_s;
    QTest::newRow("directory") << u"directory"_s;
}

void TestVoicePlayer::probeFails()
{
    QFETCH(QString, kind);
    const QString path = brokenFile(kind);
    QVERIFY(!path.isEmpty());
    AudioProbe probe;
    QSignalSpy read(&probe, &AudioProbe::durationRead);
    QSignalSpy failed(&probe, &AudioProbe::failed);
    probe.readDuration(path);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kPlayTimeoutMs);
    QCOMPARE(read.size(), 0);
    QCOMPARE(failed.at(0).at(0).toString(), path);
    QVERIFY(!failed.at(0).at(1).toString().isEmpty());
}

void TestVoicePlayer::playAdvances()
{
    SpiedPlayer player;
    player.toggle(u"a1"_s, m_voice);
    QCOMPARE(player.currentKey(), u"a1"_s);
    QVERIFY(player.isPlaying());
    QCOMPARE(player.states.size(), 1);
    QCOMPARE(player.states.at(0).at(0).toString(), u"a1"_s);

    QTRY_VERIFY_WITH_TIMEOUT(player.position() >= 500, kPlayTimeoutMs);
    QCOMPARE(player.failures.size(), 0);
    QVERIFY(qAbs(player.duration() - kFixtureMs) <= kDurationToleranceMs);
    // Progress is reported for this key, moves forward, and not more than about ten times
    // a second.
    QVERIFY(!player.progress.isEmpty());
    qint64 last = 0;
    for (const QList<QVariant> &args : std::as_const(player.progress)) {
        QCOMPARE(args.at(0).toString(), u"a1"_s);
        QVERIFY(args.at(1).toLongLong() >= last);
        last = args.at(1).toLongLong();
    }
    QVERIFY(last > 0);
    QVERIFY2(player.progress.size() <= last / 80 + 3,
        qPrintable(QString::number(player.progress.size())));
    player.stop();
}

void TestVoicePlayer::pauseHoldsPosition()
{
    SpiedPlayer player;
    player.toggle(u"a1"_s, m_voice);
    QTRY_VERIFY_WITH_TIMEOUT(player.position() >= 300, kPlayTimeoutMs);

    player.toggle(u"a1"_s, m_voice);
    QVERIFY(!player.isPlaying());
    QCOMPARE(player.currentKey(), u"a1"_s);
    QCOMPARE(player.states.size(), 2);
    const qint64 paused = player.position();
    // Paused, the position must not move; playing, it would move 400 ms meanwhile.
    QTest::qWait(400);
    QVERIFY2(qAbs(player.position() - paused) < 100,
        qPrintable(u"%1 -> %2"_s.arg(paused).arg(player.position())));

    player.toggle(u"a1"_s, m_voice);
    QVERIFY(player.isPlaying());
    QTRY_VERIFY_WITH_TIMEOUT(player.position() >= paused + 200, kPlayTimeoutMs);
    QVERIFY(player.position() < kFixtureMs);
    player.stop();
}

void TestVoicePlayer::otherKeyStopsFirst()
{
    SpiedPlayer player;
    player.toggle(u"a1"_s, m_voice);
    QTRY_VERIFY_WITH_TIMEOUT(player.position() >= 300, kPlayTimeoutMs);

    player.progress.clear(); // only what the switch reports
    player.toggle(u"a2"_s, m_voice);
    QCOMPARE(player.currentKey(), u"a2"_s);
    QVERIFY(player.isPlaying());
    QCOMPARE(player.states.size(), 3); // a1 playing, a1 stopped, a2 playing
    QCOMPARE(player.states.at(1).at(0).toString(), u"a1"_s);
    QCOMPARE(player.states.at(2).at(0).toString(), u"a2"_s);
    // a1 went back to 0; a2 starts from the beginning.
    QCOMPARE(player.progress.at(0).at(0).toString(), u"a1"_s);
    QCOMPARE(player.progress.at(0).at(1).toLongLong(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(player.position() >= 100, kPlayTimeoutMs);
    QVERIFY(player.position() < 1000);
    for (qsizetype i = 1; i < player.progress.size(); ++i)
        QCOMPARE(player.progress.at(i).at(0).toString(), u"a2"_s);
    QCOMPARE(player.finishes.size(), 0);
    player.stop();
}

void TestVoicePlayer::finishesAtEnd()
{
    SpiedPlayer player;
    QElapsedTimer clock;
    clock.start();
    player.toggle(u"a1"_s, m_voice);
    QTRY_COMPARE_WITH_TIMEOUT(player.finishes.size(), 1, kPlayTimeoutMs);
    // It really played, in about real time, rather than skipping to the end.
    QVERIFY2(clock.elapsed() >= kFixtureMs - 300, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(player.finishes.at(0).at(0).toString(), u"a1"_s);
    QCOMPARE(player.failures.size(), 0);
    QVERIFY(!player.isPlaying());
    QVERIFY(player.currentKey().isEmpty());
    QCOMPARE(player.position(), 0);
    QCOMPARE(player.states.last().at(0).toString(), u"a1"_s);
    QCOMPARE(player.progress.last().at(1).toLongLong(), 0);
    QVERIFY(qAbs(player.progress.last().at(2).toLongLong() - kFixtureMs) <= kDurationToleranceMs);

    // Played again, it starts from the beginning.
    player.toggle(u"a1"_s, m_voice);
    QVERIFY(player.isPlaying());
    QTRY_VERIFY_WITH_TIMEOUT(player.position() > 0, kPlayTimeoutMs);
    QVERIFY(player.position() < 1000);
    player.stop();
    QCOMPARE(player.finishes.size(), 1);
}

void TestVoicePlayer::seekThenFinish()
{
    SpiedPlayer player;
    player.toggle(u"a1"_s, m_voice);
    QTRY_VERIFY_WITH_TIMEOUT(player.position() > 0, kPlayTimeoutMs);
    QElapsedTimer clock;
    clock.start();
    player.seek(2000);
    QTRY_VERIFY_WITH_TIMEOUT(
        player.position() >= 2000 || !player.finishes.isEmpty(), kPlayTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(player.finishes.size(), 1, kPlayTimeoutMs);
    // The rest after 2000 ms is under half a second; from the start it would take 2.4 s.
    QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
}

void TestVoicePlayer::stopUnloads()
{
    SpiedPlayer player;
    player.toggle(u"a1"_s, m_voice);
    QTRY_VERIFY_WITH_TIMEOUT(player.position() > 0, kPlayTimeoutMs);
    player.stop();
    QVERIFY(!player.isPlaying());
    QVERIFY(player.currentKey().isEmpty());
    QCOMPARE(player.position(), 0);
    QCOMPARE(player.states.size(), 2);
    QCOMPARE(player.states.last().at(0).toString(), u"a1"_s);
    player.stop(); // nothing to stop
    player.seek(1000); // nothing to seek
    QCOMPARE(player.states.size(), 2);
    QCOMPARE(player.finishes.size(), 0);
}

void TestVoicePlayer::playFails_data()
{
    probeFails_data();
}

void TestVoicePlayer::playFails()
{
    QFETCH(QString, kind);
    const QString path = brokenFile(kind);
    QVERIFY(!path.isEmpty());
    SpiedPlayer player;
    player.toggle(u"bad"_s, path);
    QTRY_COMPARE_WITH_TIMEOUT(player.failures.size(), 1, kPlayTimeoutMs);
    QCOMPARE(player.failures.at(0).at(0).toString(), u"bad"_s);
    QVERIFY(!player.failures.at(0).at(1).toString().isEmpty());
    QVERIFY(!player.isPlaying());
    QVERIFY(player.currentKey().isEmpty());
    if (!player.states.isEmpty())
        QCOMPARE(player.states.last().at(0).toString(), u"bad"_s);
    // Exactly one answer, even when the backend reports the error more than once.
    QTest::qWait(200);
    QCOMPARE(player.failures.size(), 1);
    QCOMPARE(player.finishes.size(), 0);
}

void TestVoicePlayer::playsAfterFailure()
{
    SpiedPlayer player;
    player.toggle(u"bad"_s, brokenFile(u"garbage"_s));
    QTRY_COMPARE_WITH_TIMEOUT(player.failures.size(), 1, kPlayTimeoutMs);
    player.toggle(u"a1"_s, m_voice);
    QTRY_VERIFY_WITH_TIMEOUT(player.position() >= 300, kPlayTimeoutMs);
    QCOMPARE(player.failures.size(), 1);
    player.stop();
}

QTEST_MAIN(TestVoicePlayer)
#include "tst_voiceplayer.moc"
