#!/usr/bin/env bash
# The issue-7 benchmark against a running local stack (./mvnw package -DskipTests -Prun, started
# with BOOKING_RATE_LIMIT_ENABLED=false): RUNS x the pgbench hot-row baseline, RUNS x the Gatling
# on-sale (each on a fresh tier of its own, so this can be rerun as often as wanted) and RUNS x
# browse, then a summary of medians. About 15 minutes with the defaults.
#
# Before the measured on-sales, one WARMUP-second on-sale (default 20, 0 for none) runs unmeasured:
# right after start the JVMs' JIT compilers take ~40 % of booking-api's CPU (async-profiler), so a
# first run measures compilation, not the service. Its result is printed, marked as warm-up.
# After the measured runs, runs at a demand the system can carry, for the latency a person sees
# (the closed crowd's latency is crowd / throughput by Little's law): the same USERS buyers, each
# pausing about ONSALE_THINK_MS (default 1000, 0 to skip) after every answer; OPEN_RATE new buyers
# per second (default 60, 0 to skip), one booking each; and browse with BROWSE_THINK_MS (default
# 100) of reading time per visit. Each of these starts with WARMUP_IN_RUN seconds (default 15) of the
# same load, reported apart from what is measured (on-sales: on a warm-up tier of their own).
#
#   load-tests/bench.sh                  # from the project root or anywhere
#   RUNS=3 DURATION=60 PGBENCH_DURATION=30 PGBENCH_CLIENTS=256 USERS=256 BROWSE_USERS=64 TIER_TOTAL=60000 \
#   BASE_URL=http://127.0.0.1:8080 load-tests/bench.sh
#
# Every run's full output stays in load-tests/target/bench-<time>/; the Gatling HTML reports are in
# load-tests/target/gatling/. A run whose Gatling assertions or database checks fail is reported as
# FAILED in the summary (its numbers still count: they are what the system did) and the script
# exits non-zero.
set -uo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${RUNS:-3}"
duration="${DURATION:-60}"
pgbench_duration="${PGBENCH_DURATION:-30}"
pgbench_clients="${PGBENCH_CLIENTS:-256}"
users="${USERS:-256}"
browse_users="${BROWSE_USERS:-64}"
tier_total="${TIER_TOTAL:-60000}"
warmup_in_run="${WARMUP_IN_RUN:-${BROWSE_WARMUP:-15}}"
base_url="${BASE_URL:-http://127.0.0.1:8080}"
# booking-api's management interface (health, metrics): the local stack puts it on 9080
management_url="${MANAGEMENT_URL:-http://127.0.0.1:9080}"
out="$root/load-tests/target/bench-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
failures=0

if ! curl -fsS -o /dev/null "$base_url/api/health"; then
    echo "no booking-api at $base_url: start the local stack first (see docs/benchmarks.md)" >&2
    exit 2
fi

# median of the numbers on stdin, one per line ("-" when there is none)
median() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2];
                                          else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# the value of key=value in a line
field() {
    sed -n "s/.*[ ]$1=\([^ ]*\).*/\1/p"
}

gatling() {
    local simulation="$1" log="$2"
    shift 2
    (cd "$root" && ./mvnw -B -pl load-tests gatling:test \
        -Dgatling.simulationClass="com.tickets.load.gatling.$simulation" -DbaseUrl="$base_url" "$@") > "$log" 2>&1
}

# prints "  <result line> [ok|FAILED]" and counts failures (in this shell, not a subshell)
report() {
    local result="$1" status="$2" log="$3"
    if [[ "$status" == 0 ]]; then
        echo "  $result [ok]"
    else
        failures=$((failures + 1))
        echo "  $result [FAILED, see $log]"
    fi
}

echo "results in $out"
for i in $(seq "$runs"); do
    echo "pgbench hot row, run $i of $runs (${pgbench_duration} s)"
    CLIENTS="$pgbench_clients" DURATION="$pgbench_duration" "$root/load-tests/pgbench/hot-row.sh" > "$out/pgbench-$i.log" 2>&1
    status=$?
    report "$(grep '^PGBENCH RESULT' "$out/pgbench-$i.log" || echo 'no result')" $status "$out/pgbench-$i.log"
done
# booking-api's heap in use (bytes, all heap pools), from its Prometheus metrics
heap_used() {
    curl -fsS "$management_url/q/metrics" 2>/dev/null \
        | awk '/^jvm_memory_used_bytes\{area="heap"/ { sum += $NF } END { printf "%d\n", sum }'
}

