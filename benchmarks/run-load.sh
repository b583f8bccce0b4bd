#!/usr/bin/env bash
#
# Load test of a Sotay distribution: DB-backed read endpoints measured against the health
# endpoint in the same run (see benchmarks/README.md). Scenarios:
#   health    GET /api/v1/health                        public, the platform baseline
#   jwks      GET /api/v1/auth/jwks                     public, identity's JWKS document (no database, no token)
#   notices   GET /api/v1/sample/notices?limit=20       bearer token, a scoped JPA read of a small table (the DB baseline)
#   member    GET /api/v1/members/{id}                  bearer token, one member within the caller's subtree
#   members   GET /api/v1/members?limit=20              bearer token, a scoped page in Vietnamese order
# The instance under test loads a demo province (etc/org.sotay.registry.demo.cfg) and creates the
# administrator "bench-admin" with a random password (SOTAY_BOOTSTRAP_ADMIN_USER/_PASSWORD); the
# script signs in once (POST /api/v1/auth/login) and reuses the access token for the whole run.
# After the load (registry set), it downloads the root's member CSV export EXPORT_RUNS times (curl to
# /dev/null, rows per second) and, once Karaf is stopped, reads the same rows with plain JDBC from
# the same database (ExportBaseline.java): the export's baseline in the same run.
#
#   benchmarks/run-load.sh
#   SCENARIO_SET=reports DEMO_MEMBERS=57597 HEALTH_TIMEOUT=600 benchmarks/run-load.sh
#
# SCENARIO_SET=reports measures the reports instead (each with the token, at the province's root):
#   health      GET /api/v1/health                                the baseline, as above
#   adoption    GET /api/v1/reports/adoption/{root}
#   activity    GET /api/v1/reports/activity/{root}               this month
#   attendance  GET /api/v1/reports/attendance/{root}
#   cells       GET /api/v1/reports/cells-needing-help/{root}     first page
#   connectivity GET /api/v1/reports/connectivity/{root}
#   reading     GET /api/v1/reports/reading/{root}                the mandatory items and their reading
# after waiting until reporting's first rebuild counted every member at the root.
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
#   HEALTH_TIMEOUT  seconds to wait for health 200 and the bootstrap administrator (default 120)
#   DEMO_MEMBERS    members of the demo province loaded at start (default 3000)
#   ACCESS_TOKEN_SECONDS  access token lifetime of the instance under test (default 7200, so that
#                   one token outlives the run; the product default is 600)
#   RESULTS_DIR     where the Markdown snippet goes (default benchmarks/results)
#   KEEP_WORK=1     keep the temporary copy of the distribution (logs) after the run
#   SCENARIO_SET    registry (default: health, jwks, notices, member, members) or reports (above)
#   EXPORT_RUNS     downloads of the root's member CSV export and plain JDBC reads after the load
#                   (registry set; default 5, 0 skips both)
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
DEMO_MEMBERS="${DEMO_MEMBERS:-3000}"
ACCESS_TOKEN_SECONDS="${ACCESS_TOKEN_SECONDS:-7200}"
RESULTS_DIR="${RESULTS_DIR:-$SCRIPT_DIR/results}"
KEEP_WORK="${KEEP_WORK:-0}"
SCENARIO_SET="${SCENARIO_SET:-registry}"
EXPORT_RUNS="${EXPORT_RUNS:-5}"

HOST=127.0.0.1
BASE_URL="http://$HOST:$PORT"
HEALTH_PATH="/api/v1/health"
JWKS_PATH="/api/v1/auth/jwks"
NOTICES_PATH="/api/v1/sample/notices?limit=20"
LOGIN_PATH="/api/v1/auth/login"
MEMBERS_PATH="/api/v1/members?limit=20"
BENCH_USER="bench-admin"

