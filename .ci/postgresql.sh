#!/usr/bin/env bash
# Sourced by .ci/run: makes sure a local PostgreSQL server runs and has an empty test database,
# then exports SOTAY_TEST_PG_URL, SOTAY_TEST_PG_USER and SOTAY_TEST_PG_PASSWORD for the suite.
# The password is made up for this run only; nothing here is a shipped default.
set -euo pipefail

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    echo ">> installing PostgreSQL (Debian package)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2}')
if [ -z "$cluster" ]; then
    echo "no PostgreSQL cluster found" >&2
    exit 1
fi
# shellcheck disable=SC2086
pg_ctlcluster $cluster start 2>/dev/null || true
port=$(pg_lsclusters --no-header | awk 'NR==1 {print $3}')
for _ in $(seq 1 30); do
    su postgres -c "psql -p $port -tAc 'select 1'" >/dev/null 2>&1 && break
    sleep 1
done

password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)
su postgres -c "psql -q -p $port -v ON_ERROR_STOP=1" >/dev/null <<SQL
DROP DATABASE IF EXISTS sotay_test;
DROP ROLE IF EXISTS sotay_test;
CREATE ROLE sotay_test LOGIN PASSWORD '$password';
CREATE DATABASE sotay_test OWNER sotay_test ENCODING 'UTF8' TEMPLATE template0;
SQL
export SOTAY_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$port/sotay_test"
export SOTAY_TEST_PG_USER=sotay_test
export SOTAY_TEST_PG_PASSWORD="$password"
echo ">> PostgreSQL ready at $SOTAY_TEST_PG_URL"
