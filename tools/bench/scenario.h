#pragma once

#include "benchoptions.h"

#include <QJsonObject>
#include <QObject>
#include <QStringList>

// One kind of benchmark run. It does its work on the event loop and reports once: the
// figures as JSON (the last line of the output) and a few lines for a human.
class Scenario : public QObject {
    Q_OBJECT
public:
    explicit Scenario(const BenchOptions &options, QObject *parent = nullptr)
        : QObject(parent)
        , m_options(options)
    {
    }

    virtual void start() = 0;

signals:
    // `completed` false: the run could not be done (setup failed), the JSON says why.
    void finished(const QJsonObject &result, const QStringList &summary, bool completed);

protected:
    const BenchOptions m_options;
};
