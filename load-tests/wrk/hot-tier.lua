-- wrk script: every request books 1 ticket of one tier with a key of its own (TIER, PRICE, CURRENCY from
-- the environment). Counts 201s, 409 sold-outs and anything else; front-door.sh reads the last line.
local tier = os.getenv("TIER")
local price = os.getenv("PRICE") or "10.00"
local currency = os.getenv("CURRENCY") or "USD"
local threads = {}
local counter = 0
local prefix

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  prefix = string.format("wrk-%d-%d-%d-", os.time(), id, math.random(1, 1000000000))
  created, soldout, other = 0, 0, 0
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"ticketTierId":"%s","userEmail":"fan%d.%d@example.com","quantity":1,"totalPrice":%s,"currency":"%s"}',
    tier, id, counter % 1000, price, currency)
  return wrk.format("POST", "/api/bookings", {
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = prefix .. counter,
  }, body)
end

function response(status, headers, body)
  if status == 201 then created = created + 1
  elseif status == 409 then soldout = soldout + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local c, s, o = 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created"); s = s + t:get("soldout"); o = o + t:get("other")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "HOT-TIER RESULT accepted_per_s=%.1f created=%d sold_out=%d other=%d errors=%d p50_ms=%.1f p99_ms=%.1f seconds=%.1f\n",
    c / seconds, c, s, o, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, seconds))
end