# Each on-sale leaves thousands of bookings for the payment worker to charge (and mails, analytics);
# the next run starts once they are done (PENDING = 0), up to SETTLE seconds, so that every run
# measures the same thing: a crowd arriving at a quiet system.
settle() {
    local pending waited=0
    while (( waited < ${SETTLE:-300} )); do
        pending="$(PGPASSWORD="${DB_PASSWORD:-postgres}" psql -h 127.0.0.1 -p "${DB_PORT:-15432}" -U postgres -d booking_api \
            -Atc "select count(*) from bookings where status = 'PENDING'" 2>/dev/null || echo '?')"
        [[ "$pending" == 0 || "$pending" == '?' ]] && break
        sleep 5
        waited=$((waited + 5))
    done
    echo "  (waited ${waited} s for the previous run's bookings to be paid; ${pending:-?} still pending)"
}

if (( ${WARMUP:-20} > 0 )); then
    echo "on-sale warm-up (${users} buyers, ${WARMUP:-20} s, not counted)"
    gatling OnSaleSimulation "$out/warmup.log" -Dusers="$users" -Dduration="${WARMUP:-20}" -DtierTotal="$tier_total"
    echo "  warm-up: $(grep '^ON-SALE RESULT' "$out/warmup.log" || echo 'no result')"
fi
for i in $(seq "$runs"); do
    settle
    echo "on-sale, run $i of $runs (${users} buyers, up to ${duration} s or sold out)"
    # beside the load: a downstream consumer timing commit -> Kafka -> consumer, and booking-api's heap
    (cd "$root" && ./mvnw -B -q -pl load-tests package -Ppipeline-latency \
        -Dpipeline.args="--seconds=$((duration + 40))") > "$out/pipeline-$i.log" 2>&1 &
    pipeline_pid=$!
    (while sleep 2; do heap_used; done) > "$out/heap-$i.log" 2>/dev/null &
    heap_pid=$!
    gatling OnSaleSimulation "$out/on-sale-$i.log" -Dusers="$users" -Dduration="$duration" -DtierTotal="$tier_total"
    status=$?
    kill "$heap_pid" 2>/dev/null
    report "$(grep '^ON-SALE RESULT' "$out/on-sale-$i.log" || echo 'no result')" $status "$out/on-sale-$i.log"
    wait "$pipeline_pid"
    echo "  $(grep '^pipeline' "$out/pipeline-$i.log" || echo 'pipeline: no result')"
    heap_max="$(sort -n "$out/heap-$i.log" | tail -1)"
    echo "HEAP RESULT max_used_mib=$(( ${heap_max:-0} / 1048576 ))" | tee -a "$out/heap-$i.log" | sed 's/^/  /'
done
# runs BrowseSimulation into LOG and reports "LABEL p99_ms=… p99_all_ms=… rps=…": p99_ms is the
# higher of the two pages' p99 after WARMUP_IN_RUN seconds of the same load (printed by
# the simulation's "measured / GET …" assertions), p99_all_ms and rps come from Gatling's global
# summary, warm-up included
browse() {
    local label="$1" log="$2" status p99 p99_all rps
    shift 2
    gatling BrowseSimulation "$log" -Dusers="$browse_users" -Dduration="$duration" -DwarmUpSeconds="$warmup_in_run" "$@"
    status=$?
    p99="$(sed -n 's/^measured \/ GET .*99th percentile.*(actual : \([0-9.]*\)).*/\1/p' "$log" | sort -g | tail -1)"
    p99_all="$(grep 'response time 99th percentile' "$log" | tail -1 | awk -F'|' '{ gsub(/[ ,]/, "", $2); print $2 }')"
    rps="$(grep 'mean throughput' "$log" | tail -1 | awk -F'|' '{ gsub(/[ ,]/, "", $2); print $2 }')"
    echo "$label p99_ms=${p99:-?} p99_all_ms=${p99_all:-?} rps=${rps:-?}" >> "$log"
    report "$label p99_ms=${p99:-?} p99_all_ms=${p99_all:-?} rps=${rps:-?}" $status "$log"
}

settle
for i in $(seq "$runs"); do
    echo "browse, run $i of $runs (${browse_users} clients, ${duration} s)"
    browse "BROWSE RESULT" "$out/browse-$i.log"
done
onsale_think="${ONSALE_THINK_MS:-1000}"
if (( onsale_think > 0 )); then
    settle
    echo "on-sale, ${users} buyers pausing ~${onsale_think} ms after each answer, ${duration} s (after ${warmup_in_run} s of warm-up)"
    gatling OnSaleSimulation "$out/on-sale-think.log" -Dusers="$users" -DthinkMillis="$onsale_think" -Dduration="$duration" \
        -DtierTotal="$tier_total" -DwarmUpSeconds="$warmup_in_run"
    status=$?
    report "$(grep '^ON-SALE RESULT' "$out/on-sale-think.log" || echo 'no result')" $status "$out/on-sale-think.log"
