#!/usr/bin/env bash
# Launch to ready of one service's quarkus-run.jar against infrastructure that is already running
# (./mvnw -B -o package -DskipTests -Prun -Dlocal.args=--infra-only, or the full stack): starts the
# jar RUNS times with the local stack's environment (profile local, the stack's database, Redis and
# Kafka, -Xmx512m), each time measuring from the launch of the JVM to the first 200 from the
# management port's /q/health/ready (database, Kafka and Redis connected, migrations checked), then
# stops it. Prints each run and the median.
#
#   load-tests/startup.sh                                   # booking-api, RUNS=3 PORT=8090 MANAGEMENT_PORT=9090
#   MODULE=payment-worker RUNS=1 load-tests/startup.sh      # or notification-worker, analytics-projector
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java load-tests/startup.sh
#   JAVA_OPTS="-XX:TieredStopAtLevel=1" load-tests/startup.sh
#   AOT=none load-tests/startup.sh                          # ignore the AOT cache / CDS archive (before/after)
#
# Ports of its own (8090/9090) so it runs beside a full stack too, where it joins like a scaled-out
# replica (stand-by relay, same consumer groups). The jar's own start-up archive is used when the JVM
# can use it: target/quarkus-app/app.aot (JDK 25 AOT cache, built by load-tests/aot-train.sh) with a
# JDK 25, app-cds.jsa (AppCDS, -Dquarkus.package.jar.appcds.enabled=true) with a JDK 17.
# WARMUP=1 (default) makes one start that is not counted: after a --reset it applies the migrations
# and seeds the demo data, which later starts only check.
set -uo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
module="${MODULE:-booking-api}"
runs="${RUNS:-3}"
warmup="${WARMUP:-1}"
port="${PORT:-8090}"
management_port="${MANAGEMENT_PORT:-9090}"
java="${JAVA:-java}"
aot="${AOT:-auto}"
db_host="${DB_HOST_PORT:-127.0.0.1:15432}"
app="$root/$module/target/quarkus-app"
java_opts="-Xmx512m ${JAVA_OPTS:-}"
[[ -f "$app/quarkus-run.jar" ]] || { echo "$app/quarkus-run.jar not built" >&2; exit 2; }

feature="$("$java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)"
if [[ "$aot" == auto ]]; then
    if [[ "$feature" -ge 25 && -f "$app/app.aot" ]]; then
        java_opts="$java_opts -XX:AOTCache=$app/app.aot"
    elif [[ -f "$app/app-cds.jsa" && "$feature" -lt 25 ]]; then
        java_opts="$java_opts -XX:SharedArchiveFile=$app/app-cds.jsa"
    fi
fi
if ! (exec 3<>"/dev/tcp/${db_host%:*}/${db_host#*:}") 2>/dev/null; then
    echo "no PostgreSQL on $db_host: start the infrastructure first (./mvnw -B -o package -DskipTests -Prun -Dlocal.args=--infra-only)" >&2
    exit 2
fi

# shellcheck source=service-env.sh
source "$root/load-tests/service-env.sh"
env_words="$(service_env)" || exit 2

out="$root/load-tests/target/startup-$module-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"

# One start: prints the milliseconds from launch to ready, or nothing if it never got ready.
start_once() {
    local log="$1" start_ns pid
    start_ns=$(date +%s%N)
    # shellcheck disable=SC2086
    env $env_words "$java" $java_opts -jar "$app/quarkus-run.jar" > "$log" 2>&1 &
    pid=$!
    for _ in $(seq 2400); do
        if curl -fsS -o /dev/null "http://127.0.0.1:$management_port/q/health/ready" 2>/dev/null; then
            echo $(( ($(date +%s%N) - start_ns) / 1000000 ))
            break
        fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
    done
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
}

if [[ "$warmup" -gt 0 ]]; then
    echo "warm-up start (not counted): ready after $(start_once "$out/warmup.log") ms"
    sleep 3
fi
results=()
for i in $(seq "$runs"); do
    ready="$(start_once "$out/run-$i.log")"
    started="$(sed -n 's/.*started in \([0-9.]*\)s.*/\1/p' "$out/run-$i.log" | head -1)"
    echo "run $i: ready after ${ready:-never} ms (Quarkus 'started in' ${started:-?} s)"
    [[ -n "$ready" ]] && results+=("$ready")
    sleep 3
done
median="$(printf '%s\n' "${results[@]}" | sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "-" }')"
echo "STARTUP RESULT module=$module ready_ms_median=$median runs=${#results[@]} java=$java (JDK $feature) java_opts=\"$java_opts\" logs=$out"
