#!/usr/bin/env bash
#
# Read throughput of two Sotay nodes behind nginx against one node, on this machine, in one run
# (see benchmarks/README.md, "Two nodes against one"). Like itests/cluster/cluster-test.sh it
# creates its own PostgreSQL database, starts node A (which loads the demo province) and node B
# on it, and nginx in front; then it loads the same wrk scenario, in alternating rounds, against
#   one       node A directly
#   one-proxy nginx with node A alone as its upstream (the proxy's own cost, for a fair ratio)
#   two       nginx with nodes A and B (round robin, keep-alive to both)
# and prints the throughput of each, the ratios two/one and two/one-proxy, and the CPU that each
# process used during each run (from /proc/<pid>/stat: the nodes' JVMs, nginx, wrk, the
# PostgreSQL backends of the nodes' pools, and the whole machine), with the CPU cost of one
# request on each node. Everything it started (nodes, nginx, the database) is stopped by pid and
# dropped at exit, also on failure or Ctrl-C.
#
#   source .ci/postgresql.sh   # or any SOTAY_TEST_PG_URL / _USER / _PASSWORD
#   benchmarks/cluster-load.sh
#
# Needs the built distribution, wrk and nginx (Debian packages, installed with apt-get when
# missing) and the PostgreSQL superuser through `su postgres` to create its database.
#
# Environment (all optional):
#   CLUSTER_PORT_BASE  ports: + 80 (nginx, both nodes), + 79 (nginx, node A alone), + 81/82 (HTTP
#                      of A and B), + 1/2 (ssh), + 11..14 (JMX); default 18600
#   DEMO_MEMBERS       members of the demo province A loads (default 57597, the full province)
#   SCENARIO           member (default: GET /api/v1/members/{id} with the token), jwks (public) or
#                      members (GET /api/v1/members?limit=20 with the token)
#   THREADS, CONNECTIONS, DURATION, ROUNDS, WARMUP   as for run-load.sh (2, 32, 15s, 3), WARMUP 10s per
#                      configuration and once on node B directly
#   HEALTH_TIMEOUT     seconds allowed for each node to become healthy (default 600)
#   RESULTS_DIR        where the Markdown snippet goes (default benchmarks/results)
#   KEEP_WORK=1        keep the nodes' folders (logs)
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "$0")" && pwd)"
cd "$SCRIPT_DIR/.."
root=$(pwd)

base="${CLUSTER_PORT_BASE:-18600}"
PROXY=$((base + 80)); PROXY_ONE=$((base + 79)); PORT_A=$((base + 81)); PORT_B=$((base + 82))
DEMO_MEMBERS="${DEMO_MEMBERS:-57597}"
SCENARIO="${SCENARIO:-member}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
DURATION="${DURATION:-15s}"
ROUNDS="${ROUNDS:-3}"
WARMUP="${WARMUP:-10s}"
HEALTH_TIMEOUT="${HEALTH_TIMEOUT:-600}"
RESULTS_DIR="${RESULTS_DIR:-$SCRIPT_DIR/results}"
work=$(mktemp -d /tmp/sotay-cluster-load.XXXXXX)
db="sotay_cluster_load_$$"
admin=bench.admin
admin_password="$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)Aa1"
nginx_pid=""
failures=0
SCRIPT_NAME=cluster-load
# shellcheck source=../itests/scripts/nodes.sh
source "$root/itests/scripts/nodes.sh"

