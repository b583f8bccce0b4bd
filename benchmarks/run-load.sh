#!/usr/bin/env bash
#
# Load test of a Sotay distribution: a DB-backed read endpoint measured against the health
# endpoint in the same run (see benchmarks/README.md).
#
#   benchmarks/run-load.sh
#
# Environment (all optional):
#   SOTAY_DIST      distribution tar.gz (default: karaf-distribution/target/sotay-karaf-distribution-*.tar.gz)
#   PORT            HTTP port of the instance under test (default 18181; never 8181)
#   SSH_PORT        Karaf ssh console port (default 18101)
#   RMI_REGISTRY_PORT / RMI_SERVER_PORT   JMX ports (default 11099 / 14444)
#   THREADS         wrk threads (default 2)
#   CONNECTIONS     wrk open connections (default 32)
#   DURATION        one measured wrk run (default 15s)
#   ROUNDS          measured runs per scenario, alternating the order; medians are reported (default 3)
#   WARMUP          discarded wrk run per scenario before measuring (default 5s)
#   WRK_TIMEOUT     wrk per-request timeout; slower requests count as errors (default 10s)
#   HEALTH_TIMEOUT  seconds to wait for the first health 200 (default 120)
#   RESULTS_DIR     where the Markdown snippet goes (default benchmarks/results)
#   KEEP_WORK=1     keep the temporary copy of the distribution (logs) after the run
#
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "$0")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"

SOTAY_DIST="${SOTAY_DIST:-$REPO_ROOT/karaf-distribution/target/sotay-karaf-distribution-0.1.0-SNAPSHOT.tar.gz}"
PORT="${PORT:-18181}"
SSH_PORT="${SSH_PORT:-18101}"
RMI_REGISTRY_PORT="${RMI_REGISTRY_PORT:-11099}"
RMI_SERVER_PORT="${RMI_SERVER_PORT:-14444}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
DURATION="${DURATION:-15s}"
ROUNDS="${ROUNDS:-3}"
WARMUP="${WARMUP:-5s}"
WRK_TIMEOUT="${WRK_TIMEOUT:-10s}"
HEALTH_TIMEOUT="${HEALTH_TIMEOUT:-120}"
RESULTS_DIR="${RESULTS_DIR:-$SCRIPT_DIR/results}"
KEEP_WORK="${KEEP_WORK:-0}"

HOST=127.0.0.1
BASE_URL="http://$HOST:$PORT"
HEALTH_PATH="/api/v1/health"
NOTICES_PATH="/api/v1/sample/notices?limit=20"

