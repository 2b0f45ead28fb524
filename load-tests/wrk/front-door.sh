#!/usr/bin/env bash
# The front door under wrk, a light C client (apt install wrk), against the running local stack:
#   1. hot tier: CONNECTIONS (64) connections book 1 ticket each, back to back, for DURATION s on one
#      fresh tier of TICKETS (1,000,000) tickets, each request with a key of its own;
#   2. catalog: CONNECTIONS connections read GET /api/concerts for DURATION s.
# Each RUNS (3) times, then the medians. A fresh tier per hot-tier run (inserted over psql into the
# booking database, so it is rerunnable), a WARMUP (60) s hot-tier run first that is not counted (the JIT compilers of a fresh booking-api take a good share of the 2 cores for its first minute under load: runs after a 15 s warm-up went 366 → 610 → 926 accepted/s).
# The catalog runs wait (at most SETTLE, 300 s) until the hot-tier bookings are paid: the reads
# would otherwise share the 2 cores with charging, mailing and projecting some 50,000 bookings.
#
# Usage: load-tests/wrk/front-door.sh     (BASE_URL=http://127.0.0.1:8080 THREADS=2 and the PG* variables)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
base="${BASE_URL:-http://127.0.0.1:8080}"
connections="${CONNECTIONS:-64}"
threads="${THREADS:-2}"
duration="${DURATION:-30}"
runs="${RUNS:-3}"
warmup="${WARMUP:-60}"
tickets="${TICKETS:-1000000}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-15432}" PGUSER="${PGUSER:-postgres}"
export PGPASSWORD="${PGPASSWORD:-postgres}" PGDATABASE="${PGDATABASE:-booking_api}"

fresh_tier() {
  local concert tier
  concert="$(cat /proc/sys/kernel/random/uuid)"
  tier="$(cat /proc/sys/kernel/random/uuid)"
  psql -q -v ON_ERROR_STOP=1 >/dev/null <<SQL
insert into concerts (id, name, description, location, date)
  values ('$concert', 'Hot tier benchmark ${concert:0:8}', 'benchmark', 'Bench Hall', now() + interval '30 days');
insert into ticket_tiers (id, concert_id, name, price, currency, total_quantity, available_quantity)
  values ('$tier', '$concert', 'General', 10.00, 'USD', $tickets, $tickets);
SQL
  echo "$tier"
}

hot_tier() { # seconds
  TIER="$(fresh_tier)" wrk -t"$threads" -c"$connections" -d"$1"s --latency -s "$here/hot-tier.lua" "$base" \
    | grep 'HOT-TIER RESULT'
}

median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p"; }

results="$(mktemp -d)"
if (( warmup > 0 )); then
  echo "warm-up (${warmup} s, not counted): $(hot_tier "$warmup")"
fi
for run in $(seq "$runs"); do
  hot_tier "$duration" | tee -a "$results/hot"
done
settle="${SETTLE:-300}"
for (( waited = 0; waited < settle; waited += 5 )); do
  [[ "$(psql -Atc "select count(*) from bookings where status = 'PENDING'")" == 0 ]] && break
  sleep 5
done
echo "bookings paid after ${waited} s"
for run in $(seq "$runs"); do
  wrk -t"$threads" -c"$connections" -d"$duration"s --latency -s "$here/catalog.lua" "$base/api/concerts" \
    | grep 'CATALOG RESULT' | tee -a "$results/catalog"
done
echo "MEDIANS hot tier: accepted/s $(field accepted_per_s < "$results/hot" | median)," \
     "p50 $(field p50_ms < "$results/hot" | median) ms, p99 $(field p99_ms < "$results/hot" | median) ms;" \
     "catalog: $(field requests_per_s < "$results/catalog" | median) req/s, p99 $(field p99_ms < "$results/catalog" | median) ms"
if grep -q ' other=[1-9]\| errors=[1-9]\| non_2xx=[1-9]' "$results/hot" "$results/catalog"; then
  echo "FAILED: answers other than 201 / 409 sold-out / 200, or socket errors (above)" >&2
  exit 1
fi
