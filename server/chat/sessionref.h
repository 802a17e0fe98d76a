#pragma once

#include "chat/session.h"
#include "net/postqueue.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace Confab::Server {

// A way to reach a session from any thread. Work is posted to the queue of the session's
// thread and runs there only if the session still exists; the QPointer is read only in
// that thread.
struct SessionRef {
    QPointer<Session> session;
    PostQueue *anchor = nullptr;
    quint64 id = 0;
    QString tokenHash; // of a signed-in session: what revoking its token closes

    // `orphaned`, if given, runs instead (on the same thread) when the session is gone by then:
    // for what must not be left behind, such as a token issued for nobody.
    void post(std::function<void(Session &)> work, std::function<void()> orphaned = {}) const
    {
        anchor->post([target = session, work = std::move(work), orphaned = std::move(orphaned)] {
            if (target)
                work(*target);
            else if (orphaned)
                orphaned();
        });
    }
};

} // namespace Confab::Server
