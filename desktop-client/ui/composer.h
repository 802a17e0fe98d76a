#pragma once

#include <QPlainTextEdit>

namespace Confab {

// The message editor: Enter sends, Shift+Enter starts a new line. Pasted or dropped
// pictures and files are handed on to be sent, not inserted as text.
class Composer : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit Composer(QWidget *parent = nullptr);

    QSize sizeHint() const override;
    // Shows a saved draft: not the user typing, so no `typed()`.
    void setDraft(const QString &text);

Q_SIGNALS:
    void submitted(const QString &text);
    void typed(); // the user changed the text
    void imagePasted(const QImage &image);
    void filesPasted(const QStringList &paths);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    bool canInsertFromMimeData(const QMimeData *source) const override;
    void insertFromMimeData(const QMimeData *source) override;

private:
    void adjustHeight();

    bool m_settingDraft = false;
};

} // namespace Confab
