// VoiceRecorder against a private PulseAudio daemon whose microphone hears what its speaker
// plays (see PulseAudioServer): real recordings through Qt Multimedia's default backend, read
// back by AudioProbe and QAudioDecoder and played by VoicePlayer. The pulseaudio program is
// required (tools/install-deps.sh installs it): without it the suite fails rather than skip.

#include "pulseaudioserver.h"

#include "media/audioprobe.h"
#include "media/voiceplayer.h"
#include "media/voicerecorder.h"

#include <QAudioBuffer>
#include <QAudioDecoder>
#include <QAudioDevice>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMediaDevices>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Confab;
using namespace Qt::StringLiterals;

namespace {
// fixtures/voice.ogg, see tst_voiceplayer.
constexpr qint64 kFixtureMs = CONFAB_VOICE_FIXTURE_MS;
// Recording, finishing the file, reading and playing it back, on a slow machine.
constexpr int kTimeoutMs = 15000;
}

class TestVoiceRecorder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void recordsWhatItHears();
    void cancelDeletesFile();
    void stopRightAfterStart();
    void secondStartIgnored();
    void unwritableDirectory();

private:
    QStringList recordings() const;
    static float peakLevel(const QString &path);

    PulseAudioServer m_pulse;
    QTemporaryDir m_root;
    QString m_dir;
};

void TestVoiceRecorder::initTestCase()
{
    if (!VoicePlayer::isAvailable())
        QSKIP("built without Qt Multimedia");
    if (PulseAudioServer::executable().isEmpty())
        QFAIL("pulseaudio is not installed, so there is no microphone to record from");
    // Before anything asks Qt Multimedia for devices.
    QVERIFY(m_pulse.start());
    QVERIFY(m_root.isValid());
    const QList<QAudioDevice> inputs = QMediaDevices::audioInputs();
    QVERIFY2(!inputs.isEmpty(), m_pulse.log().constData());
    QCOMPARE(QMediaDevices::defaultAudioInput().id(), "confab_microphone");
    QCOMPARE(VoiceRecorder::unavailableReason(), QString());
}

void TestVoiceRecorder::init()
{
    static int run = 0;
    m_dir = m_root.filePath(u"run-"_s + QString::number(++run)); // start() creates it
}

QStringList TestVoiceRecorder::recordings() const
{
    return QDir(m_dir).entryList(QDir::Files);
}

// The loudest sample of an audio file, 0 to 1; -1 when it cannot be decoded.
float TestVoiceRecorder::peakLevel(const QString &path)
{
    QAudioDecoder decoder;
    float peak = 0;
    bool done = false;
    QObject::connect(&decoder, &QAudioDecoder::bufferReady, &decoder, [&] {
        const QAudioBuffer buffer = decoder.read();
        const QAudioFormat format = buffer.format();
        const char *data = buffer.constData<char>();
        for (qsizetype i = 0; i < buffer.sampleCount(); ++i)
            peak = qMax(
                peak, qAbs(format.normalizedSampleValue(data + i * format.bytesPerSample())));
    });
    QObject::connect(&decoder, &QAudioDecoder::finished, &decoder, [&] { done = true; });
    QObject::connect(
        &decoder, qOverload<QAudioDecoder::Error>(&QAudioDecoder::error), &decoder, [&] {
            qWarning() << "cannot decode" << path << decoder.errorString();
            peak = -1;
            done = true;
        });
    decoder.setSource(QUrl::fromLocalFile(path));
    decoder.start();
    if (!QTest::qWaitFor([&] { return done; }, kTimeoutMs))
        return -1;
    return peak;
}

