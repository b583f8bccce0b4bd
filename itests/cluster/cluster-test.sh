#!/usr/bin/env bash
#
# Two Sotay nodes on one PostgreSQL behind nginx, on this machine's loopback, and what a cluster
# must guarantee (run by .ci/run after the Maven suite; needs the built distribution):
#   1. a write through node A is read through node B at once (no node serves a stale cache)
#   2. a token issued by A works on B; after logout on A it is refused on both
#   3. each outbox entry is delivered once in the cluster, and every module's figures agree
#   4. kill -9 of one node under a write load through nginx: every acknowledged write is in the
#      database, the survivor keeps serving, and the killed node rejoins when started again
#   5. each cluster-wide scheduled job runs on one node at a time (the nodes' metrics count it)
#
# Needs SOTAY_TEST_PG_URL / _USER / _PASSWORD (as .ci/postgresql.sh exports them) and the
# PostgreSQL superuser through `su postgres` to create its own database (dropped at the end);
# installs nginx (Debian package) when missing. Ports: CLUSTER_PORT_BASE (default 18500) + 80/81/82
# for nginx, A and B; + 1/2 ssh; + 11..14 JMX. KEEP_WORK=1 keeps the nodes' folders for a post-mortem.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

base="${CLUSTER_PORT_BASE:-18500}"
PROXY=$((base + 80)); PORT_A=$((base + 81)); PORT_B=$((base + 82))
work=$(mktemp -d /tmp/sotay-cluster.XXXXXX)
db="sotay_cluster_$$"
admin=cluster.admin
admin_password="$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)Aa1"
nginx_pid=""
failures=0
SCRIPT_NAME=cluster
# shellcheck source=../scripts/nodes.sh
source "$root/itests/scripts/nodes.sh"

[ -n "${SOTAY_TEST_PG_URL:-}" ] || die "SOTAY_TEST_PG_URL is not set (source .ci/postgresql.sh)"
pg_hostport=$(printf '%s' "$SOTAY_TEST_PG_URL" | sed -n 's#jdbc:postgresql://\([^/]*\)/.*#\1#p')
pg_port="${pg_hostport##*:}"
db_url="jdbc:postgresql://$pg_hostport/$db"
psql_db() { PGPASSWORD="$SOTAY_TEST_PG_PASSWORD" psql -h 127.0.0.1 -p "$pg_port" -U "$SOTAY_TEST_PG_USER" -d "$db" -tAq -v ON_ERROR_STOP=1 "$@"; }

