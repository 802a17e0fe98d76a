#include "suiteserver.h"

using namespace Qt::StringLiterals;

bool SuiteServer::start(const QByteArray &extraIni)
{
    return m_process.startWithConfig("[limits]\nmax_connections_per_ip=1000\n" + extraIni);
}

QString SuiteServer::uniqueName(const QString &prefix)
{
    return prefix + u'_' + QString::number(++m_userCount);
}

ProtocolSteps::ClientPtr SuiteServer::newUser(const QString &prefix)
{
    return ProtocolSteps::registeredClient(m_process, uniqueName(prefix));
}
