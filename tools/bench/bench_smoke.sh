#!/bin/sh
# bench_smoke: a real confab-server on a free loopback port (bench.ini, a temp data dir),
# a short groups run and a short login run of confab-bench; fails unless the JSON lines
# show deliveries, nothing lost, no errors. Usage: bench_smoke.sh SERVER BENCH INI
set -u
server=$1 bench=$2 ini=$3
dir=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
fail() { echo "bench_smoke: FAIL: $*"; exit 1; }

# Port 0: the server picks a free one and prints "listening ws://127.0.0.1:PORT/".
"$server" --config "$ini" --listen 127.0.0.1:0 --data-dir "$dir/data" --registration open \
    --log-level warning >"$dir/server.out" 2>"$dir/server.err" &
pid=$!
url=
for _ in $(seq 100); do
    url=$(sed -n 's/^listening \(ws:[^ ]*\).*/\1/p' "$dir/server.out")
    [ -n "$url" ] && break
    kill -0 "$pid" 2>/dev/null || fail "server exited: $(cat "$dir/server.err")"
    sleep 0.1
done
[ -n "$url" ] || fail "server did not say where it listens"

"$bench" --url "$url" --server-pid "$pid" --scenario groups --clients 20 --group-size 5 --rate 5 \
    --duration 2 --warmup 1 --drain 3 >"$dir/groups.out" || fail "groups run exited with $?"
cat "$dir/groups.out"
json=$(tail -n 1 "$dir/groups.out")
received=$(printf '%s' "$json" | sed -n 's/.*"receivedDeliveries":\([0-9]*\).*/\1/p')
[ -n "$received" ] && [ "$received" -gt 0 ] || fail "no deliveries"
printf '%s' "$json" | grep -q '"lost":0,' || fail "messages lost"
printf '%s' "$json" | grep -q '"errors":{}' || fail "errors"
printf '%s' "$json" | grep -q '"unacked":0,' || fail "sends never acked"

"$bench" --url "$url" --server-pid "$pid" --scenario login --logins 10 >"$dir/login.out" \
    || fail "login run exited with $?"
cat "$dir/login.out"
json=$(tail -n 1 "$dir/login.out")
printf '%s' "$json" | grep -q '"loggedIn":10,' || fail "not every login succeeded"
printf '%s' "$json" | grep -q '"errors":{}' || fail "login errors"
echo "bench_smoke: PASS"
