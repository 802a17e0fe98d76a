#!/bin/sh
# Takes the screenshots in docs/screenshots: starts a confab-server on a free port with
# a temporary data directory, seeds it (tools/screenshots/seed.cpp), and runs
# confab-desktop under Xvfb with --screenshot (the window grabs itself with QWidget::grab).
#
#   tools/screenshots/take-screenshots.sh [BUILD_DIR] [OUT_DIR]
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build}
OUT=${2:-$ROOT/docs/screenshots}
SERVER=$BUILD/server/confab-server
CLIENT=$BUILD/desktop-client/confab-desktop
SEED=$BUILD/desktop-client/screenshots/confab-screenshot-seed
for tool in "$SERVER" "$CLIENT" "$SEED"; do
    [ -x "$tool" ] || { echo "missing $tool: build confab-server, confab-desktop and confab-screenshot-seed" >&2; exit 1; }
done
command -v xvfb-run >/dev/null || { echo "xvfb-run is needed" >&2; exit 1; }

WORK=$(mktemp -d)
SERVER_PID=""
SEED_PID=""
cleanup() {
    [ -n "$SEED_PID" ] && kill "$SEED_PID" 2>/dev/null || true
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

mkdir -p "$OUT" "$WORK/data" "$WORK/signin/config/Confab" "$WORK/alice/config/Confab"
"$SERVER" --listen 127.0.0.1:0 --data-dir "$WORK/data" --log-level warning > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
URL=""
for _ in $(seq 1 100); do
    URL=$(sed -n 's/.*listening \(ws:\/\/[^ ]*\).*/\1/p' "$WORK/server.log" | head -n 1)
    [ -n "$URL" ] && break
    sleep 0.1
done
[ -n "$URL" ] || { echo "the server did not start:" >&2; cat "$WORK/server.log" >&2; exit 1; }
echo "server at $URL"

SETTINGS=$WORK/alice/config/Confab/confab-desktop.conf
"$SEED" "$URL" "$SETTINGS" "$ROOT/tests/desktop/fixtures/voice.ogg" &
SEED_PID=$!
for _ in $(seq 1 100); do
    [ -s "$SETTINGS" ] && break
    sleep 0.1
done
[ -s "$SETTINGS" ] || { echo "seeding failed" >&2; exit 1; }

shoot() { # name profile extra-args...
    name=$1
    profile=$2
    shift 2
    XDG_CONFIG_HOME=$WORK/$profile/config XDG_DATA_HOME=$WORK/$profile/data \
        XDG_CACHE_HOME=$WORK/$profile/cache \
        QT_QPA_PLATFORM=xcb LANGUAGE=en LANG=en_US.UTF-8 LC_ALL=en_US.UTF-8 \
        xvfb-run -a -s "-screen 0 1280x900x24" \
        "$CLIENT" --no-keychain --language en --screenshot "$OUT/$name.png" "$@"
    echo "wrote $OUT/$name.png"
}

printf '[session]\nserver=%s\nusername=alice\n' "$URL" > "$WORK/signin/config/Confab/confab-desktop.conf"
shoot sign-in signin --screenshot-delay 1200
shoot group-conversation alice --open-room "Design Team" --screenshot-delay 3000
shoot room-list alice --screenshot-delay 2500
shoot group-conversation-de alice --language de --open-room "Design Team" --screenshot-delay 3000
