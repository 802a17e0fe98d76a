#include "ui/composer.h"

#include <QImage>
#include <QKeyEvent>
#include <QMimeData>
#include <QUrl>

namespace Confab {

namespace {
QStringList localFiles(const QMimeData *source)
{
    QStringList paths;
    if (source->hasUrls()) {
        const QList<QUrl> urls = source->urls();
        for (const QUrl &url : urls) {
            if (url.isLocalFile())
                paths.append(url.toLocalFile());
        }
    }
    return paths;
}
}

Composer::Composer(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setPlaceholderText(tr("Write a message…"));
    setAccessibleName(tr("Message"));
    setTabChangesFocus(true);
    setFrameShape(QFrame::NoFrame);
    connect(this, &QPlainTextEdit::textChanged, this, [this] {
        adjustHeight();
        if (!m_settingDraft && !toPlainText().isEmpty())
            Q_EMIT typed();
    });
    adjustHeight();
}

void Composer::setDraft(const QString &text)
{
    m_settingDraft = true;
    setPlainText(text);
    moveCursor(QTextCursor::End);
    m_settingDraft = false;
}

QSize Composer::sizeHint() const
{
    return QSize(400, minimumHeight());
}

void Composer::adjustHeight()
{
    const int blocks = int(document()->blockCount());
    const int lines = std::clamp(blocks, 1, 6);
    const QMargins margins = contentsMargins();
    const int height = fontMetrics().lineSpacing() * lines + 2 * int(document()->documentMargin())
        + margins.top() + margins.bottom() + 2 * frameWidth() + 2;
    setVerticalScrollBarPolicy(blocks > 6 ? Qt::ScrollBarAsNeeded : Qt::ScrollBarAlwaysOff);
    setFixedHeight(height);
}

void Composer::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && !(event->modifiers() & Qt::ShiftModifier)) {
        const QString text = toPlainText().trimmed();
        if (!text.isEmpty()) {
            Q_EMIT submitted(text);
            clear();
        }
        event->accept();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

bool Composer::canInsertFromMimeData(const QMimeData *source) const
{
    return source->hasImage() || !localFiles(source).isEmpty()
        || QPlainTextEdit::canInsertFromMimeData(source);
}

void Composer::insertFromMimeData(const QMimeData *source)
{
    const QStringList files = localFiles(source);
    if (!files.isEmpty()) {
        Q_EMIT filesPasted(files);
        return;
    }
    if (source->hasImage()) {
        Q_EMIT imagePasted(qvariant_cast<QImage>(source->imageData()));
        return;
    }
    QPlainTextEdit::insertFromMimeData(source);
}

} // namespace Confab
