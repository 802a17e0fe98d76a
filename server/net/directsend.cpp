#include "net/directsend.h"

#ifdef Q_OS_UNIX
#include <sys/socket.h>

#include <cerrno>
#endif

namespace Confab::Server::DirectSend {

#if defined(Q_OS_UNIX) && defined(MSG_NOSIGNAL)

qsizetype send(qintptr descriptor, const char *data, qsizetype size)
{
    qsizetype written = 0;
    while (written < size) {
        const ssize_t n = ::send(
            int(descriptor), data + written, size_t(size - written), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0)
            written += n;
        else if (n < 0 && errno == EINTR)
            continue;
        else
            break;
    }
    return written;
}

#else

qsizetype send(qintptr, const char *, qsizetype)
{
    return 0;
}

#endif

} // namespace Confab::Server::DirectSend
