#!/usr/bin/env bash
# Baseline for the on-sale benchmark: how many "lock one row, decrement it, commit" transactions per
# second the local stack's PostgreSQL does with 256 clients. The booking rate on one tier cannot
# beat this, since every booking serializes on its tier's row the same way.
#
# Usage (local stack running): load-tests/pgbench/hot-row.sh
#   CLIENTS=256 JOBS=2 DURATION=30 PGHOST=127.0.0.1 PGPORT=15432 PGUSER=postgres PGPASSWORD=postgres
#   PGDATABASE=postgres (the table is the benchmark's own; it stays out of the services' databases)
# Prints pgbench's report, then one line: "PGBENCH RESULT tps=<n> clients=<n> seconds=<n>".
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-15432}" PGUSER="${PGUSER:-postgres}"
export PGPASSWORD="${PGPASSWORD:-postgres}" PGDATABASE="${PGDATABASE:-postgres}"
clients="${CLIENTS:-256}"
jobs="${JOBS:-2}"
duration="${DURATION:-30}"
pgbench="${PGBENCH:-$(command -v pgbench || echo /usr/bin/pgbench)}"
psql="${PSQL:-$(command -v psql || echo /usr/bin/psql)}"

# pgbench opens all its connections up front and aborts if the server refuses one: say why instead
read -r max_connections in_use < <("$psql" -Atq -F ' ' -c \
    "select current_setting('max_connections')::int, (select count(*) from pg_stat_activity)")
if (( in_use + clients > max_connections )); then
    echo "PostgreSQL allows $max_connections connections and $in_use are in use: no room for $clients clients." >&2
    echo "The local stack starts it with max_connections=400 (embedded-infra); lower CLIENTS or stop other clients." >&2
    exit 2
fi

"$psql" -q -v ON_ERROR_STOP=1 <<'SQL'
create table if not exists bench_hot_row(id int primary key, available bigint);
insert into bench_hot_row values (1, 1000000000) on conflict (id) do update set available = excluded.available;
SQL

output="$("$pgbench" -n -c "$clients" -j "$jobs" -T "$duration" -M prepared -f "$here/hot-row.sql" 2>&1)" || {
    echo "$output" >&2
    exit 1
}
echo "$output"
tps="$(echo "$output" | sed -n 's/^tps = \([0-9.]*\) (without initial connection time)$/\1/p')"
if [[ -z "$tps" ]]; then
    # seen on a loaded 2-core machine: opening 256 connections took longer than the whole run
    echo "no tps in pgbench's output: did it process any transaction? Connecting $clients clients can take" >&2
    echo "seconds on a busy machine and counts against DURATION=$duration; try a longer DURATION." >&2
    exit 1
fi
echo "PGBENCH RESULT tps=$tps clients=$clients seconds=$duration"