[ -n "${SOTAY_TEST_PG_URL:-}" ] || die "SOTAY_TEST_PG_URL is not set (source .ci/postgresql.sh)"
[[ "$DEMO_MEMBERS" =~ ^[1-9][0-9]*$ ]] || die "DEMO_MEMBERS must be a positive number"
[ "$ROUNDS" -ge 1 ] || die "ROUNDS must be at least 1"
case "$SCENARIO" in member | members | jwks) ;; *) die "SCENARIO must be member, members or jwks, not $SCENARIO" ;; esac
pg_hostport=$(printf '%s' "$SOTAY_TEST_PG_URL" | sed -n 's#jdbc:postgresql://\([^/]*\)/.*#\1#p')
pg_port="${pg_hostport##*:}"
db_url="jdbc:postgresql://$pg_hostport/$db"
psql_db() { PGPASSWORD="$SOTAY_TEST_PG_PASSWORD" psql -h 127.0.0.1 -p "$pg_port" -U "$SOTAY_TEST_PG_USER" -d "$db" -tAq -v ON_ERROR_STOP=1 "$@"; }

port_in_use() { ss -Hltn "sport = :$1" | grep -q .; }
for p in "$PROXY" "$PROXY_ONE" "$PORT_A" "$PORT_B" $((base + 1)) $((base + 2)) $((base + 11)) $((base + 12)) $((base + 13)) $((base + 14)); do
    if port_in_use "$p"; then die "port $p is already in use (set CLUSTER_PORT_BASE)"; fi
done

db_created=""
cleanup() {
    local rc=$? p
    set +e
    for n in a b; do
        p="$(node_pid $n)"
        [ -n "$p" ] && kill "$p" 2>/dev/null
    done
    [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null
    for _ in $(seq 1 20); do
        alive=""
        for n in a b; do p="$(node_pid $n)"; [ -n "$p" ] && alive=1; done
        [ -z "$alive" ] && break
        sleep 1
    done
    for n in a b; do p="$(node_pid $n)"; [ -n "$p" ] && kill -9 "$p" 2>/dev/null; done
    [ -n "$db_created" ] && su postgres -c "psql -q -p $pg_port -c 'DROP DATABASE IF EXISTS $db WITH (FORCE)'" >/dev/null 2>&1
    if [ -n "${KEEP_WORK:-}" ]; then log "kept $work"; else rm -rf "$work"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

install_deb() { # command package
    command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] && return 0
    log "installing $2 (Debian package)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}
install_deb nginx nginx-light
install_deb wrk wrk
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

su postgres -c "psql -q -p $pg_port -v ON_ERROR_STOP=1" >/dev/null <<SQL
CREATE DATABASE $db OWNER $SOTAY_TEST_PG_USER ENCODING 'UTF8' TEMPLATE template0;
SQL
db_created=1

# ---------------------------------------------------------------- two nodes on one database
prepare() { # name http ssh jmx-registry jmx-server
    unpack_node "$@"
    use_postgresql "$1" "$db_url"
    # one access token outlives the run (the product default is 600 s)
    local cfg; cfg="$(node_dir "$1")/etc/org.sotay.identity.cfg"
    if grep -Eq '^[[:space:]]*accessTokenSeconds[[:space:]]*=' "$cfg"; then
        sed -i -E 's/^[[:space:]]*accessTokenSeconds[[:space:]]*=.*/accessTokenSeconds = 7200/' "$cfg"
    else
        printf 'accessTokenSeconds = 7200\n' >> "$cfg"
    fi
}
prepare a "$PORT_A" $((base + 1)) $((base + 11)) $((base + 12))
prepare b "$PORT_B" $((base + 2)) $((base + 13)) $((base + 14))
printf 'members = %s\n' "$DEMO_MEMBERS" > "$(node_dir a)/etc/org.sotay.registry.demo.cfg"

LOADAVG_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
WHEN="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
T0=$(date +%s)
log "starting node A on $PORT_A (PostgreSQL database $db, demo province of $DEMO_MEMBERS members)"
"$(node_dir a)/bin/start"
wait_healthy "$PORT_A" "$HEALTH_TIMEOUT" || { diagnose a "$PORT_A"; die "node A not healthy after $HEALTH_TIMEOUT s"; }
log "node A healthy after $(( $(date +%s) - T0 )) s; starting node B on $PORT_B"
"$(node_dir b)/bin/start"
wait_healthy "$PORT_B" "$HEALTH_TIMEOUT" || { diagnose b "$PORT_B"; die "node B not healthy after $HEALTH_TIMEOUT s"; }
token=""
for _ in $(seq 1 60); do token="$(login "$PORT_A")"; [ -n "$token" ] && break; sleep 2; done
[ -n "$token" ] || die "the bootstrap administrator cannot sign in on A"
members_total=$(psql_db -c "SELECT COUNT(*) FROM REG_MEMBER")
member_id=$(body "$PORT_A" "$token" "/v1/members?limit=1" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p' | head -n1)
[ -n "$member_id" ] || die "no member listed on A"
case "$SCENARIO" in
    member) path="/api/v1/members/$member_id"; auth=(-H "Authorization: Bearer $token") ;;
    members) path="/api/v1/members?limit=20"; auth=(-H "Authorization: Bearer $token") ;;
    jwks) path="/api/v1/auth/jwks"; auth=() ;;
