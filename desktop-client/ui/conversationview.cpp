#include "ui/conversationview.h"

#include "media/voicerecorder.h"
#include "models/chatsession.h"
#include "ui/attachmentactions.h"
#include "ui/avatar.h"
#include "ui/composer.h"
#include "ui/icons.h"
#include "ui/messagedelegate.h"
#include "ui/messagemenu.h"
#include "ui/replybar.h"
#include "ui/thumbnailcache.h"
#include "ui/timeformat.h"
#include "ui/voicerecordbar.h"

#include <QDateTime>
#include <QDir>
#include <QDragEnterEvent>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMimeData>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QStandardPaths>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace Confab {

using namespace Qt::StringLiterals;

ConversationView::ConversationView(ChatSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    auto *header = new QWidget(this);
    header->setObjectName(u"conversationHeader"_s);
    m_avatar = new QLabel(header);
    m_avatar->setFixedSize(40, 40);
    m_title = new QLabel(header);
    m_title->setObjectName(u"conversationTitle"_s);
    m_subtitle = new QLabel(header);
    m_subtitle->setObjectName(u"conversationSubtitle"_s);
    m_infoButton = new QToolButton(header);
    m_infoButton->setText(tr("Info"));
    m_infoButton->setToolTip(tr("Room info (Ctrl+I)"));
    m_infoButton->setAccessibleName(tr("Room info"));
    auto *titles = new QVBoxLayout;
    titles->setSpacing(0);
    titles->addWidget(m_title);
    titles->addWidget(m_subtitle);
    auto *headerLayout = new QHBoxLayout(header);
    headerLayout->setContentsMargins(14, 8, 14, 8);
    headerLayout->addWidget(m_avatar);
    headerLayout->addLayout(titles, 1);
    headerLayout->addWidget(m_infoButton);
    connect(
        m_infoButton, &QToolButton::clicked, this, [this] { Q_EMIT roomInfoRequested(m_roomId); });

    m_thumbnails = new ThumbnailCache(this);
    m_actions = new AttachmentActions(session, this);
    m_list = new QListView(this);
    m_list->setObjectName(u"messageList"_s);
    m_list->setAccessibleName(tr("Messages"));
    m_delegate = new MessageDelegate(m_thumbnails, m_list);
    m_delegate->attachments().setFileNeeded(
        [actions = m_actions](const Attachment &attachment) { actions->requestFile(attachment); });
    m_list->setItemDelegate(m_delegate);
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_list->verticalScrollBar()->setSingleStep(20);
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    m_list->setResizeMode(QListView::Adjust);
    m_list->setUniformItemSizes(false);
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setFocusPolicy(Qt::NoFocus);
    m_list->viewport()->setMouseTracking(true);
    m_list->viewport()->installEventFilter(this);
    m_menu = new MessageMenu(m_session, m_list);
    connect(m_list->verticalScrollBar(), &QScrollBar::valueChanged, this,
        &ConversationView::onScrolled);
    connect(m_list->verticalScrollBar(), &QScrollBar::rangeChanged, this,
        &ConversationView::scrollToBottomIfFollowing);
    connect(
        m_delegate, &MessageDelegate::attachmentClicked, m_actions, &AttachmentActions::onClicked);
    connect(m_thumbnails, &ThumbnailCache::loaded, this, [this] {
        m_list->doItemsLayout(); // a picture's bubble takes its real size
        scrollToBottomIfFollowing();
    });

    m_typing = new QLabel(this);
    m_typing->setObjectName(u"typingLabel"_s);
    m_typing->setContentsMargins(16, 2, 16, 2);
    m_dropHint = new QLabel(tr("Drop files here to send them"), m_list);
    m_dropHint->setObjectName(u"dropHint"_s);
    m_dropHint->setAlignment(Qt::AlignCenter);
    m_dropHint->hide();
    setAcceptDrops(true);
    QWidget *composerBox = buildComposerBox();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(header);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_typing);
    m_replyBar = new ReplyBar(this);
    layout->addWidget(m_replyBar);
    layout->addWidget(composerBox);
    new QShortcut(
        QKeySequence(Qt::Key_Escape), this, [this] { m_replyBar->cancel(); },
        Qt::WidgetWithChildrenShortcut);
    connect(m_menu, &MessageMenu::replyRequested, this,
        [this](qint64 seq, const QString &sender, const QString &text) {
            m_replyBar->start(seq, sender, text);
            m_composer->setFocus();
        });

    connect(session, &ChatSession::typingChanged, this, [this](const QString &roomId) {
        if (roomId == m_roomId)
            updateTyping();
    });
    connect(session->rooms(), &RoomListModel::roomChanged, this, [this](const QString &roomId) {
        if (roomId == m_roomId)
            updateHeader();
    });
    // Another account may sign in next: nothing of this one stays in the view.
    const auto forgetRoom = [this] {
        m_roomId.clear();
        const QSignalBlocker quiet(m_composer);
        m_composer->clear();
    };
    connect(session->client(), &ChatClient::signedOut, this, forgetRoom);
    connect(session->client(), &ChatClient::sessionExpired, this, forgetRoom);
    auto *clock = new QTimer(this); // "last seen 5 min ago" ages
    clock->start(30000);
    connect(clock, &QTimer::timeout, this, &ConversationView::updateHeader);
}

