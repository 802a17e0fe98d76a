#include "media/voiceplayer.h"

#include "media/medialogging.h"

#include <QFileInfo>
#include <QUrl>

#ifdef CONFAB_HAVE_MULTIMEDIA
#include <QAudioDevice>
#include <QAudioOutput>
#include <QMediaDevices>
#include <QMediaPlayer>
#endif

namespace Confab {

namespace {
// Position updates come about every 100 ms; a little slack keeps every one of them instead of
// dropping every other when one arrives early.
constexpr qint64 kProgressIntervalMs = 80;
// Loading a local file and starting its output take far less; a player that has not moved
// for this long will not move any more.
constexpr int kStallTimeoutMs = 8000;
}

VoicePlayer::VoicePlayer(QObject *parent)
    : QObject(parent)
{
    m_stallTimer.setSingleShot(true);
    m_stallTimer.setInterval(kStallTimeoutMs);
    connect(&m_stallTimer, &QTimer::timeout, this, &VoicePlayer::onStalled);
#ifdef CONFAB_HAVE_MULTIMEDIA
    m_player = new QMediaPlayer(this);
    // Attached even without an output device: the GStreamer backend of Qt 6.4 leaves the
    // decoded audio unlinked otherwise and fails with "Internal data stream error".
    m_output = new QAudioOutput(QMediaDevices::defaultAudioOutput(), this);
    m_player->setAudioOutput(m_output);
    m_devices = new QMediaDevices(this);
    connect(
        m_devices, &QMediaDevices::audioOutputsChanged, this, &VoicePlayer::followDefaultOutput);
    connect(m_player, &QMediaPlayer::positionChanged, this, &VoicePlayer::onPositionChanged);
    connect(m_player, &QMediaPlayer::durationChanged, this, [this] {
        if (!m_key.isEmpty())
            emitProgress();
    });
    connect(m_player, &QMediaPlayer::mediaStatusChanged, this,
        [this](QMediaPlayer::MediaStatus status) {
            if (m_key.isEmpty())
                return;
            qCDebug(lcClientMedia) << "player:" << m_key << status;
            if (status == QMediaPlayer::EndOfMedia)
                onEnded();
            else if (status == QMediaPlayer::InvalidMedia)
                fail(tr("This voice message cannot be played"));
        });
    connect(m_player, &QMediaPlayer::errorOccurred, this,
        [this](QMediaPlayer::Error error, const QString &errorString) {
            if (m_key.isEmpty())
                return;
            qCWarning(lcClientMedia) << "cannot play" << m_key << error << errorString;
            fail(error == QMediaPlayer::AccessDeniedError
                    ? tr("The voice message file cannot be read")
                    : tr("This voice message cannot be played"));
        });
#endif
}

VoicePlayer::~VoicePlayer() = default;

bool VoicePlayer::isAvailable()
{
#ifdef CONFAB_HAVE_MULTIMEDIA
    return true;
#else
    return false;
#endif
}

QString VoicePlayer::unavailableReason()
{
    return isAvailable() ? QString() : tr("This build has no audio support");
}

void VoicePlayer::toggle(const QString &key, const QString &filePath)
{
    if (key.isEmpty()) {
        qCWarning(lcClientMedia) << "toggle without a key";
        return;
    }
    if (key == m_key) {
        if (m_playing)
            pause();
        else
            resume();
        return;
    }
    stop();
    if (!isAvailable()) {
        Q_EMIT failed(key, unavailableReason());
        return;
    }
    const QFileInfo file(filePath);
    if (!file.isFile() || !file.isReadable()) {
        qCWarning(lcClientMedia) << "cannot play" << key << "from" << filePath;
        Q_EMIT failed(key, tr("The voice message file is missing or cannot be read"));
        return;
    }
#ifdef CONFAB_HAVE_MULTIMEDIA
    m_key = key;
    m_player->setSource(QUrl::fromLocalFile(file.absoluteFilePath()));
    resume();
#endif
}

void VoicePlayer::stop()
{
    if (m_key.isEmpty())
        return;
    const QString key = m_key;
    const qint64 total = duration();
    unload();
    Q_EMIT progressed(key, 0, total);
    Q_EMIT stateChanged(key);
}

void VoicePlayer::seek(qint64 positionMs)
{
    if (m_key.isEmpty())
        return;
#ifdef CONFAB_HAVE_MULTIMEDIA
    m_player->setPosition(qMax<qint64>(0, positionMs));
#else
    Q_UNUSED(positionMs);
#endif
    m_sinceProgress.invalidate();
    emitProgress();
}

qint64 VoicePlayer::position() const
{
#ifdef CONFAB_HAVE_MULTIMEDIA
    if (!m_key.isEmpty())
        return m_player->position();
#endif
    return 0;
}

qint64 VoicePlayer::duration() const
{
#ifdef CONFAB_HAVE_MULTIMEDIA
    if (!m_key.isEmpty())
        return m_player->duration();
#endif
    return 0;
}

void VoicePlayer::resume()
{
#ifdef CONFAB_HAVE_MULTIMEDIA
    m_player->play();
#endif
    m_playing = true;
    m_stallTimer.start();
    Q_EMIT stateChanged(m_key);
}

void VoicePlayer::pause()
{
#ifdef CONFAB_HAVE_MULTIMEDIA
    m_player->pause();
#endif
    m_playing = false;
    m_stallTimer.stop();
    m_sinceProgress.invalidate();
    emitProgress();
    Q_EMIT stateChanged(m_key);
}

// Forgets the current message before touching the player, so that the signals the player
// sends while stopping are not taken for the message's own.
void VoicePlayer::unload()
{
    m_key.clear();
    m_playing = false;
    m_stallTimer.stop();
    m_sinceProgress.invalidate();
#ifdef CONFAB_HAVE_MULTIMEDIA
    m_player->stop();
    m_player->setSource(QUrl()); // lets go of the file
#endif
}

void VoicePlayer::fail(const QString &message)
{
    const QString key = m_key;
    unload();
    Q_EMIT stateChanged(key);
    Q_EMIT failed(key, message);
}

void VoicePlayer::onEnded()
{
    const QString key = m_key;
    const qint64 total = duration();
    qCDebug(lcClientMedia) << "played to the end:" << key;
    unload();
    Q_EMIT progressed(key, 0, total);
    Q_EMIT stateChanged(key);
    Q_EMIT finished(key);
}

void VoicePlayer::onPositionChanged(qint64 positionMs)
{
    Q_UNUSED(positionMs);
    if (m_key.isEmpty())
        return;
    if (m_playing)
        m_stallTimer.start();
    if (!m_sinceProgress.isValid() || m_sinceProgress.elapsed() >= kProgressIntervalMs)
        emitProgress();
}

void VoicePlayer::onStalled()
{
    if (m_key.isEmpty() || !m_playing)
        return;
    qCWarning(lcClientMedia) << "playback of" << m_key << "did not progress for" << kStallTimeoutMs
                             << "ms; is there an audio output?";
    fail(tr("The voice message could not be played on this computer's audio output"));
}

void VoicePlayer::emitProgress()
{
    m_sinceProgress.start();
    Q_EMIT progressed(m_key, position(), duration());
}

void VoicePlayer::followDefaultOutput()
{
#ifdef CONFAB_HAVE_MULTIMEDIA
    const QAudioDevice device = QMediaDevices::defaultAudioOutput();
    if (device != m_output->device()) {
        qCDebug(lcClientMedia) << "audio output now" << device.description();
        m_output->setDevice(device);
    }
#endif
}

} // namespace Confab