esac
log "$members_total members in $db; scenario $SCENARIO = GET $path"

# ---------------------------------------------------------------- nginx: both nodes, and A alone
mkdir -p "$work/nginx/logs"
proxy_block() { # port upstream
    cat <<BLOCK
    server {
        listen 127.0.0.1:$1;
        location /api/ {
            proxy_pass http://$2;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_connect_timeout 2s;
            proxy_read_timeout 30s;
        }
    }
BLOCK
}
cat > "$work/nginx/nginx.conf" <<NGINX
worker_processes 1;
error_log $work/nginx/logs/error.log warn;
pid $work/nginx/nginx.pid;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    upstream both { server 127.0.0.1:$PORT_A; server 127.0.0.1:$PORT_B; keepalive 64; }
    upstream alone { server 127.0.0.1:$PORT_A; keepalive 64; }
$(proxy_block "$PROXY" both)
$(proxy_block "$PROXY_ONE" alone)
}
NGINX
"$NGINX" -c "$work/nginx/nginx.conf" -p "$work/nginx" -g 'daemon off;' &
nginx_pid=$!
sleep 1
for p in "$PROXY" "$PROXY_ONE" "$PORT_A" "$PORT_B"; do
    c=$(curl -s -o /dev/null -w '%{http_code}' -m 10 "${auth[@]}" "http://127.0.0.1:$p$path" || echo 000)
    [ "$c" = 200 ] || die "GET $path on port $p answered $c"
done

# ---------------------------------------------------------------- CPU accounting from /proc
pid_a="$(node_pid a)"; pid_b="$(node_pid b)"
nginx_pids="$nginx_pid $(pgrep -P "$nginx_pid" | paste -sd' ' -)"
ticks() { # pids... -> utime + stime of those still alive, in clock ticks
    local t=0 p
    for p in "$@"; do
        [ -r "/proc/$p/stat" ] || continue
        t=$((t + $(sed 's/.*) //' "/proc/$p/stat" | awk '{ print $12 + $13 }')))
    done
    echo "$t"
}
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }  # user nice system irq softirq, all cores
pg_pids() { psql_db -c "SELECT pid FROM pg_stat_activity WHERE datname = '$db'" | paste -sd' ' -; }
HZ=$(getconf CLK_TCK)
CORES=$(nproc)
pct() { awk -v t="$1" -v s="$2" -v hz="$HZ" 'BEGIN { printf "%.0f", t / hz / s * 100 }'; }   # 100 = one core busy