log() { printf '[run-load] %s\n' "$*" >&2; }
die() { printf '[run-load] ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- checks
[ "$PORT" != 8181 ] || die "PORT=8181 is reserved for the developer's own instance; pick another port"
[ -f "$SOTAY_DIST" ] || die "distribution not found: $SOTAY_DIST (build it with ./mvnw -DskipTests install)"
command -v curl >/dev/null || die "curl is required"
[ "$ROUNDS" -ge 1 ] || die "ROUNDS must be at least 1"
[[ "$DEMO_MEMBERS" =~ ^[1-9][0-9]*$ ]] || die "DEMO_MEMBERS must be a positive number"
[[ "$ACCESS_TOKEN_SECONDS" =~ ^[1-9][0-9]*$ ]] || die "ACCESS_TOKEN_SECONDS must be a positive number"
[[ "$EXPORT_RUNS" =~ ^[0-9]+$ ]] || die "EXPORT_RUNS must be a number (0 skips the export)"
[ "$THREADS" -le "$CONNECTIONS" ] || die "THREADS ($THREADS) must not exceed CONNECTIONS ($CONNECTIONS)"
case "$SCENARIO_SET" in
    registry) SCENARIOS=(health jwks notices member members) ;;
    reports) SCENARIOS=(health adoption activity attendance cells connectivity reading) ;;
    *) die "SCENARIO_SET must be registry or reports, not $SCENARIO_SET" ;;
esac
PERCENTILES_LUA="$SCRIPT_DIR/percentiles.lua"
[ -f "$PERCENTILES_LUA" ] || die "missing $PERCENTILES_LUA"

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

stop_karaf() {
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
    return 0
}