log() { printf '[run-load] %s\n' "$*" >&2; }
die() { printf '[run-load] ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- checks
[ "$PORT" != 8181 ] || die "PORT=8181 is reserved for the developer's own instance; pick another port"
[ -f "$SOTAY_DIST" ] || die "distribution not found: $SOTAY_DIST (build it with ./mvnw -DskipTests install)"
command -v curl >/dev/null || die "curl is required"
[ "$ROUNDS" -ge 1 ] || die "ROUNDS must be at least 1"
[ "$THREADS" -le "$CONNECTIONS" ] || die "THREADS ($THREADS) must not exceed CONNECTIONS ($CONNECTIONS)"

if ! command -v wrk >/dev/null; then
    log "wrk is not installed: installing the Debian package 'wrk' (apt-get)"
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && apt-get install -y -qq wrk >/dev/null
    else
        sudo apt-get update -qq && sudo apt-get install -y -qq wrk >/dev/null
    fi
    command -v wrk >/dev/null || die "could not install wrk"
fi

port_in_use() {
    if command -v ss >/dev/null; then
        ss -Hltn "sport = :$1" | grep -q .
    else
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
    fi
}
for p in "$PORT" "$SSH_PORT" "$RMI_REGISTRY_PORT" "$RMI_SERVER_PORT"; do
    if port_in_use "$p"; then die "port $p is already in use (set PORT / SSH_PORT / RMI_*_PORT)"; fi
done

# ---------------------------------------------------------------- private copy of the distribution
WORK="$(mktemp -d "${TMPDIR:-/tmp}/sotay-bench.XXXXXX")"
KARAF_PID=""
KARAF_DIR=""

cleanup() {
    local rc=$?
    set +e
    if [ -n "$KARAF_DIR" ] && [ -x "$KARAF_DIR/bin/stop" ]; then
        if [ -z "$KARAF_PID" ]; then KARAF_PID="$(find_karaf_pid)"; fi
        if [ -n "$KARAF_PID" ] && kill -0 "$KARAF_PID" 2>/dev/null; then
            log "stopping Karaf (pid $KARAF_PID)"
            "$KARAF_DIR/bin/stop" >/dev/null 2>&1
            for _ in $(seq 1 20); do
                kill -0 "$KARAF_PID" 2>/dev/null || break
                sleep 1
            done
            if kill -0 "$KARAF_PID" 2>/dev/null; then
                log "Karaf still alive after 20 s: kill $KARAF_PID"
                kill "$KARAF_PID" 2>/dev/null
                sleep 5
                kill -0 "$KARAF_PID" 2>/dev/null && kill -9 "$KARAF_PID" 2>/dev/null
            fi
        fi
    fi
    if [ "$KEEP_WORK" = 1 ]; then
        log "kept $WORK"
    else
        rm -rf "$WORK"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

find_karaf_pid() {
    # The java process carries -Dkaraf.base=<dir>; the bin/karaf shell wrapper does not.
    pgrep -f "karaf\.base=${KARAF_DIR}( |\$)" | head -n1 || true
}

# A build may be rewriting the archive right now: copy it, check it, retry a few times.
for attempt in 1 2 3 4 5 6; do
    DIST_BUILT="$(date -u -r "$SOTAY_DIST" +%Y-%m-%dT%H:%M:%SZ)"
    log "copying $SOTAY_DIST (built $DIST_BUILT) to $WORK"
    cp "$SOTAY_DIST" "$WORK/dist.tar.gz"
    gzip -t "$WORK/dist.tar.gz" 2>/dev/null && break
    [ "$attempt" -lt 6 ] || die "$SOTAY_DIST is not a complete archive (still being built?)"
    log "the archive is incomplete (being rebuilt?): retrying in 10 s"
    sleep 10
done
tar -xzf "$WORK/dist.tar.gz" -C "$WORK"
rm -f "$WORK/dist.tar.gz"
KARAF_DIR="$(find "$WORK" -mindepth 1 -maxdepth 1 -type d | head -n1)"
[ -x "$KARAF_DIR/bin/start" ] || die "no bin/start in $KARAF_DIR"

sed -i -E "s/^(sshPort[[:space:]]*=).*/\1 $SSH_PORT/" "$KARAF_DIR/etc/org.apache.karaf.shell.cfg"
sed -i -E "s/^(rmiRegistryPort[[:space:]]*=).*/\1 $RMI_REGISTRY_PORT/; s/^(rmiServerPort[[:space:]]*=).*/\1 $RMI_SERVER_PORT/" \
    "$KARAF_DIR/etc/org.apache.karaf.management.cfg"
rm -f "$KARAF_DIR/etc/sotay.env"   # the environment below decides, not a stray sotay.env

# ---------------------------------------------------------------- start, wait for healthy
http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE_URL$1" || true; }
rss_mib() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

LOADAVG_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
WHEN="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
log "starting Karaf on $BASE_URL (ssh $SSH_PORT, jmx $RMI_REGISTRY_PORT/$RMI_SERVER_PORT)"
T0="$(date +%s.%N)"
SOTAY_HTTP_PORT="$PORT" SOTAY_HTTP_HOST="$HOST" "$KARAF_DIR/bin/start"

deadline=$(( $(date +%s) + HEALTH_TIMEOUT ))
code=000
while :; do
    [ -n "$KARAF_PID" ] || KARAF_PID="$(find_karaf_pid)"
    code="$(http_code "$HEALTH_PATH")"
    [ "$code" = 200 ] && break
    if [ "$(date +%s)" -ge "$deadline" ]; then
        die "not healthy after ${HEALTH_TIMEOUT}s (last status $code); see $KARAF_DIR/data/log/karaf.log (KEEP_WORK=1 keeps it)"
    fi
    if [ -n "$KARAF_PID" ] && ! kill -0 "$KARAF_PID" 2>/dev/null; then
        die "Karaf (pid $KARAF_PID) exited during start-up"
    fi
    sleep 0.25
done
T1="$(date +%s.%N)"
[ -n "$KARAF_PID" ] || die "healthy, but no java process with karaf.base=$KARAF_DIR"
START_S="$(awk -v a="$T0" -v b="$T1" 'BEGIN { printf "%.1f", b - a }')"
RSS_IDLE="$(rss_mib "$KARAF_PID")"
log "healthy after ${START_S}s; Karaf pid $KARAF_PID, RSS ${RSS_IDLE} MiB"

code="$(http_code "$NOTICES_PATH")"
[ "$code" = 200 ] || die "GET $NOTICES_PATH answered $code, expected 200"
NOTICE_ROWS="$(curl -s --max-time 5 "$BASE_URL$NOTICES_PATH" | grep -o '"total"[[:space:]]*:[[:space:]]*[0-9]*' | grep -o '[0-9]*$' || true)"
NOTICE_ROWS="${NOTICE_ROWS:-?}"

# ---------------------------------------------------------------- load
WRK_ARGS=(-t"$THREADS" -c"$CONNECTIONS" --latency --timeout "$WRK_TIMEOUT" -H "Accept: application/json")

run_wrk() { # duration path -> wrk output on stdout
    wrk "${WRK_ARGS[@]}" -d"$1" "$BASE_URL$2"
}

# wrk latency "1.23ms" / "850.00us" / "1.02s" / "1.50m" -> milliseconds
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v; sub(/[a-z]+$/, "", n); u = v; sub(/^[0-9.]+/, "", u)
        f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : (u == "h") ? 3600000 : -1
        if (f < 0) { print "NaN"; exit 1 }
        printf "%.2f", n * f
    }'
}

