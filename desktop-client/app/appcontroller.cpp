#include "app/appcontroller.h"

#include "net/clientlogging.h"
#include "net/errortext.h"
#include "ui/mainwindow.h"
#include "ui/signinwindow.h"
#include "ui/traynotifier.h"

#include <QCoreApplication>
#include <QLineEdit>
#include <QPixmap>
#include <QTimer>

namespace Confab {

AppController::AppController(const Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_session(&m_client)
{
    m_credentials.setKeychainEnabled(options.useKeychain);
    connect(&m_client, &ChatClient::signedIn, this, &AppController::onSignedIn);
    connect(&m_client, &ChatClient::signInFailed, this,
        [this](const QString &code, const QString &message) {
            if (m_signIn)
                m_signIn->setError(errorText(code, message));
        });
    connect(&m_client, &ChatClient::sessionExpired, this, [this] {
        m_credentials.clearToken();
        showSignIn();
        m_signIn->setError(errorText(QStringLiteral("invalid_token")));
    });
    connect(&m_credentials, &CredentialStore::sessionLoaded, this, [this](const Session &session) {
        if (session.isValid())
            m_client.resume(session); // emits signedIn at once
        else
            showSignIn();
    });
}

AppController::~AppController()
{
    delete m_main;
    delete m_signIn;
}

void AppController::start() { m_credentials.load(); }

SignInWindow *AppController::signInWindow() const { return m_signIn; }

MainWindow *AppController::mainWindow() const { return m_main; }

void AppController::showSignIn()
{
    if (m_main)
        m_main->hide();
    if (!m_signIn) {
        m_signIn = new SignInWindow;
        m_signIn->setServer(m_credentials.lastServer());
        m_signIn->setUsername(m_credentials.lastUsername());
        connect(m_signIn, &SignInWindow::signInRequested, this,
            [this](const QUrl &url, const QString &username, const QString &password, bool create) {
                m_client.signIn(url, username, password, create);
            });
    }
    m_signIn->setBusy(false);
    m_signIn->show();
    m_signIn->raise();
    m_signIn->activateWindow();
    scheduleScreenshot();
}

void AppController::showMain()
{
    if (!m_main) {
        m_main = new MainWindow(&m_session);
        connect(m_main, &MainWindow::signOutRequested, this, &AppController::signOut);
        m_tray = new TrayNotifier(&m_session, m_main, this);
        if (!m_options.openRoom.isEmpty()) {
            auto openByName = [this] {
                RoomListModel *rooms = m_session.rooms();
                for (int row = 0; row < rooms->rowCount(); ++row) {
                    const QModelIndex index = rooms->index(row);
                    if (index.data().toString() == m_options.openRoom) {
                        m_main->openRoom(index.data(RoomListModel::RoomIdRole).toString());
                        m_options.openRoom.clear();
                        return;
                    }
                }
            };
            connect(m_session.rooms(), &QAbstractItemModel::modelReset, this, openByName);
        }
    }
    m_main->show();
    m_main->raise();
    m_main->activateWindow();
    scheduleScreenshot();
}

void AppController::onSignedIn(const Session &session)
{
    m_credentials.save(session);
    if (m_signIn) {
        m_signIn->hide();
        m_signIn->passwordField()->clear();
    }
    showMain();
}

void AppController::signOut()
{
    m_client.signOut();
    m_credentials.clearToken();
    showSignIn();
}

void AppController::scheduleScreenshot()
{
    if (m_options.screenshotPath.isEmpty())
        return;
    QTimer::singleShot(m_options.screenshotDelayMs, this, [this, path = m_options.screenshotPath] {
        QWidget *window = m_main && m_main->isVisible() ? static_cast<QWidget *>(m_main)
                                                        : static_cast<QWidget *>(m_signIn);
        if (!window)
            return;
        const QPixmap shot = window->grab();
        if (!shot.save(path))
            qCWarning(lcClientApp) << "cannot save the screenshot to" << path;
        else
            qCInfo(lcClientApp) << "saved screenshot" << path;
        QCoreApplication::exit(shot.isNull() ? 1 : 0);
    });
    m_options.screenshotPath.clear(); // one screenshot per run
}

} // namespace Confab
