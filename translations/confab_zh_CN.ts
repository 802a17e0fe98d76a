<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Confab::AttachmentActions</name>
    <message>
        <source>Send files</source>
        <translation>发送文件</translation>
    </message>
</context>
<context>
    <name>Confab::AttachmentPainter</name>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Sending… %1 %</source>
        <translation>正在发送… %1 %</translation>
    </message>
    <message>
        <source>Downloading… %1 %</source>
        <translation>正在下载… %1 %</translation>
    </message>
</context>
<context>
    <name>Confab::AudioProbe</name>
    <message>
        <source>The length of the audio file cannot be read</source>
        <translation>无法读取音频文件的时长</translation>
    </message>
    <message>
        <source>This audio file cannot be read</source>
        <translation>无法读取此音频文件</translation>
    </message>
    <message>
        <source>The audio file is missing or cannot be read</source>
        <translation>音频文件丢失或无法读取</translation>
    </message>
    <message>
        <source>This build has no audio support</source>
        <translation>此版本不支持音频</translation>
    </message>
</context>
<context>
    <name>Confab::Composer</name>
    <message>
        <source>Write a message…</source>
        <translation>输入消息…</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
</context>
<context>
    <name>Confab::ConversationModel</name>
    <message>
        <source>Someone</source>
        <translation>某人</translation>
    </message>
    <message>
        <source>Earlier message</source>
        <translation>较早的消息</translation>
    </message>
</context>
<context>
    <name>Confab::ConversationView</name>
    <message>
        <source>Info</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Room info (Ctrl+I)</source>
        <translation>聊天详情 (Ctrl+I)</translation>
    </message>
    <message>
        <source>Room info</source>
        <translation>聊天详情</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>发送消息</translation>
    </message>
    <message>
        <source>online: %1</source>
        <translation>在线：%1</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 正在输入…</translation>
    </message>
    <message>
        <source>%1 and %2 are typing…</source>
        <translation>%1 和 %2 正在输入…</translation>
    </message>
    <message>
        <source>Several people are typing…</source>
        <translation>多人正在输入…</translation>
    </message>
    <message>
        <source>1 member</source>
        <translation>1 位成员</translation>
    </message>
    <message>
        <source>%1 members</source>
        <translation>%1 位成员</translation>
    </message>
    <message>
        <source>Drop files here to send them</source>
        <translation>将文件拖放到此处即可发送</translation>
    </message>
    <message>
        <source>Send files</source>
        <translation>发送文件</translation>
    </message>
    <message>
        <source>Record a voice message</source>
        <translation>录制语音消息</translation>
    </message>
</context>
<context>
    <name>Confab::EventText</name>
    <message>
        <source>%1 joined</source>
        <translation>%1 加入了群组</translation>
    </message>
    <message>
        <source>%1 added %2</source>
        <translation>%1 添加了 %2</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 退出了群组</translation>
    </message>
    <message>
        <source>%1 renamed the group to &quot;%2&quot;</source>
        <translation>%1 将群组改名为“%2”</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>You: %1</source>
        <translation>你：%1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>You joined</source>
        <translation>你加入了群组</translation>
    </message>
    <message>
        <source>You added %1</source>
        <translation>你添加了 %1</translation>
    </message>
    <message>
        <source>%1 added you</source>
        <translation>%1 添加了你</translation>
    </message>
    <message>
        <source>You left</source>
        <translation>你退出了群组</translation>
    </message>
    <message>
        <source>You removed %1</source>
        <translation>你移除了 %1</translation>
    </message>
    <message>
        <source>%1 removed you</source>
        <translation>%1 移除了你</translation>
    </message>
    <message>
        <source>%1 removed %2</source>
        <translation>%1 移除了 %2</translation>
    </message>
    <message>
        <source>You renamed the group to &quot;%1&quot;</source>
        <translation>你将群组改名为“%1”</translation>
    </message>
</context>
<context>
    <name>Confab::FileText</name>
    <message>
        <source>Photo</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Voice message (%1)</source>
        <translation>语音消息（%1）</translation>
    </message>
