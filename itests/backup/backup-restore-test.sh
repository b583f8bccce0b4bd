#!/usr/bin/env bash
#
# Backup and restore as docs/operators/database.md tells an operator to do them, on real
# distributions (run by .ci/run after the cluster test; needs the built distribution):
#   Derby:      a node with the demo province and some writes; bin/stop; tar of data/sotay-db;
#               the archive unpacked into a fresh distribution, which starts on it
#   PostgreSQL: pg_dump -Fc of a node's database while it runs; pg_restore into a new empty
#               database; a fresh distribution starts on the copy
# and each time: the restored node is healthy, the same administrator signs in, the writes made
# before the backup read back, and the counts match (every table on PostgreSQL; on Derby what the
# API counts: members, units, the reporting root figure).
#
# Needs SOTAY_TEST_PG_URL / _USER / _PASSWORD (as .ci/postgresql.sh exports them), pg_dump and
# pg_restore, and `su postgres` to create and drop its two databases. Ports: BACKUP_PORT_BASE
# (default 18900) + 81/82 HTTP, + 1/2 ssh, + 11..14 JMX. KEEP_WORK=1 keeps the folders.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

base="${BACKUP_PORT_BASE:-18900}"
PORT_1=$((base + 81)); PORT_2=$((base + 82))
work=$(mktemp -d /tmp/sotay-backup.XXXXXX)
admin=backup.admin
admin_password="$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)Aa1"
failures=0
token=""
SCRIPT_NAME=backup
# shellcheck source=../scripts/nodes.sh
source "$root/itests/scripts/nodes.sh"

[ -n "${SOTAY_TEST_PG_URL:-}" ] || die "SOTAY_TEST_PG_URL is not set (source .ci/postgresql.sh)"
pg_hostport=$(printf '%s' "$SOTAY_TEST_PG_URL" | sed -n 's#jdbc:postgresql://\([^/]*\)/.*#\1#p')
pg_port="${pg_hostport##*:}"
db_from="sotay_backup_$$"
db_to="sotay_restored_$$"
pg() { PGPASSWORD="$SOTAY_TEST_PG_PASSWORD" "$@"; }
psql_in() { pg psql -h 127.0.0.1 -p "$pg_port" -U "$SOTAY_TEST_PG_USER" -d "$1" -tAq -v ON_ERROR_STOP=1 -c "$2"; }

