#!/usr/bin/env bash
# Startup to ready of booking-api in JVM mode (issue 7's "< 3 s"), against the running local stack
# (./mvnw package -DskipTests -Prun): starts one more booking-api replica RUNS times on PORT (its
# management interface on MANAGEMENT_PORT, profile local), each time measuring from the launch of
# the JVM to the first 200 from the management port's /q/health/ready (database,
# Kafka and Redis connected, migrations checked), then stops it. Prints each run and the median.
#
#   load-tests/startup.sh                      # RUNS=5 PORT=8090 MANAGEMENT_PORT=9090
#   JAVA_OPTS="-XX:TieredStopAtLevel=1" load-tests/startup.sh
#
# The replica joins the stack like a scaled-out one would: it shares the database, Redis and
# Kafka, stands by as outbox relay (the running replica holds the leader lock) and joins the
# payment-outcome consumer group. If booking-api/target/quarkus-app/app-cds.jsa exists (built with
# -Dquarkus.package.jar.appcds.enabled=true) it is used, as in the container image.
set -uo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${RUNS:-5}"
port="${PORT:-8090}"
management_port="${MANAGEMENT_PORT:-9090}"
app="$root/booking-api/target/quarkus-app"
java_opts="${JAVA_OPTS:-}"
if [[ -f "$app/app-cds.jsa" ]]; then
    java_opts="$java_opts -XX:SharedArchiveFile=$app/app-cds.jsa"
fi
if ! curl -fsS -o /dev/null "http://127.0.0.1:9080/q/health/ready"; then
    echo "no local stack on 127.0.0.1:8080: start it first (./mvnw package -DskipTests -Prun)" >&2
    exit 2
fi
out="$root/load-tests/target/startup-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"

results=()
for i in $(seq "$runs"); do
    start_ns=$(date +%s%N)
    # shellcheck disable=SC2086
    BOOKING_DB_URL=jdbc:postgresql://127.0.0.1:15432/booking_api BOOKING_DB_USER=postgres BOOKING_DB_PASSWORD=postgres \
        REDIS_URL=redis://127.0.0.1:16379 KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:19092 PORT="$port" \
        MANAGEMENT_PORT="$management_port" QUARKUS_PROFILE=local HTTP_HOST=127.0.0.1 MANAGEMENT_HOST=127.0.0.1 \
        java -Xmx512m $java_opts -jar "$app/quarkus-run.jar" > "$out/run-$i.log" 2>&1 &
    pid=$!
    ready=""
    for _ in $(seq 1200); do
        if curl -fsS -o /dev/null "http://127.0.0.1:$management_port/q/health/ready" 2>/dev/null; then
            ready=$(( ($(date +%s%N) - start_ns) / 1000000 ))
            break
        fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
    done
    started="$(sed -n 's/.*started in \([0-9.]*\)s.*/\1/p' "$out/run-$i.log" | head -1)"
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    echo "run $i: ready after ${ready:-never} ms (Quarkus 'started in' ${started:-?} s)"
    [[ -n "$ready" ]] && results+=("$ready")
    sleep 3
done
median="$(printf '%s\n' "${results[@]}" | sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "-" }')"
echo "STARTUP RESULT ready_ms_median=$median runs=${#results[@]} java_opts=\"${java_opts# }\""
