#!/usr/bin/env bash
# Builds a service's JDK 25 AOT cache (JEP 483/514: classes loaded and linked, method profiles) with
# one training run: the jar is started with -XX:AOTCacheOutput against running infrastructure (the
# local stack's environment, as load-tests/startup.sh), asked for its readiness, the catalogue and the
# web page, then stopped; the JVM writes target/quarkus-app/app.aot when it exits.
#
#   load-tests/aot-train.sh                                 # booking-api, with /usr/lib/jvm/temurin-25-jdk-amd64
#   MODULE=payment-worker load-tests/aot-train.sh
#
# Why a script and not quarkus.package.jar.aot.enabled: the build runs on JDK 17, which cannot record
# an AOT cache (Quarkus then falls back to AppCDS), and a training run needs PostgreSQL, Redis and
# Kafka to reach ready. The cache is only valid for the very JDK build and jar that recorded it; any
# other JVM or a rebuilt jar ignores it with a warning and starts as before (-XX:AOTMode=auto), so a
# stale cache costs the gain, never correctness. Rebuild it after every package. The local stack on
# JDK 25 records its own caches (its first start after a build is the training run: ServiceJvm); this
# script records one the same way every time, for the startup benchmark (startup.sh).
set -uo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
module="${MODULE:-booking-api}"
java="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
app="$root/$module/target/quarkus-app"
port="${PORT:-8090}"
management_port="${MANAGEMENT_PORT:-9090}"
db_host="${DB_HOST_PORT:-127.0.0.1:15432}"
[[ -f "$app/quarkus-run.jar" ]] || { echo "$app/quarkus-run.jar not built" >&2; exit 2; }
feature="$("$java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)"
[[ "${feature:-0}" -ge 25 ]] || { echo "$java is JDK ${feature:-?}: the AOT cache needs JDK 25 (JAVA=...)" >&2; exit 2; }

# shellcheck source=service-env.sh
source "$root/load-tests/service-env.sh"
env_words="$(service_env)" || exit 2

rm -f "$app/app.aot"
log="$root/$module/target/aot-train.log"
# shellcheck disable=SC2086
env $env_words "$java" -Xmx512m -XX:AOTCacheOutput="$app/app.aot" -jar "$app/quarkus-run.jar" > "$log" 2>&1 &
pid=$!
ready=""
for _ in $(seq 2400); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$management_port/q/health/ready" 2>/dev/null; then ready=1; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
if [[ -n "$ready" && "$module" == booking-api ]]; then
    # the first requests a buyer makes, so their classes are in the cache too
    curl -fsS -o /dev/null "http://127.0.0.1:$port/api/concerts"
    curl -fsS -o /dev/null "http://127.0.0.1:$port/"
fi
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
if [[ -n "$ready" && -f "$app/app.aot" ]]; then
    echo "AOT cache $app/app.aot ($(du -h "$app/app.aot" | cut -f1)), for $("$java" -version 2>&1 | sed -n 2p)"
else
    echo "training run failed, see $log" >&2
    exit 1
fi