fi
open_rate="${OPEN_RATE:-60}"
if (( open_rate > 0 )); then
    settle
    echo "on-sale at a carried demand: ${open_rate} new buyers per second for ${duration} s (open model, after ${warmup_in_run} s of warm-up)"
    gatling OnSaleSimulation "$out/on-sale-open.log" -DarrivalRate="$open_rate" -Dduration="$duration" -DtierTotal="$tier_total" \
        -DwarmUpSeconds="$warmup_in_run"
    status=$?
    report "$(grep '^ON-SALE RESULT' "$out/on-sale-open.log" || echo 'no result')" $status "$out/on-sale-open.log"
fi
think="${BROWSE_THINK_MS:-100}"
if (( think > 0 )); then
    settle
    echo "browse with reading time: ${browse_users} clients, ${think} ms per visit, ${duration} s"
    browse "BROWSE THINK RESULT" "$out/browse-think.log" -DthinkMillis="$think"
fi

tps="$(cat "$out"/pgbench-*.log | grep '^PGBENCH RESULT' | field tps | median)"
bookings="$(cat "$out"/on-sale-[0-9]*.log | grep '^ON-SALE RESULT' | field bookings_per_s | median)"
post_p99="$(cat "$out"/on-sale-[0-9]*.log | grep '^ON-SALE RESULT' | field post_p99_ms | median)"
browse_p99="$(cat "$out"/browse-*.log | grep '^BROWSE RESULT' | field p99_ms | median)"
browse_rps="$(cat "$out"/browse-*.log | grep '^BROWSE RESULT' | field rps | median)"
pipeline_p95="$(cat "$out"/pipeline-*.log | grep '^pipeline' | sed -n 's/.* p95=\([0-9]*\) ms.*/\1/p' | median)"
backlog="$(cat "$out"/pipeline-*.log | grep '^pipeline' | sed -n 's/.*worst: \([0-9]*\) rows.*/\1/p' | median)"
heap="$(cat "$out"/heap-*.log | grep '^HEAP RESULT' | field max_used_mib | median)"
think_line="$(grep -h '^ON-SALE RESULT' "$out/on-sale-think.log" 2>/dev/null)"
onsale_think_p99="$(echo "$think_line" | field post_p99_ms)"
onsale_think_rate="$(echo "$think_line" | field bookings_per_s)"
open_line="$(grep -h '^ON-SALE RESULT' "$out/on-sale-open.log" 2>/dev/null)"
open_p99="$(echo "$open_line" | field post_p99_ms)"
open_rate_done="$(echo "$open_line" | field bookings_per_s)"
think_p99="$(grep -h '^BROWSE THINK RESULT' "$out/browse-think.log" 2>/dev/null | field p99_ms)"
think_rps="$(grep -h '^BROWSE THINK RESULT' "$out/browse-think.log" 2>/dev/null | field rps)"
ratio="$(awk -v b="$bookings" -v t="$tps" 'BEGIN { if (t + 0 > 0 && b != "-") printf "%.3f", b / t; else print "-" }')"

{
    echo
    echo "== summary: medians of $runs runs ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores) =="
    printf '%-52s %s\n' \
        "pgbench hot row tps (${pgbench_clients} clients, ${pgbench_duration} s)" "$tps" \
        "on-sale bookings/s (${users} buyers, <= ${duration} s)" "$bookings" \
        "on-sale POST /api/bookings p99 (ms)" "$post_p99" \
        "bookings/s / pgbench tps" "$ratio" \
        "commit -> Kafka -> consumer p95 (ms, during on-sale)" "$pipeline_p95" \
        "worst outbox backlog (rows, during on-sale)" "$backlog" \
        "booking-api heap used, max (MiB, during on-sale)" "$heap" \
        "browse p99 (ms, ${browse_users} clients)" "$browse_p99" \
        "browse requests/s" "$browse_rps" \
        "on-sale p99, ${users} buyers ~${ONSALE_THINK_MS:-1000} ms think (ms; bookings/s)" "${onsale_think_p99:--}; ${onsale_think_rate:--}" \
        "on-sale p99 at ${OPEN_RATE:-60} buyers/s, open (ms; bookings/s)" "${open_p99:--}; ${open_rate_done:--}" \
        "browse p99 with ${BROWSE_THINK_MS:-100} ms reading (ms; req/s)" "${think_p99:--}; ${think_rps:--}" \
        "runs failed" "$failures"
} | tee "$out/summary.txt"
exit $(( failures > 0 ? 1 : 0 ))
