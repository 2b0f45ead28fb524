-- wrk script: GET /api/concerts; prints one summary line for front-door.sh.
function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("CATALOG RESULT requests_per_s=%.0f non_2xx=%d errors=%d p50_ms=%.2f p99_ms=%.2f seconds=%.1f\n",
    summary.requests / seconds, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, seconds))
end