declare -A RPS P50 P99 ERRS
measure() { # key path: one measured wrk run, results under RPS[key] etc.
    local key="$1" path="$2" out non2xx sockerr
    log "measure $key ($DURATION, -t$THREADS -c$CONNECTIONS)"
    out="$(run_wrk "$DURATION" "$path")"
    printf '%s\n' "$out" | sed "s/^/    [$key] /" >&2
    RPS[$key]="$(printf '%s\n' "$out" | awk '/^Requests\/sec:/ { printf "%.0f", $2 }')"
    P50[$key]="$(to_ms "$(printf '%s\n' "$out" | awk '$1 == "50%" { print $2 }')")"
    P99[$key]="$(to_ms "$(printf '%s\n' "$out" | awk '$1 == "99%" { print $2 }')")"
    non2xx="$(printf '%s\n' "$out" | awk -F': *' '/Non-2xx or 3xx responses/ { print $2 }')"
    sockerr="$(printf '%s\n' "$out" | awk '/Socket errors/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }')"
    ERRS[$key]=$(( ${non2xx:-0} + ${sockerr:-0} ))
    [ -n "${RPS[$key]}" ] && [ "${P50[$key]}" != NaN ] && [ "${P99[$key]}" != NaN ] \
        || die "could not parse the wrk output for $key"
}

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }

SCENARIOS=(health notices)
declare -A PATHS=([health]="$HEALTH_PATH" [notices]="$NOTICES_PATH")

for s in "${SCENARIOS[@]}"; do
    log "warm-up $s ($WARMUP, discarded)"
    run_wrk "$WARMUP" "${PATHS[$s]}" >/dev/null
done
# Rounds alternate the order (health first, then notices first, ...) so that a change in the
# machine's background load hits both scenarios alike; each round gives one ratio.
for r in $(seq 1 "$ROUNDS"); do
    if [ $((r % 2)) = 1 ]; then order=(health notices); else order=(notices health); fi
    for s in "${order[@]}"; do measure "$s#$r" "${PATHS[$s]}"; done
done

RSS_LOAD="$(rss_mib "$KARAF_PID")"

