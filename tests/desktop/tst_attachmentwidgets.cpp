// Files and voice messages in the real windows, against the real server: a dropped file
// and a pasted picture go out, an upload is cancelled from its bubble, a received file opens
// with a click, a received picture shows as a thumbnail, and a received voice message plays
// for its whole duration. The peer is a plain protocol client.

#include "clienthelpers.h"
#include "protocolsteps.h"
#include "serverprocess.h"
#include "testclient.h"
#include "transfers.h"

#include "app/appcontroller.h"
#include "media/voiceplayer.h"
#include "media/voicerecorder.h"
#include "ui/attachmentactions.h"
#include "ui/composer.h"
#include "ui/conversationview.h"
#include "ui/mainwindow.h"
#include "ui/messagedelegate.h"
#include "ui/signinwindow.h"

#include <QBuffer>
#include <QClipboard>
#include <QDesktopServices>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QLineEdit>
#include <QListView>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Confab;
using namespace Qt::StringLiterals;
using namespace DesktopTest;
using Transfer = AttachmentState::Transfer;
using Hit = AttachmentPainter::Hit;

namespace {
// Receives what the client hands to the system's application.
class UrlCatcher : public QObject {
    Q_OBJECT
public:
    QList<QUrl> urls;
public Q_SLOTS:
    void open(const QUrl &url) { urls.append(url); }
};

QByteArray fileContents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray pngOf(const QSize &size, const QColor &color)
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(color);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}
} // namespace

class TestAttachmentWidgets : public QObject {
    Q_OBJECT
public:
    static void initMain() { useTemporaryHome(); }

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void droppedFileIsSent();
    void pastedPictureIsSent();
    void uploadIsCancelledFromItsBubble();
    void receivedFileOpensWithAClick();
    void receivedPictureShowsAThumbnail();
    void receivedVoiceMessagePlays();
    void recordButtonSaysWhyItIsOff();

private:
    // Posts `data` as Bob's message with a file; returns the attachment.
    QJsonObject bobSends(const QByteArray &data, const Transfers::UploadOptions &options);
    QModelIndex lastRow() const;
    // A point of the last message where a click means `hit`.
    QPoint pointFor(Hit hit) const;
    // The part of the last message where a click means `hit`.
    QRect hitArea(Hit hit) const;

    ServerProcess m_server;
    QTemporaryDir m_files;
    AppController::Options m_options;
    std::unique_ptr<AppController> m_app;
    std::unique_ptr<TestClient> m_bob;
    ConversationView *m_view = nullptr;
    QString m_roomId;
};

void TestAttachmentWidgets::initTestCase()
{
    QCoreApplication::setOrganizationName(u"ConfabTest"_s);
    QCoreApplication::setApplicationName(u"confab-attachments-test"_s);
    m_options.useKeychain = false;
    QVERIFY(m_files.isValid());
    QVERIFY(m_server.start());
}

void TestAttachmentWidgets::init()
{
    m_bob = std::make_unique<TestClient>();
    QVERIFY(m_bob->open(m_server.url()));
    m_bob->registerUser(uniqueName(u"bob"_s));
    m_app = std::make_unique<AppController>(m_options);
    m_app->start();
    QTRY_VERIFY(m_app->signInWindow() && m_app->signInWindow()->isVisible());
    SignInWindow *signIn = m_app->signInWindow();
    signIn->serverField()->setText(m_server.url().toString());
    signIn->usernameField()->setText(uniqueName(u"alice"_s));
    signIn->passwordField()->setText(password());
    QTest::mouseClick(signIn->registerButton(), Qt::LeftButton);
    QTRY_VERIFY(m_app->mainWindow() && m_app->mainWindow()->isVisible());
    MainWindow *main = m_app->mainWindow();
    main->resize(1000, 700);
    main->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(main));

    m_roomId = ProtocolSteps::openDirect(*m_bob, m_app->client()->userId());
    QVERIFY(!m_roomId.isEmpty());
    QTRY_VERIFY(m_app->session()->rooms()->room(m_roomId));
    main->openRoom(m_roomId);
    QTRY_COMPARE(main->currentRoomId(), m_roomId);
    m_view = main->conversation();
}

void TestAttachmentWidgets::cleanup()
{
    // Signed out, so that the next test's app starts at the sign-in window.
    if (m_app && m_app->mainWindow())
        Q_EMIT m_app->mainWindow()->signOutRequested();
    m_app.reset();
    m_bob.reset();
    m_view = nullptr;
}

QJsonObject TestAttachmentWidgets::bobSends(
    const QByteArray &data, const Transfers::UploadOptions &options)
{
    const QJsonObject uploaded = Transfers::upload(*m_bob, data, options);
    const QJsonObject attachment = uploaded.value("attachment"_L1).toObject();
    m_bob->request({ { "type"_L1, "send"_L1 }, { "roomId"_L1, m_roomId },
        { "clientMsgId"_L1, Transfers::sha256Hex(data).left(20) },
        { "attachmentId"_L1, attachment.value("attachmentId"_L1) } });
    return attachment;
}

