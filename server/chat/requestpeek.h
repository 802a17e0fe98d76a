#pragma once

#include <QByteArrayView>

namespace Confab::Server {

// The top-level "type", "id" and "clientMsgId" of a request, read straight from its text
// without building a document: enough to refuse a request the server is too busy to take, at
// a small part of the cost of parsing it. Only plain strings are taken (no escapes, no control
// characters, each key once); anything else leaves `ok` false, and the frame goes to the full
// parser. A member that is absent is a null view.
struct RequestPeek {
    QByteArrayView type;
    QByteArrayView id;
    QByteArrayView clientMsgId;
    bool ok = false;

    static RequestPeek of(QByteArrayView json);
};

} // namespace Confab::Server
