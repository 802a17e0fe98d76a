#pragma once

#include <QWidget>

class QLabel;
class QToolButton;

namespace Confab {

// The line above the composer while the user replies to a message: who and what is quoted,
// and a button to stop replying. The reply goes with the next message sent.
class ReplyBar : public QWidget {
    Q_OBJECT
public:
    explicit ReplyBar(QWidget *parent = nullptr);

    void start(qint64 seq, const QString &senderName, const QString &text);
    void cancel();
    qint64 replyTo() const { return m_seq; } // 0: not replying
    QLabel *quoteLabel() const { return m_quote; }

private:
    qint64 m_seq = 0;
    QLabel *m_quote;
    QToolButton *m_close;
};

} // namespace Confab
