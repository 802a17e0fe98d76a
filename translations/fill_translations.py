#!/usr/bin/env python3
"""Fills translations/confab_{de,zh_CN}.ts from the tables below (run after the lupdate
target, e.g. `cmake --build build --target confab-desktop-ui_lupdate`). Source texts
without an entry here stay unfinished, and tst_desktop_translations fails on them."""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

T = {
 'Write a message…': ('Nachricht schreiben…', '输入消息…'),
 'Message': ('Nachricht', '消息'),
 'Someone': ('Jemand', '某人'),
 'Earlier message': ('Frühere Nachricht', '较早的消息'),
 'Info': ('Info', '详情'),
 'Room info (Ctrl+I)': ('Raum-Info (Strg+I)', '聊天详情 (Ctrl+I)'),
 'Room info': ('Raum-Info', '聊天详情'),
 'Messages': ('Nachrichten', '消息'),
 'Send': ('Senden', '发送'),
 'Send message': ('Nachricht senden', '发送消息'),
 'online: %1': ('online: %1', '在线：%1'),
 '%1 is typing…': ('%1 schreibt…', '%1 正在输入…'),
 '%1 and %2 are typing…': ('%1 und %2 schreiben…', '%1 和 %2 正在输入…'),
 'Several people are typing…': ('Mehrere Personen schreiben…', '多人正在输入…'),
 '1 member': ('1 Mitglied', '1 位成员'),
 '%1 members': ('%1 Mitglieder', '%1 位成员'),
 'You joined': ('Du bist beigetreten', '你加入了群组'),
 'You added %1': ('Du hast %1 hinzugefügt', '你添加了 %1'),
 '%1 added you': ('%1 hat dich hinzugefügt', '%1 添加了你'),
 'You left': ('Du hast die Gruppe verlassen', '你退出了群组'),
 'You removed %1': ('Du hast %1 entfernt', '你移除了 %1'),
 '%1 removed you': ('%1 hat dich entfernt', '%1 移除了你'),
 '%1 removed %2': ('%1 hat %2 entfernt', '%1 移除了 %2'),
 'You renamed the group to "%1"': ('Du hast die Gruppe in „%1“ umbenannt', '你将群组改名为“%1”'),
 '%1 joined': ('%1 ist beigetreten', '%1 加入了群组'),
 '%1 added %2': ('%1 hat %2 hinzugefügt', '%1 添加了 %2'),
 '%1 left': ('%1 hat die Gruppe verlassen', '%1 退出了群组'),
 '%1 renamed the group to "%2"': ('%1 hat die Gruppe in „%2“ umbenannt', '%1 将群组改名为“%2”'),
 'Attachment': ('Anhang', '附件'),
 'You: %1': ('Du: %1', '你：%1'),
 '%1: %2': ('%1: %2', '%1：%2'),
 'Select a chat to start messaging': ('Wähle einen Chat, um zu schreiben', '选择一个聊天开始发消息'),
 '&Chat': ('&Chat', '聊天(&C)'),
 '&New chat…': ('&Neuer Chat…', '新聊天(&N)…'),
 'New &group…': ('Neue &Gruppe…', '新群组(&G)…'),
 '&Jump to room…': ('Zu Raum &springen…', '跳转到聊天(&J)…'),
 'Room &info…': ('Raum-&Info…', '聊天详情(&I)…'),
 'Sign &out': ('&Abmelden', '退出登录(&O)'),
 '&Quit': ('&Beenden', '退出(&Q)'),
 '&Settings': ('&Einstellungen', '设置(&S)'),
 '&Language': ('&Sprache', '语言(&L)'),
 'System default': ('Systemstandard', '跟随系统'),
 'Language': ('Sprache', '语言'),
 'The new language is used after restarting Confab.': ('Die neue Sprache gilt nach einem Neustart von Confab.', '重新启动 Confab 后将使用新的语言。'),
 '(%1) Confab': ('(%1) Confab', '(%1) Confab'),
 'Confab': ('Confab', 'Confab'),
 'Connected': ('Verbunden', '已连接'),
 'Reconnecting…': ('Verbindung wird wiederhergestellt…', '正在重新连接…'),
 'Offline – retrying in %n s': (['Offline – neuer Versuch in %n s', 'Offline – neuer Versuch in %n s'], ['离线 – %n 秒后重试']),
 'Signed out': ('Abgemeldet', '已退出登录'),
 '%1/%2': ('%1/%2', '%1/%2'),
 'Waiting to be sent': ('Wartet auf Versand', '等待发送'),
 'Not sent: %1': ('Nicht gesendet: %1', '未发送：%1'),
 'Read by %1 of %2': ('Gelesen von %1 von %2', '%2 人中 %1 人已读'),
 'Read': ('Gelesen', '已读'),
 'Delivered': ('Zugestellt', '已送达'),
 'Sent': ('Gesendet', '已发送'),
 'Room name': ('Raumname', '聊天名称'),
 'Rename': ('Umbenennen', '重命名'),
 'Members': ('Mitglieder', '成员'),
 'Add people…': ('Personen hinzufügen…', '添加成员…'),
 'Remove': ('Entfernen', '移除'),
 'Block': ('Blockieren', '屏蔽'),
 'Unblock': ('Freigeben', '取消屏蔽'),
 'Leave group': ('Gruppe verlassen', '退出群组'),
 'Leave this group?': ('Diese Gruppe verlassen?', '确定退出此群组？'),
 '%1 (you)': ('%1 (du)', '%1（你）'),
 'owner': ('Besitzer', '群主'),
 'Search (Ctrl+K)': ('Suchen (Strg+K)', '搜索 (Ctrl+K)'),
 'Search rooms': ('Räume durchsuchen', '搜索聊天'),
 'Rooms': ('Räume', '聊天'),
 'New chat': ('Neuer Chat', '新聊天'),
 'Start a chat with one person (Ctrl+N)': ('Einen Chat mit einer Person beginnen (Strg+N)', '与一个人开始聊天 (Ctrl+N)'),
 'New group': ('Neue Gruppe', '新群组'),
 'Create a group (Ctrl+Shift+N)': ('Eine Gruppe erstellen (Strg+Umschalt+N)', '创建群组 (Ctrl+Shift+N)'),
 'Sign in – Confab': ('Anmelden – Confab', '登录 – Confab'),
 'Sign in to your server, or create an account.': ('Melde dich bei deinem Server an oder erstelle ein Konto.', '登录你的服务器，或创建一个帐户。'),
 'Server address': ('Serveradresse', '服务器地址'),
 'User name': ('Benutzername', '用户名'),
 'e.g. alice': ('z. B. alice', '例如 alice'),
 'Password': ('Passwort', '密码'),
 'at least 8 characters': ('mindestens 8 Zeichen', '至少 8 个字符'),
 '&Server:': ('&Server:', '服务器(&S)：'),
 '&User name:': ('&Benutzername:', '用户名(&U)：'),
 '&Password:': ('&Passwort:', '密码(&P)：'),
 'Sign-in error': ('Anmeldefehler', '登录错误'),
 'Sign in': ('Anmelden', '登录'),
 'Create account': ('Konto erstellen', '创建帐户'),
 'Enter a server address such as ws://127.0.0.1:8080/.': ('Gib eine Serveradresse wie ws://127.0.0.1:8080/ ein.', '请输入服务器地址，例如 ws://127.0.0.1:8080/。'),
 'Enter your user name.': ('Gib deinen Benutzernamen ein.', '请输入用户名。'),
 'Enter your password.': ('Gib dein Passwort ein.', '请输入密码。'),
 'Connecting…': ('Verbinde…', '正在连接…'),
 'now': ('jetzt', '刚刚'),
 '%n min': ('%n Min.', '%n 分钟'),
 'Yesterday': ('Gestern', '昨天'),
 'Today': ('Heute', '今天'),
 'online': ('online', '在线'),
 'offline': ('offline', '离线'),
 'last seen just now': ('gerade eben zuletzt online', '刚刚在线'),
 'last seen %n min ago': ('zuletzt online vor %n Min.', '%n 分钟前在线'),
 'last seen %1': ('zuletzt online: %1', '最后在线：%1'),
 'Confab – unread messages: %1': ('Confab – ungelesene Nachrichten: %1', 'Confab – 未读消息：%1'),
 'Add people': ('Personen hinzufügen', '添加成员'),
 'Group name': ('Gruppenname', '群组名称'),
 '&Name:': ('&Name:', '名称(&N)：'),
 'Search people by name': ('Personen nach Namen suchen', '按名称搜索用户'),
 'Search people': ('Personen suchen', '搜索用户'),
 'People found': ('Gefundene Personen', '搜索结果'),
 'Start chat': ('Chat beginnen', '开始聊天'),
 'Create group': ('Gruppe erstellen', '创建群组'),
 'Add': ('Hinzufügen', '添加'),
 'Wrong user name or password.': ('Falscher Benutzername oder falsches Passwort.', '用户名或密码错误。'),
 'Your session has expired. Please sign in again.': ('Deine Sitzung ist abgelaufen. Bitte melde dich erneut an.', '会话已过期，请重新登录。'),
 'This user name is already taken.': ('Dieser Benutzername ist bereits vergeben.', '该用户名已被占用。'),
 "User names are 3 to 32 characters: letters a-z, digits, '_', '.' and '-'.": ("Benutzernamen haben 3 bis 32 Zeichen: Buchstaben a-z, Ziffern, '_', '.' und '-'.", "用户名为 3 到 32 个字符：字母 a-z、数字、'_'、'.' 和 '-'。"),
 'The password is too short: use at least 8 characters.': ('Das Passwort ist zu kurz: Verwende mindestens 8 Zeichen.', '密码太短：请至少使用 8 个字符。'),
 'This server does not accept new accounts.': ('Dieser Server nimmt keine neuen Konten an.', '此服务器不接受新帐户注册。'),
 'Too many attempts. Please wait a moment and try again.': ('Zu viele Versuche. Bitte warte einen Moment und versuche es erneut.', '尝试次数过多，请稍后再试。'),
 'Cannot reach the server. Check the address and your network.': ('Der Server ist nicht erreichbar. Prüfe die Adresse und dein Netzwerk.', '无法连接服务器，请检查地址和网络。'),
 'You are offline.': ('Du bist offline.', '你已离线。'),
 'You are not a member of this room.': ('Du bist kein Mitglied dieses Raums.', '你不是此聊天的成员。'),
 'Not found.': ('Nicht gefunden.', '未找到。'),
 'You are not allowed to do that.': ('Das darfst du nicht.', '你无权执行此操作。'),
 'You cannot message this person.': ('Du kannst dieser Person nicht schreiben.', '你无法给此人发消息。'),
 'The message is too long.': ('Die Nachricht ist zu lang.', '消息太长。'),
 'The server did not understand the request.': ('Der Server hat die Anfrage nicht verstanden.', '服务器无法理解该请求。'),
 'Please sign in first.': ('Bitte melde dich zuerst an.', '请先登录。'),
 'The server ran into a problem. Please try again.': ('Auf dem Server ist ein Problem aufgetreten. Bitte versuche es erneut.', '服务器出现问题，请重试。'),
 'Something went wrong (%1).': ('Etwas ist schiefgegangen (%1).', '出错了（%1）。'),
 'The file is larger than the server accepts, or your storage is full.': ('Die Datei ist größer, als der Server annimmt, oder dein Speicher ist voll.', '文件超过服务器允许的大小，或你的存储空间已满。'),
 'The file cannot be read any more. Was it moved or deleted?': ('Die Datei kann nicht mehr gelesen werden. Wurde sie verschoben oder gelöscht?', '无法再读取该文件。它是否已被移动或删除？'),
 'The file changed while it was being sent.': ('Die Datei hat sich während des Sendens geändert.', '文件在发送过程中发生了变化。'),
 'The file cannot be saved on this device.': ('Die Datei kann auf diesem Gerät nicht gespeichert werden.', '无法在此设备上保存该文件。'),
 'Cancel': ('Abbrechen', '取消'),
 'Cancel the voice message': ('Sprachnachricht verwerfen', '取消语音消息'),
 'Download': ('Herunterladen', '下载'),
 'Downloading… %1 %': ('Wird geladen… %1 %', '正在下载… %1 %'),
 'Drop files here to send them': ('Dateien hier ablegen, um sie zu senden', '将文件拖放到此处即可发送'),
 'No microphone found': ('Kein Mikrofon gefunden', '未找到麦克风'),
 'Open': ('Öffnen', '打开'),
 'Photo': ('Foto', '图片'),
 'Record a voice message': ('Sprachnachricht aufnehmen', '录制语音消息'),
 'Recording %1': ('Aufnahme %1', '正在录音 %1'),
 'Recording voice messages is not supported here': ('Sprachnachrichten können hier nicht aufgenommen werden', '此处不支持录制语音消息'),
 'Retry': ('Erneut versuchen', '重试'),
 'Send files': ('Dateien senden', '发送文件'),
 'Send the voice message': ('Sprachnachricht senden', '发送语音消息'),
 'Sending… %1 %': ('Wird gesendet… %1 %', '正在发送… %1 %'),
 'The audio file is missing or cannot be read': ('Die Audiodatei fehlt oder kann nicht gelesen werden', '音频文件丢失或无法读取'),
 'The length of the audio file cannot be read': ('Die Länge der Audiodatei kann nicht ermittelt werden', '无法读取音频文件的时长'),
 'The microphone cannot be used': ('Das Mikrofon kann nicht verwendet werden', '无法使用麦克风'),
 'The recording cannot be saved': ('Die Aufnahme kann nicht gespeichert werden', '无法保存录音'),
 'The recording stopped unexpectedly': ('Die Aufnahme wurde unerwartet beendet', '录音意外停止'),
 "The voice message could not be played on this computer's audio output": ('Die Sprachnachricht konnte über die Audioausgabe dieses Computers nicht abgespielt werden', '无法通过此电脑的音频输出播放该语音消息'),
 'The voice message file cannot be read': ('Die Datei der Sprachnachricht kann nicht gelesen werden', '无法读取语音消息文件'),
 'The voice message file is missing or cannot be read': ('Die Datei der Sprachnachricht fehlt oder kann nicht gelesen werden', '语音消息文件丢失或无法读取'),
 'There is not enough disk space for the recording': ('Für die Aufnahme ist nicht genug Speicherplatz frei', '磁盘空间不足，无法录音'),
 'This audio file cannot be read': ('Diese Audiodatei kann nicht gelesen werden', '无法读取此音频文件'),
 'This build has no audio support': ('Diese Version unterstützt keine Audiowiedergabe', '此版本不支持音频'),
 'This voice message cannot be played': ('Diese Sprachnachricht kann nicht abgespielt werden', '无法播放此语音消息'),
 'Voice message (%1)': ('Sprachnachricht (%1)', '语音消息（%1）'),
 'Nothing was recorded': ('Es wurde nichts aufgenommen', '没有录到任何内容'),
 'The microphone sends no sound': ('Das Mikrofon liefert keinen Ton', '麦克风没有声音'),
}

def fill(path, column):
    tree = ET.parse(path)
    missing = []
    for message in tree.getroot().iter('message'):
        source = message.find('source').text
        translation = message.find('translation')
        entry = T.get(source)
        if entry is None:
            missing.append(source)
            continue
        text = entry[column]
        for child in list(translation):
            translation.remove(child)
        translation.attrib.pop('type', None)
        if message.get('numerus') == 'yes':
            translation.text = None
            forms = text if isinstance(text, list) else [text]
            for form in forms:
                ET.SubElement(translation, 'numerusform').text = form
        else:
            translation.text = text[0] if isinstance(text, list) else text
    with open(path, 'wb') as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding='utf-8', xml_declaration=False)
    return missing

root = Path(__file__).resolve().parent
missing = fill(root / 'confab_de.ts', 0) + fill(root / 'confab_zh_CN.ts', 1)
for source in sorted(set(missing)):
    print('no translation for:', source, file=sys.stderr)
sys.exit(1 if missing else 0)
