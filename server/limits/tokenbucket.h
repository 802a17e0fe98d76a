#pragma once

#include <QtGlobal>

namespace Confab::Server {

// Up to `burst` requests at once, then `perSecond` on average.
class TokenBucket {
public:
    TokenBucket(double burst, double perSecond, qint64 nowMs);

    // 0 when a request may go ahead (and a token is taken), else the ms until one may.
    qint64 take(qint64 nowMs);
    // Full again: forgetting the bucket and starting a new one would change nothing.
    bool isFull(qint64 nowMs) const;
    // Holds `tokens` now (at most the burst): what is left of a budget shared with other nodes.
    void reset(double tokens, qint64 nowMs);

private:
    double tokensAt(qint64 nowMs) const;

    double m_burst;
    double m_perSecond;
    double m_tokens;
    qint64 m_updatedMs;
};

} // namespace Confab::Server