declare -A RPS P50 ERRS CPU_A CPU_B CPU_NGINX CPU_WRK CPU_PG CPU_ALL MS_A MS_B
target_port() { case "$1" in one) echo "$PORT_A" ;; one-proxy) echo "$PROXY_ONE" ;; two) echo "$PROXY" ;; esac; }
to_ms() {
    awk -v v="$1" 'BEGIN { n = v; sub(/[a-z]+$/, "", n); u = v; sub(/^[0-9.]+/, "", u)
        f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : -1; if (f < 0) { print "NaN"; exit 1 } printf "%.2f", n * f }'
}
measure() { # config round
    local key="$1#$2" port out pg a0 b0 n0 g0 m0 a1 b1 n1 g1 m1 w s0 s1 secs req non2xx sockerr
    port="$(target_port "$1")"
    pg="$(pg_pids)"
    a0=$(ticks "$pid_a"); b0=$(ticks "$pid_b"); n0=$(ticks $nginx_pids); g0=$(ticks $pg); m0=$(busy_ticks); s0=$(date +%s.%N)
    # the subshell's `times` (second line) is wrk's own CPU: user and system
    out="$( (wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency --timeout 10s "${auth[@]}" "http://127.0.0.1:$port$path"; times) 2>&1)"
    a1=$(ticks "$pid_a"); b1=$(ticks "$pid_b"); n1=$(ticks $nginx_pids); g1=$(ticks $pg); m1=$(busy_ticks); s1=$(date +%s.%N)
    printf '%s\n' "$out" | sed "s/^/    [$key] /" >&2
    secs=$(awk -v a="$s0" -v b="$s1" 'BEGIN { printf "%.3f", b - a }')
    w=$(printf '%s\n' "$out" | tail -n1 | awk '{ t = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); sub(/s$/, "", p[2]); t += p[1] * 60 + p[2] } printf "%.0f", t * 100 }')
    RPS[$key]=$(printf '%s\n' "$out" | awk '/^Requests\/sec:/ { printf "%.0f", $2 }')
    req=$(printf '%s\n' "$out" | awk '/requests in/ { print $1 }')
    P50[$key]=$(to_ms "$(printf '%s\n' "$out" | awk '$1 == "50%" { print $2 }')")
    non2xx=$(printf '%s\n' "$out" | awk -F': *' '/Non-2xx or 3xx responses/ { print $2 }')
    sockerr=$(printf '%s\n' "$out" | awk '/Socket errors/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }')
    ERRS[$key]=$(( ${non2xx:-0} + ${sockerr:-0} ))
    [ -n "${RPS[$key]}" ] && [ -n "$req" ] || die "could not parse the wrk output for $key"
    CPU_A[$key]=$(pct $((a1 - a0)) "$secs"); CPU_B[$key]=$(pct $((b1 - b0)) "$secs")
    CPU_NGINX[$key]=$(pct $((n1 - n0)) "$secs"); CPU_PG[$key]=$(pct $((g1 - g0)) "$secs")
    CPU_WRK[$key]=$(pct "$w" "$secs"); CPU_ALL[$key]=$(pct $((m1 - m0)) "$secs")
    # CPU milliseconds of a node's JVM per request it served (two: each node served about half)
    case "$1" in
        two) MS_A[$key]=$(awk -v t=$((a1 - a0 + b1 - b0)) -v n="$req" -v hz="$HZ" 'BEGIN { printf "%.3f", t / hz * 1000 / n }') ;;
        *) MS_A[$key]=$(awk -v t=$((a1 - a0)) -v n="$req" -v hz="$HZ" 'BEGIN { printf "%.3f", t / hz * 1000 / n }') ;;
    esac
    log "$key: ${RPS[$key]} req/s, p50 ${P50[$key]} ms, errors ${ERRS[$key]}; CPU % A ${CPU_A[$key]} B ${CPU_B[$key]} nginx ${CPU_NGINX[$key]} wrk ${CPU_WRK[$key]} pg ${CPU_PG[$key]} machine ${CPU_ALL[$key]}/$((CORES * 100))"
}

CONFIGS=(one one-proxy two)
# B serves only through nginx in the measured runs: warm its JIT directly too, as A's is by "one"
log "warm-up node B directly ($WARMUP, discarded)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${auth[@]}" "http://127.0.0.1:$PORT_B$path" >/dev/null
for c in "${CONFIGS[@]}"; do
    log "warm-up $c ($WARMUP, discarded)"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${auth[@]}" "http://127.0.0.1:$(target_port "$c")$path" >/dev/null
