#pragma once

#include <QObject>
#include <QSocketNotifier>

// A one-shot timer at an absolute CLOCK_MONOTONIC time with microsecond precision
// (timerfd). QTimer counts in whole milliseconds; an open-loop generator that times
// messages from their scheduled send time would add up to a millisecond to every one.
class PreciseTimer : public QObject {
    Q_OBJECT
public:
    explicit PreciseTimer(QObject *parent = nullptr);
    ~PreciseTimer() override;

    bool isValid() const { return m_fd >= 0; }
    void fireAt(qint64 monotonicUs);
    void stop();

signals:
    void fired();

private:
    int m_fd = -1;
    QSocketNotifier *m_notifier = nullptr;
};