cleanup() {
    set +e
    for n in derby derby-restored pg pg-restored; do stop_node "$n" >/dev/null 2>&1; done
    for d in "$db_from" "$db_to"; do su postgres -c "psql -q -p $pg_port -c 'DROP DATABASE IF EXISTS $d WITH (FORCE)'" >/dev/null 2>&1; done
    if [ -n "${KEEP_WORK:-}" ]; then log "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# what a node holds, through its API (any database): "members units reporting-root notice-title"
snapshot() { # port notice-id
    local t root_id members units reported title
    t="$(login "$1")"
    [ -n "$t" ] || { echo "no-sign-in"; return; }
    root_id=$(body "$1" "$t" "/v1/org-units" | grep -o '"id":"[^"]*"' | head -n1 | cut -d\" -f4)
    members=$(body "$1" "$t" "/v1/members?limit=1" | first_number total)
    units=$(body "$1" "$t" "/v1/org-units/$root_id/tree" | grep -o '"typeCode"' | wc -l)
    reported=""
    for _ in $(seq 1 30); do # reporting's first figures are built in the background after a start
        reported=$(body "$1" "$t" "/v1/reports/adoption/$root_id" | first_number members)
        [ -n "$reported" ] && [ "$reported" = "$members" ] && break
        sleep 1
    done
    title=$(body "$1" "$t" "/v1/sample/notices/$2" | sed -n 's/.*"title":"\([^"]*\)".*/\1/p')
    echo "members=$members units=$units reported=${reported:-none} notice=${title:-missing}"
}

writes() { # port -> id of a notice written with Vietnamese text, after a member edit
    local t root_id
    t="$(login "$1")"
    root_id=$(body "$1" "$t" "/v1/org-units" | grep -o '"id":"[^"]*"' | head -n1 | cut -d\" -f4)
    curl -s -m 30 -H "Authorization: Bearer $t" -H 'Content-Type: application/json' \
        -d "{\"unitId\":\"$root_id\",\"title\":\"Sao lưu ngày $(date -u +%F): Đảng bộ tỉnh\",\"body\":\"Kiểm tra phục hồi\"}" \
        "http://127.0.0.1:$1/api/v1/sample/notices" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p'
}

start_and_wait() { # name port
    "$(node_dir "$1")/bin/start"
    wait_healthy "$2" 300 || { diagnose "$1" "$2"; die "node $1 not healthy after 300 s"; }
    for _ in $(seq 1 30); do [ -n "$(login "$2")" ] && return 0; sleep 2; done
    die "the administrator cannot sign in on node $1"
}

T0=$(date +%s)
# ---------------------------------------------------------------- Derby: stop, copy, start elsewhere
unpack_node derby "$PORT_1" $((base + 1)) $((base + 11)) $((base + 12))
printf 'members = 2000\n' > "$(node_dir derby)/etc/org.sotay.registry.demo.cfg"
start_and_wait derby "$PORT_1"
notice=$(writes "$PORT_1")
[ -n "$notice" ] || die "could not write on the Derby node"
before=$(snapshot "$PORT_1" "$notice")
log "Derby node: $before"
stop_node derby
tar czf "$work/sotay-db.tar.gz" -C "$(node_dir derby)/data" sotay-db
log "Derby: bin/stop, then tar of data/sotay-db: $(du -h "$work/sotay-db.tar.gz" | cut -f1)"

unpack_node derby-restored "$PORT_2" $((base + 2)) $((base + 13)) $((base + 14))
mkdir -p "$(node_dir derby-restored)/data"
tar xzf "$work/sotay-db.tar.gz" -C "$(node_dir derby-restored)/data"
start_and_wait derby-restored "$PORT_2"
after=$(snapshot "$PORT_2" "$notice")
log "Derby restored into a fresh distribution: $after"
[ "$before" = "$after" ] || fail "Derby: the restored node holds '$after', the original held '$before'"
stop_node derby-restored

# ---------------------------------------------------------------- PostgreSQL: pg_dump while running, pg_restore
for d in "$db_from" "$db_to"; do
    su postgres -c "psql -q -p $pg_port -v ON_ERROR_STOP=1 -c \"CREATE DATABASE $d OWNER $SOTAY_TEST_PG_USER ENCODING 'UTF8' TEMPLATE template0\"" >/dev/null
done
unpack_node pg "$PORT_1" $((base + 1)) $((base + 11)) $((base + 12))
use_postgresql pg "jdbc:postgresql://$pg_hostport/$db_from"
printf 'members = 2000\n' > "$(node_dir pg)/etc/org.sotay.registry.demo.cfg"
start_and_wait pg "$PORT_1"
notice=$(writes "$PORT_1")
[ -n "$notice" ] || die "could not write on the PostgreSQL node"
before=$(snapshot "$PORT_1" "$notice")
log "PostgreSQL node: $before"
pg pg_dump -Fc -h 127.0.0.1 -p "$pg_port" -U "$SOTAY_TEST_PG_USER" -f "$work/sotay.dump" "$db_from"
log "PostgreSQL: pg_dump -Fc while the node runs: $(du -h "$work/sotay.dump" | cut -f1)"
stop_node pg
pg pg_restore -h 127.0.0.1 -p "$pg_port" -U "$SOTAY_TEST_PG_USER" -d "$db_to" --no-owner --exit-on-error "$work/sotay.dump"
# every table, counted in both databases (the original no longer changes: its node is stopped)
tables=$(psql_in "$db_from" "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1")
differ=0; rows=0
for t in $tables; do
    a=$(psql_in "$db_from" "SELECT COUNT(*) FROM \"$t\""); b=$(psql_in "$db_to" "SELECT COUNT(*) FROM \"$t\"")
    rows=$((rows + a))
    [ "$a" = "$b" ] || { fail "PostgreSQL: table $t has $a rows, its restored copy $b"; differ=$((differ + 1)); }
done
log "PostgreSQL: pg_restore into an empty database: $(echo "$tables" | wc -w) tables, $rows rows, $differ tables differ"

unpack_node pg-restored "$PORT_2" $((base + 2)) $((base + 13)) $((base + 14))
use_postgresql pg-restored "jdbc:postgresql://$pg_hostport/$db_to"
start_and_wait pg-restored "$PORT_2"
after=$(snapshot "$PORT_2" "$notice")
log "PostgreSQL restored, a fresh distribution on the copy: $after"
[ "$before" = "$after" ] || fail "PostgreSQL: the restored node holds '$after', the original held '$before'"

log "backup and restore test finished in $(( $(date +%s) - T0 )) s with $failures failure(s)"
[ "$failures" = 0 ]