QWidget *ConversationView::buildComposerBox()
{
    auto *box = new QWidget(this);
    box->setObjectName(u"composerBox"_s);
    m_composer = new Composer(box);
    m_sendButton = new QPushButton(tr("Send"), box);
    m_sendButton->setObjectName(u"sendButton"_s);
    m_sendButton->setAccessibleName(tr("Send message"));
    m_attachButton = new QToolButton(box);
    m_attachButton->setIcon(Icons::attach());
    m_attachButton->setToolTip(tr("Send files"));
    m_attachButton->setAccessibleName(tr("Send files"));
    m_recordButton = new QToolButton(box);
    m_recordButton->setIcon(Icons::microphone());
    m_recordButton->setAccessibleName(tr("Record a voice message"));
    const QString unavailable = VoiceRecorder::unavailableReason();
    m_recordButton->setEnabled(unavailable.isEmpty());
    m_recordButton->setToolTip(unavailable.isEmpty() ? tr("Record a voice message") : unavailable);
    const QString outgoing = QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                                 .absoluteFilePath(u"outgoing"_s);
    m_recordBar = new VoiceRecordBar(outgoing, box);
    auto *layout = new QHBoxLayout(box);
    layout->setContentsMargins(12, 8, 12, 10);
    layout->addWidget(m_attachButton, 0, Qt::AlignBottom);
    layout->addWidget(m_composer, 1);
    layout->addWidget(m_recordBar, 1);
    layout->addWidget(m_recordButton, 0, Qt::AlignBottom);
    layout->addWidget(m_sendButton, 0, Qt::AlignBottom);

    connect(m_composer, &Composer::submitted, this, &ConversationView::send);
    connect(m_sendButton, &QPushButton::clicked, this, [this] {
        const QString text = m_composer->toPlainText().trimmed();
        if (!text.isEmpty()) {
            send(text);
            m_composer->clear();
        }
        m_composer->setFocus();
    });
    connect(m_composer, &QPlainTextEdit::textChanged, this,
        [this] { m_session->drafts()->setText(m_roomId, m_composer->toPlainText()); });
    connect(m_composer, &Composer::typed, this, [this] {
        if (!m_roomId.isEmpty())
            m_session->userTyped(m_roomId);
    });
    connect(m_composer, &Composer::filesPasted, m_actions, &AttachmentActions::sendFiles);
    connect(m_composer, &Composer::imagePasted, m_actions, &AttachmentActions::sendImage);
    connect(m_attachButton, &QToolButton::clicked, m_actions, &AttachmentActions::pickFiles);
    connect(m_recordButton, &QToolButton::clicked, this, [this] {
        setRecording(true);
        m_recordBar->start();
    });
    connect(m_recordBar, &VoiceRecordBar::recorded, m_actions, &AttachmentActions::sendVoice);
    connect(m_recordBar, &VoiceRecordBar::finished, this, [this] { setRecording(false); });
    connect(m_recordBar, &VoiceRecordBar::failed, this, [this](const QString &message) {
        m_typing->setText(message); // shown where typing shows, until someone types
    });
    return box;
}

void ConversationView::setRecording(bool recording)
{
    m_composer->setVisible(!recording);
    m_attachButton->setVisible(!recording);
    m_recordButton->setVisible(!recording);
    m_sendButton->setVisible(!recording);
    if (!recording)
        m_composer->setFocus();
}

void ConversationView::dragEnterEvent(QDragEnterEvent *event)
{
    if (m_roomId.isEmpty() || !event->mimeData()->hasUrls())
        return;
    event->acceptProposedAction();
    m_dropHint->setGeometry(m_list->rect());
    m_dropHint->show();
}

void ConversationView::dragLeaveEvent(QDragLeaveEvent *)
{
    m_dropHint->hide();
}

void ConversationView::dropEvent(QDropEvent *event)
{
    m_dropHint->hide();
    QStringList paths;
    const QList<QUrl> urls = event->mimeData()->urls();
    for (const QUrl &url : urls) {
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    }
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    m_following = true;
    m_actions->sendFiles(paths);
}

void ConversationView::updateCursor(const QPoint &pos)
{
    const QModelIndex index = m_list->indexAt(pos);
    QStyleOptionViewItem option;
    option.rect = m_list->visualRect(index);
    option.font = m_list->font();
    option.widget = m_list;
    const bool clickable = index.isValid()
        && m_delegate->hitTest(option, index, pos) != AttachmentPainter::Hit::None;
    m_list->viewport()->setCursor(clickable ? Qt::PointingHandCursor : Qt::ArrowCursor);
}

void ConversationView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    window()->installEventFilter(this);
}

