#include "ui/userpickerdialog.h"

#include "net/chatclient.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace Confab {

using namespace Qt::StringLiterals;

namespace {
constexpr int UserIdRole = Qt::UserRole + 1;
}

UserPickerDialog::UserPickerDialog(ChatClient *client, Mode mode, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_mode(mode)
{
    setWindowTitle(mode == Mode::Single ? tr("New chat")
            : mode == Mode::Group       ? tr("New group")
                                        : tr("Add people"));
    auto *layout = new QVBoxLayout(this);
    if (mode == Mode::Group) {
        auto *form = new QFormLayout;
        m_name = new QLineEdit(this);
        m_name->setPlaceholderText(tr("Group name"));
        m_name->setAccessibleName(tr("Group name"));
        form->addRow(tr("&Name:"), m_name);
        layout->addLayout(form);
        connect(m_name, &QLineEdit::textChanged, this, &UserPickerDialog::updateOk);
    }
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search people by name"));
    m_search->setAccessibleName(tr("Search people"));
    m_search->setClearButtonEnabled(true);
    m_results = new QListWidget(this);
    m_results->setAccessibleName(tr("People found"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)
        ->setText(mode == Mode::Single ? tr("Start chat")
                : mode == Mode::Group  ? tr("Create group")
                                       : tr("Add"));
    layout->addWidget(m_search);
    layout->addWidget(m_results, 1);
    layout->addWidget(m_buttons);
    resize(380, 440);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(200);
    connect(m_search, &QLineEdit::textChanged, &m_debounce, qOverload<>(&QTimer::start));
    connect(&m_debounce, &QTimer::timeout, this, [this] {
        const QString query = m_search->text().trimmed();
        if (!query.isEmpty())
            m_client->findUsers(query);
        else
            showResults(query, {});
    });
    connect(client, &ChatClient::usersFound, this, &UserPickerDialog::showResults);
    connect(m_results, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        const QString userId = item->data(UserIdRole).toString();
        if (item->checkState() == Qt::Checked)
            m_checked.insert(userId, UserSummary { userId, {}, item->text(), false, 0 });
        else
            m_checked.remove(userId);
        updateOk();
    });
    connect(m_results, &QListWidget::currentItemChanged, this, &UserPickerDialog::updateOk);
    connect(m_results, &QListWidget::itemActivated, this, [this] {
        if (m_mode == Mode::Single)
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateOk();
    m_search->setFocus();
}

void UserPickerDialog::showResults(const QString &query, const QList<UserSummary> &users)
{
    if (query != m_search->text().trimmed())
        return; // an older answer
    const QSignalBlocker blocker(m_results);
    m_results->clear();
    QList<UserSummary> shown = m_checked.values();
    for (const UserSummary &user : users) {
        if (user.userId != m_client->userId() && !m_checked.contains(user.userId))
            shown.append(user);
    }
    for (const UserSummary &user : std::as_const(shown)) {
        const QString name = user.displayName.isEmpty() ? user.username : user.displayName;
        auto *item = new QListWidgetItem(
            user.username.isEmpty() || user.username == name ? name : name + u"  @"_s + user.username,
            m_results);
        item->setData(UserIdRole, user.userId);
        if (m_mode != Mode::Single) {
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            item->setCheckState(m_checked.contains(user.userId) ? Qt::Checked : Qt::Unchecked);
        }
    }
    if (m_mode == Mode::Single && m_results->count() > 0)
        m_results->setCurrentRow(0);
    updateOk();
}

QStringList UserPickerDialog::selectedUserIds() const
{
    if (m_mode == Mode::Single) {
        const QListWidgetItem *item = m_results->currentItem();
        return item ? QStringList { item->data(UserIdRole).toString() } : QStringList();
    }
    return m_checked.keys();
}

QString UserPickerDialog::groupName() const { return m_name ? m_name->text().trimmed() : QString(); }

void UserPickerDialog::updateOk()
{
    bool ok = !selectedUserIds().isEmpty();
    if (m_mode == Mode::Group)
        ok = !groupName().isEmpty();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
}

} // namespace Confab
