#include "config/serverconfig.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

#include <limits>

namespace Confab::Server {

using namespace Qt::StringLiterals;

QString ServerConfig::effectiveDatabaseUrl() const
{
    if (!databaseUrl.isEmpty())
        return databaseUrl;
    return u"sqlite://"_s + QDir(dataDir).absoluteFilePath(u"confab.db"_s);
}

int ServerConfig::effectiveFrameBurst() const
{
    if (frameBurst > 0)
        return frameBurst;
    // Budgets are lifted to huge values (benchmarks do): the sum must not overflow.
    return int(
        qMin<qint64>(std::numeric_limits<int>::max(), 2 * (qint64(sendBurst) + requestBurst)));
}

double ServerConfig::effectiveFramesPerSecond() const
{
    return framesPerSecond > 0 ? framesPerSecond : 2 * (sendPerSecond + requestsPerSecond);
}

QString ServerConfig::loadIni(const QString &path)
{
    if (!QFileInfo::exists(path))
        return u"config file not found: "_s + path;
    QSettings ini(path, QSettings::IniFormat);
    if (ini.status() != QSettings::NoError)
        return u"cannot read config file: "_s + path;

    auto text = [&ini](const QString &key, QString &target) {
        if (ini.contains(key))
            target = ini.value(key).toString();
    };
    auto number = [&ini](const QString &key, auto &target) {
        if (ini.contains(key))
            target = ini.value(key).value<std::remove_reference_t<decltype(target)>>();
    };
    QString listen;
    text(u"server/listen"_s, listen);
    if (!listen.isEmpty()) {
        const qsizetype colon = listen.lastIndexOf(u':');
        listenHost = listen.left(colon);
        listenPort = quint16(listen.mid(colon + 1).toUInt());
    }
    text(u"server/data_dir"_s, dataDir);
    text(u"server/database"_s, databaseUrl);
    text(u"server/redis"_s, redisUrl);
    text(u"server/node_id"_s, nodeId);
    QString registration;
    text(u"server/registration"_s, registration);
    if (!registration.isEmpty())
        registrationOpen = registration == "open"_L1;
    text(u"server/tls_cert"_s, tlsCertFile);
    text(u"server/tls_key"_s, tlsKeyFile);
    text(u"server/log_level"_s, logLevel);
    number(u"server/io_threads"_s, ioThreads);
    number(u"server/reader_threads"_s, readerThreads);
    number(u"server/hash_threads"_s, hashThreads);

    number(u"limits/max_text_frame_bytes"_s, maxTextFrameBytes);
    number(u"limits/max_text_bytes"_s, maxTextBytes);
    number(u"limits/max_unsent_bytes"_s, maxUnsentBytes);
    number(u"limits/max_connections_per_ip"_s, maxConnectionsPerIp);
    number(u"limits/max_group_members"_s, maxGroupMembers);
    number(u"limits/frame_burst"_s, frameBurst);
    number(u"limits/frames_per_second"_s, framesPerSecond);
    number(u"limits/max_queued_writes"_s, maxQueuedWrites);
    number(u"limits/max_write_delay_ms"_s, maxWriteDelayMs);
    number(u"store/commit_window_us"_s, commitWindowUs);
    number(u"limits/max_queued_reads"_s, maxQueuedReads);
    number(u"limits/max_queued_hashes"_s, maxQueuedHashes);
    number(u"limits/auth_timeout_ms"_s, authTimeoutMs);
    number(u"limits/ping_interval_ms"_s, pingIntervalMs);
    number(u"limits/pong_timeout_ms"_s, pongTimeoutMs);
    number(u"limits/send_burst"_s, sendBurst);
    number(u"limits/send_per_second"_s, sendPerSecond);
    number(u"limits/request_burst"_s, requestBurst);
    number(u"limits/requests_per_second"_s, requestsPerSecond);
    number(u"limits/account_failed_logins"_s, accountFailedLogins);
    number(u"limits/account_lockout_ms"_s, accountLockoutMs);
    number(u"limits/token_lifetime_ms"_s, tokenLifetimeMs);
    number(u"files/chunk_bytes"_s, chunkBytes);
    number(u"files/max_file_bytes"_s, maxFileBytes);
    number(u"files/quota_bytes"_s, quotaBytes);
    number(u"files/max_concurrent_uploads"_s, maxConcurrentUploads);
    number(u"files/max_queued_upload_bytes"_s, maxQueuedUploadBytes);
    number(u"files/upload_expiry_ms"_s, uploadExpiryMs);
    number(u"files/download_buffer_bytes"_s, downloadBufferBytes);
    return {};
}

} // namespace Confab::Server
