#include "ui/replybar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace Confab {

using namespace Qt::StringLiterals;

namespace {
constexpr int kQuotedChars = 120;
}

ReplyBar::ReplyBar(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"replyBar"_s);
    setAttribute(Qt::WA_StyledBackground); // the theme gives it the composer's background
    m_quote = new QLabel(this);
    m_quote->setObjectName(u"replyQuote"_s);
    m_quote->setTextFormat(Qt::PlainText);
    m_close = new QToolButton(this);
    m_close->setText(u"×"_s);
    m_close->setToolTip(tr("Cancel the reply (Esc)"));
    m_close->setAccessibleName(tr("Cancel the reply"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(14, 6, 14, 0);
    layout->addWidget(m_quote, 1);
    layout->addWidget(m_close);
    connect(m_close, &QToolButton::clicked, this, &ReplyBar::cancel);
    hide();
}

void ReplyBar::start(qint64 seq, const QString &senderName, const QString &text)
{
    m_seq = seq;
    QString quoted = text.simplified();
    if (quoted.size() > kQuotedChars)
        quoted = quoted.left(kQuotedChars) + u'…';
    m_quote->setText(tr("Replying to %1: %2").arg(senderName, quoted));
    m_quote->setAccessibleName(m_quote->text());
    show();
}

void ReplyBar::cancel()
{
    m_seq = 0;
    m_quote->clear();
    hide();
}

} // namespace Confab