QModelIndex TestAttachmentWidgets::lastRow() const
{
    QAbstractItemModel *model = m_view->messageList()->model();
    return model->index(model->rowCount() - 1, 0);
}

QPoint TestAttachmentWidgets::pointFor(Hit hit) const
{
    const QRect area = hitArea(hit);
    return area.isEmpty() ? QPoint(-1, -1) : area.center();
}

QRect TestAttachmentWidgets::hitArea(Hit hit) const
{
    QListView *list = m_view->messageList();
    const QModelIndex index = lastRow();
    QStyleOptionViewItem option;
    option.rect = list->visualRect(index);
    option.font = list->font();
    option.widget = list;
    QRect area;
    for (int y = option.rect.top(); y <= option.rect.bottom(); ++y) {
        for (int x = option.rect.left(); x <= option.rect.right(); ++x) {
            if (m_view->messageDelegate()->hitTest(option, index, QPoint(x, y)) == hit)
                area |= QRect(x, y, 1, 1);
        }
    }
    return area;
}

void TestAttachmentWidgets::droppedFileIsSent()
{
    const QByteArray data(700 * 1024, 'd');
    const QString path = m_files.filePath(u"minutes.txt"_s);
    QVERIFY(writeFile(path, data));

    QMimeData mime;
    mime.setUrls({ QUrl::fromLocalFile(path) });
    const QPointF center = QRectF(m_view->rect()).center();
    QDragEnterEvent enter(center.toPoint(), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_view, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(center, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_view, &drop);

    QTRY_COMPARE(m_view->messageList()->model()->rowCount(), 1);
    const Attachment shown = lastRow().data(ConversationModel::AttachmentRole).value<Attachment>();
    QCOMPARE(shown.name, u"minutes.txt"_s);
    QCOMPARE(shown.kind, Attachment::File);
    QTRY_COMPARE(lastRow().data(ConversationModel::StatusRole).toInt(),
        int(ConversationModel::Status::Sent));

    const QJsonObject event = m_bob->waitForType(u"event"_s).value("event"_L1).toObject();
    const QString attachmentId
        = event.value("attachment"_L1).toObject().value("attachmentId"_L1).toString();
    QCOMPARE(Transfers::download(*m_bob, attachmentId).data, data);
}

void TestAttachmentWidgets::pastedPictureIsSent()
{
    QImage picture(64, 48, QImage::Format_RGB32);
    picture.fill(Qt::red);
    QGuiApplication::clipboard()->setImage(picture);
    m_view->composer()->setFocus();
    m_view->composer()->paste();
    QVERIFY(m_view->composer()->toPlainText().isEmpty()); // not pasted as text

    QTRY_COMPARE(m_view->messageList()->model()->rowCount(), 1);
    QCOMPARE(lastRow().data(ConversationModel::AttachmentRole).value<Attachment>().kind,
        Attachment::Image);
    const QJsonObject event = m_bob->waitForType(u"event"_s, 15000).value("event"_L1).toObject();
    const QJsonObject attachment = event.value("attachment"_L1).toObject();
    QCOMPARE(attachment.value("kind"_L1).toString(), Attachment::Image);
    QCOMPARE(attachment.value("mime"_L1).toString(), u"image/png"_s);
    QImage received;
    QVERIFY(received.loadFromData(
        Transfers::download(*m_bob, attachment.value("attachmentId"_L1).toString()).data));
    QCOMPARE(received.size(), picture.size());
    QCOMPARE(received.pixelColor(10, 10), QColor(Qt::red));

    // The sender sees the picture itself, not a placeholder.
    QTRY_VERIFY(!lastRow().data(ConversationModel::LocalFileRole).toString().isEmpty());
    QTRY_COMPARE(hitArea(Hit::Open).size(), picture.size());
}

void TestAttachmentWidgets::uploadIsCancelledFromItsBubble()
{
    const QString path = m_files.filePath(u"huge.bin"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.resize(80 * 1024 * 1024));
    file.close();
    // Clicked at the first progress, while the bubble shows it: the upload cannot finish first.
    QPoint cancel(-1, -1);
    qint64 doneAtClick = 0;
    connect(m_app->client()->uploads(), &UploadManager::progressed, this,
        [&](const QString &, const QString &, qint64 sent) {
            if (cancel.x() >= 0 || sent == 0)
                return;
            cancel = pointFor(Hit::Cancel);
            doneAtClick = lastRow().data(ConversationModel::TransferRole).value<Transfer>().done;
            QTest::mouseClick(m_view->messageList()->viewport(), Qt::LeftButton, {}, cancel);
        });
    m_view->attachmentActions()->sendFiles({ path });
    QTRY_COMPARE(m_view->messageList()->model()->rowCount(), 1);
    QTRY_VERIFY(cancel.x() >= 0);
    QVERIFY(doneAtClick > 0);
    QTRY_COMPARE(m_view->messageList()->model()->rowCount(), 0);
    QVERIFY(m_app->client()->outbox().isEmpty());
    QVERIFY(m_bob->staysQuiet(u"event"_s, 500));
}

void TestAttachmentWidgets::receivedFileOpensWithAClick()
{
    UrlCatcher catcher;
    QDesktopServices::setUrlHandler(u"file"_s, &catcher, "open");
    const QByteArray data(300 * 1024, 'r');
    bobSends(data, Transfers::named(u"report.pdf"_s));
    QTRY_COMPARE(m_view->messageList()->model()->rowCount(), 1);
    QVERIFY(lastRow().data(ConversationModel::LocalFileRole).toString().isEmpty());

    const QPoint open = pointFor(Hit::Open);
    QVERIFY(open.x() >= 0);
    QTest::mouseClick(m_view->messageList()->viewport(), Qt::LeftButton, {}, open);
    QTRY_COMPARE_WITH_TIMEOUT(catcher.urls.size(), 1, 10000);
    const QString local = catcher.urls.constFirst().toLocalFile();
    QVERIFY(local.endsWith(u"/report.pdf"_s));
    QCOMPARE(fileContents(local), data);
    QCOMPARE(lastRow().data(ConversationModel::LocalFileRole).toString(), local);
    QDesktopServices::unsetUrlHandler(u"file"_s);
}

void TestAttachmentWidgets::receivedPictureShowsAThumbnail()
{
    Transfers::UploadOptions options = Transfers::named(u"sunset.png"_s);
    options.kind = Attachment::Image;
    options.mime = u"image/png"_s;
    bobSends(pngOf(QSize(800, 400), Qt::darkBlue), options);
    QTRY_COMPARE(m_view->messageList()->model()->rowCount(), 1);
    // Shown, so it is fetched and decoded: the bubble takes the picture's shape (2:1).
    QTRY_VERIFY_WITH_TIMEOUT(
        !lastRow().data(ConversationModel::LocalFileRole).toString().isEmpty(), 10000);
    QTRY_VERIFY(pointFor(Hit::Open).x() >= 0);
    QTRY_COMPARE(hitArea(Hit::Open).size(), QSize(260, 130));
}

void TestAttachmentWidgets::receivedVoiceMessagePlays()
{
    if (!VoicePlayer::isAvailable())
        QFAIL(qPrintable(
            u"this build cannot play voice messages: "_s + VoicePlayer::unavailableReason()));
    const QByteArray voice = fileContents(QStringLiteral(CONFAB_VOICE_FIXTURE));
    QVERIFY(!voice.isEmpty());
    Transfers::UploadOptions options = Transfers::named(u"voice.ogg"_s);
    options.kind = Attachment::Voice;
    options.mime = u"audio/ogg"_s;
    options.durationMs = CONFAB_VOICE_FIXTURE_MS;
    const QJsonObject sent = bobSends(voice, options);
    QTRY_COMPARE(m_view->messageList()->model()->rowCount(), 1);

    const QPoint play = pointFor(Hit::PlayPause);
    QVERIFY(play.x() >= 0);
    QTest::mouseClick(m_view->messageList()->viewport(), Qt::LeftButton, {}, play);
    using Playback = AttachmentState::Playback;
    const auto playback
        = [this] { return lastRow().data(ConversationModel::PlaybackRole).value<Playback>(); };
    QTRY_VERIFY_WITH_TIMEOUT(playback().playing, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(playback().positionMs > 300, 10000);
    QVERIFY(qAbs(playback().durationMs - CONFAB_VOICE_FIXTURE_MS) < 150);
    QCOMPARE(m_view->attachmentActions()->player()->currentKey(),
        sent.value("attachmentId"_L1).toString());
    // It plays to the end, then the bubble is back at the start.
    QTRY_VERIFY_WITH_TIMEOUT(
        !playback().playing && playback().positionMs == 0, CONFAB_VOICE_FIXTURE_MS + 10000);
}

void TestAttachmentWidgets::recordButtonSaysWhyItIsOff()
{
    const QString reason = VoiceRecorder::unavailableReason();
    QCOMPARE(m_view->recordButton()->isEnabled(), reason.isEmpty());
    if (!reason.isEmpty())
        QCOMPARE(m_view->recordButton()->toolTip(), reason);
    QVERIFY(m_view->attachButton()->isEnabled());
}

QTEST_MAIN(TestAttachmentWidgets)
#include "tst_attachmentwidgets.moc"
