# Functions the scripts of itests/ share to run real Sotay distributions on this machine's loopback
# (sourced, not run): unpack a node, point it at a database, start it, wait for it, sign in, call it,
# stop it by its own pid. The caller sets `root` (the checkout), `work` (a scratch folder) and, for
# the credentials, `admin` and `admin_password`.

log() { printf '[%s %s] %s\n' "${SCRIPT_NAME:-itests}" "$(date -u +%H:%M:%S)" "$*"; }
fail() { log "FAIL: $*"; failures=$((failures + 1)); }
die() { log "FATAL: $*"; exit 1; }

version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -n 1)
archive="$root/karaf-distribution/target/sotay-karaf-distribution-$version.tar.gz"
[ -f "$archive" ] || die "no $archive: build first (./mvnw -B verify or package)"

node_dir() { echo "$work/$1/sotay-karaf-distribution-$version"; }

node_pid() { # the Karaf JVM of node $1, found by its karaf.base and its working directory
    local d p; d="$(node_dir "$1")"
    for p in $(pgrep -f "karaf.base=$d" || true); do
        [ "$(readlink "/proc/$p/cwd" 2>/dev/null || true)" = "$d" ] && { echo "$p"; return; }
    done
    pgrep -f "karaf.base=$d" | head -n1 || true
}

unpack_node() { # name http ssh jmx-registry jmx-server: a fresh distribution with its ports and the bootstrap administrator
    mkdir -p "$work/$1" && tar xzf "$archive" -C "$work/$1"
    local d; d="$(node_dir "$1")"
    cat > "$d/etc/sotay.env" <<ENV
SOTAY_HTTP_PORT=$2
SOTAY_HTTP_HOST=127.0.0.1
SOTAY_SSH_PORT=$3
SOTAY_JMX_REGISTRY_PORT=$4
SOTAY_JMX_SERVER_PORT=$5
SOTAY_BOOTSTRAP_ADMIN_USER=$admin
SOTAY_BOOTSTRAP_ADMIN_PASSWORD='$admin_password'
ENV
    chmod 600 "$d/etc/sotay.env"
}

use_postgresql() { # name jdbc-url: the node's datasource on that PostgreSQL database (SOTAY_TEST_PG_USER/_PASSWORD)
    cat > "$(node_dir "$1")/etc/org.ops4j.datasource-sotay.cfg" <<CFG
osgi.jndi.service.name = sotay
dataSourceName = sotay
osgi.jdbc.driver.name = PostgreSQL JDBC Driver
url = $2
user = $SOTAY_TEST_PG_USER
password = $SOTAY_TEST_PG_PASSWORD
pool = hikari
xa = false
hikari.maximumPoolSize = 10
hikari.minimumIdle = 2
hikari.connectionTimeout = 10000
hikari.poolName = sotay
hikari.registerMbeans = true
CFG
}

wait_healthy() { # port seconds
    local deadline=$(( $(date +%s) + $2 ))
    while [ "$(date +%s)" -lt "$deadline" ]; do
        [ "$(curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:$1/api/v1/health" || true)" = 200 ] && return 0
        sleep 1
    done
    return 1
}

stop_node() { # name: bin/stop (as an operator would; SIGTERM if that fails), then wait for the JVM to exit (kill -9 after 60 s)
    local p; p="$(node_pid "$1")"
    [ -n "$p" ] || return 0
    "$(node_dir "$1")/bin/stop" >/dev/null 2>&1 || kill "$p" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$p" 2>/dev/null || return 0; sleep 1; done
    log "node $1 (pid $p) did not stop in 60 s: kill -9"
    kill -9 "$p" 2>/dev/null || true
}

login() { # port -> access token (empty when refused)
    curl -s -m 30 -H 'Content-Type: application/json' \
        -d "{\"username\":\"$admin\",\"password\":\"$admin_password\"}" "http://127.0.0.1:$1/api/v1/auth/login" \
        | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p'
}

code() { # port token method path [body] -> HTTP status
    curl -s -o /dev/null -m 30 -w '%{http_code}' -X "$3" -H "Authorization: Bearer $2" -H 'Content-Type: application/json' \
        ${5:+-d "$5"} "http://127.0.0.1:$1/api$4" || echo 000
}

body() { # port token path -> body
    curl -s -m 30 -H "Authorization: Bearer $2" "http://127.0.0.1:$1/api$3"
}

first_number() { # field: the first "field":<number> of the JSON on stdin (a root's own figure comes before its children's)
    grep -o "\"$1\":[0-9]*" | head -n1 | cut -d: -f2
}

diagnose() { # node port: what an operator would look at when a node does not become healthy
    local d p; d="$(node_dir "$1")"; p="$(node_pid "$1")"
    log "   node $1: JVM ${p:-not running}; health: $(curl -s -m 10 -w ' (HTTP %{http_code})' ${token:+-H "Authorization: Bearer $token"} "http://127.0.0.1:$2/api/v1/health" || echo unreachable)"
    if [ -n "$p" ]; then # the whole thread dump beside the node's log; here the deadlock, if the JVM found one, and the start level thread
        timeout 30 jcmd "$p" Thread.print -l > "$d/data/log/threads-$(date -u +%H%M%S).txt" 2>&1 || true
        local dump; dump="$(ls -t "$d"/data/log/threads-*.txt | head -n1)"
        log "   node $1 threads (all in $dump):"
        sed -n '/Found one Java-level deadlock/,/^Found [0-9]* deadlock/p' "$dump" | head -n 120 | sed 's/^/      /'
        grep -A40 -E '^"FelixStartLevel' "$dump" | head -n 40 | sed 's/^/      /'
    fi
    log "   node $1 ERROR/WARN lines of karaf.log:"
    grep -E '\| (ERROR|WARN) ' "$d/data/log/karaf.log" 2>/dev/null | tail -n 30 | cut -c1-400 | sed 's/^/      /'
    log "   node $1 last lines of karaf.log:"
    tail -n 40 "$d/data/log/karaf.log" 2>/dev/null | cut -c1-400 | sed 's/^/      /'
}
