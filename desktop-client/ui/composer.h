#pragma once

#include <QPlainTextEdit>

namespace Confab {

// The message editor: Enter sends, Shift+Enter starts a new line.
class Composer : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit Composer(QWidget *parent = nullptr);

    QSize sizeHint() const override;

Q_SIGNALS:
    void submitted(const QString &text);
    void typed(); // the user changed the text

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void adjustHeight();
};

} // namespace Confab
