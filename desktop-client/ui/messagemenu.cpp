#include "ui/messagemenu.h"

#include "models/chatsession.h"
#include "models/conversationmodel.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QListView>
#include <QMenu>

namespace Confab {

using namespace Qt::StringLiterals;

MessageMenu::MessageMenu(ChatSession *session, QListView *list)
    : QObject(list)
    , m_session(session)
    , m_list(list)
{
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_list, &QListView::customContextMenuRequested, this, [this](const QPoint &at) {
        QMenu *menu = menuFor(m_list->indexAt(at), m_list);
        if (!menu)
            return;
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_list->viewport()->mapToGlobal(at));
    });
}

QMenu *MessageMenu::menuFor(const QModelIndex &index, QWidget *parent)
{
    if (!index.isValid())
        return nullptr;
    auto *menu = new QMenu(parent);
    menu->setObjectName(u"messageMenu"_s);
    const QString text = index.data(ConversationModel::TextRole).toString();
    const qint64 seq = index.data(ConversationModel::SeqRole).toLongLong();
    if (seq > 0 && index.data(ConversationModel::NoteRole).toString().isEmpty()) {
        QAction *reply = menu->addAction(tr("Reply"));
        reply->setObjectName(u"replyAction"_s);
        const QString sender = index.data(ConversationModel::SenderNameRole).toString();
        connect(reply, &QAction::triggered, this,
            [this, seq, sender, text] { Q_EMIT replyRequested(seq, sender, text); });
    }
    if (!text.isEmpty()) {
        QAction *copy = menu->addAction(tr("Copy text"));
        copy->setObjectName(u"copyAction"_s);
        connect(copy, &QAction::triggered, this,
            [text] { QGuiApplication::clipboard()->setText(text); });
    }
    using Status = ConversationModel::Status;
    if (Status(index.data(ConversationModel::StatusRole).toInt()) == Status::Failed) {
        const QString clientMsgId = index.data(ConversationModel::ClientMsgIdRole).toString();
        ChatClient *client = m_session->client();
        QAction *retry = menu->addAction(tr("Retry sending"));
        retry->setObjectName(u"retryAction"_s);
        connect(retry, &QAction::triggered, client,
            [client, clientMsgId] { client->retryMessage(clientMsgId); });
        QAction *discard = menu->addAction(tr("Delete"));
        discard->setObjectName(u"deleteAction"_s);
        connect(discard, &QAction::triggered, client,
            [client, clientMsgId] { client->discardMessage(clientMsgId); });
    }
    if (menu->isEmpty()) {
        delete menu;
        return nullptr;
    }
    return menu;
}

} // namespace Confab