done
for r in $(seq 1 "$ROUNDS"); do
    order=("${CONFIGS[@]}")
    [ $((r % 2)) = 0 ] && order=(two one-proxy one)
    for c in "${order[@]}"; do measure "$c" "$r"; done
done

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }
col() { # array config -> the median over the rounds
    local -n arr="$1"; local v=() r
    for r in $(seq 1 "$ROUNDS"); do v+=("${arr[$2#$r]}"); done
    median "${v[@]}"
}
ratios() { # a b -> "median (per round: ...)"
    local v=() r
    for r in $(seq 1 "$ROUNDS"); do v+=("$(ratio "${RPS[$1#$r]}" "${RPS[$2#$r]}")"); done
    echo "$(median "${v[@]}")   (per round: ${v[*]})"
}
row() { printf '%-13s %7s %8s %6s %6s %6s %6s %6s %6s %8s %9s\n' "$@"; }
errors=0
REPORT="$(
    echo "Sotay cluster load run $WHEN"
    echo "machine: $CORES cores, $(awk '/^MemTotal:/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); $(java -version 2>&1 | head -n1)"
    echo "load average before start: $LOADAVG_BEFORE; PostgreSQL database $db with $members_total members (demo province)"
    echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION on the same machine; $WARMUP warm-up per configuration; $ROUNDS alternating rounds"
    echo "scenario $SCENARIO = GET $path${auth:+ (bearer token of the bootstrap administrator at the root)}"
    echo "one = node A directly; one-proxy = nginx with A alone; two = nginx with A and B (round robin, keep-alive)"
    echo "CPU % of one core during the run (from /proc/<pid>/stat; machine: every process, $((CORES * 100)) = all $CORES cores busy);"
    echo "ms/req = CPU milliseconds of the Sotay JVM(s) per request served"
    echo
    row config req/s 'p50 ms' errors 'A %' 'B %' 'nginx%' 'wrk %' 'pg %' machine% 'ms/req'
    for r in $(seq 1 "$ROUNDS"); do
        for c in "${CONFIGS[@]}"; do
            k="$c#$r"
            row "$k" "${RPS[$k]}" "${P50[$k]}" "${ERRS[$k]}" "${CPU_A[$k]}" "${CPU_B[$k]}" "${CPU_NGINX[$k]}" "${CPU_WRK[$k]}" "${CPU_PG[$k]}" "${CPU_ALL[$k]}" "${MS_A[$k]}"
        done
    done
    for c in "${CONFIGS[@]}"; do
        row "$c" "$(col RPS "$c" | awk '{ printf "%.0f", $1 }')" "$(col P50 "$c")" "$(col ERRS "$c")" "$(col CPU_A "$c")" "$(col CPU_B "$c")" \
            "$(col CPU_NGINX "$c")" "$(col CPU_WRK "$c")" "$(col CPU_PG "$c")" "$(col CPU_ALL "$c")" "$(col MS_A "$c")"
    done
    echo "(last rows: medians over the rounds)"
    echo
    echo "two/one throughput ratio = $(ratios two one)"
    echo "two/one-proxy throughput ratio = $(ratios two one-proxy)"
    echo "one-proxy/one throughput ratio = $(ratios one-proxy one)"
)"
printf '\n%s\n\n' "$REPORT"
mkdir -p "$RESULTS_DIR"
RESULT_FILE="$RESULTS_DIR/cluster-load-$(date -u +%Y-%m-%d).md"
{ echo "## Sotay cluster load run $WHEN"; echo; echo '```'; echo "$REPORT"; echo '```'; } > "$RESULT_FILE"
log "results written to $RESULT_FILE"
for k in "${!ERRS[@]}"; do errors=$((errors + ERRS[$k])); done
[ "$errors" = 0 ] || die "$errors requests failed (non-2xx/3xx or socket errors)"
