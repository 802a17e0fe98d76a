#pragma once

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace Confab {

// What the user has begun to write in each room: kept when switching rooms and across
// restarts (in the settings, per account), removed when sent or erased, and forgotten on
// signing out. Typing changes memory only; the settings are written a moment later.
class Drafts : public QObject {
    Q_OBJECT
public:
    explicit Drafts(QObject *parent = nullptr);
    ~Drafts() override; // writes what is still unsaved

    void setUser(const QString &userId); // loads that account's drafts
    QString text(const QString &roomId) const { return m_texts.value(roomId); }
    void setText(const QString &roomId, const QString &text);
    void forgetAll(); // signing out

private:
    void save();

    QString m_userId;
    QHash<QString, QString> m_texts;
    QSet<QString> m_unsaved;
    QTimer m_saveSoon;
};

} // namespace Confab