bool ConversationView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_list->viewport() && event->type() == QEvent::MouseMove)
        updateCursor(static_cast<QMouseEvent *>(event)->position().toPoint());
    if (watched == window() && event->type() == QEvent::ActivationChange)
        QTimer::singleShot(0, this, &ConversationView::markVisibleRead);
    return QWidget::eventFilter(watched, event);
}

void ConversationView::setRoom(const QString &roomId)
{
    if (roomId == m_roomId && m_model)
        return;
    if (m_model)
        m_model->disconnect(this);
    m_session->drafts()->setText(m_roomId, m_composer->toPlainText());
    m_roomId = roomId;
    m_model = m_session->conversation(roomId);
    m_actions->setRoom(roomId);
    m_list->setModel(m_model);
    m_following = true;
    connect(m_model, &QAbstractItemModel::rowsAboutToBeInserted, this,
        [this](const QModelIndex &, int first) {
            QScrollBar *bar = m_list->verticalScrollBar();
            m_prepending = first == 0 && m_model->rowCount() > 0;
            m_distanceFromBottom = bar->maximum() - bar->value();
        });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        m_list->doItemsLayout();
        QScrollBar *bar = m_list->verticalScrollBar();
        if (m_prepending && !m_following)
            bar->setValue(bar->maximum() - m_distanceFromBottom);
        m_prepending = false;
        scrollToBottomIfFollowing();
        QTimer::singleShot(0, this, &ConversationView::markVisibleRead);
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this,
        [this] { QTimer::singleShot(0, this, &ConversationView::markVisibleRead); });
    updateHeader();
    updateTyping();
    m_composer->setDraft(m_session->drafts()->text(roomId));
    m_replyBar->cancel();
    scrollToBottomIfFollowing();
    QTimer::singleShot(0, this, &ConversationView::markVisibleRead);
}

void ConversationView::updateHeader()
{
    const Room *room = m_session->rooms()->room(m_roomId);
    if (!room)
        return;
    QPixmap pixmap(80, 80);
    pixmap.fill(Qt::transparent);
    {
        QPainter painter(&pixmap);
        Avatar::paint(&painter, QRect(0, 0, 80, 80), room->name, room->roomId);
    }
    pixmap.setDevicePixelRatio(2.0);
    m_avatar->setPixmap(pixmap);
    m_title->setText(room->name);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString me = m_session->client()->userId();
    if (room->kind == Room::Direct) {
        for (const RoomMember &member : room->members) {
            if (member.userId != me)
                m_subtitle->setText(TimeFormat::lastSeen(member.online, member.lastSeen, now));
        }
        return;
    }
    QStringList online;
    for (const RoomMember &member : room->members) {
        if (member.online && member.userId != me)
            online.append(member.displayName.isEmpty() ? member.username : member.displayName);
    }
    const int count = int(room->members.size());
    QString text = count == 1 ? tr("1 member") : tr("%1 members").arg(count);
    if (!online.isEmpty())
        text += u" · "_s + tr("online: %1").arg(online.join(u", "_s));
    m_subtitle->setText(text);
}

void ConversationView::updateTyping()
{
    const QStringList names = m_session->typingNames(m_roomId);
    if (names.isEmpty())
        m_typing->setText(QString());
    else if (names.size() == 1)
        m_typing->setText(tr("%1 is typing…").arg(names.constFirst()));
    else if (names.size() == 2)
        m_typing->setText(tr("%1 and %2 are typing…").arg(names.at(0), names.at(1)));
    else
        m_typing->setText(tr("Several people are typing…"));
}

void ConversationView::onScrolled(int value)
{
    QScrollBar *bar = m_list->verticalScrollBar();
    m_following = value >= bar->maximum() - 4;
    if (value <= 40 && m_model && bar->maximum() > 0)
        m_session->loadOlder(m_roomId);
    markVisibleRead();
}

void ConversationView::scrollToBottomIfFollowing()
{
    if (m_following) {
        QScrollBar *bar = m_list->verticalScrollBar();
        bar->setValue(bar->maximum());
    }
    // A short page does not fill the view: fetch more so that scrolling becomes possible.
    if (m_model && m_list->verticalScrollBar()->maximum() == 0 && m_model->rowCount() > 0
        && m_model->historyLoaded())
        m_session->loadOlder(m_roomId);
}

void ConversationView::markVisibleRead()
{
    if (!m_model || !isVisible() || !window()->isActiveWindow())
        return;
    const QRect area = m_list->viewport()->rect();
    QModelIndex last = m_list->indexAt(QPoint(area.width() / 2, area.bottom() - 2));
    if (!last.isValid())
        last = m_model->index(m_model->rowCount() - 1, 0);
    qint64 seq = 0;
    for (int row = last.row(); row >= 0 && seq <= 0; --row)
        seq = m_model->index(row, 0).data(ConversationModel::SeqRole).toLongLong();
    m_session->markRead(m_roomId, seq);
}

void ConversationView::send(const QString &text)
{
    if (m_roomId.isEmpty())
        return;
    m_following = true;
    m_session->sendMessage(m_roomId, text, m_replyBar->replyTo());
    m_replyBar->cancel();
}

} // namespace Confab
