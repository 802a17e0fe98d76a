#include "ui/attachmentactions.h"

#include "media/voiceplayer.h"
#include "models/chatsession.h"
#include "models/conversationmodel.h"
#include "net/clientlogging.h"
#include "net/filework.h"

#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QImage>
#include <QImageReader>
#include <QMimeDatabase>
#include <QStandardPaths>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

namespace Confab {

using namespace Qt::StringLiterals;

namespace {
// Files the app makes itself (pasted pictures, recordings) wait here until they are sent.
QString outgoingDirectory()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .absoluteFilePath(u"outgoing"_s);
}

QString savePng(const QImage &image, const QString &path)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    return image.save(path, "PNG") ? path : QString();
}
}

AttachmentActions::AttachmentActions(ChatSession *session, QWidget *window)
    : QObject(window)
    , m_session(session)
    , m_window(window)
    , m_player(new VoicePlayer(this))
{
    connect(session->client()->downloads(), &DownloadManager::fetched, this,
        &AttachmentActions::onFetched);
    auto report = [this](const QString &key) {
        AttachmentState::Playback playback;
        if (m_player->currentKey() == key) {
            playback.playing = m_player->isPlaying();
            playback.positionMs = m_player->position();
            playback.durationMs = m_player->duration();
        }
        m_session->attachments()->setPlayback(key, playback);
    };
    connect(m_player, &VoicePlayer::stateChanged, this, report);
    connect(m_player, &VoicePlayer::progressed, this, report);
    connect(m_player, &VoicePlayer::finished, this, report);
    connect(
        m_player, &VoicePlayer::failed, this, [this](const QString &key, const QString &message) {
            qCWarning(lcClientUi) << "cannot play" << key << message;
            m_session->attachments()->setPlayback(key, {});
        });
}

QString AttachmentActions::kindFor(const QString &path)
{
    const QMimeType mime = QMimeDatabase().mimeTypeForFile(path, QMimeDatabase::MatchExtension);
    return QImageReader::supportedMimeTypes().contains(mime.name().toLatin1()) ? Attachment::Image
                                                                               : Attachment::File;
}

void AttachmentActions::pickFiles()
{
    auto *dialog = new QFileDialog(m_window, tr("Send files"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    connect(dialog, &QFileDialog::filesSelected, this, &AttachmentActions::sendFiles);
    dialog->open();
}

void AttachmentActions::sendFiles(const QStringList &paths)
{
    if (m_roomId.isEmpty())
        return;
    for (const QString &path : paths)
        m_session->sendFile(m_roomId, { .path = path, .kind = kindFor(path) });
}

void AttachmentActions::sendImage(const QImage &image)
{
    if (m_roomId.isEmpty() || image.isNull())
        return;
    const QString roomId = m_roomId;
    const QString path
        = QDir(outgoingDirectory())
              .absoluteFilePath(u"picture-%1.png"_s.arg(QDateTime::currentMSecsSinceEpoch()));
    // Encoding a large picture takes a while: not on the GUI thread.
    FileWork::whenDone(
        QtConcurrent::run(savePng, image, path), this, [this, roomId](const QString &saved) {
            if (!saved.isEmpty())
                m_session->sendFile(roomId,
                    { .path = saved,
                        .kind = Attachment::Image,
                        .mime = u"image/png"_s,
                        .ownsFile = true });
        });
}

void AttachmentActions::sendVoice(const QString &path, const QString &mime, qint64 durationMs)
{
    if (!m_roomId.isEmpty()) {
        m_session->sendFile(m_roomId,
            { .path = path,
                .kind = Attachment::Voice,
                .mime = mime,
                .durationMs = durationMs,
                .ownsFile = true });
    }
}

void AttachmentActions::requestFile(const Attachment &attachment)
{
    m_session->client()->downloads()->fetch(attachment);
}

void AttachmentActions::onClicked(
    const QModelIndex &index, AttachmentPainter::Hit hit, qreal seekFraction)
{
    const Attachment attachment = index.data(ConversationModel::AttachmentRole).value<Attachment>();
    const QString local = index.data(ConversationModel::LocalFileRole).toString();
    const QString clientMsgId = index.data(ConversationModel::ClientMsgIdRole).toString();
    const bool pending = index.data(ConversationModel::SeqRole).toLongLong() <= 0;
    switch (hit) {
    case AttachmentPainter::Hit::Open:
        if (!local.isEmpty()) {
            open(local);
        } else {
            m_openWhenFetched.insert(attachment.attachmentId);
            requestFile(attachment);
        }
        break;
    case AttachmentPainter::Hit::PlayPause:
        if (!local.isEmpty() && attachment.isUploaded()) {
            m_player->toggle(attachment.attachmentId, local);
        } else if (attachment.isUploaded()) {
            m_playWhenFetched.insert(attachment.attachmentId);
            requestFile(attachment);
        }
        break;
    case AttachmentPainter::Hit::Seek:
        if (m_player->currentKey() == attachment.attachmentId)
            m_player->seek(qint64(seekFraction * qreal(m_player->duration())));
        break;
    case AttachmentPainter::Hit::Cancel:
        if (pending)
            m_session->client()->uploads()->cancel(clientMsgId);
        break;
    case AttachmentPainter::Hit::Retry:
        if (pending)
            m_session->client()->uploads()->retry(clientMsgId);
        else
            requestFile(attachment);
        break;
    case AttachmentPainter::Hit::None:
        break;
    }
}

void AttachmentActions::onFetched(const QString &attachmentId, const QString &path)
{
    if (m_openWhenFetched.remove(attachmentId))
        open(path);
    if (m_playWhenFetched.remove(attachmentId))
        m_player->toggle(attachmentId, path);
}

void AttachmentActions::open(const QString &path)
{
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(path)))
        qCWarning(lcClientUi) << "no application opens" << path;
}

} // namespace Confab