declare -A M_RPS M_P50 M_P99 T_ERRS
R_RPS_ALL=() R_P50_ALL=() R_P99_ALL=()
for s in "${SCENARIOS[@]}"; do
    rps=() p50=() p99=() errs=0
    for r in $(seq 1 "$ROUNDS"); do
        rps+=("${RPS[$s#$r]}") p50+=("${P50[$s#$r]}") p99+=("${P99[$s#$r]}")
        errs=$(( errs + ${ERRS[$s#$r]} ))
    done
    M_RPS[$s]="$(median "${rps[@]}" | awk '{ printf "%.0f", $1 }')"
    M_P50[$s]="$(median "${p50[@]}")"
    M_P99[$s]="$(median "${p99[@]}")"
    T_ERRS[$s]=$errs
done
for r in $(seq 1 "$ROUNDS"); do
    R_RPS_ALL+=("$(ratio "${RPS[notices#$r]}" "${RPS[health#$r]}")")
    R_P50_ALL+=("$(ratio "${P50[notices#$r]}" "${P50[health#$r]}")")
    R_P99_ALL+=("$(ratio "${P99[notices#$r]}" "${P99[health#$r]}")")
done
R_RPS="$(median "${R_RPS_ALL[@]}")"
R_P50="$(median "${R_P50_ALL[@]}")"
R_P99="$(median "${R_P99_ALL[@]}")"

# ---------------------------------------------------------------- report
JAVA_VERSION="$(java -version 2>&1 | head -n1 || true)"
row() { printf '%-11s %8s %9s %9s %7s\n' "$@"; }
REPORT="$(
    echo "Sotay load run $WHEN"
    echo "distribution: $(basename "$SOTAY_DIST"), built $DIST_BUILT"
    echo "machine: $(nproc) cores, $(awk '/^MemTotal:/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); $JAVA_VERSION"
    echo "load average before start: $LOADAVG_BEFORE (other processes share the CPUs: compare ratios, not absolutes)"
    echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency --timeout $WRK_TIMEOUT, target $HOST;" \
        "$WARMUP discarded warm-up per scenario; $ROUNDS alternating rounds"
    echo "SMP_NOTICE rows: $NOTICE_ROWS"
    echo
    row scenario req/s 'p50 ms' 'p99 ms' errors
    for r in $(seq 1 "$ROUNDS"); do
        for s in "${SCENARIOS[@]}"; do row "$s#$r" "${RPS[$s#$r]}" "${P50[$s#$r]}" "${P99[$s#$r]}" "${ERRS[$s#$r]}"; done
    done
    for s in "${SCENARIOS[@]}"; do row "$s" "${M_RPS[$s]}" "${M_P50[$s]}" "${M_P99[$s]}" "${T_ERRS[$s]}"; done
    echo "(last rows: median over the rounds; errors: total)"
    echo
    echo "notices/health throughput ratio = $R_RPS   (per round: ${R_RPS_ALL[*]})"
    echo "p50 ratio = $R_P50   (per round: ${R_P50_ALL[*]})"
    echo "p99 ratio = $R_P99   (per round: ${R_P99_ALL[*]})"
    echo
    echo "start-to-healthy = ${START_S} s"
    echo "Karaf RSS idle (just healthy) = ${RSS_IDLE} MiB"
    echo "Karaf RSS after load = ${RSS_LOAD} MiB"
)"
printf '\n%s\n\n' "$REPORT"

mkdir -p "$RESULTS_DIR"
RESULT_FILE="$RESULTS_DIR/latest-$(date -u +%Y-%m-%d).md"
{
    echo "## Sotay load run $WHEN"
    echo
    echo '```'
    echo "$REPORT"
    echo '```'
} >"$RESULT_FILE"
log "results written to $RESULT_FILE"

if [ "${T_ERRS[health]}" -ne 0 ] || [ "${T_ERRS[notices]}" -ne 0 ]; then
    die "errors under load (non-2xx/3xx responses or socket errors/timeouts): health=${T_ERRS[health]} notices=${T_ERRS[notices]}"
fi