cleanup() {
    set +e
    for n in a b; do
        p="$(node_pid $n)"
        [ -n "$p" ] && kill "$p" 2>/dev/null
    done
    [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null
    sleep 3
    for n in a b; do p="$(node_pid $n)"; [ -n "$p" ] && kill -9 "$p" 2>/dev/null; done
    su postgres -c "psql -q -p $pg_port -c 'DROP DATABASE IF EXISTS $db WITH (FORCE)'" >/dev/null 2>&1
    if [ -n "${KEEP_WORK:-}" ]; then log "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

if ! command -v nginx >/dev/null 2>&1 && ! [ -x /usr/sbin/nginx ]; then
    log "installing nginx (Debian package)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

su postgres -c "psql -q -p $pg_port -v ON_ERROR_STOP=1" >/dev/null <<SQL
CREATE DATABASE $db OWNER $SOTAY_TEST_PG_USER ENCODING 'UTF8' TEMPLATE template0;
SQL

# ---------------------------------------------------------------- two nodes on one database
prepare() { # name http ssh jmx-registry jmx-server
    unpack_node "$@"
    use_postgresql "$1" "$db_url"
}
prepare a "$PORT_A" $((base + 1)) $((base + 11)) $((base + 12))
prepare b "$PORT_B" $((base + 2)) $((base + 13)) $((base + 14))
# the demo province is loaded once, by A, into the empty shared registry
printf 'members = 2000\n' > "$(node_dir a)/etc/org.sotay.registry.demo.cfg"

T0=$(date +%s)
log "starting node A on $PORT_A (PostgreSQL database $db)"
"$(node_dir a)/bin/start"
wait_healthy "$PORT_A" 240 || { diagnose a "$PORT_A"; die "node A not healthy after 240 s"; }
log "node A healthy after $(( $(date +%s) - T0 )) s; starting node B on $PORT_B"
T1=$(date +%s)
"$(node_dir b)/bin/start"
wait_healthy "$PORT_B" 240 || { diagnose b "$PORT_B"; die "node B not healthy after 240 s"; }
log "node B healthy after $(( $(date +%s) - T1 )) s"
token=""
for _ in $(seq 1 60); do token="$(login "$PORT_A")"; [ -n "$token" ] && break; sleep 2; done
[ -n "$token" ] || die "the bootstrap administrator cannot sign in on A"
admins=$(psql_db -c "SELECT COUNT(*) FROM IDN_ACCOUNT a JOIN IDN_GRANT g ON g.ACCOUNT_ID = a.ID WHERE g.ROLE_NAME = 'PROVINCIAL_ADMIN'" 2>/dev/null || echo "?")
log "bootstrap administrators in the cluster: $admins (both nodes were told to create one)"
[ "$admins" = 1 ] || fail "expected exactly one bootstrap administrator, found $admins"

root_unit=$(psql_db -c "SELECT ID FROM REG_UNIT WHERE PARENT_ID IS NULL")
[ -n "$root_unit" ] || die "no root unit: the demo province did not load"

# ---------------------------------------------------------------- 1. read-your-write across nodes
before_1=$failures
for i in 1 2 3 4 5; do
    reply=$(curl -s -m 30 -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d "{\"unitId\":\"$root_unit\",\"title\":\"Thông báo $i từ nút A\",\"body\":\"Họp chi bộ lúc 19:30\"}" "http://127.0.0.1:$PORT_A/api/v1/sample/notices")
    id=$(printf '%s' "$reply" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
    ver=$(printf '%s' "$reply" | sed -n 's/.*"version":\([0-9]*\).*/\1/p')
    [ -n "$id" ] || { fail "write $i on A: $reply"; continue; }
    got=$(body "$PORT_B" "$token" "/v1/sample/notices/$id")
    printf '%s' "$got" | grep -q "Thông báo $i từ nút A" || fail "B did not read A's write $id at once: $got"
    # and an update through B is seen by A at once (the version moves on both)
    upd=$(curl -s -m 30 -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d "{\"unitId\":\"$root_unit\",\"title\":\"Thông báo $i sửa ở nút B\",\"body\":\"Họp chi bộ lúc 20:00\",\"version\":$ver}" "http://127.0.0.1:$PORT_B/api/v1/sample/notices/$id")
    printf '%s' "$upd" | grep -q "sửa ở nút B" || fail "update $i on B: $upd"
    body "$PORT_A" "$token" "/v1/sample/notices/$id" | grep -q "sửa ở nút B" || fail "A served a stale notice $id after B's update"
done
[ "$failures" = "$before_1" ] && log "1. read-your-write across nodes: 5 creates on A read on B at once, 5 updates on B read on A at once"

# ---------------------------------------------------------------- 2. tokens across nodes
[ "$(code "$PORT_B" "$token" GET /v1/members?limit=1)" = 200 ] || fail "A's token refused on B"
session=$(curl -s -m 30 -H 'Content-Type: application/json' -d "{\"username\":\"$admin\",\"password\":\"$admin_password\"}" \
    "http://127.0.0.1:$PORT_A/api/v1/auth/login")
short=$(printf '%s' "$session" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
refresh=$(printf '%s' "$session" | sed -n 's/.*"refreshToken":"\([^"]*\)".*/\1/p')
[ "$(code "$PORT_B" "$short" GET /v1/members?limit=1)" = 200 ] || fail "a fresh token of A refused on B"
out=$(curl -s -o /dev/null -w '%{http_code}' -m 30 -H "Authorization: Bearer $short" -H 'Content-Type: application/json' \
    -d "{\"refreshToken\":\"$refresh\"}" "http://127.0.0.1:$PORT_A/api/v1/auth/logout")
case "$out" in 2*) ;; *) fail "logout on A answered $out" ;; esac
[ "$(code "$PORT_A" "$short" GET /v1/members?limit=1)" = 401 ] || fail "the logged-out token still works on A"
refused_b=""
for i in $(seq 1 20); do
    if [ "$(code "$PORT_B" "$short" GET /v1/members?limit=1)" = 401 ]; then refused_b="$i"; break; fi
    sleep 0.5
done
[ -n "$refused_b" ] || fail "the logged-out token still works on B after 10 s"
log "2. tokens: A's token works on B; after logout on A it is refused on A at once and on B after $(( ${refused_b:-0} * 5 / 10 )) s or less"

# ---------------------------------------------------------------- nginx in front of both
mkdir -p "$work/nginx/logs"
cat > "$work/nginx/nginx.conf" <<NGINX
worker_processes 1;
error_log $work/nginx/logs/error.log warn;
pid $work/nginx/nginx.pid;
events { worker_connections 256; }
http {
    access_log $work/nginx/logs/access.log;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    upstream sotay {
        server 127.0.0.1:$PORT_A max_fails=1 fail_timeout=5s;
        server 127.0.0.1:$PORT_B max_fails=1 fail_timeout=5s;
        keepalive 16;
    }
    server {
        listen 127.0.0.1:$PROXY;
        client_max_body_size 16m;
        location /api/ {
            proxy_pass http://sotay;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_connect_timeout 2s;
            proxy_read_timeout 30s;
            # a refused connection is retried on the other node; a request already sent is not (not idempotent)
            proxy_next_upstream error timeout http_502 http_503;
        }
    }
}
NGINX
"$NGINX" -c "$work/nginx/nginx.conf" -p "$work/nginx" -g 'daemon off;' &
nginx_pid=$!
sleep 1
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PROXY/api/v1/health")" = 200 ] || die "nginx does not answer on $PROXY"

# ---------------------------------------------------------------- 4. kill -9 under a write load
acks="$work/acks"; : > "$acks"
errors="$work/errors"; : > "$errors"
writer() { # n: writes notices through nginx until the stop file exists; logs each acknowledged id
    local i=0
    while [ ! -f "$work/stop" ]; do
        i=$((i + 1))
        reply=$(curl -s -m 15 -w '\n%{http_code}' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
            -d "{\"unitId\":\"$root_unit\",\"title\":\"Tải $1-$i\",\"body\":\"Ghi dưới tải\"}" "http://127.0.0.1:$PROXY/api/v1/sample/notices" || printf '\n000')
        status=$(printf '%s' "$reply" | tail -n1)
        if [ "$status" = 201 ]; then
            printf '%s\n' "$reply" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p' | head -n1 >> "$acks"
        else
            echo "$status" >> "$errors"
        fi
    done
}
for w in 1 2 3 4; do writer "$w" & done
sleep 8
before_kill=$(wc -l < "$acks")
victim=$(node_pid a)
[ -n "$victim" ] || die "no pid for node A"
log "4. $before_kill writes acknowledged through nginx; kill -9 of node A (pid $victim) under the load"
kill -9 "$victim"
sleep 10
survivor_reads=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "http://127.0.0.1:$PROXY/api/v1/members?limit=5")
touch "$work/stop"
wait_writers=0
for j in $(jobs -p); do [ "$j" = "$nginx_pid" ] || { wait "$j" 2>/dev/null || true; wait_writers=$((wait_writers + 1)); }; done
total_acks=$(wc -l < "$acks")
failed=$(wc -l < "$errors")
after_kill=$((total_acks - before_kill))
[ "$survivor_reads" = 200 ] || fail "through nginx after the kill, a read answered $survivor_reads"
[ "$after_kill" -gt 0 ] || fail "no write was acknowledged after the kill: the survivor did not take over"
ids=$(sed "s/.*/'&'/" "$acks" | paste -sd, -)
stored=0
[ -z "$ids" ] || stored=$(psql_db -c "SELECT COUNT(*) FROM SMP_NOTICE WHERE ID IN ($ids)")
log "   acknowledged $total_acks writes ($after_kill after the kill), $failed requests failed or were refused; $stored of the acknowledged are in the database"
[ "$stored" = "$total_acks" ] || fail "lost acknowledged writes: $((total_acks - stored))"
dupes=$(psql_db -c "SELECT COUNT(*) - COUNT(DISTINCT TITLE) FROM SMP_NOTICE WHERE TITLE LIKE 'Tải %'")
[ "$dupes" = 0 ] || fail "$dupes writes were stored twice"

