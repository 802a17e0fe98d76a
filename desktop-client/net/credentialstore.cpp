#include "net/credentialstore.h"

#include "net/clientlogging.h"

#include <QSettings>

#ifdef CONFAB_HAVE_QTKEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace Confab {

using namespace Qt::StringLiterals;

namespace {
const QString kService = u"confab-desktop"_s;

QString keychainKey(const Session &session)
{
    return session.username + u"@"_s + session.serverUrl.toString();
}
}

CredentialStore::CredentialStore(QObject *parent)
    : QObject(parent)
{
}

bool CredentialStore::keychainAvailable()
{
#ifdef CONFAB_HAVE_QTKEYCHAIN
    return true;
#else
    return false;
#endif
}

QUrl CredentialStore::lastServer() const
{
    return QUrl(QSettings().value("session/server"_L1, u"ws://127.0.0.1:8080/"_s).toString());
}

QString CredentialStore::lastUsername() const
{
    return QSettings().value("session/username"_L1).toString();
}

void CredentialStore::load()
{
    QSettings settings;
    Session session;
    session.serverUrl = QUrl(settings.value("session/server"_L1).toString());
    session.username = settings.value("session/username"_L1).toString();
    session.userId = settings.value("session/userId"_L1).toString();
    session.displayName = settings.value("session/displayName"_L1).toString();
    const QString plainToken = settings.value("session/token"_L1).toString();
    if (session.userId.isEmpty()) {
        finishLoad({}, {});
        return;
    }
#ifdef CONFAB_HAVE_QTKEYCHAIN
    if (m_useKeychain && settings.value("session/tokenInKeychain"_L1).toBool()) {
        auto *job = new QKeychain::ReadPasswordJob(kService, this);
        job->setKey(keychainKey(session));
        connect(job, &QKeychain::Job::finished, this, [this, job, session] {
            if (job->error() != QKeychain::NoError)
                qCInfo(lcClientApp) << "keychain read failed:" << job->errorString();
            finishLoad(session, job->error() == QKeychain::NoError ? job->textData() : QString());
        });
        job->start();
        return;
    }
#endif
    finishLoad(session, plainToken);
}

void CredentialStore::finishLoad(Session session, const QString &token)
{
    session.token = token;
    if (!session.isValid())
        session = {};
    // Delivered from the event loop so that callers see the same order in every case.
    QMetaObject::invokeMethod(
        this, [this, session] { Q_EMIT sessionLoaded(session); }, Qt::QueuedConnection);
}

void CredentialStore::save(const Session &session)
{
    QSettings settings;
    settings.setValue("session/server"_L1, session.serverUrl.toString());
    settings.setValue("session/username"_L1, session.username);
    settings.setValue("session/userId"_L1, session.userId);
    settings.setValue("session/displayName"_L1, session.displayName);
#ifdef CONFAB_HAVE_QTKEYCHAIN
    if (m_useKeychain) {
        auto *job = new QKeychain::WritePasswordJob(kService, this);
        job->setKey(keychainKey(session));
        job->setTextData(session.token);
        connect(job, &QKeychain::Job::finished, this, [job, session] {
            QSettings settings;
            if (job->error() == QKeychain::NoError) {
                settings.setValue("session/tokenInKeychain"_L1, true);
                settings.remove("session/token"_L1);
            } else {
                qCInfo(lcClientApp) << "no keychain (" << job->errorString()
                                    << "), keeping the token in the settings file";
                settings.setValue("session/tokenInKeychain"_L1, false);
                settings.setValue("session/token"_L1, session.token);
            }
        });
        job->start();
        return;
    }
#endif
    settings.setValue("session/tokenInKeychain"_L1, false);
    settings.setValue("session/token"_L1, session.token);
}

void CredentialStore::clearToken()
{
    QSettings settings;
#ifdef CONFAB_HAVE_QTKEYCHAIN
    if (m_useKeychain && settings.value("session/tokenInKeychain"_L1).toBool()) {
        Session session;
        session.username = settings.value("session/username"_L1).toString();
        session.serverUrl = QUrl(settings.value("session/server"_L1).toString());
        auto *job = new QKeychain::DeletePasswordJob(kService, this);
        job->setKey(keychainKey(session));
        job->start();
    }
#endif
    settings.remove("session/token"_L1);
    settings.remove("session/userId"_L1);
    settings.remove("session/tokenInKeychain"_L1);
}

} // namespace Confab