cleanup() {
    local rc=$?
    set +e
    stop_karaf
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

rm -f "$KARAF_DIR/etc/sotay.env"   # the environment below decides, not a stray sotay.env

# Data and an account: a demo province in the empty registry, a token that outlives the run.
printf '# Written by benchmarks/run-load.sh: load a demo province into the empty registry.\nmembers = %s\n' \
    "$DEMO_MEMBERS" >"$KARAF_DIR/etc/org.sotay.registry.demo.cfg"
IDENTITY_CFG="$KARAF_DIR/etc/org.sotay.identity.cfg"
[ -f "$IDENTITY_CFG" ] || die "no $IDENTITY_CFG in the distribution"
if grep -Eq '^[[:space:]]*accessTokenSeconds[[:space:]]*=' "$IDENTITY_CFG"; then
    sed -i -E "s/^[[:space:]]*accessTokenSeconds[[:space:]]*=.*/accessTokenSeconds = $ACCESS_TOKEN_SECONDS/" "$IDENTITY_CFG"
else
    printf 'accessTokenSeconds = %s\n' "$ACCESS_TOKEN_SECONDS" >>"$IDENTITY_CFG"
fi
# 18 random bytes = 24 base64 characters; given to Karaf only, never printed or written to disk.
BENCH_PASSWORD="$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')"
[ "${#BENCH_PASSWORD}" = 24 ] || die "could not generate a password"

# ---------------------------------------------------------------- start, wait for healthy and the administrator
http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE_URL$1" || true; }
rss_mib() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

# GET path [auth]: the body, then a last line with the HTTP status (000: no answer)
get() {
    local auth=()
    if [ "${2:-}" = auth ]; then auth=(-H "Authorization: Bearer $TOKEN"); fi
    curl -s --max-time 10 -w '\n%{http_code}' -H "Accept: application/json" "${auth[@]}" "$BASE_URL$1" || printf '\n000'
}
status_of() { printf '%s\n' "$1" | tail -n1; }
body_of() { printf '%s\n' "$1" | sed '$d'; }
# What the identity bootstrap decided, from the log (the health endpoint shows it only to operators
# with a token, which nobody has yet): created, failed, or empty while it waits
bootstrap_state() {
    local log="$KARAF_DIR/data/log/karaf.log"
    [ -f "$log" ] || return 0
    if grep -q "Bootstrap administrator '$BENCH_USER' created" "$log"; then echo created
    elif grep -q "Bootstrap administrator not created:\|bootstrap administrator settings are ignored" "$log"; then
        grep -o "Bootstrap administrator not created:.*\|bootstrap administrator settings are ignored" "$log" | tail -n1
    fi
}
json_string() { # field json -> the first string value of "field" (empty if none)
    { printf '%s\n' "$2" | grep -o "\"$1\"[[:space:]]*:[[:space:]]*\"[^\"]*\"" || true; } | sed -n '1s/.*"\([^"]*\)"$/\1/p'
}
json_number() { # field json -> the first number value of "field" (empty if none)
    { printf '%s\n' "$2" | grep -o "\"$1\"[[:space:]]*:[[:space:]]*[0-9][0-9]*" || true; } | sed -n '1s/.*[^0-9]\([0-9]*\)$/\1/p'
}

LOADAVG_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
WHEN="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
log "starting Karaf on $BASE_URL (ssh $SSH_PORT, jmx $RMI_REGISTRY_PORT/$RMI_SERVER_PORT), demo province of $DEMO_MEMBERS members, administrator $BENCH_USER"
T0="$(date +%s.%N)"
SOTAY_HTTP_PORT="$PORT" SOTAY_HTTP_HOST="$HOST" SOTAY_SSH_PORT="$SSH_PORT" \
    SOTAY_JMX_REGISTRY_PORT="$RMI_REGISTRY_PORT" SOTAY_JMX_SERVER_PORT="$RMI_SERVER_PORT" \
    SOTAY_BOOTSTRAP_ADMIN_USER="$BENCH_USER" SOTAY_BOOTSTRAP_ADMIN_PASSWORD="$BENCH_PASSWORD" \
    "$KARAF_DIR/bin/start"

# Health answers 200 once every module is up and the demo province is loaded (its check is DOWN
# while it loads); the bootstrap then creates the administrator at the province's root unit.
deadline=$(( $(date +%s) + HEALTH_TIMEOUT ))
code=000
state=""
START_S=""
while :; do
    [ -n "$KARAF_PID" ] || KARAF_PID="$(find_karaf_pid)"
    if [ -z "$START_S" ]; then
        code="$(http_code "$HEALTH_PATH")"
        if [ "$code" = 200 ]; then
            START_S="$(since "$T0")"
            [ -n "$KARAF_PID" ] || die "healthy, but no java process with karaf.base=$KARAF_DIR"
            RSS_IDLE="$(rss_mib "$KARAF_PID")"
            log "healthy after ${START_S}s; Karaf pid $KARAF_PID, RSS ${RSS_IDLE} MiB"
        fi
    fi
    if [ -n "$START_S" ]; then
        state="$(bootstrap_state)"
        case "$state" in
            created) break ;;
            ?*)
                die "the bootstrap administrator was not created (identity-bootstrap: $state); see $KARAF_DIR/data/log/karaf.log (KEEP_WORK=1 keeps it)" ;;
        esac
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
        if [ -z "$START_S" ]; then
            die "not healthy after ${HEALTH_TIMEOUT}s (last status $code); see $KARAF_DIR/data/log/karaf.log (KEEP_WORK=1 keeps it)"
        fi
        die "no bootstrap administrator after ${HEALTH_TIMEOUT}s (identity-bootstrap: ${state:-no such check}); see $KARAF_DIR/data/log/karaf.log (KEEP_WORK=1 keeps it)"
    fi
    if [ -n "$KARAF_PID" ] && ! kill -0 "$KARAF_PID" 2>/dev/null; then
        die "Karaf (pid $KARAF_PID) exited during start-up"
    fi
    sleep 0.25
done
ADMIN_S="$(since "$T0")"
log "administrator $BENCH_USER created after ${ADMIN_S}s"

# ---------------------------------------------------------------- sign in, pick a member
TL="$(date +%s.%N)"
reply="$(printf '{"username":"%s","password":"%s"}' "$BENCH_USER" "$BENCH_PASSWORD" \
    | curl -s --max-time 60 -w '\n%{http_code}' -H "Content-Type: application/json" -H "Accept: application/json" \
        --data-binary @- "$BASE_URL$LOGIN_PATH" || printf '\n000')"
LOGIN_S="$(since "$TL")"
[ "$(status_of "$reply")" = 200 ] || die "POST $LOGIN_PATH answered $(status_of "$reply"), expected 200: $(body_of "$reply")"
TOKEN="$(json_string accessToken "$(body_of "$reply")")"
TOKEN_SECONDS="$(json_number expiresIn "$(body_of "$reply")")"
[ -n "$TOKEN" ] || die "POST $LOGIN_PATH answered 200 without an accessToken"
log "signed in as $BENCH_USER in ${LOGIN_S}s; access token valid ${TOKEN_SECONDS:-?}s"