# the killed node rejoins: same installation, same node name, no manual step
T2=$(date +%s)
"$(node_dir a)/bin/start"
wait_healthy "$PORT_A" 240 || { fail "node A did not come back after its restart"; diagnose a "$PORT_A"; }
[ "$(code "$PORT_A" "$token" GET /v1/members?limit=1)" = 200 ] || fail "the restarted node A refuses the cluster's token"
last=$(tail -n1 "$acks")
body "$PORT_A" "$token" "/v1/sample/notices/$last" | grep -q '"id"' || fail "the restarted node A does not read a write B took during its absence"
log "   node A rejoined after $(( $(date +%s) - T2 )) s and reads what B wrote meanwhile"

# ---------------------------------------------------------------- 3. outbox once, figures agree
sleep 6
pending=$(psql_db -c "SELECT COUNT(*) FROM CORE_OUTBOX WHERE DELIVERED_MS IS NULL AND CREATED_MS < (EXTRACT(EPOCH FROM now()) * 1000 - 30000)")
again=$(psql_db -c "SELECT COUNT(*) FROM CORE_OUTBOX WHERE ATTEMPTS > 1")
total=$(psql_db -c "SELECT COUNT(*) FROM CORE_OUTBOX")
by=$(psql_db -c "SELECT COALESCE(CLAIMED_BY, '-') || ':' || COUNT(*) FROM CORE_OUTBOX GROUP BY CLAIMED_BY" | paste -sd' ' -)
log "3. outbox: $total entries, delivered by $by; $pending older than 30 s still pending; $again handed out again after their first claim lapsed (a claimant killed mid-delivery: consumers are idempotent by event id)"
[ "$pending" = 0 ] || fail "$pending outbox entries older than 30 s were never delivered"
# the root's own figure is the first "members" of the answer (its children's follow)
members=$(psql_db -c "SELECT COUNT(*) FROM REG_MEMBER WHERE STATUS IN ('PROBATIONARY', 'OFFICIAL', 'EXEMPT')")
reported=""
for _ in $(seq 1 30); do
    reported=$(body "$PROXY" "$token" "/v1/reports/adoption/$root_unit" | first_number members)
    [ "$reported" = "$members" ] && break
    sleep 1
