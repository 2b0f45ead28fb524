#!/usr/bin/env bash
# The front door under wrk, a light C client (apt install wrk; curl and jq for the organizer API), against the running local stack:
#   1. hot tier: CONNECTIONS (64) connections book 1 ticket each, back to back, for DURATION s on one
#      fresh tier of TICKETS (1,000,000) tickets, each request with a key of its own;
#   2. catalog: CONNECTIONS connections read GET /api/concerts for DURATION s.
# Each RUNS (3) times, then the medians. A fresh tier per hot-tier run (a concert created and published
# through the organizer API, so it is rerunnable), a WARMUP (60) s hot-tier run first that is not counted (the JIT compilers of a fresh booking-api take a good share of the 2 cores for its first minute under load: runs after a 15 s warm-up went 366 → 610 → 926 accepted/s).
# The catalog runs wait (at most SETTLE, 300 s) until the hot-tier bookings are paid: the reads
# would otherwise share the 2 cores with charging, mailing and projecting some 50,000 bookings.
#
# Usage: load-tests/wrk/front-door.sh     (BASE_URL=http://127.0.0.1:8080 THREADS=2,
#   ORGANIZER_USER=organizer ORGANIZER_PASSWORD=organizer, and the PG* variables for the read-only checks)
set -euo pipefail
shopt -s inherit_errexit # a concert the API refused stops the script, also inside $(...)

here="$(cd "$(dirname "$0")" && pwd)"
base="${BASE_URL:-http://127.0.0.1:8080}"
connections="${CONNECTIONS:-64}"
threads="${THREADS:-2}"
duration="${DURATION:-30}"
runs="${RUNS:-3}"
warmup="${WARMUP:-60}"
tickets="${TICKETS:-1000000}"
organizer="${ORGANIZER_USER:-organizer}:${ORGANIZER_PASSWORD:-organizer}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-15432}" PGUSER="${PGUSER:-postgres}"
export PGPASSWORD="${PGPASSWORD:-postgres}" PGDATABASE="${PGDATABASE:-booking_api}"

# a published concert 30 days ahead with one tier of $tickets tickets at 10.00 USD; prints the tier's id
fresh_tier() {
  local key date created concert
  key="front-door-$(cat /proc/sys/kernel/random/uuid)"
  date="$(date -u -d '+30 days' +%Y-%m-%dT%H:%M:%SZ)"
  # --retry with the same Idempotency-Key: a retry after a lost answer gets the first concert back
  created="$(curl -sS --fail-with-body --retry 3 -u "$organizer" "$base/api/organizer/concerts" \
    -H 'Content-Type: application/json' -H "Idempotency-Key: $key" \
    -d "{\"name\":\"Hot tier benchmark ${key:11:8}\",\"description\":\"benchmark\",\"location\":\"Bench Hall\",
         \"timeZone\":\"UTC\",\"date\":\"$date\",
         \"ticketTiers\":[{\"name\":\"General\",\"price\":10.00,\"currency\":\"USD\",\"totalQuantity\":$tickets}]}")"
  concert="$(jq -er '.concert.id' <<<"$created")"
  curl -sS --fail-with-body --retry 3 -u "$organizer" -X POST "$base/api/organizer/concerts/$concert/publish" >/dev/null
  jq -er '.concert.ticketTiers[0].id' <<<"$created"
}

hot_tier() { # seconds
  local tier
  tier="$(fresh_tier)"
  TIER="$tier" wrk -t"$threads" -c"$connections" -d"$1"s --latency -s "$here/hot-tier.lua" "$base" \
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
