#include "media/voicerecorder.h"

#include "media/medialogging.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUrl>

#ifdef CONFAB_HAVE_MULTIMEDIA
#include "media/voiceformat.h"

#include <QAudioDevice>
#include <QAudioInput>
#include <QMediaCaptureSession>
#include <QMediaDevices>
#include <QMediaRecorder>
#endif

namespace Confab {

using namespace Qt::StringLiterals;

namespace {
// Finishing a file takes a fraction of a second; a recorder still busy after this never
// finishes, and the user must not be left with a recording that cannot end.
constexpr int kStopTimeoutMs = 10000;
// A microphone delivers its first sound within a fraction of a second, a Bluetooth headset
// switching profiles within about two; see onStartTimedOut().
constexpr int kStartTimeoutMs = 3000;
constexpr int kStartAttempts = 3;

#ifdef CONFAB_HAVE_MULTIMEDIA
QString newFilePath(const QDir &directory, const QString &extension)
{
    const QString stamp = QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
    QString path = directory.filePath(u"voice-"_s + stamp + u'.' + extension);
    for (int n = 2; QFileInfo::exists(path); ++n)
        path = directory.filePath(u"voice-%1-%2.%3"_s.arg(stamp).arg(n).arg(extension));
    return path;
}

QString errorText(QMediaRecorder::Error error)
{
    switch (error) {
    case QMediaRecorder::FormatError:
        return VoiceRecorder::tr("Recording voice messages is not supported here");
    case QMediaRecorder::OutOfSpaceError:
        return VoiceRecorder::tr("There is not enough disk space for the recording");
    case QMediaRecorder::LocationNotWritable:
        return VoiceRecorder::tr("The recording cannot be saved");
    case QMediaRecorder::NoError:
    case QMediaRecorder::ResourceError:
        break;
    }
    return VoiceRecorder::tr("The microphone cannot be used");
}
#endif
}

VoiceRecorder::VoiceRecorder(QObject *parent)
    : QObject(parent)
{
    m_stopTimer.setSingleShot(true);
    m_stopTimer.setInterval(kStopTimeoutMs);
    connect(&m_stopTimer, &QTimer::timeout, this, &VoiceRecorder::onStopTimedOut);
    m_startTimer.setSingleShot(true);
    m_startTimer.setInterval(kStartTimeoutMs);
#ifdef CONFAB_HAVE_MULTIMEDIA
    connect(&m_startTimer, &QTimer::timeout, this, &VoiceRecorder::onStartTimedOut);
#endif
}

VoiceRecorder::~VoiceRecorder()
{
    if (isRecording()) {
        qCDebug(lcClientMedia) << "recorder destroyed while recording; dropping" << m_writtenPath;
        removeFile();
    }
}

QString VoiceRecorder::unavailableReason()
{
#ifdef CONFAB_HAVE_MULTIMEDIA
    if (QMediaDevices::audioInputs().isEmpty())
        return tr("No microphone found");
    if (!VoiceFormat::preferred())
        return tr("Recording voice messages is not supported here");
    return {};
#else
    return tr("This build has no audio support");
#endif
}

void VoiceRecorder::start(const QString &directory)
{
    if (isRecording()) {
        qCWarning(lcClientMedia) << "start() while recording; ignored";
        return;
    }
    m_elapsedMs = 0;
    const QString reason = unavailableReason();
    if (!reason.isEmpty()) {
        failLater(reason);
        return;
    }
#ifdef CONFAB_HAVE_MULTIMEDIA
    const std::optional<VoiceFormat> format = VoiceFormat::preferred();
    const QDir dir(directory);
    if (!format || !dir.mkpath(u"."_s)) {
        qCWarning(lcClientMedia) << "cannot record into" << directory;
        failLater(tr("The recording cannot be saved"));
        return;
    }
    m_filePath = newFilePath(dir, format->extension);
    m_writtenPath = m_filePath;
    m_mime = format->mime;
    m_attempts = 0;
    m_phase = Phase::Recording;
    beginCapture(*format);
#else
    Q_UNUSED(directory);
#endif
}

#ifdef CONFAB_HAVE_MULTIMEDIA
// Made anew for every recording (and attempt): the microphone stays closed between
// recordings, and one plugged in meanwhile becomes the default.
void VoiceRecorder::beginCapture(const VoiceFormat &format)
{
    ++m_attempts;
    m_session = new QMediaCaptureSession(this);
    m_session->setAudioInput(new QAudioInput(QMediaDevices::defaultAudioInput(), m_session));
    m_recorder = new QMediaRecorder(m_session);
    m_session->setRecorder(m_recorder);
    m_recorder->setMediaFormat(format.mediaFormat());
    // Qt 6.4's GStreamer backend ignores channels, bit rate and quality and encodes what the
    // microphone gives (Opus at about 58 kbit/s, some 430 KB a minute); later ones honour them.
    m_recorder->setAudioChannelCount(1);
    m_recorder->setQuality(QMediaRecorder::NormalQuality);
    m_recorder->setOutputLocation(QUrl::fromLocalFile(m_filePath));
    connect(m_recorder, &QMediaRecorder::durationChanged, this, [this](qint64 ms) {
        if (ms > 0)
            m_startTimer.stop();
        m_elapsedMs = ms;
        Q_EMIT elapsedChanged(ms);
    });
    connect(m_recorder, &QMediaRecorder::actualLocationChanged, this, [this](const QUrl &url) {
        if (url.isLocalFile())
            m_writtenPath = url.toLocalFile();
    });
    connect(m_recorder, &QMediaRecorder::recorderStateChanged, this,
        [this](QMediaRecorder::RecorderState state) {
            qCDebug(lcClientMedia) << "recorder:" << state;
            if (state == QMediaRecorder::StoppedState)
                onStopped();
        });
    connect(m_recorder, &QMediaRecorder::errorOccurred, this,
        [this](QMediaRecorder::Error error, const QString &errorString) {
            qCWarning(lcClientMedia) << "recording failed:" << error << errorString;
            failNow(errorText(error));
        });

    qCDebug(lcClientMedia) << "recording" << m_mime << "into" << m_filePath << "attempt"
                           << m_attempts;
    m_startTimer.start();
    m_recorder->record();
}

// Qt 6.4's GStreamer backend now and then links the encoder to a running microphone such
// that no sound ever reaches it (duration stays 0, the file stays empty). Nothing has been
// recorded then, so the capture starts over; the elapsed time has not moved meanwhile.
void VoiceRecorder::onStartTimedOut()
{
    if (m_phase != Phase::Recording)
        return;
    if (m_attempts >= kStartAttempts) {
        qCWarning(lcClientMedia) << "no sound from the microphone after" << m_attempts
                                 << "attempts";
        failNow(tr("The microphone sends no sound"));
        return;
    }
    qCWarning(lcClientMedia) << "no sound from the microphone within" << kStartTimeoutMs
                             << "ms; starting again";
    // Deleted now, not later: its file must be closed before the next attempt opens it.
    m_recorder->disconnect(this);
    delete m_session;
    m_session = nullptr;
    m_recorder = nullptr;
    removeFile();
    m_writtenPath = m_filePath;
    const std::optional<VoiceFormat> format = VoiceFormat::preferred();
    if (!format) {
        failNow(tr("Recording voice messages is not supported here"));
        return;
    }
    beginCapture(*format);
}
#endif

void VoiceRecorder::stop()
{
    if (m_phase == Phase::Recording)
        requestStop(Phase::Stopping);
}

void VoiceRecorder::cancel()
{
    if (m_phase == Phase::Recording)
        requestStop(Phase::Cancelling);
    else if (m_phase == Phase::Stopping)
        m_phase = Phase::Cancelling; // the file is deleted once it is closed
}

// Sets the phase first: the recorder may report its stop before stop() returns.
void VoiceRecorder::requestStop(Phase next)
{
    m_phase = next;
    m_startTimer.stop();
    m_stopTimer.start();
#ifdef CONFAB_HAVE_MULTIMEDIA
    if (m_recorder->recorderState() == QMediaRecorder::StoppedState)
        QMetaObject::invokeMethod(this, &VoiceRecorder::onStopped, Qt::QueuedConnection);
    else
        m_recorder->stop();
#endif
}

void VoiceRecorder::onStopped()
{
    switch (m_phase) {
    case Phase::Idle:
        return;
    case Phase::Recording:
        failNow(tr("The recording stopped unexpectedly"));
        return;
    case Phase::Cancelling:
        release();
        removeFile();
        Q_EMIT cancelled();
        return;
    case Phase::Stopping:
        break;
    }
#ifdef CONFAB_HAVE_MULTIMEDIA
    m_elapsedMs = qMax(m_elapsedMs, m_recorder->duration()); // the last tick may be a while ago
#endif
    release();
    if (QFileInfo(m_writtenPath).size() <= 0) {
        qCWarning(lcClientMedia) << "the recorder stopped without writing" << m_writtenPath;
        removeFile();
        Q_EMIT failed(tr("Nothing was recorded"));
        return;
    }
    // Qt 6.4 appends the suffix it knows for the container when it differs from ours
    // ("voice-….ogg.ogv" for audio in Ogg); the file keeps the name we chose.
    if (m_writtenPath != m_filePath) {
        if (QFile::exists(m_filePath) || !QFile::rename(m_writtenPath, m_filePath)) {
            qCWarning(lcClientMedia) << "cannot rename" << m_writtenPath << "to" << m_filePath;
            m_filePath = m_writtenPath;
        }
    }
    qCDebug(lcClientMedia) << "recorded" << m_elapsedMs << "ms into" << m_filePath;
    Q_EMIT recorded(m_filePath, m_mime, m_elapsedMs);
}

void VoiceRecorder::onStopTimedOut()
{
    qCWarning(lcClientMedia) << "the recorder did not stop within" << kStopTimeoutMs << "ms";
    if (m_phase == Phase::Cancelling) {
        release();
        removeFile();
        Q_EMIT cancelled();
    } else {
        failNow(tr("The recording cannot be saved"));
    }
}

void VoiceRecorder::failNow(const QString &message)
{
    if (!isRecording())
        return;
    release();
    removeFile();
    Q_EMIT failed(message);
}

// For failures before anything started: still reported after start() has returned, like
// every other outcome.
void VoiceRecorder::failLater(const QString &message)
{
    QMetaObject::invokeMethod(
        this, [this, message] { Q_EMIT failed(message); }, Qt::QueuedConnection);
}

// Ends the recording's phase and closes the microphone. The session goes later: this often
// runs inside one of its recorder's signals.
void VoiceRecorder::release()
{
    m_phase = Phase::Idle;
    m_startTimer.stop();
    m_stopTimer.stop();
#ifdef CONFAB_HAVE_MULTIMEDIA
    if (m_session) {
        m_recorder->disconnect(this);
        m_session->deleteLater();
        m_session = nullptr;
        m_recorder = nullptr;
    }
#endif
}

void VoiceRecorder::removeFile()
{
    for (const QString &path : { m_writtenPath, m_filePath }) {
        if (!path.isEmpty() && QFile::exists(path) && !QFile::remove(path))
            qCWarning(lcClientMedia) << "cannot remove" << path;
    }
}

} // namespace Confab