done
log "   members in the registry: $members; in the reporting root figure: ${reported:-?}"
[ "$reported" = "$members" ] || fail "reporting's root figure ($reported) is not the registry's count ($members)"

# ---------------------------------------------------------------- 5. each scheduled job once
# Both nodes are up again (A rejoined). Over 20 s, each cluster-wide schedule runs on one node only:
# its runs (succeeded + failed) grow on one node while the other's skips grow, as each node's
# /api/v1/metrics counts them (sotay_schedule_runs_total{schedule, outcome, scope="cluster"}).
schedule_runs() { # port schedule -> "ran skipped" on that node
    body "$1" "$token" /v1/metrics | awk -v s="schedule=\"$2\"" '
        /^sotay_schedule_runs_total\{/ && index($0, s) {
            if (index($0, "outcome=\"skipped\"")) k += $NF; else r += $NF
        }
        END { printf "%d %d\n", r, k }'
}
once_schedules="core.outbox notify.deliveries reporting.aggregate"
declare -A before_a before_b
for s in $once_schedules; do before_a[$s]=$(schedule_runs "$PORT_A" "$s"); before_b[$s]=$(schedule_runs "$PORT_B" "$s"); done
sleep 20
for s in $once_schedules; do
    read -r ra0 ka0 <<< "${before_a[$s]}"; read -r rb0 kb0 <<< "${before_b[$s]}"
    read -r ra1 ka1 <<< "$(schedule_runs "$PORT_A" "$s")"; read -r rb1 kb1 <<< "$(schedule_runs "$PORT_B" "$s")"
    ran_a=$((ra1 - ra0)); ran_b=$((rb1 - rb0)); skip_a=$((ka1 - ka0)); skip_b=$((kb1 - kb0))
    log "5. $s in 20 s: A ran $ran_a and skipped $skip_a, B ran $ran_b and skipped $skip_b"
    if [ $((ran_a + ran_b)) -eq 0 ]; then
        fail "$s did not run on either node in 20 s"
    elif [ "$ran_a" -gt 0 ] && [ "$ran_b" -gt 0 ]; then
        fail "$s ran on both nodes in the same 20 s"
    elif [ $((skip_a + skip_b)) -eq 0 ]; then
        fail "$s: the node without its lease counted no skip (does it run there at all?)"
    fi
done
overruns=$( (body "$PORT_A" "$token" /v1/metrics; body "$PORT_B" "$token" /v1/metrics) | awk '/^sotay_schedule_overruns_total\{/ { n += $NF } END { printf "%d", n }')
log "   cluster-wide runs that outlived their lease, both nodes: $overruns"
[ "$overruns" = 0 ] || fail "$overruns cluster-wide runs outlived their lease (another node may have run them too)"

log "cluster test finished in $(( $(date +%s) - T0 )) s with $failures failure(s)"
[ "$failures" = 0 ]