# The token must outlive every authenticated wrk run (an expired one answers 401 and counts as errors).
secs() { # wrk duration (15, 15s, 2m, 1h) -> whole seconds
    awk -v v="$1" 'BEGIN {
        n = v; sub(/[a-z]+$/, "", n); u = v; sub(/^[0-9.]+/, "", u)
        f = (u == "" || u == "s") ? 1 : (u == "m") ? 60 : (u == "h") ? 3600 : -1
        if (f < 0 || n == "") { print "NaN"; exit 1 }
        printf "%d", n * f + 0.999
    }'
}
WARMUP_S="$(secs "$WARMUP")" || die "WARMUP=$WARMUP is not a wrk duration"
DURATION_S="$(secs "$DURATION")" || die "DURATION=$DURATION is not a wrk duration"
NEED_S=$(( ${#SCENARIOS[@]} * (WARMUP_S + ROUNDS * DURATION_S) + 60 ))   # every scenario, warmed up and measured ROUNDS times
[ "${TOKEN_SECONDS:-0}" -ge "$NEED_S" ] \
    || die "the access token lives ${TOKEN_SECONDS:-?}s, the load needs about ${NEED_S}s: raise ACCESS_TOKEN_SECONDS"

reply="$(get "/api/v1/members?limit=1" auth)"
[ "$(status_of "$reply")" = 200 ] || die "GET /api/v1/members?limit=1 with the token answered $(status_of "$reply"), expected 200: $(body_of "$reply")"
MEMBER_ID="$(json_string id "$(body_of "$reply")")"
MEMBER_TOTAL="$(json_number total "$(body_of "$reply")")"
# the registry's search bounds its total (2,000) and says so with "totalExact":false: the province's members are then DEMO_MEMBERS
if printf '%s' "$(body_of "$reply")" | grep -q '"totalExact"[[:space:]]*:[[:space:]]*false'; then
    log "the member list's total ($MEMBER_TOTAL) is a bound (totalExact false): expecting the $DEMO_MEMBERS demo members"
    MEMBER_TOTAL="$DEMO_MEMBERS"
fi
[ -n "$MEMBER_ID" ] || die "GET /api/v1/members?limit=1 listed no member (demo province not loaded?)"
MEMBER_PATH="/api/v1/members/$MEMBER_ID"
log "$BENCH_USER sees ${MEMBER_TOTAL:-?} members; single-member read: $MEMBER_PATH"

NOTICE_ROWS="$(curl -s --max-time 5 -H "Authorization: Bearer $TOKEN" "$BASE_URL$NOTICES_PATH" \
    | grep -o '"total"[[:space:]]*:[[:space:]]*[0-9]*' | grep -o '[0-9]*$' || true)"
NOTICE_ROWS="${NOTICE_ROWS:-?}"

[ "$(http_code "$JWKS_PATH")" = 200 ] || die "GET $JWKS_PATH without a token answered $(http_code "$JWKS_PATH"), expected 200"
for p in "$NOTICES_PATH" "$MEMBER_PATH" "$MEMBERS_PATH"; do
    code="$(status_of "$(get "$p" auth)")"
    [ "$code" = 200 ] || die "GET $p with the token answered $code, expected 200"
    code="$(status_of "$(get "$p")")"
    [ "$code" = 401 ] || die "GET $p without a token answered $code, expected 401"
done

# ---------------------------------------------------------------- the reports (SCENARIO_SET=reports)
if [ "$SCENARIO_SET" = reports ]; then
    reply="$(get "/api/v1/org-units" auth)"
    [ "$(status_of "$reply")" = 200 ] || die "GET /api/v1/org-units answered $(status_of "$reply"): $(body_of "$reply")"
    ROOT_ID="$(json_string id "$(body_of "$reply")")"
    [ -n "$ROOT_ID" ] || die "GET /api/v1/org-units listed no root"
    R="/api/v1/reports"
    declare -A PATHS=([health]="$HEALTH_PATH" [adoption]="$R/adoption/$ROOT_ID" [activity]="$R/activity/$ROOT_ID"
        [attendance]="$R/attendance/$ROOT_ID" [cells]="$R/cells-needing-help/$ROOT_ID" [connectivity]="$R/connectivity/$ROOT_ID"
        [reading]="$R/reading/$ROOT_ID")
    declare -A AUTH=([adoption]=1 [activity]=1 [attendance]=1 [cells]=1 [connectivity]=1 [reading]=1)
    # Reporting has no figures in a fresh instance: its worker rebuilds them from the registry first.
    # Measure only once the root's report counts every member the administrator sees.
    log "waiting for reporting's first rebuild to count ${MEMBER_TOTAL:-?} members at the root $ROOT_ID"
    TR="$(date +%s.%N)"
    deadline=$(( $(date +%s) + HEALTH_TIMEOUT ))
    while :; do
        reply="$(get "${PATHS[adoption]}" auth)"
        counted="$(json_number members "$(body_of "$reply")")"
        if [ "$(status_of "$reply")" = 200 ] && [ "${counted:-}" = "$MEMBER_TOTAL" ]; then break; fi
        [ "$(date +%s)" -lt "$deadline" ] || die "the root's adoption report answered $(status_of "$reply") with ${counted:-no} members after ${HEALTH_TIMEOUT}s"
        sleep 1
    done
    REPORTS_READY_S="$(since "$TR")"
    log "reporting counts $counted members at the root (${REPORTS_READY_S}s after signing in)"
    for s in "${SCENARIOS[@]}"; do
        [ -n "${AUTH[$s]:-}" ] || continue
        code="$(status_of "$(get "${PATHS[$s]}" auth)")"
        [ "$code" = 200 ] || die "GET ${PATHS[$s]} with the token answered $code, expected 200"
        code="$(status_of "$(get "${PATHS[$s]}")")"
        [ "$code" = 401 ] || die "GET ${PATHS[$s]} without a token answered $code, expected 401"
    done
else
    declare -A PATHS=([health]="$HEALTH_PATH" [jwks]="$JWKS_PATH" [notices]="$NOTICES_PATH" [member]="$MEMBER_PATH" [members]="$MEMBERS_PATH")
    declare -A AUTH=([notices]=1 [member]=1 [members]=1)   # scenarios that send the bearer token
fi

# ---------------------------------------------------------------- load
# the Lua script's done() prints the 95th percentile (wrk --latency prints 50/75/90/99 only)
WRK_ARGS=(-t"$THREADS" -c"$CONNECTIONS" --latency --timeout "$WRK_TIMEOUT" -s "$PERCENTILES_LUA" -H "Accept: application/json")

run_wrk() { # duration scenario -> wrk output on stdout
    local auth=()
    if [ -n "${AUTH[$2]:-}" ]; then auth=(-H "Authorization: Bearer $TOKEN"); fi
    wrk "${WRK_ARGS[@]}" "${auth[@]}" -d"$1" "$BASE_URL${PATHS[$2]}"
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

declare -A RPS P50 P95 P99 ERRS
measure() { # scenario round: one measured wrk run, results under RPS[scenario#round] etc.
    local key="$1#$2" out non2xx sockerr
    log "measure $key ($DURATION, -t$THREADS -c$CONNECTIONS)"
    out="$(run_wrk "$DURATION" "$1")"
    printf '%s\n' "$out" | sed "s/^/    [$key] /" >&2
    RPS[$key]="$(printf '%s\n' "$out" | awk '/^Requests\/sec:/ { printf "%.0f", $2 }')"
    P50[$key]="$(to_ms "$(printf '%s\n' "$out" | awk '$1 == "50%" { print $2 }')")"
    P99[$key]="$(to_ms "$(printf '%s\n' "$out" | awk '$1 == "99%" { print $2 }')")"
    P95[$key]="$(printf '%s\n' "$out" | awk '$1 == "p95_us" { printf "%.2f", $2 / 1000 }')"
    [ -n "${P95[$key]}" ] || die "no p95 line in the wrk output for $key (percentiles.lua)"
    non2xx="$(printf '%s\n' "$out" | awk -F': *' '/Non-2xx or 3xx responses/ { print $2 }')"
    sockerr="$(printf '%s\n' "$out" | awk '/Socket errors/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }')"
    ERRS[$key]=$(( ${non2xx:-0} + ${sockerr:-0} ))
    [ -n "${RPS[$key]}" ] && [ "${P50[$key]}" != NaN ] && [ "${P99[$key]}" != NaN ] \
        || die "could not parse the wrk output for $key"
}

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }

for s in "${SCENARIOS[@]}"; do
    log "warm-up $s ($WARMUP, discarded)"
    run_wrk "$WARMUP" "$s" >/dev/null
done
# Rounds alternate the order (health, notices, member, members, then the reverse, ...) so that a
# change in the machine's background load hits all scenarios alike; each round gives one ratio.
for r in $(seq 1 "$ROUNDS"); do
    order=("${SCENARIOS[@]}")
    if [ $((r % 2)) = 0 ]; then
        order=()
        for ((i = ${#SCENARIOS[@]} - 1; i >= 0; i--)); do order+=("${SCENARIOS[$i]}"); done
    fi
    for s in "${order[@]}"; do measure "$s" "$r"; done
done

RSS_LOAD="$(rss_mib "$KARAF_PID")"

# ---------------------------------------------------------------- the member CSV export beside plain JDBC
# The root's export (every member the administrator sees), EXPORT_RUNS downloads to /dev/null after
# one checked download (the header and one line per member, the byte-order mark); then Karaf is
# stopped and ExportBaseline.java reads the same rows from the same database with plain JDBC.
EXPORT_LINES=()
if [ "$SCENARIO_SET" = registry ] && [ "$EXPORT_RUNS" -gt 0 ]; then
    reply="$(get "/api/v1/org-units" auth)"
    [ "$(status_of "$reply")" = 200 ] || die "GET /api/v1/org-units answered $(status_of "$reply"): $(body_of "$reply")"
    ROOT_ID="$(json_string id "$(body_of "$reply")")"
    [ -n "$ROOT_ID" ] || die "GET /api/v1/org-units listed no root"
    EXPORT_PATH="/api/v1/org-units/$ROOT_ID/members/export"
    # the list's total is bounded ("totalExact": false on a large subtree): the unit's summary counts them
    reply="$(get "/api/v1/org-units/$ROOT_ID" auth)"
    EXPORT_ROWS="$(json_number members "$(body_of "$reply")")"
    [ -n "$EXPORT_ROWS" ] || die "GET /api/v1/org-units/$ROOT_ID answered $(status_of "$reply") without a member count"
    log "checking one download of $EXPORT_PATH"
    code="$(curl -s --max-time 600 -o "$WORK/export.csv" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$BASE_URL$EXPORT_PATH" || echo 000)"
    [ "$code" = 200 ] || die "GET $EXPORT_PATH answered $code"
    lines="$(wc -l <"$WORK/export.csv")"
    [ "$lines" = $(( EXPORT_ROWS + 1 )) ] || die "the export has $lines lines, expected $EXPORT_ROWS members and the header"
    [ "$(head -c 3 "$WORK/export.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] || die "the export does not start with the UTF-8 byte-order mark"
    EXPORT_BYTES="$(stat -c %s "$WORK/export.csv")"
    rm -f "$WORK/export.csv"
    rates=()
    for r in $(seq 1 "$EXPORT_RUNS"); do
        out="$(curl -s --max-time 600 -o /dev/null -w '%{http_code} %{time_total} %{size_download}' \
            -H "Authorization: Bearer $TOKEN" "$BASE_URL$EXPORT_PATH" || echo 000)"
        read -r code secs size <<<"$out"
        [ "$code" = 200 ] && [ "$size" = "$EXPORT_BYTES" ] || die "export run $r: HTTP $code, $size bytes (expected 200, $EXPORT_BYTES)"
        rate="$(awk -v n="$EXPORT_ROWS" -v t="$secs" 'BEGIN { printf "%.0f", n / t }')"
        rates+=("$rate")
        EXPORT_LINES+=("http run $r: $EXPORT_ROWS rows ($size bytes) in $secs s = $rate rows/s")
        log "${EXPORT_LINES[-1]}"
    done
    EXPORT_RATE="$(median "${rates[@]}" | awk '{ printf "%.0f", $1 }')"
    EXPORT_LINES+=("http median: $EXPORT_RATE rows/s (GET $EXPORT_PATH, curl to /dev/null, $EXPORT_RUNS runs)")
    stop_karaf
    DERBY_JAR="$(find "$KARAF_DIR/system/org/apache/derby/derby" -name 'derby-*.jar' | head -n1)"
    [ -n "$DERBY_JAR" ] || die "no derby jar in $KARAF_DIR/system"
    log "Karaf stopped; plain JDBC read of the same rows ($EXPORT_RUNS warm-up runs discarded, then $EXPORT_RUNS timed)"
    jdbc_out="$(java -cp "$DERBY_JAR" "$SCRIPT_DIR/ExportBaseline.java" "jdbc:derby:$KARAF_DIR/data/sotay-db" "" "" "$EXPORT_RUNS" "$ROOT_ID")" \
        || die "the plain JDBC read failed: $jdbc_out"
    while IFS= read -r line; do EXPORT_LINES+=("$line"); done <<<"$jdbc_out"
    JDBC_RATE="$(printf '%s\n' "$jdbc_out" | awk '/^jdbc median:/ { print $3 }')"
    EXPORT_LINES+=("export/jdbc rows/s ratio = $(ratio "$EXPORT_RATE" "$JDBC_RATE");" \
        "export $(awk -v v="$EXPORT_RATE" 'BEGIN { print (v >= 50000) ? "at least" : "NOT at least" }') 50,000 rows/s")
fi

declare -A M_RPS M_P50 M_P95 M_P99 T_ERRS
for s in "${SCENARIOS[@]}"; do
    rps=() p50=() p95=() p99=() errs=0
    for r in $(seq 1 "$ROUNDS"); do
        rps+=("${RPS[$s#$r]}") p50+=("${P50[$s#$r]}") p95+=("${P95[$s#$r]}") p99+=("${P99[$s#$r]}")
        errs=$(( errs + ${ERRS[$s#$r]} ))
    done
    M_RPS[$s]="$(median "${rps[@]}" | awk '{ printf "%.0f", $1 }')"
    M_P50[$s]="$(median "${p50[@]}")"
    M_P95[$s]="$(median "${p95[@]}")"
    M_P99[$s]="$(median "${p99[@]}")"
    T_ERRS[$s]=$errs
done

# Report lines for the ratios of scenario $1 to scenario $2: the median of the per-round ratios.
ratios() {
    local a="$1" b="$2" r rps=() p50=() p95=() p99=()
    for r in $(seq 1 "$ROUNDS"); do
        rps+=("$(ratio "${RPS[$a#$r]}" "${RPS[$b#$r]}")")
        p50+=("$(ratio "${P50[$a#$r]}" "${P50[$b#$r]}")")
        p95+=("$(ratio "${P95[$a#$r]}" "${P95[$b#$r]}")")
        p99+=("$(ratio "${P99[$a#$r]}" "${P99[$b#$r]}")")
    done
    echo "$a/$b throughput ratio = $(median "${rps[@]}")   (per round: ${rps[*]})"
    echo "$a/$b p50 ratio = $(median "${p50[@]}")   (per round: ${p50[*]})"
    echo "$a/$b p95 ratio = $(median "${p95[@]}")   (per round: ${p95[*]})"
    echo "$a/$b p99 ratio = $(median "${p99[@]}")   (per round: ${p99[*]})"
}

# ---------------------------------------------------------------- report
JAVA_VERSION="$(java -version 2>&1 | head -n1 || true)"
row() { printf '%-15s %8s %9s %9s %9s %7s\n' "$@"; }
REPORT="$(
    echo "Sotay load run $WHEN"
    echo "distribution: $(basename "$SOTAY_DIST"), built $DIST_BUILT"
    echo "machine: $(nproc) cores, $(awk '/^MemTotal:/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); $JAVA_VERSION"
    echo "load average before start: $LOADAVG_BEFORE (other processes share the CPUs: compare ratios, not absolutes)"
    echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency --timeout $WRK_TIMEOUT, target $HOST;" \
        "$WARMUP discarded warm-up per scenario; $ROUNDS alternating rounds"
    echo "SMP_NOTICE rows: $NOTICE_ROWS; demo province: $DEMO_MEMBERS members requested, ${MEMBER_TOTAL:-?} visible to $BENCH_USER"
    if [ "$SCENARIO_SET" = reports ]; then
        echo "reports at the root $ROOT_ID, each with the bearer token of $BENCH_USER (token lifetime ${TOKEN_SECONDS}s);" \
            "reporting's first rebuild counted every member ${REPORTS_READY_S}s after signing in"
        for s in "${SCENARIOS[@]}"; do echo "  $s = GET ${PATHS[$s]}"; done
    else
    echo "member = GET /api/v1/members/<one id>, members = GET $MEMBERS_PATH, both with the bearer token of" \
        "$BENCH_USER (provincial administrator at the root unit; token lifetime ${TOKEN_SECONDS}s)"
    fi
    echo
    row scenario req/s 'p50 ms' 'p95 ms' 'p99 ms' errors
    for r in $(seq 1 "$ROUNDS"); do
        for s in "${SCENARIOS[@]}"; do row "$s#$r" "${RPS[$s#$r]}" "${P50[$s#$r]}" "${P95[$s#$r]}" "${P99[$s#$r]}" "${ERRS[$s#$r]}"; done
    done
    for s in "${SCENARIOS[@]}"; do row "$s" "${M_RPS[$s]}" "${M_P50[$s]}" "${M_P95[$s]}" "${M_P99[$s]}" "${T_ERRS[$s]}"; done
    echo "(last rows: median over the rounds; errors: total)"
    echo
    if [ "$SCENARIO_SET" = reports ]; then
        for s in "${SCENARIOS[@]}"; do
            [ "$s" = health ] && continue
            ratios "$s" health
            echo
        done
        for s in "${SCENARIOS[@]}"; do
            [ "$s" = health ] && continue
            echo "$s p95 = ${M_P95[$s]} ms (median of the rounds; worst round $(printf '%s\n' $(for r in $(seq 1 "$ROUNDS"); do echo "${P95[$s#$r]}"; done) | sort -g | tail -n1) ms):" \
                "$(awk -v v="${M_P95[$s]}" 'BEGIN { print (v < 50) ? "under 50 ms" : "NOT under 50 ms" }')"
        done
        echo
    else
    ratios notices health
    echo
    ratios jwks health
    echo
    ratios member jwks
    echo
    ratios member notices
    echo
    ratios members notices
    echo
    fi
    if [ "${#EXPORT_LINES[@]}" -gt 0 ]; then
        echo "member CSV export of the root, then a plain JDBC read of the same rows (Karaf stopped, same database):"
        printf '  %s\n' "${EXPORT_LINES[@]}"
        echo
    fi
    echo "start-to-healthy = ${START_S} s (demo province loaded)"
    echo "start-to-administrator = ${ADMIN_S} s; login = ${LOGIN_S} s (password hash check)"
    echo "Karaf RSS idle (just healthy) = ${RSS_IDLE} MiB"
    echo "Karaf RSS after load = ${RSS_LOAD} MiB"
)"
printf '\n%s\n\n' "$REPORT"

mkdir -p "$RESULTS_DIR"
RESULT_FILE="$RESULTS_DIR/latest-$([ "$SCENARIO_SET" = reports ] && echo reports-)$(date -u +%Y-%m-%d).md"
{
    echo "## Sotay load run $WHEN"
    echo
    echo '```'
    echo "$REPORT"
    echo '```'
} >"$RESULT_FILE"
log "results written to $RESULT_FILE"

failed=""
for s in "${SCENARIOS[@]}"; do
    if [ "${T_ERRS[$s]}" -ne 0 ]; then failed+=" $s=${T_ERRS[$s]}"; fi
done
[ -z "$failed" ] || die "errors under load (non-2xx/3xx responses or socket errors/timeouts):$failed"
