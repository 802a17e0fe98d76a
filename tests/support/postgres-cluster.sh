#!/usr/bin/env bash
# The throwaway PostgreSQL cluster the server suites run against (the ctest fixture `postgres`).
#   postgres-cluster.sh start PORT   a new cluster in $TMPDIR/confab-test-postgres-PORT,
#                                    listening on 127.0.0.1:PORT, user postgres, no password
#   postgres-cluster.sh restart PORT restarts it (closing every connection), keeping its data
#   postgres-cluster.sh stop PORT    stops it and removes its folder
# PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user.
# fsync is off: the suites test the server's durability, not PostgreSQL's; synchronous_commit
# stays on, as the server requires.
set -euo pipefail

command=${1:?start or stop}
port=${2:?port}
dir="${TMPDIR:-/tmp}/confab-test-postgres-$port"

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [[ -z "$bindir" ]] && command -v pg_ctl >/dev/null; then
    bindir=$(dirname "$(command -v pg_ctl)")
fi
if [[ -z "$bindir" || ! -x "$bindir/initdb" ]]; then
    echo "PostgreSQL's server programs (initdb, pg_ctl) are missing: install postgresql" >&2
    exit 1
fi

as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

stop_cluster() {
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null || true
    fi
    rm -rf "$dir"
}

case "$command" in
start)
    stop_cluster # one left behind by an interrupted run
    mkdir -p "$dir"
    if [[ $(id -u) -eq 0 ]]; then
        chown postgres "$dir"
    fi
    as_owner "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale \
        --no-sync >"$dir/initdb.log"
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" \
        start
    ;;
restart)
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m fast -w -t 60 restart
    ;;
stop)
    stop_cluster
    ;;
*)
    echo "usage: $0 start|restart|stop PORT" >&2
    exit 2
    ;;
esac
