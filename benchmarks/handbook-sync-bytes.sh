#!/usr/bin/env bash
#
# benchmarks/handbook-sync-bytes.sh   the bytes a member's handbook sync costs, over real HTTP on the built
#                                     distribution: HandbookIT measures them and prints HANDBOOK-BYTES lines.
#
# Builds the distribution (package, nothing installed), runs HandbookIT on Derby (and on PostgreSQL as well
# with DB=postgresql after `source /tmp/pgenv`-style SOTAY_TEST_PG_* variables), and prints the figures.
#
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -o -B -q package -DskipTests -pl karaf-distribution -am
profile=()
[ "${DB:-derby}" = "postgresql" ] && profile=(-Ppostgresql)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
./mvnw -o -B verify "${profile[@]}" -pl itests -Dit.test=HandbookIT > "$log" 2>&1 || { tail -n 60 "$log" >&2; exit 1; }
grep -h "HANDBOOK-BYTES" "$log" itests/target/failsafe-reports/*/*-output.txt 2>/dev/null | sed 's/^.*HANDBOOK-BYTES/HANDBOOK-BYTES/' | sort -u
