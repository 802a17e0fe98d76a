#pragma once

#include <QtGlobal>

#include <functional>

namespace Confab::Server {

// Milliseconds on a steady clock. The limiters are given one, so that tests can move time.
using Clock = std::function<qint64()>;

Clock steadyClock();
qint64 steadyNowMs(); // what steadyClock() tells

} // namespace Confab::Server
