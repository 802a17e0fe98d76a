#include "media/audioprobe.h"

#include "media/medialogging.h"

#include <QFileInfo>
#include <QUrl>

#ifdef CONFAB_HAVE_MULTIMEDIA
#include <QAudioOutput>
#include <QMediaPlayer>
#endif

namespace Confab {

namespace {
// A local file is read in well under a second; this only ends a wait that would not end.
constexpr int kDeadlineMs = 10000;
}

AudioProbe::AudioProbe(QObject *parent)
    : QObject(parent)
{
    m_deadline.setSingleShot(true);
    m_deadline.setInterval(kDeadlineMs);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        qCWarning(lcClientMedia) << "no duration for" << m_current << "within" << kDeadlineMs
                                 << "ms";
        fail(tr("The length of the audio file cannot be read"));
    });
#ifdef CONFAB_HAVE_MULTIMEDIA
    m_player = new QMediaPlayer(this);
    // Never plays, but the GStreamer backend of Qt 6.4 only loads audio that has an output.
    m_output = new QAudioOutput(this);
    m_output->setMuted(true);
    m_player->setAudioOutput(m_output);
    connect(m_player, &QMediaPlayer::durationChanged, this, &AudioProbe::checkDuration);
    connect(m_player, &QMediaPlayer::mediaStatusChanged, this,
        [this](QMediaPlayer::MediaStatus status) {
            if (m_current.isEmpty())
                return;
            if (status == QMediaPlayer::InvalidMedia)
                fail(tr("This audio file cannot be read"));
            else
                checkDuration();
        });
    connect(m_player, &QMediaPlayer::errorOccurred, this,
        [this](QMediaPlayer::Error error, const QString &errorString) {
            if (m_current.isEmpty())
                return;
            qCWarning(lcClientMedia) << "cannot read" << m_current << error << errorString;
            fail(tr("This audio file cannot be read"));
        });
#endif
}

AudioProbe::~AudioProbe() = default;

void AudioProbe::readDuration(const QString &filePath)
{
    m_queue.append(filePath);
    QMetaObject::invokeMethod(this, &AudioProbe::next, Qt::QueuedConnection);
}

void AudioProbe::next()
{
    if (!m_current.isEmpty() || m_queue.isEmpty())
        return;
    m_current = m_queue.takeFirst();
#ifdef CONFAB_HAVE_MULTIMEDIA
    const QFileInfo file(m_current);
    if (!file.isFile() || !file.isReadable()) {
        fail(tr("The audio file is missing or cannot be read"));
        return;
    }
    m_deadline.start();
    m_player->setSource(QUrl::fromLocalFile(file.absoluteFilePath()));
#else
    fail(tr("This build has no audio support"));
#endif
}

// The duration counts once the media is loaded: before that a backend may still be guessing.
void AudioProbe::checkDuration()
{
#ifdef CONFAB_HAVE_MULTIMEDIA
    if (m_current.isEmpty())
        return;
    const QMediaPlayer::MediaStatus status = m_player->mediaStatus();
    const bool loaded = status == QMediaPlayer::LoadedMedia
        || status == QMediaPlayer::BufferingMedia || status == QMediaPlayer::BufferedMedia;
    if (loaded && m_player->duration() > 0)
        succeed(m_player->duration());
#endif
}

void AudioProbe::succeed(qint64 durationMs)
{
    const QString filePath = m_current;
    finishCurrent();
    Q_EMIT durationRead(filePath, durationMs);
}

void AudioProbe::fail(const QString &message)
{
    const QString filePath = m_current;
    finishCurrent();
    Q_EMIT failed(filePath, message);
}

void AudioProbe::finishCurrent()
{
    m_current.clear();
    m_deadline.stop();
#ifdef CONFAB_HAVE_MULTIMEDIA
    m_player->setSource(QUrl()); // lets go of the file; reading it again starts afresh
#endif
    QMetaObject::invokeMethod(this, &AudioProbe::next, Qt::QueuedConnection);
}

} // namespace Confab
