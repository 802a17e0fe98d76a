#pragma once

namespace Confab {

// Exponential reconnect delays with jitter: attempt n waits a random time between half
// and all of min(initial * 2^n, maximum), so many clients do not reconnect in lock-step.
class Backoff {
public:
    explicit Backoff(int initialMs = 500, int maximumMs = 30000);

    int nextDelayMs();
    void reset() { m_attempts = 0; }
    int attempts() const { return m_attempts; }
    void setRange(int initialMs, int maximumMs);

private:
    int m_initialMs;
    int m_maximumMs;
    int m_attempts = 0;
};

} // namespace Confab