// The microphone hears the speaker: the fixture played during the recording must be in the
// file, not silence.
void TestVoiceRecorder::recordsWhatItHears()
{
    VoiceRecorder recorder;
    QSignalSpy elapsed(&recorder, &VoiceRecorder::elapsedChanged);
    QSignalSpy recorded(&recorder, &VoiceRecorder::recorded);
    QSignalSpy failed(&recorder, &VoiceRecorder::failed);
    recorder.start(m_dir);
    QVERIFY(recorder.isRecording());
    // The backend here encodes Ogg/Opus (gstreamer1.0-plugins-base), the preferred format.
    QCOMPARE(recorder.mimeType(), u"audio/ogg"_s);
    QTRY_VERIFY_WITH_TIMEOUT(recorder.elapsed() > 0 || !failed.isEmpty(), kTimeoutMs);
    QCOMPARE(failed.size(), 0);

    VoicePlayer speaker;
    QSignalSpy spoken(&speaker, &VoicePlayer::finished);
    speaker.toggle(u"fixture"_s, QStringLiteral(CONFAB_VOICE_FIXTURE));
    QTRY_COMPARE_WITH_TIMEOUT(spoken.size(), 1, kTimeoutMs);
    QVERIFY(elapsed.size() >= 3);
    recorder.stop();
    QVERIFY(recorder.isRecording()); // until the file is complete
    QTRY_COMPARE_WITH_TIMEOUT(recorded.size() + failed.size(), 1, kTimeoutMs);
    QCOMPARE(failed.size(), 0);
    QVERIFY(!recorder.isRecording());

    const QString path = recorded.at(0).at(0).toString();
    const qint64 durationMs = recorded.at(0).at(2).toLongLong();
    QCOMPARE(recorded.at(0).at(1).toString(), u"audio/ogg"_s);
    QCOMPARE(QFileInfo(path).absolutePath(), QFileInfo(m_dir).absoluteFilePath());
    QVERIFY2(QFileInfo(path).fileName().startsWith("voice-"_L1) && path.endsWith(".ogg"_L1),
        qPrintable(path));
    QCOMPARE(recordings(), QStringList { QFileInfo(path).fileName() });
    QVERIFY2(durationMs >= kFixtureMs && durationMs < kFixtureMs + 5000,
        qPrintable(QString::number(durationMs)));

    // A complete file: its own length is what the recorder reported (they differ by ~20 ms).
    AudioProbe probe;
    QSignalSpy read(&probe, &AudioProbe::durationRead);
    QSignalSpy unreadable(&probe, &AudioProbe::failed);
    probe.readDuration(path);
    QTRY_COMPARE_WITH_TIMEOUT(read.size() + unreadable.size(), 1, kTimeoutMs);
    QCOMPARE(unreadable.size(), 0);
    const qint64 fileMs = read.at(0).at(1).toLongLong();
    QVERIFY2(
        qAbs(fileMs - durationMs) <= 100, qPrintable(u"%1 vs %2"_s.arg(fileMs).arg(durationMs)));

    // Speech, not silence (the fixture peaks at about 0.9).
    const float peak = peakLevel(path);
    QVERIFY2(peak > 0.1f, qPrintable(QString::number(peak)));

    // And it plays to the end.
    VoicePlayer player;
    QSignalSpy finished(&player, &VoicePlayer::finished);
    QSignalSpy playFailed(&player, &VoicePlayer::failed);
    player.toggle(u"mine"_s, path);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size() + playFailed.size(), 1, kTimeoutMs);
    QCOMPARE(playFailed.size(), 0);
}

void TestVoiceRecorder::cancelDeletesFile()
{
    VoiceRecorder recorder;
    QSignalSpy recorded(&recorder, &VoiceRecorder::recorded);
    QSignalSpy cancelled(&recorder, &VoiceRecorder::cancelled);
    QSignalSpy failed(&recorder, &VoiceRecorder::failed);
    recorder.start(m_dir);
    QTRY_VERIFY_WITH_TIMEOUT(recorder.elapsed() >= 300 || !failed.isEmpty(), kTimeoutMs);
    QCOMPARE(recordings().size(), 1);
    recorder.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(cancelled.size(), 1, kTimeoutMs);
    QVERIFY(!recorder.isRecording());
    QCOMPARE(recorded.size(), 0);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(recordings(), QStringList());
}

// However short, a recording ends in exactly one answer and leaves no stray file.
void TestVoiceRecorder::stopRightAfterStart()
{
    VoiceRecorder recorder;
    QSignalSpy recorded(&recorder, &VoiceRecorder::recorded);
    QSignalSpy cancelled(&recorder, &VoiceRecorder::cancelled);
    QSignalSpy failed(&recorder, &VoiceRecorder::failed);
    recorder.start(m_dir);
    recorder.stop();
    QTRY_COMPARE_WITH_TIMEOUT(recorded.size() + failed.size(), 1, kTimeoutMs);
    QVERIFY(!recorder.isRecording());
    QCOMPARE(cancelled.size(), 0);
    if (recorded.isEmpty())
        QCOMPARE(recordings(), QStringList());
    else
        QCOMPARE(recordings().size(), 1);
}

void TestVoiceRecorder::secondStartIgnored()
{
    VoiceRecorder recorder;
    QSignalSpy recorded(&recorder, &VoiceRecorder::recorded);
    QSignalSpy failed(&recorder, &VoiceRecorder::failed);
    recorder.start(m_dir);
    const QString first = recorder.filePath();
    QTest::ignoreMessage(QtWarningMsg, "start() while recording; ignored");
    recorder.start(m_dir);
    QCOMPARE(recorder.filePath(), first);
    QTRY_VERIFY_WITH_TIMEOUT(recorder.elapsed() >= 300 || !failed.isEmpty(), kTimeoutMs);
    recorder.stop();
    QTRY_COMPARE_WITH_TIMEOUT(recorded.size() + failed.size(), 1, kTimeoutMs);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(recorded.at(0).at(0).toString(), first);
    QCOMPARE(recordings().size(), 1);
}

void TestVoiceRecorder::unwritableDirectory()
{
    // Not even root can make a directory below a file.
    const QString file = m_root.filePath(u"a-file"_s);
    QFile touch(file);
    QVERIFY(touch.open(QIODevice::WriteOnly));
    touch.close();
    VoiceRecorder recorder;
    QSignalSpy failed(&recorder, &VoiceRecorder::failed);
    recorder.start(file + u"/voice"_s);
    QVERIFY(!recorder.isRecording());
    QTRY_COMPARE(failed.size(), 1);
    QVERIFY(!failed.at(0).at(0).toString().isEmpty());
}

QTEST_MAIN(TestVoiceRecorder)
#include "tst_voicerecorder.moc"