</context>
<context>
    <name>Confab::MainWindow</name>
    <message>
        <source>Select a chat to start messaging</source>
        <translation>选择一个聊天开始发消息</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>聊天(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;New chat…</source>
        <translation>新聊天(&amp;N)…</translation>
    </message>
    <message>
        <source>New &amp;group…</source>
        <translation>新群组(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Jump to room…</source>
        <translation>跳转到聊天(&amp;J)…</translation>
    </message>
    <message>
        <source>Room &amp;info…</source>
        <translation>聊天详情(&amp;I)…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The new language is used after restarting Confab.</source>
        <translation>重新启动 Confab 后将使用新的语言。</translation>
    </message>
    <message>
        <source>(%1) Confab</source>
        <translation>(%1) Confab</translation>
    </message>
    <message>
        <source>Confab</source>
        <translation>Confab</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>正在重新连接…</translation>
    </message>
    <message numerus="yes">
        <source>Offline – retrying in %n s</source>
        <translation>
            <numerusform>离线 – %n 秒后重试</numerusform>
        </translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>已退出登录</translation>
    </message>
</context>
<context>
    <name>Confab::MessageDelegate</name>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>等待发送</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>未发送：%1</translation>
    </message>
    <message>
        <source>Read by %1 of %2</source>
        <translation>%2 人中 %1 人已读</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>已读</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
</context>
<context>
    <name>Confab::MessageMenu</name>
    <message>
        <source>Copy text</source>
        <translation>复制文本</translation>
    </message>
    <message>
        <source>Retry sending</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
</context>
<context>
    <name>Confab::ReplyBar</name>
    <message>
        <source>Cancel the reply (Esc)</source>
        <translation>取消回复 (Esc)</translation>
    </message>
    <message>
        <source>Cancel the reply</source>
        <translation>取消回复</translation>
    </message>
    <message>
        <source>Replying to %1: %2</source>
        <translation>回复 %1：%2</translation>
    </message>
</context>
<context>
    <name>Confab::RoomInfoDialog</name>
    <message>
        <source>Room info</source>
        <translation>聊天详情</translation>
    </message>
    <message>
        <source>Room name</source>
        <translation>聊天名称</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Add people…</source>
        <translation>添加成员…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>屏蔽</translation>
    </message>
    <message>
        <source>Unblock</source>
        <translation>取消屏蔽</translation>
    </message>
    <message>
        <source>Leave group</source>
        <translation>退出群组</translation>
    </message>
    <message>
        <source>Leave this group?</source>
        <translation>确定退出此群组？</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1（你）</translation>
    </message>
    <message>
        <source>owner</source>
        <translation>群主</translation>
    </message>
</context>
<context>
    <name>Confab::RoomListModel</name>
    <message>
        <source>Someone</source>
        <translation>某人</translation>
    </message>
</context>
<context>
    <name>Confab::RoomListPanel</name>
    <message>
        <source>Search (Ctrl+K)</source>
        <translation>搜索 (Ctrl+K)</translation>
    </message>
    <message>
        <source>Search rooms</source>
        <translation>搜索聊天</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>聊天</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>新聊天</translation>
    </message>
    <message>
        <source>Start a chat with one person (Ctrl+N)</source>
        <translation>与一个人开始聊天 (Ctrl+N)</translation>
    </message>
    <message>
        <source>New group</source>
        <translation>新群组</translation>
    </message>
    <message>
        <source>Create a group (Ctrl+Shift+N)</source>
        <translation>创建群组 (Ctrl+Shift+N)</translation>
    </message>
</context>
<context>
    <name>Confab::SignInWindow</name>
    <message>
        <source>Sign in – Confab</source>
        <translation>登录 – Confab</translation>
    </message>
    <message>
        <source>Confab</source>
        <translation>Confab</translation>
    </message>
    <message>
        <source>Sign in to your server, or create an account.</source>
        <translation>登录你的服务器，或创建一个帐户。</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>e.g. alice</source>
        <translation>例如 alice</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>at least 8 characters</source>
        <translation>至少 8 个字符</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>服务器(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Sign-in error</source>
        <translation>登录错误</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>创建帐户</translation>
    </message>
    <message>
        <source>Enter a server address such as ws://127.0.0.1:8080/.</source>
        <translation>请输入服务器地址，例如 ws://127.0.0.1:8080/。</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
</context>
<context>
    <name>Confab::TimeFormat</name>
    <message>
        <source>now</source>
        <translation>刚刚</translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>last seen just now</source>
        <translation>刚刚在线</translation>
    </message>
    <message numerus="yes">
        <source>last seen %n min ago</source>
        <translation>
            <numerusform>%n 分钟前在线</numerusform>
        </translation>
    </message>
    <message>
        <source>last seen %1</source>
        <translation>最后在线：%1</translation>
    </message>
</context>
<context>
    <name>Confab::TrayNotifier</name>
    <message>
        <source>Confab</source>
        <translation>Confab</translation>
    </message>
    <message>
        <source>Confab – unread messages: %1</source>
        <translation>Confab – 未读消息：%1</translation>
    </message>
</context>
<context>
    <name>Confab::UserPickerDialog</name>
    <message>
        <source>New chat</source>
        <translation>新聊天</translation>
    </message>
    <message>
        <source>New group</source>
        <translation>新群组</translation>
    </message>
    <message>
        <source>Add people</source>
        <translation>添加成员</translation>
    </message>
    <message>
        <source>Group name</source>
        <translation>群组名称</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Search people by name</source>
        <translation>按名称搜索用户</translation>
    </message>
    <message>
        <source>Search people</source>
        <translation>搜索用户</translation>
    </message>
    <message>
        <source>People found</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>Start chat</source>
        <translation>开始聊天</translation>
    </message>
    <message>
        <source>Create group</source>
        <translation>创建群组</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
</context>
<context>
    <name>Confab::VoicePlayer</name>
    <message>
        <source>This voice message cannot be played</source>
        <translation>无法播放此语音消息</translation>
    </message>
    <message>
        <source>The voice message file cannot be read</source>
        <translation>无法读取语音消息文件</translation>
    </message>
    <message>
        <source>This build has no audio support</source>
        <translation>此版本不支持音频</translation>
    </message>
    <message>
        <source>The voice message file is missing or cannot be read</source>
        <translation>语音消息文件丢失或无法读取</translation>
    </message>
    <message>
        <source>The voice message could not be played on this computer&apos;s audio output</source>
        <translation>无法通过此电脑的音频输出播放该语音消息</translation>
    </message>
</context>
<context>
    <name>Confab::VoiceRecordBar</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel the voice message</source>
        <translation>取消语音消息</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send the voice message</source>
        <translation>发送语音消息</translation>
    </message>
    <message>
        <source>Recording %1</source>
        <translation>正在录音 %1</translation>
    </message>
</context>
<context>
    <name>Confab::VoiceRecorder</name>
    <message>
        <source>Recording voice messages is not supported here</source>
        <translation>此处不支持录制语音消息</translation>
    </message>
    <message>
        <source>There is not enough disk space for the recording</source>
        <translation>磁盘空间不足，无法录音</translation>
    </message>
    <message>
        <source>The recording cannot be saved</source>
        <translation>无法保存录音</translation>
    </message>
    <message>
        <source>The microphone cannot be used</source>
        <translation>无法使用麦克风</translation>
    </message>
    <message>
        <source>No microphone found</source>
        <translation>未找到麦克风</translation>
    </message>
    <message>
        <source>This build has no audio support</source>
        <translation>此版本不支持音频</translation>
    </message>
    <message>
        <source>The recording stopped unexpectedly</source>
        <translation>录音意外停止</translation>
    </message>
    <message>
        <source>The microphone sends no sound</source>
        <translation>麦克风没有声音</translation>
    </message>
    <message>
        <source>Nothing was recorded</source>
        <translation>没有录到任何内容</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>Your session has expired. Please sign in again.</source>
        <translation>会话已过期，请重新登录。</translation>
    </message>
    <message>
        <source>This user name is already taken.</source>
        <translation>该用户名已被占用。</translation>
    </message>
    <message>
        <source>User names are 3 to 32 characters: letters a-z, digits, &apos;_&apos;, &apos;.&apos; and &apos;-&apos;.</source>
        <translation>用户名为 3 到 32 个字符：字母 a-z、数字、&apos;_&apos;、&apos;.&apos; 和 &apos;-&apos;。</translation>
    </message>
    <message>
        <source>The password is too short: use at least 8 characters.</source>
        <translation>密码太短：请至少使用 8 个字符。</translation>
    </message>
    <message>
        <source>This server does not accept new accounts.</source>
        <translation>此服务器不接受新帐户注册。</translation>
    </message>
    <message>
        <source>Too many attempts. Please wait a moment and try again.</source>
        <translation>尝试次数过多，请稍后再试。</translation>
    </message>
    <message>
        <source>Cannot reach the server. Check the address and your network.</source>
        <translation>无法连接服务器，请检查地址和网络。</translation>
    </message>
    <message>
        <source>You are offline.</source>
        <translation>你已离线。</translation>
    </message>
    <message>
        <source>You are not a member of this room.</source>
        <translation>你不是此聊天的成员。</translation>
    </message>
    <message>
        <source>Not found.</source>
        <translation>未找到。</translation>
    </message>
    <message>
        <source>You are not allowed to do that.</source>
        <translation>你无权执行此操作。</translation>
    </message>
    <message>
        <source>You cannot message this person.</source>
        <translation>你无法给此人发消息。</translation>
    </message>
    <message>
        <source>The message is too long.</source>
        <translation>消息太长。</translation>
    </message>
    <message>
        <source>The server did not understand the request.</source>
        <translation>服务器无法理解该请求。</translation>
    </message>
    <message>
        <source>Please sign in first.</source>
        <translation>请先登录。</translation>
    </message>
    <message>
        <source>The server ran into a problem. Please try again.</source>
        <translation>服务器出现问题，请重试。</translation>
    </message>
    <message>
        <source>Something went wrong (%1).</source>
        <translation>出错了（%1）。</translation>
    </message>
    <message>
        <source>The file is larger than the server accepts, or your storage is full.</source>
        <translation>文件超过服务器允许的大小，或你的存储空间已满。</translation>
    </message>
    <message>
        <source>The file cannot be read any more. Was it moved or deleted?</source>
        <translation>无法再读取该文件。它是否已被移动或删除？</translation>
    </message>
    <message>
        <source>The file changed while it was being sent.</source>
        <translation>文件在发送过程中发生了变化。</translation>
    </message>
    <message>
        <source>The file cannot be saved on this device.</source>
        <translation>无法在此设备上保存该文件。</translation>
    </message>
</context>
</TS>
